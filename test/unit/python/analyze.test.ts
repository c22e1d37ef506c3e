import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { analyzeFile, analyzeText } from '../../../src/core/analyze';
import { defaultWasmLocations, ensurePythonParser } from '../../../src/core/python/parser';
import { analyzeWorkspace } from '../../../src/core/analyze';

before(() => ensurePythonParser());

describe('python parser loading', () => {
  it('finds the wasm files in node_modules when running from sources', () => {
    const loc = defaultWasmLocations();
    assert.ok(typeof loc.runtime === 'string' && existsSync(loc.runtime), String(loc.runtime));
    assert.ok(typeof loc.grammar === 'string' && existsSync(loc.grammar), String(loc.grammar));
  });
  it('is idempotent', async () => {
    await Promise.all([ensurePythonParser(), ensurePythonParser()]);
    assert.equal(analyzeFile('x = 1\n', 'a.py').errors.length, 0);
  });
});

describe('analyzePython', () => {
  it('records relative and in-project imports as module paths the join resolves', () => {
    const a = analyzeFile(
      [
        'import json',
        'import utils',
        'from . import helpers',
        'from .db import conn',
        'from ..shared.models import Order',
        'from lib.orders import load',
        'import boto3',
        'from os import path',
      ].join('\n'),
      'src/handlers/api.py',
    );
    for (const spec of ['./utils', './helpers', './db', './db/conn', '../shared/models', './lib/orders', './lib/orders/load'])
      assert.ok(a.imports.includes(spec), `${spec} in ${a.imports}`);
    for (const spec of ['./json', './boto3', './os', './os/path', '../shared/models/Order'])
      assert.ok(!a.imports.includes(spec), `${spec} should not be listed`);
  });

  it('lists handler-like module-level functions', () => {
    const a = analyzeFile(
      [
        'def transcode(event, context):',
        '    pass',
        'def lambda_handler(e, ctx):',
        '    pass',
        'def helper(x):',
        '    pass',
        'class C:',
        '    def handler(self, event, context):',
        '        pass',
      ].join('\n'),
      'handler.py',
    );
    assert.deepEqual(a.handlerExports, ['transcode', 'lambda_handler']);
  });

  it('reports a syntax error as a parse-error finding and keeps going', () => {
    const a = analyzeFile('def handler(event, context:\n    return 1\n', 'bad.py');
    const pe = a.findings.filter((f) => f.category === 'parse-error');
    assert.equal(pe.length, 1);
    assert.match(pe[0].message, /bad\.py could not be parsed/);
  });

  it('positions findings in UTF-16 columns after non-ASCII text', () => {
    const f = analyzeText('# café ünïcödé\nNOTE = "é"; open("out.txt", "w")\n', 'src/a.py').find((x) => x.ruleId === 'python/local-disk-write');
    assert.ok(f);
    assert.deepEqual([f.line, f.column], [2, 13]);
  });

  it('honours # lambdashift-ignore-next-line with a reason, and flags one without', () => {
    const code = [
      'def handler(event, context):',
      '    # lambdashift-ignore-next-line python/local-disk-write -- the image mounts a volume here',
      '    open("a.txt", "w")',
      '    # lambdashift-ignore-next-line local-disk-write',
      '    open("b.txt", "w")',
      '    open("c.txt", "w")',
    ].join('\n');
    const found = analyzeText(code, 'src/h.py');
    assert.deepEqual(
      found.filter((f) => f.ruleId === 'python/local-disk-write').map((f) => f.line),
      [6],
    );
    assert.equal(found.filter((f) => f.ruleId === 'core/suppression-reason').length, 1);
  });

  it('honours per-rule severity overrides and off', () => {
    const code = 'def handler(event, context):\n    open("b.txt", "w")\n    return context.aws_request_id\n';
    const a = analyzeFile(code, 'src/h.py', { rules: { 'python/local-disk-write': 'error', 'python/runtime-coupling': 'off' } });
    assert.deepEqual(
      a.findings.map((f) => [f.ruleId, f.severity]),
      [['python/local-disk-write', 'error']],
    );
  });

  it('treats test modules as local-only', () => {
    const code = 'from flask import Flask\napp = Flask(__name__)\napp.run()\nopen("x.txt", "w")\n';
    for (const file of ['tests/test_api.py', 'src/test_api.py', 'src/api_test.py', 'conftest.py']) assert.deepEqual(analyzeFile(code, file).findings, [], file);
    assert.equal(analyzeFile(code, 'src/api.py').findings.length, 2);
  });

  it('marks everything under if __name__ == "__main__" entry-only, nested functions included: never shown for a handler module', () => {
    const code = [
      'import uvicorn, threading',
      'if __name__ == "__main__":',
      '    def serve():',
      '        uvicorn.run("app:api")',
      '    threading.Timer(5, serve).start()',
      '    open("dev.log", "a")',
    ].join('\n');
    const findings = analyzeFile(code, 'src/main.py').findings;
    assert.ok(findings.length >= 2, 'the main block is analysed: it runs when a container starts the file');
    assert.ok(
      findings.every((f) => f.entryOnly),
      'every finding in it is entry-only',
    );
    assert.deepEqual(analyzeText(code, 'src/main.py'), []);
  });

  it('keeps a __main__ check inside a function local-only (only a top-level main block is the program)', () => {
    const code = ['import uvicorn', 'def dev():', '    if __name__ == "__main__":', '        uvicorn.run("app:api")'].join('\n');
    assert.deepEqual(analyzeFile(code, 'src/main.py').findings, []);
  });
});

describe('workspace join with Python handlers', () => {
  const template = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  Transcode:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      CodeUri: src/',
    '      Handler: handler.transcode',
    '      Runtime: python3.12',
    '      Timeout: 30',
  ].join('\n');
  const handler = 'from .media import convert\n\ndef transcode(event, context):\n    return convert(event)\n';
  const media = 'import time\n\ndef convert(event):\n    time.sleep(120)\n    open("out.mp4", "wb")\n';
  const unrelated = 'def other(event, context):\n    open("x.txt", "w")\n';

  it('resolves handler.transcode to handler.py and attributes findings in imported modules to the function', () => {
    const r = analyzeWorkspace([
      { file: 'template.yaml', text: template },
      { file: 'src/handler.py', text: handler },
      { file: 'src/media.py', text: media },
      { file: 'src/tools/other.py', text: unrelated },
    ]);
    const unit = r.units.find((u) => u.name === 'Transcode');
    assert.equal(unit?.codeFile, 'src/handler.py');
    const inMedia = r.findings.filter((f) => f.file === 'src/media.py' && f.ruleId.startsWith('python/'));
    assert.deepEqual(inMedia.map((f) => [f.ruleId, f.unit]).sort(), [
      ['python/local-disk-write', 'Transcode'],
      ['python/long-running', 'Transcode'],
    ]);
    // The 120 s sleep exceeds the 30 s timeout, and the message says so.
    assert.match(inMedia.find((f) => f.ruleId === 'python/long-running')!.message, /30 s timeout/);
    assert.equal(r.findings.find((f) => f.file === 'src/tools/other.py')?.unit, undefined);
  });

  it('drops a sleep that fits in the configured timeout', () => {
    const r = analyzeWorkspace([
      { file: 'template.yaml', text: template.replace('Timeout: 30', 'Timeout: 300') },
      { file: 'src/handler.py', text: handler },
      { file: 'src/media.py', text: media },
    ]);
    assert.equal(r.findings.filter((f) => f.ruleId === 'python/long-running').length, 0);
  });
});
