// Lambda functions that run their own program rather than a handler: images that start a server (Lambda Web Adapter
// copied in by the Dockerfile, a custom runtime's binary) and zip functions whose handler is a shell script the
// adapter's /opt/bootstrap wrapper runs. Their code is what the command starts, found as a container's is.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { webAdapterPort } from '../../../src/core/convert/to-kubernetes';
import { detectKind } from '../../../src/core/detect';
import { launchOf } from '../../../src/core/join/code';
import { ensureParser } from '../../../src/core/parsers/load';
import type { Unit } from '../../../src/core/types';
import { assessTexts } from '../../helpers/assessTexts';
import { analyzeFile } from '../../../src/core/analyze';
import { documentFindings } from '../../../src/core/workspace';

before(async () => {
  for (const lang of ['python', 'csharp'] as const) await ensureParser(lang);
});

const imageTemplate = (context: string) =>
  [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  WebFunction:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      PackageType: Image',
    '      MemorySize: 1024',
    '      Events:',
    '        Root:',
    '          Type: HttpApi',
    '    Metadata:',
    `      DockerContext: ${context}`,
    '      Dockerfile: Dockerfile',
    '',
  ].join('\n');

const expressApp = [
  "const express = require('express');",
  'const app = express();',
  "app.get('/', (req, res) => res.send('hi'));",
  'app.listen(process.env.PORT || 8080);',
  '',
].join('\n');

const nodeDockerfile = (adapter: string) =>
  [
    'FROM public.ecr.aws/docker/library/node:20-slim',
    adapter,
    'WORKDIR "/var/task"',
    'ADD src/package.json /var/task/package.json',
    'RUN npm install --omit=dev',
    'ADD src/ /var/task',
    'CMD ["node", "index.js"]',
    '',
  ].join('\n');

const ADAPTER_COPY = 'COPY --from=public.ecr.aws/awsguru/aws-lambda-adapter:0.9.1 /lambda-adapter /opt/extensions/lambda-adapter';

function unitOf(files: Record<string, string>, name = 'WebFunction') {
  const r = assessTexts(files);
  const u = r.units.find((x) => x.name === name);
  assert.ok(u, `unit ${name}`);
  return { r, u };
}

