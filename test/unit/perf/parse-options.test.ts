// The parse options are chosen for speed (src/core/parsers/typescript.ts): they must not change the tree the rules see.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from '@typescript-eslint/typescript-estree';
import { computeLocations, NO_LOCATION } from '../../../src/core/parsers/estreeLocations';
import { jsSourceFile, setParents } from '../../../src/core/js/lite';
import { jsxFor, parseJs } from '../../../src/core/parsers/typescript';
import { jsFiles } from '../../helpers/jsFiles';

const ROOTS = ['../../fixtures', '../../../examples', '../../../src'].map((p) => path.resolve(__dirname, p));

/** The tree as text (a BigInt literal's value included), without node locations (src/core/parsers/estreeLocations.ts). */
const treeText = (ast: unknown) => JSON.stringify(ast, (k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : k === 'loc' ? undefined : v));

/** typescript-estree's own parse, with the locations it computes. */
function libraryParse(text: string, file: string, jsx: boolean, jsDocParsingMode: 'all' | 'none') {
  computeLocations(true);
  try {
    return parse(text, { range: true, loc: true, comment: false, jsx, filePath: file, suppressDeprecatedPropertyWarnings: true, jsDocParsingMode });
  } finally {
    computeLocations(false);
  }
}

describe('parse options', () => {
  it('skipping JSDoc parsing gives the same tree as TypeScript’s default of parsing it, on JSDoc-heavy real code', () => {
    const files = ROOTS.flatMap((r) => jsFiles(r));
    let withDoc = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (text.includes('/**')) withDoc++;
      const ours = parseJs(text, file);
      if (!ours.ast) continue;
      const jsx = /\.[jt]sx$/.test(file) || (!/\.[cm]?tsx?$/.test(file) && /<[A-Za-z>]/.test(text));
      const all = libraryParse(text, file, jsx, 'all');
      assert.equal(treeText(ours.ast), treeText(all), file);
    }
    assert.ok(withDoc > 50, `only ${withDoc} files with JSDoc comments`);
  });

  it('leaves node locations out: every node shares the placeholder, and the library computes real ones when asked', () => {
    const text = 'export const handler = async (event) => {\n  return { statusCode: 200, body: event.body };\n};\n';
    const ours = parseJs(text, 'h.js').ast!;
    const library = libraryParse(text, 'h.js', false, 'none');
    assert.equal(treeText(ours), treeText(library));
    const decl = ours.body[0];
    assert.equal(decl.loc, NO_LOCATION);
    assert.equal(ours.loc, NO_LOCATION);
    assert.deepEqual(library.body[0].loc, { start: { line: 1, column: 0 }, end: { line: 3, column: 2 } });
    // A converter path that assigns a position (a parameter's end after its type) leaves the shared object as it was.
    parseJs('function f(this: Window, a?: number) {}', 'f.ts');
    assert.deepEqual(JSON.parse(JSON.stringify(NO_LOCATION)), { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } });
  });

  it('converting TypeScript’s tree made without parents, parents set afterwards, gives the same tree or error as parsing the text', () => {
    const files = ROOTS.flatMap((r) => jsFiles(r)).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    // Every extension the grammar is chosen by, a module-only syntax in .mjs/.mts, JSX in a .js file, and syntax errors.
    const extra = [
      ['a.mjs', 'await import("./x.mjs");\nexport default 1;'],
      ['a.cjs', 'module.exports = require("./y.cjs");'],
      ['a.mts', 'const x: number = await Promise.resolve(1);\nexport { x };'],
      ['a.cts', 'import fs = require("fs");\nexport = fs;'],
      ['a.jsx', 'export const A = () => <div className="a">{1}</div>;'],
      ['a.tsx', 'export const A = <T,>(p: { v: T }) => <span>{String(p.v)}</span>;'],
      ['a.js', 'const el = <b>bold</b>;\nexport default el;'],
      ['a.ts', 'const b = ;'],
      ['a.js', 'function (a, b) {'],
      ['bin/tool', '#!/usr/bin/env node\nconsole.log(<any>1);'],
    ].map(([file, text]) => ({ file, text }));
    for (const { file, text } of [...files, ...extra]) {
      const sf = jsSourceFile(text, file, jsxFor(text, file), false);
      setParents(sf);
      assert.equal(treeText(parseJs(text, file, sf)), treeText(parseJs(text, file)), file);
    }
    assert.ok(files.length > 200, `only ${files.length} files`);
  });

  it('a syntax error keeps its exact line and column', () => {
    const r = parseJs('const a = 1;\nconst b = ;\n', 'e.js');
    assert.equal(r.ast, undefined);
    assert.deepEqual([r.error?.line, r.error?.column], [2, 11]);
  });
});
