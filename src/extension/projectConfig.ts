// What the editor reads from lambdashift.yaml outside the report: the `direction:` key. The report parses and checks the
// whole file (and shows its mistakes); here one key is read with a line match, so the analysis core need not load.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { isDirectionSetting, type DirectionSetting } from '../core/direction';

export const CONFIG_NAMES = ['lambdashift.yaml', 'lambdashift.yml', '.lambdashift.yaml'];

const cache = new Map<string, { direction?: DirectionSetting }>();
const changed = new vscode.EventEmitter<void>();
/** Fires when a lambdashift.yaml at a workspace folder's root is created, changed or deleted. */
export const onDidChangeProjectConfig = changed.event;

/** The first lambdashift.yaml at the folder's root, as the report and the CLI find it. */
function read(folder: vscode.WorkspaceFolder): { direction?: DirectionSetting } {
  const key = folder.uri.toString();
  const hit = cache.get(key);
  if (hit) return hit;
  let value: { direction?: DirectionSetting } = {};
  if (folder.uri.scheme === 'file') {
    for (const name of CONFIG_NAMES) {
      let text: string;
      try {
        text = readFileSync(path.join(folder.uri.fsPath, name), 'utf8');
      } catch {
        continue;
      }
      const m = /^direction:[ \t]*(["']?)([\w-]+)\1[ \t]*(?:#.*)?$/m.exec(text);
      value = m && isDirectionSetting(m[2]) ? { direction: m[2] } : {};
      break;
    }
  }
  cache.set(key, value);
  return value;
}

/** `direction:` of the lambdashift.yaml of the folder holding `scope` (or of the first folder). */
export function projectDirection(scope?: vscode.Uri): DirectionSetting | undefined {
  const folder = (scope && vscode.workspace.getWorkspaceFolder(scope)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder ? read(folder).direction : undefined;
}

/** Watches the config files; call once at activation. */
export function watchProjectConfig(): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher(`**/{${CONFIG_NAMES.join(',')}}`);
  const invalidate = (uri: vscode.Uri) => {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    // Only a file at a folder's root is the project's config.
    if (!folder || path.posix.dirname(uri.path) !== folder.uri.path.replace(/\/$/, '')) return;
    cache.delete(folder.uri.toString());
    changed.fire();
  };
  return vscode.Disposable.from(watcher, watcher.onDidChange(invalidate), watcher.onDidCreate(invalidate), watcher.onDidDelete(invalidate), changed);
}