describe('a Lambda image that starts a program: joined through its Dockerfile command', () => {
  it('joins the file `CMD ["node", "index.js"]` starts, through ADD src/ /var/task, and marks the adapter copied in', () => {
    const { r, u } = unitOf({
      'template.yaml': imageTemplate('./app'),
      'app/Dockerfile': nodeDockerfile(ADAPTER_COPY),
      'app/src/index.js': expressApp,
    });
    assert.equal(u.codeFile, 'app/src/index.js');
    assert.deepEqual(u.codeFiles, ['app/src/index.js']);
    assert.equal(u.joinedBy, "its Dockerfile's command");
    assert.equal(u.imageBuild?.webAdapter, true);
    assert.equal(u.imageBuild?.handler, undefined, '`node index.js` is a program, not a handler');
    // The server is how the function gets its requests behind the adapter: nothing to report, in the report or the editor.
    assert.deepEqual(
      r.findings.filter((f) => f.category === 'listening-server'),
      [],
    );
    assert.equal(r.fileJoins?.['app/src/index.js']?.adapted, true);
    assert.ok(!(u.decidedBy ?? []).some((d) => /verdict from the template only/.test(d.message)), JSON.stringify(u.decidedBy));
  });

  it("words its HTTP event for the adapter, in the report and in the editor's template, once the Dockerfile is read; without the adapter, as a handler to wrap", () => {
    const files = { 'template.yaml': imageTemplate('./app'), 'app/Dockerfile': nodeDockerfile(ADAPTER_COPY), 'app/src/index.js': expressApp };
    const r = assessTexts(files);
    const event = r.findings.find((f) => f.ruleId === 'iac/event-source');
    assert.match(event?.message ?? '', /^WebFunction is invoked over HTTP \(.*\) and already serves it with its own HTTP server behind Lambda Web Adapter/);
    assert.deepEqual(r.fileJoins?.['template.yaml']?.adaptedImages, ['WebFunction']);
    const live = documentFindings(analyzeFile(files['template.yaml'], 'template.yaml'), r.fileJoins?.['template.yaml'], 'auto');
    assert.equal(live.find((f) => f.ruleId === 'iac/event-source')?.message, event?.message);
    const plain = assessTexts({ ...files, 'app/Dockerfile': nodeDockerfile('') });
    assert.match(plain.findings.find((f) => f.ruleId === 'iac/event-source')?.message ?? '', /Wrap the handler in a small server/);
  });

  it("reads the adapter's port from the image's ENV: AWS_LWA_PORT over PORT, through the stage it is built FROM", () => {
    const withEnv = (env: string) => nodeDockerfile(ADAPTER_COPY).replace('WORKDIR "/var/task"', `${env}\nWORKDIR "/var/task"`);
    const port = (dockerfile: string) =>
      unitOf({ 'template.yaml': imageTemplate('./app'), 'app/Dockerfile': dockerfile, 'app/src/index.js': expressApp }).u.imageBuild?.port;
    assert.equal(port(withEnv('ENV PORT=3000')), 3000);
    assert.equal(port(withEnv('ENV AWS_LWA_PORT=9000 PORT=3000')), 9000);
    assert.equal(port(withEnv('ENV PORT 3000\nENV AWS_LWA_PORT=9001')), 9001);
    assert.equal(port(nodeDockerfile(ADAPTER_COPY)), undefined, "the adapter default (8080) is the conversion's to fill in");
    const staged = [
      'FROM public.ecr.aws/docker/library/node:20-slim AS base',
      'ENV AWS_LWA_PORT=7000',
      'FROM base',
      ADAPTER_COPY,
      'ENV PORT=3000',
      'WORKDIR /var/task',
      'COPY src/ ./',
      'CMD ["node", "index.js"]',
      '',
    ].join('\n');
    assert.equal(port(staged), 7000);
    // Without the adapter a PORT in the image is the app's business only.
    assert.equal(port(nodeDockerfile('ENV PORT=3000')), undefined);
  });

  it('recognises the adapter copied from a stage built FROM its image', () => {
    const dockerfile = [
      'FROM public.ecr.aws/awsguru/aws-lambda-adapter:0.9.1 AS adapter',
      'FROM public.ecr.aws/docker/library/node:20-slim',
      'COPY --from=adapter /lambda-adapter /opt/extensions/lambda-adapter',
      'WORKDIR /var/task',
      'COPY src/ ./',
      'CMD ["node", "index.js"]',
      '',
    ].join('\n');
    const { u } = unitOf({ 'template.yaml': imageTemplate('./app'), 'app/Dockerfile': dockerfile, 'app/src/index.js': expressApp });
    assert.equal(u.imageBuild?.webAdapter, true);
    assert.equal(u.codeFile, 'app/src/index.js');
  });

  it('does not take a COPY --from of another stage or image for the adapter', () => {
    const dockerfile = [
      'FROM public.ecr.aws/docker/library/node:20 AS build',
      'WORKDIR /src',
      'COPY src/ ./',
      'FROM public.ecr.aws/docker/library/node:20-slim',
      'COPY --from=build /src /var/task',
      'COPY --from=public.ecr.aws/datadog/lambda-extension:latest /opt/. /opt/',
      'WORKDIR /var/task',
      'CMD ["node", "index.js"]',
      '',
    ].join('\n');
    const { r, u } = unitOf({ 'template.yaml': imageTemplate('./app'), 'app/Dockerfile': dockerfile, 'app/src/index.js': expressApp });
    assert.equal(u.imageBuild?.webAdapter, undefined);
    // Still joined to the program its command starts (through the build stage's COPY).
    assert.equal(u.codeFile, 'app/src/index.js');
    assert.equal(r.fileJoins?.['app/src/index.js']?.adapted, undefined);
  });

  it('keeps the handler of a Lambda base image (`CMD ["app.handler"]`) and of a runtime interface client named in CMD', () => {
    const handler = 'exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });\n';
    const base = unitOf({
      'template.yaml': imageTemplate('./app'),
      'app/Dockerfile': 'FROM public.ecr.aws/lambda/nodejs:20\nCOPY app.js ${LAMBDA_TASK_ROOT}/\nCMD ["app.handler"]\n',
      'app/app.js': handler,
    }).u;
    assert.equal(base.imageBuild?.handler, 'app.handler');
    assert.equal(base.codeFile, 'app/app.js');
    assert.equal(base.joinedBy, 'handler');
    const py = unitOf({
      'template.yaml': imageTemplate('./app'),
      'app/Dockerfile':
        'FROM python:3.12-slim\nWORKDIR /function\nCOPY app.py ./\nRUN pip install awslambdaric\nCMD ["python", "-m", "awslambdaric", "app.handler"]\n',
      'app/app.py': 'def handler(event, context):\n    return event\n',
    }).u;
    assert.equal(py.imageBuild?.handler, 'app.handler');
    assert.equal(py.codeFile, 'app/app.py');
  });

  it('joins a custom runtime image to the C# it builds, so the verdict reads the code (native AOT on provided.al2)', () => {
    const dockerfile = [
      'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build-image',
      'WORKDIR /build',
      'COPY Function.cs Fn.csproj ./Fn/',
      'RUN dotnet publish -c Release Fn/Fn.csproj --runtime linux-arm64',
      'FROM public.ecr.aws/lambda/provided:al2-arm64',
      'COPY --from=build-image /build/Fn/bin/Release/net8.0/linux-arm64/publish/ /var/task/',
      'ENTRYPOINT ["/var/task/Fn"]',
      '',
    ].join('\n');
    const code = [
      'using Amazon.Lambda.APIGatewayEvents;',
      'using Amazon.Lambda.Core;',
      'using Amazon.Lambda.RuntimeSupport;',
      'public class Function {',
      '  private static async Task Main() {',
      '    await LambdaBootstrapBuilder.Create<APIGatewayHttpApiV2ProxyRequest, APIGatewayHttpApiV2ProxyResponse>(Handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();',
      '  }',
      '  public static APIGatewayHttpApiV2ProxyResponse Handler(APIGatewayHttpApiV2ProxyRequest request, ILambdaContext context) {',
      '    context.Logger.LogInformation(request.RequestContext.Http.Method);',
      '    return new APIGatewayHttpApiV2ProxyResponse { StatusCode = 200, Body = request.RequestContext.Http.Path };',
      '  }',
      '}',
      '',
    ].join('\n');
    const { u } = unitOf({
      'template.yaml': imageTemplate('./fn'),
      'fn/Dockerfile': dockerfile,
      'fn/Function.cs': code,
      'fn/Fn.csproj': '<Project Sdk="Microsoft.NET.Sdk"></Project>\n',
    });
    assert.deepEqual(u.codeFiles, ['fn/Function.cs']);
    assert.equal(u.readiness?.toKubernetes, 'changes');
  });

  it('names the Dockerfile and its CMD when the handler a Lambda base image names is not in the build context', () => {
    const { u } = unitOf({
      'template.yaml': imageTemplate('./app'),
      'app/Dockerfile': 'FROM public.ecr.aws/lambda/nodejs:20\nCOPY dist/ ${LAMBDA_TASK_ROOT}/\nCMD ["app.handler"]\n',
      'app/src/other.js': 'module.exports = {};\n',
    });
    assert.equal(u.codeFile, undefined);
    assert.deepEqual(
      (u.decidedBy ?? []).map((d) => d.message).filter((m) => /only/.test(m)),
      [
        'handler app.handler (the CMD of app/Dockerfile) not found in the build context (check the CMD and the COPY lines that bring the code in): verdict from the template only',
      ],
    );
  });

  it('says the template decided when the file the image starts is not in the workspace', () => {
    const { u } = unitOf({
      'template.yaml': imageTemplate('./app'),
      'app/Dockerfile': nodeDockerfile(ADAPTER_COPY).replace('index.js', 'server.js'),
      // No conventional entry name and no lone script: nothing else to fall back on.
      'app/src/web.js': expressApp,
      'app/src/routes.js': 'module.exports = {};\n',
    });
    assert.equal(u.codeFile, undefined);
    assert.deepEqual(
      (u.decidedBy ?? []).map((d) => d.message).filter((m) => /only/.test(m)),
      ['build context app found, but not the file its image starts: verdict from the template only'],
    );
  });
});

