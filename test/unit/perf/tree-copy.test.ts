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
  copiesRaw,
  copyEveryToken,
  GRAMMAR_FILES,
  nodesOfType,
  nodesOfTypes,
  parseTree,
  usePublicCursor,
  useRawCopy,
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
  /** Files whose trees exercise what the memory reader must get right, beyond the fixtures. */
  const TRICKY: Record<TreeSitterLanguage, string[]> = {
    python: [
      '',
      '# only a comment\n',
      's = "é😀\\u00e9"  # non-ASCII: UTF-16 offsets\r\nx = [1,\r\n 2]\r\n',
      'def f(a, *, b=1, **k):\n    return (yield from g(a))\n',
      'async def h():\n    async with a as b, c:\n        async for x in y: print(f"{x!r:>{w}}")\n',
      'if x:\n  pass\nelif (y := 2): pass\nelse:\n  raise E from e\n',
      'def broken(:\n    return\n',
      'x = (1 +\n',
      `v = ${'('.repeat(60)}1${')'.repeat(60)}\n`,
    ],
    go: [
      '',
      'package p\n// comment\n/* block */\n',
      'package p\nvar s = "é😀"\nfunc f[T any](x T) (r T, err error) { defer func() { recover() }(); return }\n',
      'package p\ntype S struct { A int `json:"a"`; *B }\nfunc (s *S) M() { for i := range 10 { go s.M(); _ = i } }\n',
      'package p\nfunc f() { x := map[string][]int{"a": {1}}; switch y := x.(type) { case nil: } }\n',
      'package p\nfunc f( {\n',
    ],
    java: [
      '',
      '/** doc */ // line\n',
      'class A<T extends B & C> { @Override public <U> U m(final int... xs) throws E { return null; } }\n',
      'record R(int a) { R { assert a > 0 : "é😀"; } }\nenum E { X { void f() {} }, Y; }\n',
      'class L { Runnable r = () -> { var x = switch (y) { case 1 -> 2; default -> { yield 3; } }; }; }\n',
      'class Broken { void f( { }\n',
    ],
    csharp: [
      '',
      '// comment\n#region r\n#endregion\n',
      'namespace N; public record R(int A); class C<T> where T : new() { async Task<int> M() => await Task.FromResult(1); }\n',
      'class S { string s = $"é😀{x,5:N2}"; int? P { get; init; } = null; void F() { var (a, b) = (1, 2); } }\n',
      'class Q { void F() { var q = from x in xs where x > 1 select x * 2; } }\n',
      'class Broken { void F( { }\n',
    ],
  };

  it('reads trees from the runtime’s memory, giving the tree the cursor gives and the tree web-tree-sitter’s public cursor gives', () => {
    for (const lang of Object.keys(EXT) as TreeSitterLanguage[]) assert.equal(copiesRaw(lang), true, `${lang} trees are not read from memory`);
    assert.equal(copiesDirectly(), true, 'the direct cursor calls are not in use');
    const files = [...filesUnder(path.join(repo, 'test/fixtures')), ...filesUnder(path.join(repo, 'examples'))];
    let compared = 0;
    const compare = (lang: TreeSitterLanguage, src: string, where: string) => {
      const raw = fromCopy(parseTree(lang, src).root);
      // Still read from memory: a tree the reader got wrong on its grammar's first check would have turned it off.
      assert.equal(copiesRaw(lang), true, `${where}: ${lang} trees are no longer read from memory`);
      useRawCopy(false);
      try {
        assert.equal(copiesRaw(lang), false);
        assert.deepEqual(raw, fromCopy(parseTree(lang, src).root), `${where}: memory and cursor`);
        usePublicCursor(true);
        assert.equal(copiesDirectly(), false);
        assert.deepEqual(raw, fromCopy(parseTree(lang, src).root), `${where}: memory and public cursor`);
      } finally {
        useRawCopy(true);
        usePublicCursor(false);
      }
      compared++;
    };
    for (const lang of Object.keys(EXT) as TreeSitterLanguage[]) {
      for (const file of files.filter((f) => EXT[lang].test(f))) {
        const text = readFileSync(file, 'utf8');
        for (const src of [text, text.slice(0, Math.floor(text.length / 3))]) compare(lang, src, `${file} (${src.length} characters)`);
      }
      TRICKY[lang].forEach((src, i) => {
        compare(lang, src, `${lang} tricky case ${i}`);
        copyEveryToken(true);
        try {
          compare(lang, src, `${lang} tricky case ${i}, every token`);
        } finally {
          copyEveryToken(false);
        }
      });
    }
    assert.ok(compared > 70, `only ${compared} files compared`);
  });

  it('stops at the same depth reading memory as through the cursor (chains just below and just above the limit)', () => {
    const outcome = (lang: TreeSitterLanguage, src: string) => {
      try {
        return JSON.stringify(fromCopy(parseTree(lang, src).root)).length;
      } catch (e) {
        return (e as Error).name;
      }
    };
    const cases: [TreeSitterLanguage, (n: number) => string][] = [
      ['go', (n) => `package p\nvar v = x${'.a'.repeat(n)}\n`],
      ['python', (n) => `v = x${'.a'.repeat(n)}\n`],
      ['java', (n) => `class A { Object v = x${'.a'.repeat(n)}; }\n`],
    ];
    const seen = new Set<string | number>();
    for (const [lang, make] of cases) {
      for (let n = 990; n <= 1006; n += 2) {
        const raw = outcome(lang, make(n));
        useRawCopy(false);
        try {
          assert.equal(raw, outcome(lang, make(n)), `${lang}, a chain of ${n}`);
        } finally {
          useRawCopy(true);
        }
        seen.add(typeof raw === 'number' ? 'copied' : raw);
      }
    }
    assert.deepEqual([...seen].sort(), ['TooDeepError', 'copied'], 'the chains reach the limit and stay below it');
  });

  it('orders and offsets memory-read trees as tree-sitter’s node API does, in UTF-16 units', () => {
    const src = 's = "é😀"\nt = 1\n';
    const root = parseTree('python', src).root;
    const one = root.children[1];
    assert.equal(one.text, 't = 1');
    assert.equal(one.start, src.indexOf('t = 1'));
    let previous = -1;
    walk(root, (n) => {
      assert.ok(n.order > previous, 'pre-order numbers grow along a walk');
      previous = n.order;
    });
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
