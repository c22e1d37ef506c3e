import path from 'node:path';
import * as vscode from 'vscode';
import { setCodeCacheDir } from '../node/analyzer';
import { ASSESS_WORKSPACE, assessWorkspace } from './commands/assessWorkspace';
import { DocumentDiagnostics, SOURCE } from './diagnostics';
import * as codeActions from './features/codeActions';
import * as convert from './features/convert';
import * as inventory from './features/inventory';
import * as report from './features/report';
import * as ruleDocs from './features/ruleDocs';
import * as status from './features/status';
import type { FeatureContext } from './features/types';
import * as units from './features/units';
import { CommandId, ConfigKey, ConfigSection } from './ids';
import { disposeLog, log } from './log';
import { onDidChangeProjectConfig, watchProjectConfig } from './projectConfig';
import type { WorkspaceScan } from './workspaceScan';

/** Wiring only: register providers and commands; no analysis happens here. */
export function activate(context: vscode.ExtensionContext): { lastScan(): WorkspaceScan | undefined } {
  // The analyser's V8 code cache (src/node/codeCache.ts): the extension's own storage, shared by its workspaces,
  // never the workspace or the system temp folder. Written after the first analysis of the first session.
  const storage = context.globalStorageUri?.fsPath;
  setCodeCacheDir(typeof storage === 'string' ? path.join(storage, 'code-cache') : false);
  const collection = vscode.languages.createDiagnosticCollection(SOURCE);
  let last: WorkspaceScan | undefined;
  const docs = new DocumentDiagnostics(collection, (uri) => last?.fileJoins.get(uri.toString()));
  const scanned = new vscode.EventEmitter<WorkspaceScan>();
  const scanning = new vscode.EventEmitter<boolean>();
  // One scan at a time: a request while one runs waits for it, then scans again (the files may have changed since).
  let running: Promise<WorkspaceScan | undefined> | undefined;
  const scanOnce = async () => {
    scanning.fire(true);
    try {
      const scan = await assessWorkspace(collection, context.storageUri);
      if (scan) {
        last = scan;
        scanned.fire(scan);
        // Open documents follow the owners this scan found (a handler's code gets its function's direction).
        docs.reapply();
      }
      return scan;
    } finally {
      scanning.fire(false);
    }
  };
  const run = async (): Promise<WorkspaceScan | undefined> => {
    const before = running;
    const next: Promise<WorkspaceScan | undefined> = (async () => {
      await before?.catch(() => undefined);
      return scanOnce();
    })();
    running = next;
    try {
      return await next;
    } finally {
      if (running === next) running = undefined;
    }
  };
  // The direction decides what the workspace scan keeps for files that are not open: assess again when it changes.
  const directionChanged = () => {
    docs.refreshAll();
    if (last) void run();
  };
  context.subscriptions.push(
    collection,
    docs,
    scanned,
    scanning,
    watchProjectConfig(),
    onDidChangeProjectConfig(directionChanged),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${ConfigSection}.${ConfigKey.Direction}`)) directionChanged();
    }),
    vscode.commands.registerCommand(ASSESS_WORKSPACE, async () => (await run())?.result),
    vscode.commands.registerCommand(CommandId.ShowLog, () => log().show()),
    { dispose: disposeLog },
  );
  const feature: FeatureContext = {
    context,
    collection,
    assessWorkspace: run,
    lastScan: () => last,
    analysisOf: (doc) => docs.analysisOf(doc),
    onDidScan: scanned.event,
    onDidChangeScanning: scanning.event,
  };
  for (const f of [codeActions, units, report, convert, inventory, ruleDocs, status]) f.register(feature);
  // Documents already open when we activate are analysed on the next tick, off the activation path.
  setTimeout(() => docs.refreshAll(), 0);
  return { lastScan: () => last };
}

export function deactivate(): void {}
