// parseTree copies tree-sitter's tree with a cursor and reads type names, named-ness and field names from the grammar's
// tables rather than asking the cursor for each (src/core/parsers/treesitter.ts): the copy must be the tree tree-sitter's
// own node API describes, node for node, on real code of every tree-sitter language (and on files with errors).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type * as TreeSitter from 'web-tree-sitter';
import { ensureParser } from '../../../src/core/parsers/load';
import {
  copiesDirectly,
  copyEveryToken,
  GRAMMAR_FILES,
  nodesOfType,
  nodesOfTypes,
  parseTree,
  usePublicCursor,
  useTypeIndex,
  walk,
  type SyntaxNode,
  type TreeSitterLanguage,
} from '../../../src/core/parsers/treesitter';

const repo = path.resolve(__dirname, '../../..');
const EXT: Record<TreeSitterLanguage, RegExp> = { python: /\.py$/, go: /\.go$/, java: /\.java$/, csharp: /\.cs$/ };

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) filesUnder(p, out);
    else out.push(p);
  }
  return out;
}

type Plain = [string, boolean, string | undefined, number, number, boolean, Plain[]];

const fromCopy = (n: SyntaxNode): Plain => [n.type, n.named, n.field, n.start, n.end, n.missing, n.children.map(fromCopy)];

/** Brackets, separators and the member dot: outside a field, not copied from a tree without errors. */
const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', ';', '.', ':']);

function fromApi(n: TreeSitter.Node, field: string | undefined, dropPunctuation: boolean): Plain {
  const kids: Plain[] = [];
  for (let i = 0; i < n.childCount; i++) {
    const c = n.child(i)!;
    const f = n.fieldNameForChild(i) ?? undefined;
    if (dropPunctuation && !c.isNamed && !f && PUNCTUATION.has(c.type)) continue;
    kids.push(fromApi(c, f, dropPunctuation));
  }
  return [n.type, n.isNamed, field, n.startIndex, n.endIndex, n.isMissing, kids];
}

const TS = require('web-tree-sitter') as typeof TreeSitter;
const parsers = new Map<TreeSitterLanguage, TreeSitter.Parser>();

before(async () => {
  for (const lang of Object.keys(EXT) as TreeSitterLanguage[]) {
    await ensureParser(lang);
    const p = new TS.Parser();
    p.setLanguage(await TS.Language.load(path.join(repo, 'node_modules/@vscode/tree-sitter-wasm/wasm', GRAMMAR_FILES[lang])));
    parsers.set(lang, p);
  }
});

describe('tree-sitter tree copy', () => {
  it('calls the runtime’s cursor functions directly, and gives the tree web-tree-sitter’s public cursor gives', () => {
    assert.equal(copiesDirectly(), true, 'the direct cursor calls are not in use');
    const files = [...filesUnder(path.join(repo, 'test/fixtures')), ...filesUnder(path.join(repo, 'examples'))];
    let compared = 0;
    for (const lang of Object.keys(EXT) as TreeSitterLanguage[]) {
      for (const file of files.filter((f) => EXT[lang].test(f))) {
        const text = readFileSync(file, 'utf8');
        for (const src of [text, text.slice(0, Math.floor(text.length / 3))]) {
          const direct = fromCopy(parseTree(lang, src).root);
          usePublicCursor(true);
          try {
            assert.equal(copiesDirectly(), false);
            assert.deepEqual(direct, fromCopy(parseTree(lang, src).root), `${file} (${src.length} characters)`);
          } finally {
            usePublicCursor(false);
          }
          compared++;
        }
      }
    }
    assert.ok(compared > 40, `only ${compared} files compared`);
  });

  it('is node for node the tree of tree-sitter’s node API (punctuation left out of trees without errors), on every Python, Go, Java and C# file of the fixtures and examples', () => {
    const files = [...filesUnder(path.join(repo, 'test/fixtures')), ...filesUnder(path.join(repo, 'examples'))];
    const counts: Record<string, number> = {};
    for (const lang of Object.keys(EXT) as TreeSitterLanguage[]) {
      for (const file of files.filter((f) => EXT[lang].test(f))) {
        const text = readFileSync(file, 'utf8');
        for (const src of [text, text.slice(0, Math.floor(text.length / 2))]) {
          const tree = parsers.get(lang)!.parse(src)!;
          try {
            const where = `${file} (${src.length} characters)`;
            assert.deepEqual(fromCopy(parseTree(lang, src).root), fromApi(tree.rootNode, undefined, !tree.rootNode.hasError), where);
            copyEveryToken(true);
            try {
              assert.deepEqual(fromCopy(parseTree(lang, src).root), fromApi(tree.rootNode, undefined, false), `${where}, every token`);
            } finally {
              copyEveryToken(false);
            }
          } finally {
            tree.delete();
          }
        }
        counts[lang] = (counts[lang] ?? 0) + 1;
      }
    }
    for (const lang of Object.keys(EXT)) assert.ok((counts[lang] ?? 0) >= 3, `only ${counts[lang] ?? 0} ${lang} files`);
  });

  it('finds a subtree’s nodes of a type from the whole tree’s index as a walk of that subtree finds them, for every named node of the fixtures', () => {
    const files = [...filesUnder(path.join(repo, 'test/fixtures')), ...filesUnder(path.join(repo, 'examples'))];
    let subtrees = 0;
    for (const lang of Object.keys(EXT) as TreeSitterLanguage[]) {
      for (const file of files.filter((f) => EXT[lang].test(f))) {
        const root = parseTree(lang, readFileSync(file, 'utf8')).root;
        const types = [...root.byType!.keys()];
        walk(root, (sub) => {
          // The sub-walk lists, per node type and for a pair of types, what the index answers.
          const walked = new Map<string, SyntaxNode[]>();
          walk(sub, (n) => void (walked.get(n.type) ?? walked.set(n.type, []).get(n.type)!).push(n));
          const other = types.filter((t) => t !== sub.type);
          const pair = [sub.type, other[(subtrees * 7) % other.length]];
          const where = `${file} ${sub.type}@${sub.start}`;
          for (const t of new Set([...walked.keys(), pair[1]])) assert.deepEqual(nodesOfType(sub, t), walked.get(t) ?? [], `${where}: ${t}`);
          const both = [...(walked.get(pair[0]) ?? []), ...(walked.get(pair[1]) ?? [])].sort((a, b) => a.order - b.order);
          assert.deepEqual(nodesOfTypes(sub, pair), both, `${where}: ${pair.join(', ')}`);
          useTypeIndex(false);
          try {
            assert.deepEqual(nodesOfTypes(sub, pair), both, `${where}: ${pair.join(', ')}, without the index`);
          } finally {
            useTypeIndex(true);
          }
          subtrees++;
        });
      }
    }
    assert.ok(subtrees > 1000, `only ${subtrees} subtrees`);
  });
});
