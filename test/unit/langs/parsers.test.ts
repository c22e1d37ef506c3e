// The shared tree-sitter layer: one lazy loader for every grammar, the wasm files found where the bundles expect them,
// and the scan reading Go, Java and C# files (in this thread and in worker threads) without waiting for anything else.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../../src/core/analyze';
import { detectKind, isCodeKind } from '../../../src/core/detect';
import { defaultPackageName } from '../../../src/core/go/module';
import { ensureParser, wasmLocations } from '../../../src/core/parsers/load';
import { isGrammarLoaded, parseTree } from '../../../src/core/parsers/treesitter';
import { scanPaths } from '../../../src/node/scan';
import { tempDir } from '../../helpers/tmp';

describe('file kinds', () => {
  it('detects Go, Java and C# by extension, as code', () => {
    assert.deepEqual(
      ['main.go', 'src/main/java/A.java', 'Function.cs', 'a.csproj', 'go.mod'].map((f) => detectKind(f, '')),
      ['go', 'java', 'csharp', 'unknown', 'go-mod'],
    );
    assert.ok(isCodeKind('go') && isCodeKind('java') && isCodeKind('csharp'));
  });
});

describe('ensureParser', () => {
  it('finds every grammar in node_modules when running from sources', () => {
    for (const lang of ['python', 'go', 'java', 'csharp'] as const) {
      const loc = wasmLocations(lang);
      assert.ok(typeof loc.grammar === 'string' && existsSync(loc.grammar), String(loc.grammar));
      assert.ok(typeof loc.runtime === 'string' && existsSync(loc.runtime), String(loc.runtime));
    }
  });

  it('resolves at once for kinds without a tree-sitter grammar, and loads only the grammar asked for', async () => {
    await ensureParser('typescript');
    await ensureParser('cloudformation');
    assert.equal(isGrammarLoaded('java'), false);
    await Promise.all([ensureParser('go'), ensureParser('go')]);
    assert.equal(isGrammarLoaded('go'), true);
    assert.equal(isGrammarLoaded('java'), false);
  });

  it('reports a failed load with the language and where it looked, and can be retried', async () => {
    await assert.rejects(
      ensureParser('csharp', { runtime: wasmLocations('csharp').runtime, grammar: '/nonexistent/tree-sitter-c-sharp.wasm' }),
      /cannot load the C# parser \(looked for \/nonexistent\/tree-sitter-c-sharp\.wasm\).*C# files are skipped/,
    );
    await ensureParser('csharp');
    assert.equal(parseTree('csharp', 'class A {}').root.type, 'compilation_unit');
  });

  it('gives each language its own grammar', async () => {
    await Promise.all([ensureParser('java'), ensureParser('python')]);
    assert.equal(parseTree('java', 'class A {}').root.type, 'program');
    assert.equal(parseTree('go', 'package main').root.type, 'source_file');
    assert.equal(parseTree('python', 'x = 1').root.type, 'module');
  });

  it('reports a syntax error as a parse-error finding and analyses the rest', async () => {
    await ensureParser('go');
    const a = analyzeFile('package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":80", nil)\n\tif {\n}\n', 'main.go');
    assert.ok(a.findings.some((f) => f.ruleId === 'core/parse-error'));
    assert.ok(a.findings.some((f) => f.ruleId === 'go/listening-server'));
  });
});

describe('Go package names', () => {
  it('C#: `#pragma` forms the compiler only warns about (`#pragma warning enable`) are no parse error; a real one still is', async () => {
    await ensureParser('csharp');
    const pragma =
      'public class A {\n  public void Run() {\n    try {\n#pragma warning disable\n      Run();\n#pragma warning enable\n    }\n#pragma warning disable CA1031\n    catch (System.Exception) { }\n  }\n}\n';
    assert.deepEqual(
      analyzeFile(pragma, 'A.cs').findings.map((f) => f.ruleId),
      [],
    );
    const broken = pragma.replace('Run();', 'Run(;');
    assert.deepEqual(
      analyzeFile(broken, 'A.cs').findings.map((f) => f.ruleId),
      ['core/parse-error'],
    );
  });
  it('uses the last path element, without a major version or a go- prefix / .go suffix', () => {
    const names = [
      'net/http',
      'github.com/labstack/echo/v4',
      'gopkg.in/yaml.v3',
      'github.com/nats-io/nats.go',
      'github.com/rabbitmq/amqp091-go',
      'github.com/go-redis/redis/v8',
    ].map(defaultPackageName);
    assert.deepEqual(names, ['http', 'echo', 'yaml', 'nats', 'amqp091', 'redis']);
  });
});

describe('scan', () => {
  const root = tempDir('lambdashift-langs-');
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  write('svc/main.go', 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n');
  write(
    'api/src/main/java/com/acme/App.java',
    'package com.acme;\n\nimport org.springframework.boot.SpringApplication;\n\npublic class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }\n',
  );
  write('web/Program.cs', 'var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n');
  // Dependencies and build output are not the project's code.
  write('svc/vendor/github.com/x/y/server.go', 'package y\n\nimport "net/http"\n\nfunc S() { http.ListenAndServe(":1", nil) }\n');
  write('api/target/generated-sources/App.java', 'class X {}\n');
  write('web/obj/Debug/Gen.cs', 'class X {}\n');

  for (const jobs of [1, 2]) {
    it(`reads .go, .java and .cs files and skips vendor/, target/ and obj/ (jobs ${jobs})`, async () => {
      const r = await scanPaths(root, ['.'], { jobs, forceWorkers: jobs > 1 });
      assert.deepEqual(r.errors, []);
      assert.deepEqual(
        r.findings.filter((f) => f.ruleId.endsWith('/listening-server')).map((f) => `${f.file} ${f.ruleId}`),
        ['api/src/main/java/com/acme/App.java java/listening-server', 'svc/main.go go/listening-server', 'web/Program.cs csharp/listening-server'],
      );
      assert.equal(r.stats.analyzed, 3);
    });
  }
});
