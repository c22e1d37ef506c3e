// The editor's incremental parse must give exactly the tree a whole parse gives (same nodes, same ranges), so that
// every rule sees the same input. Checked by replaying seeded random edits (insertions, deletions, replacements,
// typing a character at a time, edits that break the syntax and fix it again) on real files and comparing trees.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { jsFiles } from '../../helpers/jsFiles';
import { analyzeFile } from '../../../src/core/analyze';
import { flatShape } from '../../../src/core/js/ast';
import { parseJs, parseJsIncremental, type JsParseState } from '../../../src/core/parsers/typescript';

const ROOTS = ['../../fixtures', '../../../examples', '../../../src/core/rules'].map((p) => path.resolve(__dirname, p));

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The tree as comparable text: every own property but the analysis' private ones (symbols are skipped by JSON). */
const treeText = (ast: unknown) => JSON.stringify(ast);

/** Equal trees, or a failure showing where the texts first differ (whole trees are too long for a message). */
function sameTree(actual: unknown, expected: unknown, what: string): void {
  const a = treeText(actual);
  const b = treeText(expected);
  if (a === b) return;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  assert.fail(
    `${what}: trees differ at ${i}:\n  incremental …${a.slice(Math.max(0, i - 150), i + 80)}\n  whole       …${b.slice(Math.max(0, i - 150), i + 80)}`,
  );
}

const SNIPPETS = [
  '\n  const extra = 1;',
  '\nsetInterval(() => tick(), 1000);\n',
  '\nfunction added() { return 2; }\n',
  '(',
  ')',
  '}',
  '{',
  '\n// comment\n',
  'x',
  ';',
  '\n[1, 2].forEach(n => n);\n',
  '\n(async () => { await x; })();\n',
  "'use strict';\n",
  '\nawait load();\n',
  '\nexport const late = 1;\n',
  '`${a}`',
  '\n',
];

/** Whole statements, inserted at the start of a random line: mostly valid code, as most keystroke batches leave it. */
const STATEMENTS = [
  'const extra = 1;',
  'logger.info("x");',
  'void 0;',
  'setTimeout(() => undefined, 10);',
  'if (a) { b(); }',
  'let y = [1, 2].map((n) => n * 2);',
];

function edit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  if (next() < 0.6) {
    const line = text.lastIndexOf('\n', at) + 1;
    return text.slice(0, line) + STATEMENTS[Math.floor(next() * STATEMENTS.length)] + '\n' + text.slice(line);
  }
  const r = next();
  if (r < 0.45) return text.slice(0, at) + SNIPPETS[Math.floor(next() * SNIPPETS.length)] + text.slice(at);
  if (r < 0.75) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(next() * 12)));
  const len = Math.floor(next() * 30);
  return text.slice(0, at) + 'q' + text.slice(Math.min(text.length, at + len));
}

