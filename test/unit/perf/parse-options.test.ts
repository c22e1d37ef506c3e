// The parse options are chosen for speed (src/core/parsers/typescript.ts): they must not change the tree the rules see.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from '@typescript-eslint/typescript-estree';
import { parseJs } from '../../../src/core/parsers/typescript';
import { jsFiles } from '../../helpers/jsFiles';

const ROOTS = ['../../fixtures', '../../../examples', '../../../src'].map((p) => path.resolve(__dirname, p));

/** The tree as text (a BigInt literal's value included). */
const treeText = (ast: unknown) => JSON.stringify(ast, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

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
      const all = parse(text, {
        range: true,
        loc: true,
        comment: false,
        jsx,
        filePath: file,
        suppressDeprecatedPropertyWarnings: true,
        jsDocParsingMode: 'all',
      });
      assert.equal(treeText(ours.ast), treeText(all), file);
    }
    assert.ok(withDoc > 50, `only ${withDoc} files with JSDoc comments`);
  });
});
