// Code that no handler rule should judge (issue #16): browser code, vendored third-party packages, Lambda extensions.
// Each table pairs files that must stay silent with near-misses (same constructs in function or service code) that
// must still be reported.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyzeFile, analyzeWorkspace } from '../../src/core/analyze';
import { isExtensionCode, isInfrastructureCode, isVendoredPath } from '../../src/core/fileRole';
import { ensurePythonParser } from '../../src/core/python/parser';
import { scanPaths } from '../../src/node/scan';
import { tempDir } from '../helpers/tmp';

before(() => ensurePythonParser());

const toLambda = (code: string, file: string) =>
  analyzeFile(code, file)
    .findings.filter((f) => f.direction === 'to-lambda')
    .map((f) => f.ruleId);

interface Case {
  name: string;
  file: string;
  code: string;
  /** Rule ids expected (near-misses); none for silent cases. */
  expect?: string[];
}

/** Every rule's findings, whatever the direction: silent files get none at all. */
const anyRule = (code: string, file: string) => analyzeFile(code, file).findings.map((f) => f.ruleId);

function table(title: string, silent: Case[], reported: Case[]): void {
  describe(title, () => {
    for (const c of silent) it(`silent: ${c.name}`, () => assert.deepEqual(anyRule(c.code, c.file), []));
    for (const c of reported) it(`reported: ${c.name}`, () => assert.deepEqual(toLambda(c.code, c.file).sort(), [...(c.expect ?? [])].sort()));
  });
}

const POLLER = `function tick() {\n  render();\n  setTimeout(tick, 1000);\n}\ntick();\n`;

table(
  'browser code',
  [
    { name: 'a script under public/', file: 'web/public/js/app.js', code: POLLER },
    {
      name: 'a script under static/ and assets/',
      file: 'site/static/poll.js',
      code: `const data = new Map();\nfunction add(k) { data.set(k, (data.get(k) ?? 0) + 1); }\nexport function count(k) { add(k); return data.get(k); }\n`,
    },
    {
      name: 'a file that touches the DOM as it loads, anywhere',
      file: 'src/views/app.js',
      code: `var socket = io.connect();\nvar bg = document.getElementById('bg');\n${POLLER}`,
    },
    { name: 'jQuery ready at module scope', file: 'src/ui/main.js', code: `$(document).ready(function () { setInterval(refresh, 5000); });\n` },
    {
      name: 'a React component polling in an effect',
      file: 'web/src/components/Clock.tsx',
      code: `import { useEffect, useState } from 'react';\nexport function Clock() {\n  const [t, setT] = useState(0);\n  useEffect(() => {\n    const tick = () => { setT(Date.now()); setTimeout(tick, 1000); };\n    tick();\n  }, []);\n  return <span>{t}</span>;\n}\n`,
    },
    { name: 'a webpack bundle', file: 'src/bundle.js', code: `(() => { var __webpack_require__ = {}; setInterval(() => {}, 1000); })();\n` },
    {
      name: 'a UMD library build',
      file: 'lib/socket.io.js',
      code: `!function(t,e){"function"==typeof define&&define.amd?define(e):t.io=e()}(this,function(){ setInterval(function(){}, 25000); });\n`,
    },
  ],
  [
    {
      name: 'a Lambda handler under assets/ (CDK asset folder)',
      file: 'cdk/assets/lambda/index.js',
      code: `setInterval(flush, 1000);\nexports.handler = async () => ({ ok: true });\n`,
      expect: ['handler/background-work'],
    },
    {
      name: 'a server-side renderer (react-dom/server) in a Lambda handler',
      file: 'src/ssr.tsx',
      code: `import { renderToString } from 'react-dom/server';\nimport React from 'react';\nlet renders = 0;\nexport const handler = async () => {\n  renders++;\n  return renderToString(<p>{renders}</p>);\n};\n`,
      expect: ['handler/in-memory-state'],
    },
    {
      name: 'server code under static/ that loads a server-only module',
      file: 'app/static/server.js',
      code: `const http = require('http');\nhttp.createServer(h).listen(8080);\n`,
      expect: ['handler/listening-server'],
    },
    {
      name: 'isomorphic code behind a typeof window check',
      file: 'src/lib/poll.js',
      code: `if (typeof window !== 'undefined') { window.x = 1; }\n${POLLER}`,
      expect: ['handler/background-work'],
    },
    {
      name: 'DOM use only inside functions (could be SSR helpers)',
      file: 'src/render.js',
      code: `export function mount() { document.body.append('x'); }\n${POLLER}`,
      expect: ['handler/background-work'],
    },
  ],
);

