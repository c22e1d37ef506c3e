import { createHash } from 'node:crypto';
import path from 'node:path';
import * as vscode from 'vscode';
import type { AnalysisError, AssessResult, Finding, Unit } from '../core/types';
import { VERSION } from '../core/version';
import { readSettings } from './settings';

type Scanner = typeof import('../node/scanner');

/** dist/scanner.js, beside dist/extension.js; esbuild leaves the path external. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scanner = (): Scanner => require('./scanner.js') as Scanner;

export interface WorkspaceScan {
  result: AssessResult;
  /** Relative path → URI, to turn findings back into editor locations. */
  uris: Map<string, vscode.Uri>;
  /** URI → kinds of the units whose code reaches the file: how an open document's findings follow the direction. */
  codeOwners: Map<string, Unit['kind'][]>;
}

/**
 * Scans every folder of the workspace with the CLI's engine: the same walk (.gitignore, .lambdashiftignore, default
 * ignores, `lambdashift.exclude`), analysis threads on all cores, and the content-hash cache, kept in the extension's
 * workspace storage (never in the user's files). Unsaved documents are analysed from the editor's text. With several
 * folders, paths are prefixed with the folder's name so they stay distinct. Returns undefined when cancelled.
 */
export async function scanWorkspace(
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
  storage?: vscode.Uri,
): Promise<WorkspaceScan | undefined> {
  const { scanPaths, ScanCancelled, toRel, defaultJobs } = scanner();
  const started = Date.now();
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  const results: AssessResult[] = [];
  const uris = new Map<string, vscode.Uri>();
  const codeOwners = new Map<string, Unit['kind'][]>();
  for (const folder of folders) {
    const root = folder.uri.fsPath;
    const prefix = folders.length > 1 ? `${folder.name}/` : '';
    const settings = readSettings(folder.uri);
    const overrides = new Map<string, string>();
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.isDirty && doc.uri.scheme === 'file' && vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.toString() === folder.uri.toString()) overrides.set(toRel(root, doc.uri.fsPath), doc.getText());
    }
    let shown = 0;
    try {
      const result = await scanPaths(root, ['.'], {
        ...settings.options,
        direction: settings.direction,
        exclude: settings.exclude,
        jobs: defaultJobs(),
        cacheDir: storage ? path.join(storage.fsPath, 'cache', createHash('sha1').update(root).digest('hex').slice(0, 12)) : false,
        overrides,
        isCancelled: () => token.isCancellationRequested,
        onProgress: (done, total, file) => {
          // About a hundred updates per folder, whatever its size.
          const pct = total ? Math.floor((done * 100) / total) : 100;
          if (pct <= shown && done < total) return;
          progress.report({ message: `${prefix}${done}/${total} ${file}`, increment: (pct - shown) / folders.length });
          shown = pct;
        },
        onWarning: (m) => console.warn(`LambdaShift: ${m}`),
      });
      const files = [...result.findings.map((f) => f.file), ...result.units.flatMap((u) => [u.file, u.codeFile ?? u.file]), ...result.errors.map((e) => e.file)];
      for (const rel of files) uris.set(prefix + rel, vscode.Uri.file(path.join(root, rel)));
      for (const [rel, kinds] of Object.entries(result.codeOwners ?? {})) codeOwners.set(vscode.Uri.file(path.join(root, rel)).toString(), kinds);
      results.push(prefix ? withPrefix(result, prefix) : result);
    } catch (e) {
      if (e instanceof ScanCancelled) return undefined;
      throw e;
    }
  }
  return { result: merge(results, started), uris, codeOwners };
}

/** The result with every path made `prefix` + path (one folder of several). */
function withPrefix(r: AssessResult, prefix: string): AssessResult {
  const unit = (u: Unit): Unit => ({ ...u, file: prefix + u.file, ...(u.codeFile !== undefined ? { codeFile: prefix + u.codeFile } : {}) });
  return {
    ...r,
    findings: r.findings.map((f): Finding => ({ ...f, file: prefix + f.file })),
    units: r.units.map(unit),
    errors: r.errors.map((e): AnalysisError => ({ ...e, file: prefix + e.file })),
  };
}

function merge(results: AssessResult[], started: number): AssessResult {
  const first = results[0] as AssessResult | undefined;
  const sum = (k: 'files' | 'analyzed' | 'skipped') => results.reduce((n, r) => n + r.stats[k], 0);
  return {
    schemaVersion: 1,
    tool: first?.tool ?? { name: 'lambdashift', version: VERSION },
    findings: results.flatMap((r) => r.findings),
    units: results.flatMap((r) => r.units),
    errors: results.flatMap((r) => r.errors),
    stats: { files: sum('files'), analyzed: sum('analyzed'), skipped: sum('skipped'), ms: Date.now() - started },
  };
}
