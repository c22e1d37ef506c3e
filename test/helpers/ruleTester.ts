import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../src/core/analyze';
import type { Rule } from '../../src/core/rules/types';
import type { RawFinding } from '../../src/core/types';
import { computeLineStarts, lineColumnAt } from '../../src/core/position';
import { copyEveryToken, usePublicCursor, useTypeIndex } from '../../src/core/parsers/treesitter';

/**
 * Runs `f` with none of the speed-ups that must never change a result: the tree-sitter copy through web-tree-sitter's
 * public cursor, every token copied, node-type queries answered by walking (src/core/parsers/treesitter.ts); callers add
 * `prefilter: false` to the options.
 */
export function withoutShortcuts<T>(f: () => T): T {
  usePublicCursor(true);
  useTypeIndex(false);
  copyEveryToken(true);
  try {
    return f();
  } finally {
    usePublicCursor(false);
    useTypeIndex(true);
    copyEveryToken(false);
  }
}

export interface ValidCase {
  name?: string;
  code: string;
  /** File name (decides the parser); defaults to handler.ts for JS rules. */
  file?: string;
}

interface ExpectedError {
  line: number;
  column?: number;
  /** The messageId's text must contain this (or the message must match the regexp). */
  message?: string | RegExp;
  severity?: 'error' | 'warning' | 'info';
  /** Every unit a finding about one shared setting names (RawFinding.units). */
  units?: string[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** The text after applying the first finding's fix; `null` asserts there is no fix. */
  output?: string | null;
  /** The text after applying the first suggestion of the first finding. */
  suggestionOutput?: string;
}

function applyEdits(text: string, edits: { start: number; end: number; newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export function findingsOf(rule: Rule, code: string, file: string): RawFinding[] {
  const analysis = analyzeFile(code, file);
  // The pre-filter (src/core/prefilter.ts) and the tree-sitter shortcuts must never change a result: every case of
  // every table test is analysed with them and without them, and the whole analysis (findings of every rule, imports,
  // exports, units, errors) compared.
  assert.deepEqual(
    analysis,
    withoutShortcuts(() => analyzeFile(code, file, { prefilter: false })),
    'the analysis differs without the pre-filter and the tree-sitter shortcuts',
  );
  // Entry-only findings (a Python main block) count only for workloads whose image starts the file: see the join tests.
  return analysis.findings.filter((f) => f.ruleId === rule.meta.id && !f.entryOnly);
}

/** Table tests in the style of ESLint's RuleTester: valid cases stay silent, invalid ones report exactly as listed. */
export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[]; defaultFile?: string }): void {
  const defaultFile = cases.defaultFile ?? (rule.language === 'js' ? 'src/handler.ts' : 'template.yaml');
  describe(rule.meta.id, () => {
    describe('valid', () => {
      for (const [i, c] of cases.valid.entries()) {
        it(c.name ?? `valid #${i + 1}`, () => {
          const found = findingsOf(rule, c.code, c.file ?? defaultFile);
          assert.deepEqual(
            found.map((f) => f.message),
            [],
            `expected no ${rule.meta.id} findings`,
          );
        });
      }
    });
    describe('invalid', () => {
      for (const [i, c] of cases.invalid.entries()) {
        it(c.name ?? `invalid #${i + 1}`, () => {
          const file = c.file ?? defaultFile;
          const found = findingsOf(rule, c.code, file);
          const ls = computeLineStarts(c.code);
          const got = found.map((f) => ({ ...lineColumnAt(ls, f.start), message: f.message, severity: f.severity, units: f.units }));
          assert.equal(got.length, c.errors.length, `expected ${c.errors.length} findings, got ${JSON.stringify(got, null, 1)}`);
          c.errors.forEach((e, j) => {
            assert.equal(got[j].line, e.line, `finding ${j} line`);
            if (e.column !== undefined) assert.equal(got[j].column, e.column, `finding ${j} column`);
            if (typeof e.message === 'string') assert.ok(got[j].message.includes(e.message), `message "${got[j].message}" should contain "${e.message}"`);
            else if (e.message) assert.match(got[j].message, e.message);
            if (e.severity) assert.equal(got[j].severity, e.severity);
            if (e.units) assert.deepEqual(got[j].units, e.units);
          });
          // Every fix and suggestion a rule produces is compared with the text it should give.
          if (c.output === undefined)
            assert.ok(
              !found.some((f) => f.fix),
              `${rule.meta.id} produced a fix here: give the case its expected \`output\` (or \`output: null\` where no fix is wanted)`,
            );
          if (c.suggestionOutput === undefined)
            assert.ok(!found.some((f) => f.suggestions?.length), `${rule.meta.id} produced a suggestion here: give the case its expected \`suggestionOutput\``);
          if (c.output !== undefined) {
            const fix = found[0]?.fix;
            if (c.output === null) assert.equal(fix, undefined);
            else {
              assert.ok(fix, 'expected a fix');
              assert.equal(applyEdits(c.code, fix.edits), c.output);
            }
          }
          if (c.suggestionOutput !== undefined) {
            const s = found[0]?.suggestions?.[0];
            assert.ok(s, 'expected a suggestion');
            assert.equal(applyEdits(c.code, s.edits), c.suggestionOutput);
          }
        });
      }
    });
  });
}