describe('a zip function whose handler is a shell script (Lambda Web Adapter)', () => {
  const zipTemplate = (handler: string) =>
    [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  WebFunction:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      CodeUri: app/',
      `      Handler: ${handler}`,
      '      Runtime: python3.12',
      '      Environment:',
      '        Variables:',
      '          AWS_LAMBDA_EXEC_WRAPPER: /opt/bootstrap',
      '      Layers:',
      '        - !Sub arn:aws:lambda:${AWS::Region}:753240598075:layer:LambdaAdapterLayerX86:25',
      '',
    ].join('\n');
  const fastapi = 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/")\ndef root():\n    return {"ok": True}\n';

  it('joins the module the script starts: `exec python -m uvicorn --port=$PORT main:app` after continued env lines', () => {
    const run =
      '#!/bin/bash\n\nPATH=$PATH:$LAMBDA_TASK_ROOT/bin \\\n    PYTHONPATH=$PYTHONPATH:/opt/python:$LAMBDA_RUNTIME_DIR \\\n    exec python -m uvicorn --port=$PORT main:app\n';
    const { u } = unitOf({ 'template.yaml': zipTemplate('run.sh'), 'app/run.sh': run, 'app/main.py': fastapi });
    assert.equal(u.codeFile, 'app/main.py');
    assert.equal(u.joinedBy, 'the script its handler names');
  });

  it('joins `exec bun run server.js` and `node app.js` (no exec) to the file they run', () => {
    const server = 'Bun.serve({ port: process.env.PORT || 8080, fetch() { return new Response("hi"); } });\n';
    assert.equal(
      unitOf({ 'template.yaml': zipTemplate('run.sh'), 'app/run.sh': 'export PATH="/opt/bin:${PATH}"\nexec bun run server.js\n', 'app/server.js': server }).u
        .codeFile,
      'app/server.js',
    );
    assert.equal(unitOf({ 'template.yaml': zipTemplate('run.sh'), 'app/run.sh': 'node app.js\n', 'app/app.js': expressApp }).u.codeFile, 'app/app.js');
  });

  it('says which command named no file, and takes a script outside the code folder for nothing', () => {
    const { u } = unitOf({ 'template.yaml': zipTemplate('run.sh'), 'app/run.sh': 'exec node server.js\n', 'app/index.js': expressApp });
    assert.equal(u.codeFile, undefined);
    assert.deepEqual(
      (u.decidedBy ?? []).map((d) => d.message).filter((m) => /only/.test(m)),
      [
        "its handler script starts `exec node server.js`, which names no file found under app (check the script's command against the function's code path): verdict from the template only",
      ],
    );
    const elsewhere = unitOf({ 'template.yaml': zipTemplate('run.sh'), 'run.sh': 'exec python main.py\n', 'main.py': fastapi }).u;
    assert.equal(elsewhere.codeFile, undefined);
  });
});

