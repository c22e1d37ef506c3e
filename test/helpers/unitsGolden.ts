// Units of the IaC fixture folders as the JSON contract prints them: read by the golden test, written only by
// `npm run golden:units`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyzeFile } from '../../src/core/analyze';
import { detectKind } from '../../src/core/detect';
import { ensureParser } from '../../src/core/parsers/load';
import { joinAnalyses } from '../../src/core/api';

const root = path.resolve(__dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/iac');
export const goldenDir = path.join(root, 'test/golden/units');

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? files(p) : [p];
    });
}

/** The grammars unitsOf needs (C#, for the .NET projects' handler classes and programs): await it first. */
export const goldenParsers = (): Promise<unknown> => ensureParser('csharp');

/** Units of one fixture folder as the JSON contract prints them (paths relative to the fixture folder). */
export function unitsOf(folder: string) {
  const abs = path.join(fixtures, folder);
  const all = files(abs).map((p) => path.relative(abs, p).split(path.sep).join('/'));
  const siblings = new Map<string, Set<string>>();
  for (const f of all) {
    const d = path.posix.dirname(f);
    siblings.set(d, (siblings.get(d) ?? new Set()).add(path.posix.basename(f)));
  }
  const analyses = all
    .filter((f) => !f.endsWith('.py')) // Python files need the async parser; the join only needs their names
    .map((f) => {
      const text = readFileSync(path.join(abs, f), 'utf8');
      return analyzeFile(text, f, { today: '2026-11-22' }, detectKind(f, text, siblings.get(path.posix.dirname(f))));
    });
  for (const f of all.filter((x) => x.endsWith('.py')))
    analyses.push({ file: f, kind: 'python', findings: [], units: [], errors: [], imports: [], handlerExports: [], lineStarts: [0] });
  return joinAnalyses({ analyses });
}

export const GOLDEN_FOLDERS = ['sam', 'serverless', 'terraform', 'cdk', 'helm', 'kustomize', 'dotnet-lambda-tools'];
