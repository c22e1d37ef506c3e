import { createHash } from 'node:crypto';
import path from 'node:path';
import * as vscode from 'vscode';
import type { AnalysisError, AssessResult, FileJoinRecord, Finding, Unit } from '../core/types';
import { VERSION } from '../core/version';
import { getCodeCacheDir } from '../node/analyzer';
import { log } from './log';
import { readSettings } from './settings';

import type { SkipReason } from '../node/scanner';

type Scanner = typeof import('../node/scanner');

const SKIP_REASON: Record<SkipReason, string> = {
  type: 'not a file type LambdaShift reads',
  manifest: 'a package or compiler manifest (package.json, tsconfig.json…)',
  'not-iac': 'YAML or JSON that is no template, chart, manifest or serverless.yml',
};
/** How many skipped files of one reason the log names before it only counts them. */
const LOG_NAMES = 200;

/** dist/scanner.js, beside dist/extension.js; esbuild leaves the path external. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scanner = (): Scanner => require('./scanner.js') as Scanner;

export interface WorkspaceScan {
  result: AssessResult;
  /** Relative path → URI, to turn findings back into editor locations. */
  uris: Map<string, vscode.Uri>;
  /** URI → what the join found about the file: how an open document's findings are finalised as the scan's are. */
  fileJoins: Map<string, FileJoinRecord>;
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
  const fileJoins = new Map<string, FileJoinRecord>();
  for (const folder of folders) {
    const root = folder.uri.fsPath;
    const prefix = folders.length > 1 ? `${folder.name}/` : '';
    const settings = readSettings(folder.uri);
    const overrides = new Map<string, string>();
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.isDirty && doc.uri.scheme === 'file' && vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.toString() === folder.uri.toString())
        overrides.set(toRel(root, doc.uri.fsPath), doc.getText());
    }
    let shown = 0;
    const skipped = new Map<SkipReason, string[]>();
    log().info(
      `Assessing ${prefix || folder.name + '/'} (direction: ${settings.direction}${settings.exclude.length ? `, excluded: ${settings.exclude.join(', ')}` : ''})`,
    );
    try {
      const result = await scanPaths(root, ['.'], {
        ...settings.options,
        direction: settings.direction,
        exclude: settings.exclude,
        jobs: defaultJobs(),
        cacheDir: storage ? path.join(storage.fsPath, 'cache', createHash('sha1').update(root).digest('hex').slice(0, 12)) : false,
        // dist/scanner.js keeps its own copy of the loader's settings: hand it the folder activation set.
        codeCacheDir: getCodeCacheDir(),
        overrides,
        isCancelled: () => token.isCancellationRequested,
        onProgress: (done, total, file) => {
          // About a hundred updates per folder, whatever its size.
          const pct = total ? Math.floor((done * 100) / total) : 100;
          if (pct <= shown && done < total) return;
          progress.report({ message: `${prefix}${done}/${total} ${file}`, increment: (pct - shown) / folders.length });
          shown = pct;
        },
        onWarning: (m) => log().warn(m),
        onSkip: (file, reason) => {
          const list = skipped.get(reason);
          if (list) list.push(file);
          else skipped.set(reason, [file]);
        },
      });
      logFolder(prefix, result, skipped);
      const files = [
        ...result.findings.map((f) => f.file),
        ...result.units.flatMap((u) => [u.file, u.codeFile ?? u.file]),
        ...result.errors.map((e) => e.file),
      ];
      for (const rel of files) uris.set(prefix + rel, vscode.Uri.file(path.join(root, rel)));
      // Owners keep the scan's paths (prefixed with the folder's name when there are several): unit ids match the report's.
      for (const [rel, join] of Object.entries(result.fileJoins ?? {})) {
        fileJoins.set(
          vscode.Uri.file(path.join(root, rel)).toString(),
          prefix ? { ...join, owners: join.owners.map((u) => ({ ...u, file: prefix + u.file })) } : join,
        );
      }
      results.push(prefix ? withPrefix(result, prefix) : result);
    } catch (e) {
      if (e instanceof ScanCancelled) return undefined;
      throw e;
    }
  }
  return { result: merge(results, started), uris, fileJoins };
}

/** The scan log of one folder: skipped files by reason (the ones worth a look by name), unreadable files, totals. */
function logFolder(prefix: string, result: AssessResult, skipped: Map<SkipReason, string[]>): void {
  const out = log();
  for (const [reason, files] of skipped) {
    // Files of other types are counted only: a repository has thousands (images, docs, lock files).
    if (reason === 'type') {
      out.info(`Skipped ${files.length} file${files.length === 1 ? '' : 's'}: ${SKIP_REASON[reason]}.`);
      continue;
    }
    out.info(`Skipped ${files.length} file${files.length === 1 ? '' : 's'}: ${SKIP_REASON[reason]}:`);
    for (const f of files.slice(0, LOG_NAMES)) out.info(`  ${prefix}${f}`);
    if (files.length > LOG_NAMES) out.info(`  … and ${files.length - LOG_NAMES} more`);
  }
  for (const e of result.errors) out.warn(`Could not analyse ${prefix}${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
  const s = result.stats;
  out.info(
    `Done: ${s.analyzed} files analysed, ${s.skipped} skipped, ${result.errors.length} could not be analysed; ${result.units.length} units, ${result.findings.length} findings; ${s.ms} ms.`,
  );
}

/** The result with every path made `prefix` + path (one folder of several). */
function withPrefix(r: AssessResult, prefix: string): AssessResult {
  const unit = (u: Unit): Unit => ({ ...u, file: prefix + u.file, ...(u.codeFile !== undefined ? { codeFile: prefix + u.codeFile } : {}) });
  return {
    ...r,
    findings: r.findings.map((f): Finding => ({ ...f, file: prefix + f.file, ...(f.unitIds ? { unitIds: f.unitIds.map((id) => prefix + id) } : {}) })),
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
