// The pre-filter (src/core/prefilter.ts) and the ESTree-free reading of files no rule can report on
// (src/core/js/lite.ts) are for speed only: they must never change a result. (Every table-test case is also analysed
// both ways, in test/helpers/ruleTester.ts.)
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyzeFile, analyzeWorkspace } from '../../../src/core/analyze';
import { findHandlerExports } from '../../../src/core/js/scope';
import { collectModuleInfo } from '../../../src/core/js/module';
import { gatedRules } from '../../../src/core/js/gates';
import { jsSourceFile, liteModule } from '../../../src/core/js/lite';
import { ensureParser } from '../../../src/core/parsers/load';
import { estreeConversions, jsxFor, parseJs } from '../../../src/core/parsers/typescript';
import { rulesThatCanFire } from '../../../src/core/prefilter';
import { jsRules } from '../../../src/core/rules';
import { goRules } from '../../../src/core/rules/go';
import { javaRules } from '../../../src/core/rules/java';
import { csharpRules } from '../../../src/core/rules/csharp';
import { jsFiles } from '../../helpers/jsFiles';
import { tempDir } from '../../helpers/tmp';
import { withoutShortcuts } from '../../helpers/ruleTester';

const repo = path.resolve(__dirname, '../../..');
const GENERATOR = path.join(repo, 'bench/generate.mjs');

function allFiles(dir: string, root = dir, out: { file: string; text: string }[] = []): { file: string; text: string }[] {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'node_modules') allFiles(p, root, out);
    } else out.push({ file: path.relative(root, p).split(path.sep).join('/'), text: readFileSync(p, 'utf8') });
  }
  return out;
}

/** The assessment without its timing. */
const stable = (r: ReturnType<typeof analyzeWorkspace>) => JSON.stringify({ ...r, stats: { ...r.stats, ms: 0 } });

before(() => Promise.all((['python', 'go', 'java', 'csharp'] as const).map((l) => ensureParser(l))));

/** What the join and the infrastructure test read, from the ESTree; modules sorted (the two walks meet them in other orders). */
function fromEstree(ast: Parameters<typeof collectModuleInfo>[0]) {
  const info = collectModuleInfo(ast);
  return { imports: info.relativeImports, handlerExports: findHandlerExports(ast).map((e) => e.name), modules: [...info.modules].sort() };
}

const liteSorted = (lite: ReturnType<typeof liteModule>) => lite && { ...lite, modules: [...lite.modules].sort() };

