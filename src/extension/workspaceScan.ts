import * as vscode from 'vscode';
import type { AssessResult, FileAnalysis, AnalysisError } from '../core/types';
import { binaryProblem, sizeProblem } from '../core/input';
import { getCore } from './core';
import { readSettings } from './settings';

export const SCAN_GLOB = '**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx,py,tf,yaml,yml,json}';
export const SCAN_EXCLUDE = '{**/node_modules/**,**/.vscode/**,**/dist/**,**/.git/**,**/.aws-sam/**,**/.serverless/**,**/.terraform/**,**/cdk.out/**,**/coverage/**}';
const IGNORE_HINT = 'Add it to lambdashift.exclude';

export interface WorkspaceScan {
  result: AssessResult;
  /** Relative path → URI, to turn findings back into editor locations. */
  uris: Map<string, vscode.Uri>;
}

/** Reads and analyses every candidate file of the workspace, checking for cancellation between files. */
export async function scanWorkspace(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<WorkspaceScan | undefined> {
  const core = getCore();
  const started = Date.now();
  const files = await vscode.workspace.findFiles(SCAN_GLOB, SCAN_EXCLUDE, undefined, token);
  if (files.some((f) => f.path.endsWith('.py'))) await core.ensurePythonParser().catch(() => undefined);
  const analyses: FileAnalysis[] = [];
  const errors: AnalysisError[] = [];
  const uris = new Map<string, vscode.Uri>();
  let skipped = 0;
  const step = files.length ? 100 / files.length : 100;
  for (let i = 0; i < files.length; i++) {
    if (token.isCancellationRequested) return undefined;
    const uri = files[i];
    const settings = readSettings(uri);
    const rel = vscode.workspace.asRelativePath(uri, false);
    if (settings.isExcluded(uri) || /(^|\/)(package(-lock)?|tsconfig|jsconfig)\.json$/.test(rel)) {
      skipped++;
      continue;
    }
    if (i % 25 === 0) progress.report({ message: `${i}/${files.length} ${rel}`, increment: step * 25 });
    try {
      // An open document is analysed from the editor's text (possibly unsaved); only closed files are read from disk.
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      let text: string;
      if (open) text = open.getText();
      else {
        const stat = await vscode.workspace.fs.stat(uri);
        const tooBig = sizeProblem(stat.size, IGNORE_HINT);
        if (tooBig) {
          errors.push({ file: rel, message: tooBig });
          continue;
        }
        const bytes = await vscode.workspace.fs.readFile(uri);
        const binary = binaryProblem(bytes, IGNORE_HINT);
        if (binary) {
          errors.push({ file: rel, message: binary });
          continue;
        }
        text = new TextDecoder('utf-8').decode(bytes);
      }
      const analysis = core.analyzeFile(text, rel, settings.options);
      if (analysis.kind === 'unknown') {
        skipped++;
        continue;
      }
      uris.set(rel, uri);
      analyses.push(analysis);
    } catch (e) {
      errors.push({ file: rel, message: `cannot read: ${(e as Error).message}` });
    }
    // Yield to the extension host between files so typing stays responsive.
    if (i % 50 === 49) await new Promise((r) => setImmediate(r));
  }
  const result = core.joinAnalyses({ analyses, skipped, errors, startedAt: started });
  return { result, uris };
}
