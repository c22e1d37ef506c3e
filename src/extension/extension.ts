import * as vscode from 'vscode';
import { ASSESS_WORKSPACE, assessWorkspace } from './commands/assessWorkspace';
import { DocumentDiagnostics, SOURCE } from './diagnostics';

/** Wiring only: register providers and commands; no analysis happens here. */
export function activate(context: vscode.ExtensionContext): { lastScan?: unknown } {
  const api: { lastScan?: unknown } = {};
  const collection = vscode.languages.createDiagnosticCollection(SOURCE);
  const docs = new DocumentDiagnostics(collection);
  context.subscriptions.push(
    collection,
    docs,
    vscode.commands.registerCommand(ASSESS_WORKSPACE, async () => {
      const scan = await assessWorkspace(collection);
      if (scan) api.lastScan = scan.result;
      return scan?.result;
    }),
  );
  // Documents already open when we activate are analysed on the next tick, off the activation path.
  setTimeout(() => docs.refreshAll(), 0);
  return api;
}

export function deactivate(): void {}