describe('what a command line starts', () => {
  const cases: [string, string[], Partial<ReturnType<typeof launchOf>>][] = [
    ['python -m uvicorn main:app: the app module, not the server', ['/bin/sh', '-c', 'exec python -m uvicorn --port=$PORT main:app'], { modules: ['main'] }],
    ['python -m gunicorn with options before the app', ['/bin/sh', '-c', 'python -m gunicorn -b=:$PORT -w=1 app:app'], { modules: ['app'] }],
    ['python -m a package of its own', ['python', '-m', 'worker'], { modules: ['worker'] }],
    ['bun run a file', ['bun', 'run', 'server.ts'], { scripts: ['server.ts'], npmScripts: [] }],
    ['bun run a package.json script', ['bun', 'run', 'start'], { scripts: [], npmScripts: ['start'] }],
  ];
  for (const [name, argv, want] of cases)
    it(name, () => {
      const got = launchOf(argv);
      for (const [k, v] of Object.entries(want)) assert.deepEqual(got[k as keyof typeof got], v, k);
    });
});

describe('shell scripts read for the program they start', () => {
  it('takes a script that starts a program, and leaves one that does not', () => {
    assert.equal(detectKind('app/run.sh', '#!/bin/bash\nexec python -m uvicorn main:app\n'), 'build-script');
    assert.equal(detectKind('app/run.sh', 'HOSTNAME=0.0.0.0 exec node server.js\n'), 'build-script');
    assert.equal(detectKind('scripts/clean.sh', '#!/bin/sh\nrm -rf dist\necho "node is not started here"\n'), 'unknown');
    assert.equal(detectKind('scripts/notes.txt', 'exec node server.js\n'), 'unknown');
  });
});

