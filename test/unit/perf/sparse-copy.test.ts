// A Python file no rule looks at (a test module, a vendored package) is copied only as far as the join reads it
// (src/core/parsers/treesitter.ts Sparse, src/core/python/analyze.ts JOIN_ONLY): its imports wherever they are, and its
// module-level functions' names and parameters. What the join gets must be what the full copy gives, on every Python
// file of the fixtures and examples and on shapes chosen to catch a walk that stops too early.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyzeFile } from '../../../src/core/api';
import { ensureParser } from '../../../src/core/parsers/load';
import { parseTree, type Sparse, type SyntaxNode } from '../../../src/core/parsers/treesitter';
import { JOIN_ONLY } from '../../../src/core/python/analyze';
import { csHandlerExports, JOIN_ONLY as CS_JOIN_ONLY } from '../../../src/core/csharp/analyze';
import { rulesThatCanFire } from '../../../src/core/prefilter';
import { csharpRules } from '../../../src/core/rules/csharp';
import { collectPyModuleInfo } from '../../../src/core/python/module';
import { findPythonHandlers } from '../../../src/core/python/scope';

const repo = path.resolve(__dirname, '../../..');

/** The files under `dir` whose names end in `ext`, in a stable order. */
function filesUnder(dir: string, ext: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules') continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) filesUnder(p, ext, out);
    else if (p.endsWith(ext)) out.push(p);
  }
  return out;
}

/** Imports in every place a statement can be, handlers decorated or not, and bodies that hold look-alikes. */
const SHAPES = [
  'import os, .x\n',
  'from . import utils\nfrom ..shared.db import connect as c\nimport pkg.sub as s; import other\n',
  'def handler(event, context):\n    from .lazy import thing\n    import heavy_mod\n    return thing(event)\n',
  '@wrap\n@other(1)\ndef lambda_handler(evt, ctx):\n    if evt:\n        from helpers import a\n    return 1\n',
  'try:\n    import ujson as json\nexcept ImportError:\n    import json\nelse:\n    from .alt import x\nfinally:\n    pass\n',
  'if TYPE_CHECKING:\n    from .types import T\nelif X:\n    import y_mod\nelse:\n    import z_mod\n',
  'with ctx() as c:\n    import in_with\nfor i in r:\n    import in_for\nwhile w:\n    import in_while\n',
  'match cmd:\n    case 1:\n        import in_case\n    case _:\n        from .other import o\n',
  'class Handler:\n    import in_class\n    def handler(self, event, context):\n        import in_method\n',
  'async def main(event, context):\n    async with s:\n        import in_async_with\n',
  'def outer(e, c):\n    def inner(event, context):\n        import nested_def\n    return inner\n',
  'handler = lambda event, context: __import__("x")\nx = [y for y in z]\n',
  'def handle(a, b=lambda q: q, *args, **kw):\n    pass\ndef main(event: dict, context: "LambdaContext") -> dict:\n    import typed_mod\n',
  `total = ${Array.from({ length: 1200 }, () => 'a').join(' + ')}\nimport after_deep\n`,
  'x = 1\nimport tail_mod  # the last statement\n',
];

/**
 * Copies each case both ways and gives `compare` the partial and the full copy; a file too deep for the full copy must
 * be refused by the partial one too, and only a tree with errors (whose wording needs every node) is copied whole.
 * Returns how many partial copies were made.
 */
function everyCopy(
  language: 'python' | 'csharp',
  spec: Sparse,
  cases: { name: string; text: string }[],
  compare: (sparse: SyntaxNode, full: SyntaxNode, name: string) => void,
): number {
  let partial = 0;
  for (const { name, text } of cases) {
    let full;
    try {
      full = parseTree(language, text);
    } catch (e) {
      assert.throws(() => parseTree(language, text, spec), { name: (e as Error).name }, name);
      continue;
    }
    const sparse = parseTree(language, text, spec);
    assert.equal(sparse.sparse === true, !full.error, name);
    if (sparse.sparse) partial++;
    compare(sparse.root, full.root, name);
  }
  return partial;
}

const handlersOf = (root: SyntaxNode) => findPythonHandlers(root).map((h) => [h.name, h.event, h.context]);

before(async () => {
  await ensureParser('python');
  // The grammar's first tree is copied both ways before any copy reads memory (parseTree): done here, so every case
  // below gets the partial copy where one is possible.
  parseTree('python', 'x = 1\n');
});