describe('pre-filter', () => {
  it('TypeScript’s tree gives the same imports and handler exports as the ESTree, on every JS/TS file of the repository', () => {
    const files = ['test/fixtures', 'examples', 'src', 'test/unit', 'bench'].flatMap((d) => jsFiles(path.join(repo, d)));
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const full = parseJs(text, file);
      const lite = liteModule(jsSourceFile(text, file, jsxFor(text, file), false));
      if (!full.ast) {
        assert.equal(lite, undefined, `${file} has a syntax error the lite reading missed`);
        continue;
      }
      assert.ok(lite, `${file}: TypeScript reports a syntax error typescript-estree does not`);
      assert.deepEqual(liteSorted(lite), fromEstree(full.ast), file);
      compared++;
    }
    assert.ok(compared > 300, `only ${compared} files compared`);
  });

  it('gives the same exports and modules for the shapes findHandlerExports and collectModuleInfo know, overloads and parenthesised forms included', () => {
    const cases = [
      'export function f(a: string): void;\nexport function f(a: any) {}\nexport default function (event) {}',
      'export default ((event, context) => 1);',
      'module.exports = { handler, other: () => 1, m() {}, get g() { return 1; }, [k]: 2, "s": 3, ...rest };',
      '(exports.handler = async (e) => e);\nmodule.exports.main = main;\nmodule["exports"].x = 1;\nexports.a = exports.b = f;',
      'const a = 1, b = 2;\nexport { a, b as "c" };\nexport type { T } from "./t";\nexport * from "./all";\nexport declare function d(): void;\nexport const e = 1, g = 2;',
      'import x = require("./eq");\nconst y = (require)(("./paren"));\nimport("./dyn");\nrequire(`./tpl`);\nrequire(`./${n}`);\nexport class C {}',
      "import type { Stack } from 'aws-cdk-lib';\nimport * as fs from 'node:fs';\nexport * as c from 'constructs';\nexport { x } from '@pulumi/aws';\nfunction f() {\n  return require('node:os');\n}",
    ];
    for (const text of cases) {
      const full = parseJs(text, 'src/a.ts');
      assert.ok(full.ast, text);
      assert.deepEqual(liteSorted(liteModule(jsSourceFile(text, 'src/a.ts', false, false))), fromEstree(full.ast), text);
    }
  });

  it('runs every rule on a file whose text has escapes, which can spell a literal without its letters', () => {
    const text = "const cp = require('\\u0063hild_process');\ncp.spawn('x');";
    assert.equal(rulesThatCanFire(jsRules, text), jsRules);
    assert.ok(analyzeFile(text, 'src/handler.js').findings.some((f) => f.ruleId === 'handler/threads-or-processes'));
    assert.ok(rulesThatCanFire(jsRules, 'const x = 1;').length < jsRules.length);
  });

  it('finds every fragment that occurs, where fragments overlap at one position or one starts inside another’s match', () => {
    type R = { meta: { id: string }; needs?: readonly string[]; alsoNeeds?: readonly string[] };
    const rules: R[] = [
      { meta: { id: 'quoted' }, needs: ['[`\'"](?:pg|sequelize)[`\'"]'] },
      { meta: { id: 'bare' }, needs: ['sequelize'] },
      { meta: { id: 'word' }, needs: ['\\bRecords\\b'] },
      { meta: { id: 'same-place' }, needs: ['Records'] },
      { meta: { id: 'quoted-ws' }, needs: ['[`\'"](?:net|ws)[`\'"]'] },
      { meta: { id: 'also-quoted-ws' }, needs: ['[`\'"]ws[`\'"]'] },
      { meta: { id: 'server' }, needs: ['express'], alsoNeeds: ['\\blisten\\b'] },
    ];
    const ids = (text: string) => rulesThatCanFire(rules, text).map((r) => r.meta.id);
    assert.deepEqual(ids("require('sequelize')"), ['quoted', 'bare']);
    assert.deepEqual(ids('event.Records'), ['word', 'same-place']);
    assert.deepEqual(ids("new (require('ws'))(url)"), ['quoted-ws', 'also-quoted-ws']);
    // Both halves of a conjunction: the module and the method.
    assert.deepEqual(ids("const app = require('express')();"), []);
    assert.deepEqual(ids("const app = require('express')();\napp.listen(3000);"), ['server']);
    assert.deepEqual(ids('// listen to express'), ['server']);
  });

  it('an infrastructure program is read without the ESTree, unless it may declare a CDK function, and assesses the same', () => {
    const cases = [
      // A CDK app's entry point: no function construct, no code rule; converted all the same, for it instantiates a
      // class of the project's own (`../lib/api-stack`), which may be a construct class that makes functions
      // (src/core/join/cdkConstructs.ts).
      "import * as cdk from 'aws-cdk-lib';\nimport { ApiStack } from '../lib/api-stack';\nconst app = new cdk.App();\nnew ApiStack(app, 'Api', { env: { region: process.env.CDK_DEFAULT_REGION } });\nsetTimeout(() => app.synth(), 1000);",
      // Pulumi and CDKTF programs.
      "import * as aws from '@pulumi/aws';\nconst fs = require('fs');\nfs.writeFileSync('out.json', JSON.stringify(new aws.s3.Bucket('b')));",
      "const { App } = require('cdktf');\nconst app = new App();\nwhile (true) app.synth();",
      // A stack naming a state machine and an existing function's event target, but no function construct.
      "import * as sfn from 'aws-cdk-lib/aws-stepfunctions';\nimport * as targets from 'aws-cdk-lib/aws-events-targets';\nimport { Stack } from 'aws-cdk-lib';\nexport class S extends Stack {\n  constructor(scope: any, fn: any) {\n    super(scope, 'S');\n    new targets.LambdaFunction(fn);\n    new sfn.StateMachine(this, 'StepFunctionsMachine', {});\n  }\n}",
      // A CDK stack declaring a function: converted, its unit read.
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\nimport { Stack } from 'aws-cdk-lib';\nexport class S extends Stack {\n  constructor(scope: any) {\n    super(scope, 'S');\n    new lambda.Function(this, 'F', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });\n  }\n}",
      // Names an infrastructure library only in a string: still code, its findings stand.
      "const label = 'made with aws-cdk';\nconst fs = require('fs');\nexports.handler = async () => fs.writeFileSync('out.json', label);",
    ];
    const converted: boolean[] = [];
    const units = cases.map((text) => {
      const before = estreeConversions();
      const fast = analyzeFile(text, 'infra/app.ts');
      converted.push(estreeConversions() > before);
      assert.deepEqual(
        fast,
        withoutShortcuts(() => analyzeFile(text, 'infra/app.ts', { prefilter: false })),
        text,
      );
      return [fast.units.length, fast.findings.length];
    });
    assert.deepEqual(units, [
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [1, units[4][1]],
      [0, 1],
    ]);
    assert.deepEqual(converted, [true, false, false, false, true, true]);
  });

  it('the examples and the fixtures assess the same with and without it', () => {
    for (const dir of ['examples', 'test/fixtures']) {
      const files = allFiles(path.join(repo, dir));
      assert.equal(stable(analyzeWorkspace(files)), stable(analyzeWorkspace(files, { prefilter: false })), dir);
    }
  });

  it('runs the Go, Java and C# event-source rules only on text naming one of their event types', () => {
    const cases = [
      { rules: goRules, id: 'go/event-source', without: 'package main\nfunc main() {}', with: 'func h(e events.SQSEvent) {}' },
      {
        rules: javaRules,
        id: 'java/event-source',
        without: 'class A { void f() {} }',
        with: 'import com.amazonaws.services.lambda.runtime.events.SQSEvent;\nclass A { void f(SQSEvent e) {} }',
      },
      { rules: csharpRules, id: 'csharp/event-source', without: 'class A { void F() {} }', with: 'class A { void F(SQSEvent e) {} }' },
    ];
    for (const c of cases) {
      const ids = (text: string) => rulesThatCanFire<{ meta: { id: string }; needs?: readonly string[] }>(c.rules, text).map((r) => r.meta.id);
      assert.ok(!ids(c.without).includes(c.id), `${c.id} runs on text without an event type`);
      assert.ok(ids(c.with).includes(c.id), `${c.id} does not run on text with an event type`);
    }
  });

  it('the Python, Go, Java and C# files of the examples and the fixtures analyse the same without any shortcut', () => {
    const counts: Record<string, number> = {};
    for (const dir of ['examples', 'test/fixtures']) {
      const files = allFiles(path.join(repo, dir)).filter((f) => /\.(py|go|java|cs)$/.test(f.file));
      for (const f of files) {
        const fast = analyzeFile(f.text, f.file);
        assert.deepEqual(
          fast,
          withoutShortcuts(() => analyzeFile(f.text, f.file, { prefilter: false })),
          `${dir}/${f.file}`,
        );
        counts[fast.kind] = (counts[fast.kind] ?? 0) + 1;
      }
      assert.equal(stable(analyzeWorkspace(files)), stable(withoutShortcuts(() => analyzeWorkspace(files, { prefilter: false }))), dir);
    }
    for (const kind of ['python', 'go', 'java', 'csharp']) assert.ok((counts[kind] ?? 0) >= 3, `only ${counts[kind] ?? 0} ${kind} files`);
  });

  it('a generated workspace (the benchmark’s) assesses the same with and without it', async () => {
    const out = tempDir('lambdashift-prefilter-');
    const { generate } = (await import(GENERATOR)) as { generate: (n: number, dir: string, seed?: number) => string };
    generate(120, out, 7);
    const files = allFiles(out);
    const on = analyzeWorkspace(files);
    assert.ok(on.findings.length > 20 && on.units.length > 10, 'the workspace has findings and units to compare');
    assert.equal(stable(on), stable(analyzeWorkspace(files, { prefilter: false })));
  });

  it('every JS/TS file of the repository analyses the same with and without it, as code (not as a test file), the structural gates ruling many out', () => {
    const files = ['src', 'test', 'bench', 'scripts'].flatMap((d) => jsFiles(path.join(repo, d)));
    let ruledOut = 0;
    files.forEach((file, i) => {
      const text = readFileSync(file, 'utf8');
      // A neutral name keeps the extension (the grammar) and drops what makes a file a test or vendored file.
      const name = `corpus/file${i}${path.extname(file)}`;
      assert.deepEqual(analyzeFile(text, name), analyzeFile(text, name, { prefilter: false }), file);
      const rules = rulesThatCanFire(jsRules, text);
      if (rules.length && rules.every((r) => r.gate) && gatedRules(rules, jsSourceFile(text, name, jsxFor(text, name), true), text).length === 0) ruledOut++;
    });
    assert.ok(files.length > 400, `only ${files.length} files`);
    assert.ok(ruledOut >= 20, `the gates ruled out only ${ruledOut} files`);
  });
});
