import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { Finding, Unit } from '../../core/types';
import { relatedUnits, toDiagnostic } from '../diagnostics';
import { scanWorkspace, type WorkspaceScan } from '../workspaceScan';
import { CommandId } from '../ids';
import { log } from '../log';
import { readSettings } from '../settings';

export const ASSESS_WORKSPACE = CommandId.AssessWorkspace;

/** Files the last scan put diagnostics on, so the next one clears those that are clean now. */
let marked = new Set<string>();

/** How many unreadable files the summary names before it points at the log. */
const NAMED_ERRORS = 3;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The summary after a scan: what was found (in the chosen direction) and which files could not be read, and why. */
function summaryMessage(scan: WorkspaceScan, direction: string): string {
  const { findings, units, errors, stats } = scan.result;
  const blockers = findings.filter((f) => f.severity === 'error').length;
  const dir = direction === 'auto' ? '' : ` (${direction})`;
  let msg = `LambdaShift: ${plural(units.length, 'unit')}, ${plural(findings.length, 'finding')} (${plural(blockers, 'error')})${dir} in ${plural(stats.analyzed, 'file')}`;
  if (errors.length) {
    // A file can have several errors (a parse error and a crashed rule); name each file once, with its first reason.
    const byFile = new Map<string, string>();
    for (const e of errors) if (!byFile.has(e.file)) byFile.set(e.file, e.message.replace(/\.\s.*$/, '').replace(/\.$/, ''));
    const named = [...byFile].slice(0, NAMED_ERRORS).map(([file, why]) => `${file} (${why})`);
    const more = byFile.size - named.length;
    msg += `; ${plural(byFile.size, 'file')} could not be read: ${named.join(', ')}${more ? ` and ${more} more (see the LambdaShift output)` : ''}`;
  }
  return `${msg}.`;
}

/** Scans the whole workspace with a cancellable progress notification and fills the Problems panel. */
export async function assessWorkspace(
  collection: vscode.DiagnosticCollection,
  storage?: vscode.Uri,
  onResult?: (scan: WorkspaceScan) => void,
): Promise<WorkspaceScan | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showWarningMessage('LambdaShift: open a folder first; Assess Workspace scans the files of the open workspace.');
    return undefined;
  }
  let scan: WorkspaceScan | undefined;
  try {
    scan = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'LambdaShift: assessing workspace', cancellable: true },
      (progress, token) => scanWorkspace(progress, token, storage),
    );
  } catch (e) {
    log().error(`The assessment failed: ${(e as Error).stack ?? String(e)}`);
    void vscode.window.showErrorMessage(`LambdaShift: the assessment failed: ${(e as Error).message}`, 'Show Log').then((c) => c && log().show());
    return undefined;
  }
  if (!scan) {
    log().info('Assessment cancelled.');
    void vscode.window.setStatusBarMessage('LambdaShift: assessment cancelled', 4000);
    return undefined;
  }
  const byFile = new Map<string, Finding[]>();
  for (const f of scan.result.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const unitsByFile = new Map<string, Unit[]>();
  for (const u of scan.result.units) unitsByFile.set(u.file, [...(unitsByFile.get(u.file) ?? []), u]);
  const now = new Set<string>();
  for (const [rel, uri] of scan.uris) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    collection.set(
      uri,
      (byFile.get(rel) ?? []).map((f) => toDiagnostic(f, doc, relatedUnits(f, uri, unitsByFile.get(rel) ?? []))),
    );
    now.add(uri.toString());
  }
  // Clean now: files of the last scan that have nothing this time. Open documents keep their live analysis, unless
  // the file is gone from disk (deleted or moved) and nothing unsaved is left of it.
  for (const key of marked) {
    if (now.has(key)) continue;
    const uri = vscode.Uri.parse(key);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (open && (open.isDirty || uri.scheme !== 'file' || existsSync(uri.fsPath))) continue;
    collection.delete(uri);
  }
  marked = now;
  const msg = summaryMessage(scan, readSettings().direction);
  log().info(msg);
  const actions = scan.result.errors.length ? ['Show Problems', 'Show Log'] : ['Show Problems'];
  void vscode.window.showInformationMessage(msg, ...actions).then((choice) => {
    if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
    else if (choice === 'Show Log') log().show();
  });
  onResult?.(scan);
  return scan;
}
