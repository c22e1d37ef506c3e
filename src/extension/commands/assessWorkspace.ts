import * as vscode from 'vscode';
import type { Finding } from '../../core/types';
import { toDiagnostic } from '../diagnostics';
import { scanWorkspace, type WorkspaceScan } from '../workspaceScan';
import { CommandId } from '../ids';

export const ASSESS_WORKSPACE = CommandId.AssessWorkspace;

/** Scans the whole workspace with a cancellable progress notification and fills the Problems panel. */
/** Files the last scan put diagnostics on, so the next one clears those that are clean now. */
let marked = new Set<string>();

export async function assessWorkspace(collection: vscode.DiagnosticCollection, storage?: vscode.Uri, onResult?: (scan: WorkspaceScan) => void): Promise<WorkspaceScan | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showWarningMessage('LambdaShift: open a folder first; Assess Workspace scans the files of the open workspace.');
    return undefined;
  }
  const scan = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'LambdaShift: assessing workspace', cancellable: true },
    (progress, token) => scanWorkspace(progress, token, storage),
  );
  if (!scan) {
    void vscode.window.setStatusBarMessage('LambdaShift: assessment cancelled', 4000);
    return undefined;
  }
  const byFile = new Map<string, Finding[]>();
  for (const f of scan.result.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const now = new Set<string>();
  for (const [rel, uri] of scan.uris) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    collection.set(uri, (byFile.get(rel) ?? []).map((f) => toDiagnostic(f, doc)));
    now.add(uri.toString());
  }
  // Clean now: files of the last scan that have nothing this time (open documents keep their live analysis).
  for (const key of marked) {
    if (now.has(key) || vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) continue;
    collection.delete(vscode.Uri.parse(key));
  }
  marked = now;
  const { findings, units, errors } = scan.result;
  const blockers = findings.filter((f) => f.severity === 'error').length;
  const msg = `LambdaShift: ${units.length} units, ${findings.length} findings (${blockers} errors) in ${scan.result.stats.analyzed} files${errors.length ? `; ${errors.length} files could not be read` : ''}.`;
  void vscode.window.showInformationMessage(msg, 'Show Problems').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  onResult?.(scan);
  return scan;
}