describe('partial copy of Python files no rule looks at', () => {
  const files = [...filesUnder(path.join(repo, 'test/fixtures'), '.py'), ...filesUnder(path.join(repo, 'examples'), '.py')];

  it('gives the join the imports and handlers of the full copy, on every fixture and example file and tricky shapes', () => {
    assert.ok(files.length > 20, `${files.length} Python files found`);
    const cases = [
      ...files.map((f) => ({ name: path.relative(repo, f), text: readFileSync(f, 'utf8') })),
      ...SHAPES.map((text, i) => ({ name: `shape ${i}`, text })),
    ];
    const partial = everyCopy('python', JOIN_ONLY, cases, (sparse, full, name) => {
      const a = collectPyModuleInfo(full);
      const b = collectPyModuleInfo(sparse);
      assert.deepEqual(b.relativeImports, a.relativeImports, `${name}: imports`);
      assert.deepEqual([...b.modules], [...a.modules], `${name}: modules`);
      assert.deepEqual(handlersOf(sparse), handlersOf(full), `${name}: handlers`);
    });
    assert.ok(partial > 20, `${partial} partial copies`);
  });

  it('copies far fewer nodes than the full copy, and none of a body but its imports', () => {
    const text = 'import a\ndef handler(event, context):\n    x = event["Records"]\n    import b\n    return [y for y in x]\n';
    const count = (n: SyntaxNode): number => 1 + n.children.reduce((s, c) => s + count(c), 0);
    const sparse = parseTree('python', text, JOIN_ONLY).root;
    assert.ok(count(sparse) < count(parseTree('python', text).root) / 2);
    const types: string[] = [];
    const visit = (n: SyntaxNode) => {
      types.push(n.type);
      n.children.forEach(visit);
    };
    visit(sparse);
    assert.ok(!types.includes('subscript') && !types.includes('list_comprehension') && !types.includes('block'), types.join(' '));
    assert.equal(types.filter((t) => t === 'import_statement').length, 2);
  });

  it('still finds a file too deep to analyse, where the walk skips expressions', () => {
    // 1200 terms nest the expression 1200 deep: the full copy refuses it, and so must the partial one (the walk skips an
    // expression only when its visible descendants cannot reach the limit).
    const deep = `total = ${Array.from({ length: 1200 }, () => 'a').join(' + ')}\n`;
    assert.throws(() => parseTree('python', deep), /deep/i);
    assert.throws(() => parseTree('python', deep, JOIN_ONLY), /deep/i);
    const shallow = `total = ${Array.from({ length: 900 }, () => 'a').join(' + ')}\n`;
    assert.equal(parseTree('python', shallow, JOIN_ONLY).sparse, true);
  });

  it('analyses test modules and vendored files the same with and without the pre-filter', () => {
    const cases = [...files.map((f) => readFileSync(f, 'utf8')), ...SHAPES];
    for (const [i, text] of cases.entries()) {
      for (const file of [`tests/case_${i}.py`, `app/test_case_${i}.py`, `layer/python/lib/python3.12/site-packages/pkg/m${i}.py`]) {
        const on = analyzeFile(text, file, {}, 'python');
        const off = analyzeFile(text, file, { prefilter: false }, 'python');
        assert.deepEqual(on, off, `${file}`);
      }
    }
  });
});

/** Methods in every place a type can hold them, entries, and bodies and members that hold look-alikes. */
const CS_SHAPES = [
  'namespace A.B\n{\n    public class Function\n    {\n        public string Handle(string input, ILambdaContext context) => input;\n    }\n}\n',
  'namespace A;\npublic record Fn(int X)\n{\n    public Task<string> Handler(Request r, Amazon.Lambda.Core.ILambdaContext c) { return Task.FromResult(""); }\n}\n',
  'struct S { public void H(object e, ILambdaContext? c) { } }\nclass Outer { class Inner { void H(string e, ILambdaContext c) { } } interface I { void X(ILambdaContext c) { } } }\n',
  'class Outer { interface I { void H(string e, ILambdaContext c) { } } }\n',
  'public class P\n{\n    public static async Task Main(string[] args) { var f = () => 1; }\n    int Field = Compute(() => { return 2; });\n    string Prop { get { return "ILambdaContext"; } }\n}\n',
  'using System;\nConsole.WriteLine("hi");\nclass Later { void H(string e, ILambdaContext c) { } }\n',
  '[Attr(typeof(ILambdaContext))]\npublic partial class C<T> where T : class\n{\n    [LambdaFunction]\n    public T Get(T e, ILambdaContext ctx) => e;\n    event EventHandler E;\n    ~C() { }\n    public C() { void Local(ILambdaContext c) { } }\n}\n',
  'class Deep { int x = ' +
    Array.from({ length: 600 }, () => '(').join('') +
    '1' +
    Array.from({ length: 600 }, () => ')').join('') +
    '; void H(string e, ILambdaContext c) { } }\n',
  'enum E { A, B }\ndelegate void D(ILambdaContext c);\nclass Tail { void Main() { } }\n',
];

describe('partial copy of C# files no rule looks at', () => {
  before(() => ensureParser('csharp'));
  const files = [...filesUnder(path.join(repo, 'test/fixtures'), '.cs'), ...filesUnder(path.join(repo, 'examples'), '.cs')];

  it("gives the join the full copy's handler classes and entry, on every fixture and example file and tricky shapes", () => {
    parseTree('csharp', 'class A { }\n');
    const cases = [
      ...files.map((f) => ({ name: path.relative(repo, f), text: readFileSync(f, 'utf8') })),
      ...CS_SHAPES.map((text, i) => ({ name: `shape ${i}`, text })),
    ];
    const partial = everyCopy('csharp', CS_JOIN_ONLY, cases, (sparse, full, name) => assert.deepEqual(csHandlerExports(sparse), csHandlerExports(full), name));
    assert.ok(partial >= CS_SHAPES.length, `${partial} partial copies`);
    // The shapes hold what the test is about: handlers where they can be, and entries.
    assert.deepEqual(csHandlerExports(parseTree('csharp', CS_SHAPES[2]).root).classes, ['S', 'Inner', 'Outer']);
    assert.equal(csHandlerExports(parseTree('csharp', CS_SHAPES[5]).root).entry, true);
  });

  it('analyses files no C# rule can report on the same with and without the pre-filter, through the partial copy', () => {
    let through = 0;
    for (const [i, text] of ['class Model { public int Id { get; set; } }\n', 'using System;\nConsole.WriteLine(1);\n', ...CS_SHAPES].entries()) {
      if (rulesThatCanFire(csharpRules, text).length === 0) through++;
      assert.deepEqual(analyzeFile(text, `src/App/F${i}.cs`, {}, 'csharp'), analyzeFile(text, `src/App/F${i}.cs`, { prefilter: false }, 'csharp'), `case ${i}`);
    }
    assert.ok(through >= 2, `${through} cases no rule can report on`);
  });
});