table(
  'vendored third-party packages',
  [
    {
      name: 'botocore copied into a layer folder',
      file: 'layer/python/botocore/__init__.py',
      code: `_INITIALIZERS = []\ndef register_initializer(cb):\n    _INITIALIZERS.append(cb)\n`,
    },
    {
      name: 'site-packages of a layer',
      file: 'layers/deps/python/lib/python3.12/site-packages/pika/compat.py',
      code: `import socket\nlsock = socket.socket()\nlsock.listen()\n`,
    },
    { name: 'a JS file in site-packages', file: 'venv/lib/site-packages/x/static/app.js', code: POLLER },
  ],
  [
    {
      name: 'a project module that imports boto3',
      file: 'src/python/handlers/boto_helpers.py',
      code: `import boto3\nSEEN = set()\ndef handler(event, context):\n    SEEN.add(event["id"])\n    return len(SEEN)\n`,
      expect: ['python/in-memory-state'],
    },
  ],
);

table(
  'infrastructure programs',
  [
    {
      name: 'a CDK stack in Python that collects bundling commands',
      file: 'cdk/stacks/layer_stack.py',
      code: `from aws_cdk import Stack, BundlingOptions\nfrom constructs import Construct\ncommands = []\ndef try_bundle(cmd):\n    commands.append(cmd)\n    return True\nclass LayerStack(Stack):\n    def __init__(self, scope: Construct, id: str):\n        super().__init__(scope, id)\n        try_bundle("pip install -t /asset-output")\n`,
    },
    {
      name: 'a CDK helper in TypeScript writing outputs next to the app',
      file: 'cdk/lib/outputs.ts',
      code: `import { writeFileSync } from 'fs';\nimport { CfnOutput } from 'aws-cdk-lib';\nexport function save(o: CfnOutput) {\n  writeFileSync('outputs.json', JSON.stringify(o));\n}\n`,
    },
  ],
  [
    {
      name: 'a handler next to the stack, importing only the SDK',
      file: 'cdk/lambda/index.py',
      code: `import boto3\nSEEN = set()\ndef handler(event, context):\n    SEEN.add(event["id"])\n    return len(SEEN)\n`,
      expect: ['python/in-memory-state'],
    },
  ],
);

table(
  'Lambda extensions',
  [
    {
      name: 'Python extension registering with the Extensions API',
      file: 'ext/extension.py',
      code: `import requests, os\ndef register():\n    return requests.post(f"http://{os.environ['AWS_LAMBDA_RUNTIME_API']}/2020-01-01/extension/register", json={"events": ["INVOKE"]}, headers={"Lambda-Extension-Name": "x"})\ndef main():\n    register()\n    while True:\n        next_event()\nmain()\n`,
    },
    {
      name: 'a listener in a layer extensions/ folder',
      file: 'layer/extensions/logs_listener/http_listener.py',
      code: `import threading\nfrom http.server import HTTPServer\nserver = HTTPServer(("0.0.0.0", 4243), H)\nthreading.Thread(target=server.serve_forever, daemon=True).start()\nserver.serve_forever()\n`,
    },
    {
      name: 'Node extension code in a *-extension folder',
      file: 'nodejs-example-extension/nodejs-example-extension/telemetry-listener.js',
      code: `const express = require('express');\nconst eventsQueue = [];\nconst app = express();\napp.post('/', (req, res) => { eventsQueue.push(...req.body); res.send('OK'); });\napp.listen(4243);\nexport function drain() { const out = eventsQueue.splice(0); return out.length; }\n`,
    },
    {
      name: 'Node code subscribing to the Telemetry API',
      file: 'src/telemetry.mjs',
      code: `const url = \`http://\${process.env.AWS_LAMBDA_RUNTIME_API}/2022-07-01/telemetry\`;\nsetInterval(flush, 1000);\n`,
    },
  ],
  [
    {
      name: 'a function handler inside an extension-named folder',
      file: 'my-extension/handler.py',
      code: `import threading\ndef handler(event, context):\n    threading.Thread(target=work, daemon=True).start()\n`,
      expect: ['python/background-work'],
    },
    {
      name: 'a function that calls the Runtime API (a custom runtime), not the Extensions API',
      file: 'runtime/bootstrap.js',
      code: `const next = \`http://\${process.env.AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/next\`;\nsetInterval(flush, 1000);\n`,
      expect: ['handler/background-work'],
    },
  ],
);