describe("the port of an image's server behind the adapter, for the conversion", () => {
  const unit = (extra: Partial<Unit>): Unit =>
    ({ kind: 'lambda-function', name: 'Fn', file: 'template.yaml', line: 1, source: 'sam', packageType: 'Image', ...extra }) as Unit;
  it("is 8080 when the Dockerfile copies the adapter in, the image's ENV port, the function's AWS_LWA_PORT or PORT over it, and none without the adapter", () => {
    assert.equal(webAdapterPort(unit({ imageBuild: { dockerfile: 'Dockerfile', from: 'node:20', webAdapter: true } })), 8080);
    assert.equal(
      webAdapterPort(unit({ imageBuild: { dockerfile: 'Dockerfile', from: 'node:20', webAdapter: true }, environment: { AWS_LWA_PORT: '3000' } })),
      3000,
    );
    assert.equal(webAdapterPort(unit({ imageBuild: { dockerfile: 'Dockerfile', from: 'node:20', webAdapter: true, port: 3000 } })), 3000);
    assert.equal(
      webAdapterPort(unit({ imageBuild: { dockerfile: 'Dockerfile', from: 'node:20', webAdapter: true, port: 3000 }, environment: { PORT: '4000' } })),
      4000,
    );
    assert.equal(webAdapterPort(unit({ imageBuild: { dockerfile: 'Dockerfile', from: 'node:20' } })), undefined);
    assert.equal(webAdapterPort(unit({ imageBuild: { dockerfile: 'Dockerfile', from: 'node:20' }, environment: { PORT: '3000' } })), undefined);
  });
});

describe('an image built to run behind Lambda Web Adapter that no template in the workspace declares', () => {
  const fastapi = [
    'import uvicorn',
    'from fastapi import FastAPI',
    'app = FastAPI()',
    '@app.get("/")',
    'def root():',
    '    return {"ok": True}',
    'if __name__ == "__main__":',
    '    uvicorn.run(app, host="0.0.0.0", port=8080)',
    '',
  ].join('\n');
  const dockerfile = (adapter: boolean) =>
    [
      'FROM public.ecr.aws/docker/library/python:3.12-slim',
      ...(adapter ? [ADAPTER_COPY] : []),
      'WORKDIR /app',
      'ADD . .',
      'CMD ["python", "main.py"]',
      '',
    ].join('\n');
  const listening = (r: ReturnType<typeof assessTexts>) => r.findings.filter((f) => f.ruleId === 'python/listening-server').map((f) => f.file);

  it("drops the app's port findings in the Dockerfile's folder and below, up to a folder with a Dockerfile of its own", () => {
    const r = assessTexts({
      'app/Dockerfile': dockerfile(true),
      'app/main.py': fastapi,
      'app/api/routes.py': fastapi,
      'app/worker/Dockerfile': dockerfile(false),
      'app/worker/main.py': fastapi,
      'svc/Dockerfile': dockerfile(false),
      'svc/main.py': fastapi,
      'main.py': fastapi,
    });
    assert.deepEqual(listening(r).sort(), ['app/worker/main.py', 'main.py', 'svc/main.py']);
    assert.equal(r.fileJoins?.['app/main.py']?.adapted, true);
    assert.equal(r.fileJoins?.['svc/main.py']?.adapted, undefined);
  });

  it('keeps them where no Dockerfile copies the adapter', () => {
    const r = assessTexts({ 'app/Dockerfile': dockerfile(false), 'app/main.py': fastapi });
    assert.deepEqual(listening(r), ['app/main.py']);
  });
});