describe('parseJsIncremental', () => {
  const files = ROOTS.flatMap((r) => jsFiles(r));

  it('gives the whole-parse tree after every one of hundreds of random edits, including broken states', () => {
    let compared = 0;
    let incremental = 0;
    for (const [i, file] of files.entries()) {
      const next = rng(1000 + i);
      let text = readFileSync(file, 'utf8');
      let good = text;
      const state: JsParseState = {};
      parseJsIncremental(text, file, state);
      for (let k = 0; k < 24; k++) {
        text = edit(text, next);
        const inc = parseJsIncremental(text, file, state);
        const whole = parseJs(text, file);
        assert.equal(inc.ast === undefined, whole.ast === undefined, `${file}, edit ${k}: parse success differs`);
        if (whole.ast) {
          sameTree(inc.ast, whole.ast, `${file}, edit ${k} (${state.last})`);
          // The rules' flattened view (reused from the previous version's after an incremental parse) matches too.
          assert.deepEqual(flatShape(inc.ast!), flatShape(whole.ast), `${file}, edit ${k}: flattened trees differ`);
        } else assert.deepEqual(inc.error, whole.error, `${file}, edit ${k}: errors differ`);
        if (whole.ast) compared++;
        if (whole.ast && state.last === 'incremental') incremental++;
        // Mostly, the next edit undoes a breaking one, as a user fixing a typo does.
        if (whole.ast) good = text;
        else if (next() < 0.7) text = good;
      }
    }
    assert.ok(compared > 150, `only ${compared} edits left valid code`);
    // Edits that leave valid code mostly land inside a statement and must really take the incremental path.
    assert.ok(incremental > compared * 0.3, `only ${incremental} of ${compared} valid edits were incremental`);
  });

  it('types a statement one character at a time inside a function and back out, tree equal at every step', () => {
    const file = path.resolve(__dirname, '../../fixtures/handlers/reports-api.ts');
    const text = readFileSync(file, 'utf8');
    const state: JsParseState = {};
    parseJsIncremental(text, file, state);
    const at = text.indexOf('{', text.indexOf('async')) + 1;
    assert.ok(at > 0);
    const typed = '\n  fetch(url).then(r => r.json());';
    let steps = 0;
    for (let n = 1; n <= typed.length; n++) {
      const t = text.slice(0, at) + typed.slice(0, n) + text.slice(at);
      const inc = parseJsIncremental(t, file, state);
      const whole = parseJs(t, file);
      if (whole.ast) sameTree(inc.ast, whole.ast, `after typing ${JSON.stringify(typed.slice(0, n))}`);
      else assert.deepEqual(inc.error, whole.error);
      steps++;
    }
    assert.equal(steps, typed.length);
  });

  it('keeps line and column locations right in files with CRLF, CR and U+2028 line breaks, edits on one line included', () => {
    // Line breaks of every kind TypeScript counts, and several statements per line, so reused statements share a line
    // with the edit (their columns move) or sit below it (their lines move).
    const lines = ['const a = 1; const b = "x\u2028y";', 'function f() {', '  return a + 1;', '}', 'let c = f(); let d = c;', 'export const e = 0;'];
    for (const eol of ['\r\n', '\r', '\n', '\u2028']) {
      const file = 'crlf.ts';
      let text = lines.join(eol) + eol;
      const state: JsParseState = {};
      parseJsIncremental(text, file, state);
      const next = rng(eol.charCodeAt(0));
      let incremental = 0;
      for (let k = 0; k < 40; k++) {
        // Edits at statement boundaries (after `;`, `{`, `}`), which keep the code valid: a line break, a statement,
        // a space, or removing the line break that follows (joining two lines).
        const seams = [...text.matchAll(/[;{}]/g)].map((m) => m.index! + 1);
        const at = seams[Math.floor(next() * seams.length)];
        const r = next();
        const after = text.slice(at);
        const breakLen = after.startsWith(eol) ? eol.length : 0;
        if (r < 0.3) text = text.slice(0, at) + eol + after;
        else if (r < 0.55) text = text.slice(0, at) + ' zz();' + after;
        else if (r < 0.7) text = text.slice(0, at) + ' ' + after;
        else if (breakLen) text = text.slice(0, at) + after.slice(breakLen);
        else continue;
        const inc = parseJsIncremental(text, file, state);
        const whole = parseJs(text, file);
        assert.ok(whole.ast, `${JSON.stringify(eol)}, edit ${k}: ${JSON.stringify(text)} does not parse`);
        sameTree(inc.ast, whole.ast, `${JSON.stringify(eol)}, edit ${k} (${state.last})`);
        if (state.last === 'incremental') incremental++;
      }
      assert.ok(incremental > 10, `${JSON.stringify(eol)}: only ${incremental} edits took the incremental path`);
    }
  });

  it('makes analyzeFile report exactly what a fresh analysis reports', () => {
    const file = path.resolve(__dirname, '../../fixtures/handlers/reports-api.ts');
    const rel = 'src/handlers/reports-api.ts';
    let text = readFileSync(file, 'utf8');
    const state: JsParseState = {};
    const next = rng(7);
    for (let k = 0; k < 40; k++) {
      text = edit(text, next);
      const a = analyzeFile(text, rel, {}, undefined, state);
      const b = analyzeFile(text, rel, {});
      assert.deepEqual(a.findings, b.findings, `edit ${k}`);
      assert.deepEqual([a.imports, a.handlerExports, a.units], [b.imports, b.handlerExports, b.units], `edit ${k}`);
    }
  });
});