describe('file roles by path and text', () => {
  it('recognises vendored paths', () => {
    for (const f of [
      'a/python/lib/python3.11/site-packages/x.py',
      'venv/lib/python3.12/site-packages/y/z.py',
      'x/requests-2.31.0.dist-info/METADATA.py',
      'layer/python/boto3/session.py',
      'deps/botocore/client.py',
    ])
      assert.ok(isVendoredPath(f), f);
    for (const f of ['src/handlers/boto3_helpers.py', 'src/site/packages.py', 'python/app.py', 'lib/app.py']) assert.ok(!isVendoredPath(f), f);
  });
  it('recognises extension code', () => {
    assert.ok(isExtensionCode('x.py', 'url = "/2020-01-01/extension/event/next"', true));
    assert.ok(isExtensionCode('layer/extensions/run.py', '', false));
    assert.ok(!isExtensionCode('layer/extensions/run.py', '', true));
    assert.ok(!isExtensionCode('src/extension.py', '', false));
    // An extension's demo folder (`cache-extension-demo/ipc/ipc.go`): its code without a handler is the extension.
    assert.ok(isExtensionCode('cache-extension-demo/ipc/ipc.go', '', false));
    assert.ok(isExtensionCode('logs_extension_go/main.go', '', false));
    assert.ok(!isExtensionCode('cache-extension-demo/example-function/index.js', '', true));
    assert.ok(!isExtensionCode('src/extensionless/app.py', '', false));
    assert.ok(!isExtensionCode('browser-extension-api/handler.py', '', true));
  });
  it('recognises infrastructure programs by their imports', () => {
    assert.ok(isInfrastructureCode(['aws-cdk-lib/aws-lambda']));
    assert.ok(isInfrastructureCode(['aws_cdk.aws_lambda']));
    assert.ok(isInfrastructureCode(['@pulumi/aws']));
    assert.ok(!isInfrastructureCode(['@aws-sdk/client-s3', 'constructs-helper', 'boto3']));
  });
});

describe('the workspace walk skips vendored packages and counts them once', () => {
  it('skips site-packages, layer python/ folders with metadata, and installed packages named by RECORD', async () => {
    const root = tempDir('lambdashift-vendored-');
    const write = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    };
    const noisy = `SEEN = set()\ndef handler(event, context):\n    SEEN.add(event["id"])\n    return len(SEEN)\n`;
    write('layer/python/lib/python3.12/site-packages/pkg/mod.py', noisy);
    write('deps/python/pika/compat.py', noisy);
    write('deps/python/requests-2.31.0.dist-info/RECORD', 'requests/__init__.py,sha256=x,1\n');
    // pip install -t into the function's own folder: the packages go, the function stays.
    write('fn/requests/__init__.py', noisy);
    write('fn/six.py', noisy);
    write('fn/requests-2.31.0.dist-info/RECORD', 'requests/__init__.py,sha256=x,1\nsix.py,sha256=y,2\n../../bin/x,,\n');
    write('fn/boto3/session.py', noisy);
    write('fn/app.py', noisy);
    // Templates that generate projects hold placeholders, not code: a Maven archetype, a cookiecutter folder.
    write('archetype/src/main/resources/archetype-resources/src/main/java/Handler.java', 'package ${package};\npublic class Handler {}\n');
    write('cookie/{{cookiecutter.project_name}}/hello/app.py', noisy.replace('SEEN', '{{ cookiecutter.var }}'));
    // A `dotnet new` template: its project, named by placeholders, beside .template.config/.
    write('blueprints/Empty/template/.template.config/template.json', '{ "sourceName": "BlueprintBaseName.1" }\n');
    write('blueprints/Empty/template/src/BlueprintBaseName.1/app.py', noisy);
    // Not templates: a folder merely named templates, a file with braces in its name.
    write('templates/job.py', noisy);
    // Yarn's own folder: its release bundle and SDK shims are tooling, never a function's code (not counted: ignored).
    write('.yarn/releases/yarn-4.1.0.cjs', noisy);
    write('.yarn/sdks/job.py', noisy);
    const result = await scanPaths(root, ['.']);
    assert.deepEqual([...new Set(result.findings.map((f) => f.file))].sort(), ['fn/app.py', 'templates/job.py']);
    // Seven vendored files (the RECORD files included) and four template files are skipped, not analysed or listed.
    assert.equal(result.stats.skipped, 11, JSON.stringify(result.stats));
    assert.deepEqual(result.errors, []);
  });
});

describe('Lambda Web Adapter set up in the IaC', () => {
  const app = `import os\nimport uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\nif __name__ == "__main__":\n    uvicorn.run(app, host="0.0.0.0", port=int(os.environ.get("PORT", "8080")))\n`;
  const template = (env: string) =>
    `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: run.sh\n      Runtime: python3.12\n      Environment:\n        Variables:\n${env}`;
  it('drops listening-server findings in the code folder of a function behind the adapter', () => {
    const r = analyzeWorkspace([
      { file: 'template.yaml', text: template('          AWS_LWA_INVOKE_MODE: RESPONSE_STREAM\n          AWS_LAMBDA_EXEC_WRAPPER: /opt/bootstrap\n') },
      { file: 'src/app.py', text: app },
    ]);
    assert.deepEqual(
      r.findings.filter((f) => f.category === 'listening-server'),
      [],
    );
  });
  it('keeps them when the function does not use the adapter', () => {
    const r = analyzeWorkspace([
      { file: 'template.yaml', text: template('          STAGE: prod\n') },
      { file: 'src/app.py', text: app },
    ]);
    assert.deepEqual(
      r.findings.filter((f) => f.category === 'listening-server').map((f) => `${f.file}:${f.line}`),
      ['src/app.py:4'],
    );
  });
});
