// walkTypes() must be an exact stand-in for walk() filtered by node type: same nodes, same order, same ancestors,
// the same effect of 'skip', for whole files and for sub-walks. Checked on every JS/TS fixture, example and source file of this repository.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { jsFiles } from '../../helpers/jsFiles';
import { walk, walkTypes, isFunctionNode, type Node } from '../../../src/core/js/ast';
import { parseJs } from '../../../src/core/parsers/typescript';

const ROOTS = ['../../fixtures', '../../../examples', '../../../src'].map((p) => path.resolve(__dirname, p));

type Visit = [Node, Node[]];
const TYPE_SETS = [
  ['CallExpression'],
  ['CallExpression', 'NewExpression'],
  ['Identifier'],
  ['VariableDeclarator', 'FunctionDeclaration', 'ArrowFunctionExpression'],
  ['MemberExpression', 'Literal', 'TemplateLiteral'],
  ['NoSuchType'],
];

function viaWalk(root: Node, types: string[], skip?: (n: Node) => boolean): Visit[] {
  const out: Visit[] = [];
  walk(root, (n, anc) => {
    if (types.includes(n.type)) {
      out.push([n, [...anc]]);
      if (skip?.(n)) return 'skip';
    }
    return undefined;
  });
  return out;
}

function viaTypes(root: Node, types: string[], skip?: (n: Node) => boolean): Visit[] {
  const out: Visit[] = [];
  walkTypes(root, types, (n, anc) => {
    out.push([n, [...anc]]);
    return skip?.(n) ? 'skip' : undefined;
  });
  return out;
}

describe('walkTypes', () => {
  const files = ROOTS.flatMap((r) => jsFiles(r));
  it('has JS/TS files to check', () => assert.ok(files.length >= 100, `only ${files.length} files`));

  it('visits what walk() visits, in order, with the same ancestors, whole-file and in sub-walks, with and without skip', () => {
    let checked = 0;
    for (const file of files) {
      const { ast } = parseJs(readFileSync(file, 'utf8'), file);
      if (!ast) continue;
      const functions: Node[] = [];
      walk(ast, (n) => void (isFunctionNode(n) && functions.push(n)));
      for (const root of [ast as Node, ...functions.slice(0, 5)]) {
        for (const types of TYPE_SETS) {
          for (const skip of [undefined, (n: Node) => n.type === 'CallExpression' || isFunctionNode(n)]) {
            const a = viaWalk(root, types, skip);
            const b = viaTypes(root, types, skip);
            assert.equal(b.length, a.length, `${file}: ${types.join(',')} count`);
            for (let i = 0; i < a.length; i++) {
              assert.equal(b[i][0], a[i][0], `${file}: node ${i} of ${types.join(',')}`);
              assert.equal(b[i][1].length, a[i][1].length, `${file}: ancestors of node ${i}`);
              b[i][1].forEach((x, k) => assert.equal(x, a[i][1][k]));
            }
            checked += a.length;
          }
        }
      }
    }
    assert.ok(checked > 1000, `only ${checked} visits compared`);
  });
});
