// The fixture shop (test/fixtures/shop) assessed the way a scan does: every file listed, the analysable ones analysed,
// joined. Read by test/unit/join/shop.test.ts and by `npm run golden:shop`, which alone writes its golden.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyzeFile } from '../../src/core/analyze';
import { detectKind } from '../../src/core/detect';
import { ensureParser } from '../../src/core/parsers/load';
import type { AssessResult } from '../../src/core/types';
import { joinAnalyses } from '../../src/core/api';

export const shopRoot = path.resolve(__dirname, '../fixtures/shop');
export const shopGolden = path.resolve(__dirname, '../golden/shop/units.json');

function list(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? list(p) : [p];
    });
}

/** Relative paths of every fixture file. */
export function shopFiles(root = shopRoot): string[] {
  return list(root).map((p) => path.relative(root, p).split(path.sep).join('/'));
}

/** The assessment of a folder of files, as `lambdashift assess` computes it (without the cache or threads). */
export async function assessFolder(root: string, today = '2026-11-22'): Promise<AssessResult> {
  // Every tree-sitter grammar, as the scan loads them for the files it meets.
  await Promise.all([ensureParser('python'), ensureParser('go'), ensureParser('java'), ensureParser('csharp')]);
  const files = shopFiles(root);
  const siblings = new Map<string, Set<string>>();
  for (const f of files) siblings.set(path.posix.dirname(f), (siblings.get(path.posix.dirname(f)) ?? new Set()).add(path.posix.basename(f)));
  const analyses = files
    .map((f) => {
      const text = readFileSync(path.join(root, f), 'utf8');
      return analyzeFile(text, f, { today }, detectKind(f, text, siblings.get(path.posix.dirname(f))));
    })
    .filter((a) => a.kind !== 'unknown');
  return joinAnalyses({ analyses, files });
}

/** The shop's units as the JSON contract prints them. */
export async function shopUnits(): Promise<unknown> {
  const r = await assessFolder(shopRoot);
  return JSON.parse(JSON.stringify(r.units));
}
