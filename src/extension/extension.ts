import * as vscode from 'vscode';
import { ASSESS_WORKSPACE, assessWorkspace } from './commands/assessWorkspace';
import { DocumentDiagnostics, SOURCE } from './diagnostics';
import * as codeActions from './features/codeActions';
import * as convert from './features/convert';
import * as inventory from './features/inventory';
import * as report from './features/report';
import type { FeatureContext } from './features/types';
import * as units from './features/units';
import type { WorkspaceScan } from './workspaceScan';

/** Wiring only: register providers and commands; no analysis happens here. */
export function activate(context: vscode.ExtensionContext): { lastScan(): WorkspaceScan | undefined } {
  const collection = vscode.languages.createDiagnosticCollection(SOURCE);
  const docs = new DocumentDiagnostics(collection);
  const scanned = new vscode.EventEmitter<WorkspaceScan>();
  let last: WorkspaceScan | undefined;
  const run = async () => {
    const scan = await assessWorkspace(collection, context.storageUri);
    if (scan) {
      last = scan;
      scanned.fire(scan);
    }
    return scan;
  };
  context.subscriptions.push(
    collection,
    docs,
    scanned,
    vscode.commands.registerCommand(ASSESS_WORKSPACE, async () => (await run())?.result),
  );
  const feature: FeatureContext = { context, collection, assessWorkspace: run, lastScan: () => last, analysisOf: (doc) => docs.analysisOf(doc), onDidScan: scanned.event };
  for (const f of [codeActions, units, report, convert, inventory]) f.register(feature);
  // Documents already open when we activate are analysed on the next tick, off the activation path.
  setTimeout(() => docs.refreshAll(), 0);
  return { lastScan: () => last };
}

export function deactivate(): void {}
