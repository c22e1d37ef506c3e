import path from 'node:path';
import { analyzeFile } from '../core/analyze';
import { detectKind } from '../core/detect';
import type { AnalysisError, AnalyzeOptions, AssessResult, FileAnalysis, Unit } from '../core/types';
import { joinAnalyses } from '../core/workspace';
import { readTextFile, walkFiles } from './files';

const CANDIDATE = /\.(?:[cm]?[jt]sx?|py|tf|ya?ml|json)$/i;

export interface ScanOptions extends AnalyzeOptions {
  exclude?: string[];
  extraUnits?: Unit[];
}

/**
 * Scans paths (folders or files) relative to `root`: walk, read, analyse each file, join. One bad file becomes one
 * error or parse-error finding and the scan goes on.
 */
export async function scanPaths(root: string, paths: string[], options: ScanOptions = {}): Promise<AssessResult> {
  const startedAt = Date.now();
  const errors: AnalysisError[] = [];
  const seen = new Set<string>();
  const targets: { abs: string; rel: string }[] = [];
  let skipped = 0;
  for (const p of paths.length ? paths : ['.']) {
    const abs = path.resolve(root, p);
    const { files, errors: walkErrors } = await walkFiles(abs, options.exclude);
    errors.push(...walkErrors.map((e) => ({ ...e, file: toRel(root, path.join(abs, e.file)) })));
    for (const f of files) {
      const rel = toRel(root, f.abs);
      if (seen.has(rel)) continue;
      seen.add(rel);
      if (!CANDIDATE.test(rel) || /(^|\/)(package(-lock)?|tsconfig|jsconfig)\.json$/.test(rel)) {
        skipped++;
        continue;
      }
      targets.push({ abs: f.abs, rel });
    }
  }
  const folders = new Map<string, Set<string>>();
  for (const t of targets) {
    const dir = path.dirname(t.abs);
    if (!folders.has(dir)) folders.set(dir, new Set());
    folders.get(dir)!.add(path.basename(t.abs));
  }
  const analyses: FileAnalysis[] = [];
  for (const t of targets) {
    const read = await readTextFile(t.abs);
    if ('error' in read) {
      errors.push({ file: t.rel, message: read.error });
      continue;
    }
    const kind = detectKind(t.rel, read.text, folders.get(path.dirname(t.abs)));
    if (kind === 'unknown') {
      skipped++;
      continue;
    }
    analyses.push(analyzeFile(read.text, t.rel, options, kind));
  }
  return joinAnalyses({ analyses, skipped, errors, startedAt, extraUnits: options.extraUnits });
}

export function toRel(root: string, abs: string): string {
  const rel = path.relative(root, abs).split(path.sep).join('/');
  return rel === '' ? '.' : rel;
}
