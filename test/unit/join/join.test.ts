import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { convertUnit } from '../../../src/core/convert';
import { renderDirective, renderValue } from '../../../src/core/join/helm';
import { ensurePythonParser } from '../../../src/core/python/parser';
import type { AssessResult, Unit } from '../../../src/core/types';
import { assessTexts } from '../../helpers/assessTexts';

before(() => ensurePythonParser());

const assess = assessTexts;
const unit = (r: AssessResult, name: string): Unit => {
  const u = r.units.filter((x) => x.name === name);
  assert.equal(u.length, 1, `${u.length} units named ${name}: ${r.units.map((x) => `${x.name}@${x.file}`).join(', ')}`);
  return u[0];
};

const deploy = (name: string, image: string, extra = '', port = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: main
          image: ${image}
${port ? `          ports:\n            - containerPort: ${port}\n` : ''}${extra}`;
const dockerfile = (cmd: string) => `FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ${cmd}\n`;
const server = 'const http = require("node:http");\nhttp.createServer((q, s) => s.end()).listen(8080);\n';

describe('a template cdk synth wrote beside its app', () => {
  const stack = `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
export class Shop extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Orders', { runtime: lambda.Runtime.NODEJS_12_X, handler: 'orders.handler', code: lambda.Code.fromAsset('lambda') });
  }
}
`;
  const fn = (id: string, path: string) => `  ${id}:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs12.x
      Handler: ${id === 'Orders5D3E2C1A' ? 'orders' : 'made'}.handler
      Code: { S3Bucket: b, S3Key: k.zip }
      Role: arn:aws:iam::123456789012:role/r
    Metadata:
      aws:cdk:path: ${path}
`;
  const template = `Resources:\n${fn('Orders5D3E2C1A', 'Shop/Orders/Resource')}${fn('MadeInLoop0AB12C34', 'Shop/MadeInLoop/Resource')}`;
  const files = { 'app/lib/shop.ts': stack, 'app/template.yaml': template, 'app/lambda/orders.js': 'exports.handler = async () => ({});\n' };
  it('a function the code declares is described once, from the code; the template keeps the functions only it shows', () => {
    const r = assess(files, ['app/cdk.json']);
    const names = r.units.map((u) => u.name).sort();
    assert.deepEqual(names, ['MadeInLoop0AB12C34', 'Orders']);
    const runtime = r.findings.filter((f) => f.ruleId === 'iac/deprecated-runtime').map((f) => `${f.file}:${f.unit}`);
    assert.deepEqual(runtime.sort(), ['app/lib/shop.ts:Orders', 'app/template.yaml:MadeInLoop0AB12C34']);
    assert.equal(r.stats.files, 3);
  });
  it('without the app in the workspace (no cdk.json above the template), the template is the description', () => {
    const r = assess(files);
    assert.deepEqual(r.units.map((u) => u.name).sort(), ['MadeInLoop0AB12C34', 'Orders', 'Orders5D3E2C1A']);
  });
  it('an app whose code declares nothing the CDK model reads leaves the template whole', () => {
    const r = assess({ ...files, 'app/lib/shop.ts': 'export const nothing = 1;\n' }, ['app/cdk.json']);
    assert.deepEqual(r.units.map((u) => u.name).sort(), ['MadeInLoop0AB12C34', 'Orders5D3E2C1A']);
  });
  it("another app's code does not speak for this template", () => {
    const r = assess({ ...files, 'other/lib/shop.ts': stack, 'app/lib/shop.ts': 'export const nothing = 1;\n' }, ['app/cdk.json', 'other/cdk.json']);
    assert.deepEqual(r.units.map((u) => u.name).sort(), ['MadeInLoop0AB12C34', 'Orders', 'Orders5D3E2C1A']);
  });
});

describe('workload → code through a Jib artifact of a multi-module project', () => {
  it('each service is joined to its own module, not to the first Java files of the shared context', () => {
    const skaffold = (name: string) =>
      `apiVersion: skaffold/v4beta1\nkind: Config\nbuild:\n  artifacts:\n    - image: ${name}\n      context: ../../\n      jib:\n        project: svc/${name}\n`;
    const java = (pkg: string, cls: string) => `package ${pkg};\npublic class ${cls} {\n  public static void main(String[] a) {}\n}\n`;
    const r = assess({
      'k8s/reader.yaml': deploy('reader', 'reader'),
      'k8s/writer.yaml': deploy('writer', 'writer'),
      'svc/reader/skaffold.yaml': skaffold('reader'),
      'svc/writer/skaffold.yaml': skaffold('writer'),
      'svc/reader/src/main/java/acme/reader/ReaderApp.java': java('acme.reader', 'ReaderApp'),
      'svc/writer/src/main/java/acme/writer/WriterApp.java': java('acme.writer', 'WriterApp'),
    });
    assert.deepEqual(unit(r, 'reader').codeFiles, ['svc/reader/src/main/java/acme/reader/ReaderApp.java']);
    assert.deepEqual(unit(r, 'writer').codeFiles, ['svc/writer/src/main/java/acme/writer/WriterApp.java']);
  });
});

describe('a Helm chart scanned from its own folder', () => {
  const template = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "guestbook.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: web
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
`;
  const values = 'image:\n  repository: gcr.io/acme/guestbook\n  tag: v5\n';
  it("a workload whose name does not render is named after Chart.yaml's name, as from the repository root", () => {
    const fromChart = assess({
      'Chart.yaml': 'apiVersion: v2\nname: guestbook\nversion: 0.1.0\n',
      'values.yaml': values,
      'templates/deployment.yaml': template,
    });
    const fromRoot = assess({
      'guestbook/Chart.yaml': 'apiVersion: v2\nname: guestbook\nversion: 0.1.0\n',
      'guestbook/values.yaml': values,
      'guestbook/templates/deployment.yaml': template,
    });
    assert.deepEqual([fromChart.units.map((u) => u.name), fromRoot.units.map((u) => u.name)], [['guestbook/deployment'], ['guestbook/deployment']]);
  });
  it('without a Chart.yaml name the kind stands in, as before', () => {
    const r = assess({ 'Chart.yaml': 'apiVersion: v2\nversion: 0.1.0\n', 'values.yaml': values, 'templates/deployment.yaml': template });
    assert.deepEqual(
      r.units.map((u) => u.name),
      ['deployment/deployment'],
    );
  });
});

describe('workload → code: scripts run from the root, binaries an image builds, scripts from volumes', () => {
  const goImage = `FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go build -o bin/api cmd/api/* && go build -o bin/cli ./cmd/cli
FROM alpine
COPY --from=build /src/bin/ /app/
CMD ["/app/api"]
`;
  const files = {
    Dockerfile: goImage,
    'test/e2e.sh': '#!/bin/sh\ndocker build --tag test/api .\n',
    'cmd/api/main.go': 'package main\nfunc main() {}\n',
    'cmd/cli/main.go': 'package main\nfunc main() {}\n',
  };
  it("a script's `docker build .` is the folder with a Dockerfile (the root it runs from), and the binary CMD runs picks its build", () => {
    const r = assess({ ...files, 'k8s/api.yaml': deploy('api', 'ghcr.io/acme/api:1') });
    const u = unit(r, 'api');
    assert.deepEqual([u.joinedBy, u.codeFiles], ['docker build in test/e2e.sh:2', ['cmd/api/main.go']]);
  });
  it('a command that runs a script from a mounted volume runs no code of the image', () => {
    const job = deploy(
      'backup',
      'ghcr.io/acme/api:1',
      '          command: ["/bin/sh", "/scripts/backup.sh"]\n          volumeMounts:\n            - name: scripts\n              mountPath: /scripts\n',
    );
    const u = unit(assess({ ...files, 'k8s/backup.yaml': job }), 'backup');
    assert.equal(u.codeFiles, undefined);
    assert.ok(u.decidedBy?.some((d) => /runs \/scripts\/backup\.sh from volume scripts/.test(d.message)));
  });
  const withCommand = (name: string, command: string) =>
    deploy(
      name,
      'ghcr.io/acme/api:1',
      `          command:\n            - sh\n            - -c\n            - |\n${command.replace(/^/gm, '              ')}\n`,
    );
  it("an inline script of the base system's tools (a hook Job's sleep and exit) runs no program of the image", () => {
    const u = unit(assess({ ...files, 'k8s/hook.yaml': withCommand('hook', '{{…}}\nsleep 5\n{{…}}\nexit 0') }), 'hook');
    assert.equal(u.codeFiles, undefined);
    assert.ok(u.decidedBy?.some((d) => /calls only `sleep`, `exit`, none of the programs built into its image/.test(d.message)));
    const check = unit(assess({ ...files, 'k8s/check.yaml': withCommand('check', 'until curl -sf http://api:8080/health; do sleep 2; done') }), 'check');
    assert.equal(check.codeFiles, undefined);
  });
  it("an inline script that starts the image's binary, or a program not known to be the system's, still runs the image's code", () => {
    for (const command of [
      'sleep 5\nexec /app/api --port 8080',
      'echo start && ./migrate && sleep 1',
      'for i in 1 2; do eval "$STEP"; done',
      'timeout 30 sleep 1',
    ]) {
      const u = unit(assess({ ...files, 'k8s/run.yaml': withCommand('run', command) }), 'run');
      assert.deepEqual(u.codeFiles, command.includes('/app/api') ? ['cmd/api/main.go'] : ['cmd/api/main.go', 'cmd/cli/main.go'], command);
    }
  });
});

describe('workload → code when the command names no file', () => {
  const flask = 'from flask import Flask\nfrom broker import Publisher\napp = Flask(__name__)\npub = Publisher()\n';
  const broker = 'import pika\nclass Publisher:\n    pass\n';
  const uwsgiImage = 'FROM python:3.12\nWORKDIR /app\nCOPY *.py /app/\nCOPY pay.ini /app/\nCMD ["uwsgi", "--ini", "pay.ini"]\n';
  it('uWSGI started from an ini file: the one script of the folder that no other script imports is the entry', () => {
    const r = assess({ 'k8s/pay.yaml': deploy('pay', 'acme/pay:1'), 'pay/Dockerfile': uwsgiImage, 'pay/pay.py': flask, 'pay/broker.py': broker }, [
      'pay/pay.ini',
    ]);
    const u = unit(r, 'pay');
    assert.deepEqual([u.joinedBy, u.codeFiles], ['folder name', ['pay/pay.py', 'pay/broker.py']]);
  });
  it('two scripts that import nothing of each other: no entry is guessed', () => {
    const r = assess(
      {
        'k8s/pay.yaml': deploy('pay', 'acme/pay:1'),
        'pay/Dockerfile': uwsgiImage,
        'pay/pay.py': flask.replace('from broker import Publisher\n', ''),
        'pay/broker.py': broker,
      },
      ['pay/pay.ini'],
    );
    const u = unit(r, 'pay');
    assert.equal(u.codeFiles, undefined);
    assert.ok(u.decidedBy?.some((d) => /build context pay found, but not the file its image starts/.test(d.message)));
  });
  it('two scripts that both import a third: no entry is guessed', () => {
    const r = assess(
      {
        'k8s/pay.yaml': deploy('pay', 'acme/pay:1'),
        'pay/Dockerfile': uwsgiImage,
        'pay/pay.py': flask,
        'pay/admin.py': 'from broker import Publisher\n',
        'pay/broker.py': broker,
      },
      ['pay/pay.ini'],
    );
    assert.equal(unit(r, 'pay').codeFiles, undefined);
  });
  it('uWSGI --wsgi-file names the entry', () => {
    const image = 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["uwsgi", "--http", ":8080", "--wsgi-file", "pay.py", "--callable", "app"]\n';
    const r = assess({
      'k8s/pay.yaml': deploy('pay', 'acme/pay:1'),
      'pay/Dockerfile': image,
      'pay/pay.py': flask.replace('from broker import Publisher\n', ''),
      'pay/broker.py': broker,
    });
    assert.deepEqual(unit(r, 'pay').codeFiles, ['pay/pay.py']);
  });
});

describe('workload → code, in order of trust', () => {
  it('a skaffold artifact beats a compose build of the same image, which beats a folder of that name', () => {
    const r = assess({
      'k8s/api.yaml': deploy('api', 'acme/api:1'),
      'skaffold.yaml': 'apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: acme/api\n      context: backend\n',
      'docker-compose.yml': 'services:\n  api:\n    build: ./legacy-api\n    image: acme/api\n',
      'backend/Dockerfile': dockerfile('["node", "main.js"]'),
      'backend/main.js': server,
      'legacy-api/Dockerfile': dockerfile('["node", "old.js"]'),
      'legacy-api/old.js': server,
      'api/index.js': server,
    });
    const u = unit(r, 'api');
    assert.deepEqual([u.joinedBy, u.codeFiles], ['skaffold.yaml artifact', ['backend/main.js']]);
  });
  it('compose service name matches the workload when the compose file names no image', () => {
    const r = assess({
      'k8s/mail.yaml': deploy('mailer', 'registry.local/mailer:2'),
      'docker-compose.yml': 'services:\n  mailer:\n    build: services/mail\n',
      'services/mail/Dockerfile': 'FROM python:3.12\nCOPY worker.py /srv/\nCMD ["python", "/srv/worker.py"]\n',
      'services/mail/worker.py': 'print("hi")\n',
    });
    assert.deepEqual([unit(r, 'mailer').joinedBy, unit(r, 'mailer').codeFiles], ['docker-compose.yml build context', ['services/mail/worker.py']]);
  });
  it('a docker build in a script, run from the repository root', () => {
    const r = assess({
      'deploy/web.yaml': deploy('web', 'ghcr.io/acme/web:${TAG}'),
      'scripts/images.sh': '#!/bin/sh\ndocker build -t ghcr.io/acme/web:$TAG apps/web\n',
      'apps/web/Dockerfile': dockerfile('["node", "srv.js"]'),
      'apps/web/srv.js': server,
    });
    assert.deepEqual([unit(r, 'web').joinedBy, unit(r, 'web').codeFiles], ['docker build in scripts/images.sh:2', ['apps/web/srv.js']]);
  });
  it("one compose context for every service, Dockerfiles in variables: the service's own folder names its Dockerfile", () => {
    const r = assess(
      {
        'k8s/all.yaml': `${deploy('api', 'ghcr.io/acme/demo:1.0-api')}---\n${deploy('worker', 'ghcr.io/acme/demo:1.0-worker')}`,
        'docker-compose.yml':
          'services:\n  api:\n    build:\n      context: ./\n      dockerfile: ${API_DOCKERFILE}\n  worker:\n    build:\n      context: ./\n      dockerfile: ${WORKER_DOCKERFILE}\n',
        'src/api/Dockerfile':
          'FROM node:22\nWORKDIR /app\nCOPY ./src/api/package.json package.json\nCOPY ./src/api/lib/ lib/\nCOPY ./src/api/server.js server.js\nCMD ["node", "server.js"]\n',
        'src/api/server.js': 'require("./lib/db");\n',
        'src/api/lib/db.js': 'module.exports = {};\n',
        'src/worker/Dockerfile':
          'FROM golang:1.23 AS b\nWORKDIR /w\nCOPY ./src/worker/main.go main.go\nRUN go build -o /worker main.go\nFROM scratch\nCOPY --from=b /worker /worker\nENTRYPOINT ["/worker"]\n',
        'package.json': '{ "main": "tools/lint.js" }',
      },
      ['src/worker/main.go', 'src/worker/util.go', 'tools/x.go'],
    );
    assert.deepEqual(
      [unit(r, 'api').joinedBy, unit(r, 'api').codeFiles],
      ['docker-compose.yml build context, Dockerfile by folder name', ['src/api/server.js', 'src/api/lib/db.js']],
    );
    assert.deepEqual(unit(r, 'worker').codeFiles, ['src/worker/main.go', 'src/worker/util.go']);
  });
  it('a folder named after the image, only when it holds a Dockerfile or code (not the manifest folder of that name)', () => {
    const r = assess({
      'deploy/orders/deployment.yaml': deploy('orders', 'acme/orders:3'),
      'svc/orders/Dockerfile': dockerfile('["node", "app.js"]'),
      'svc/orders/app.js': server,
    });
    assert.deepEqual([unit(r, 'orders').joinedBy, unit(r, 'orders').codeFiles], ['folder name', ['svc/orders/app.js']]);
  });
  it('the container command overrides the Dockerfile CMD', () => {
    const r = assess({
      'k8s/w.yaml': deploy('worker', 'acme/worker:1', '          command: ["node", "jobs/sweep.js"]\n'),
      'worker/Dockerfile': dockerfile('["node", "server.js"]'),
      'worker/server.js': server,
      'worker/jobs/sweep.js': 'console.log(1);\n',
    });
    assert.deepEqual(unit(r, 'worker').codeFiles, ['worker/jobs/sweep.js']);
  });
  it('follows imports from the entry file, as for Lambda handlers, and attributes their findings', () => {
    const r = assess({
      'k8s/a.yaml': deploy('api', 'api'),
      'api/Dockerfile': dockerfile('["node", "index.js"]'),
      'api/index.js': 'require("./lib/serve");\n',
      'api/lib/serve.js': server,
      'api/unused.js': 'setInterval(() => {}, 1000);\n',
    });
    const u = unit(r, 'api');
    assert.deepEqual(u.codeFiles, ['api/index.js', 'api/lib/serve.js']);
    assert.ok(r.findings.some((f) => f.file === 'api/lib/serve.js' && f.unit === 'api' && f.ruleId === 'handler/listening-server'));
    assert.ok(!r.findings.some((f) => f.file === 'api/unused.js' && f.unit), 'a file the image does not run belongs to no unit');
  });
  it('a Go service: the package `go build` compiles, tests left out', () => {
    const r = assess(
      {
        'k8s/g.yaml': deploy('gw', 'gw'),
        'skaffold.yaml': 'apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: gw\n      context: gw\n',
        'gw/Dockerfile': 'FROM golang:1.23 AS b\nWORKDIR /s\nCOPY . .\nRUN go build -o /gw ./cmd/gw\nFROM scratch\nCOPY --from=b /gw /gw\nENTRYPOINT ["/gw"]\n',
      },
      ['gw/cmd/gw/main.go', 'gw/cmd/gw/flags.go', 'gw/cmd/gw/main_test.go', 'gw/internal/x.go', 'gw/go.mod'],
    );
    const u = unit(r, 'gw');
    assert.deepEqual(u.codeFiles, ['gw/cmd/gw/main.go', 'gw/cmd/gw/flags.go']);
    assert.match(u.decidedBy!.at(-1)!.message, /Go code in gw is not analysed yet: verdict from manifests only/);
  });
  it('a third-party image has no code here, and says so', () => {
    const r = assess({ 'k8s/cache.yaml': deploy('cache', 'memcached:1.6', '', '11211'), 'cache/README.md': '' });
    const u = unit(r, 'cache');
    assert.equal(u.codeFiles, undefined);
    assert.match(u.decidedBy!.at(-1)!.message, /third-party image memcached:1.6.*verdict from manifests only/);
  });
  it('an image built nowhere in the workspace is never silently ready', () => {
    const r = assess({
      'k8s/job.yaml':
        'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  activeDeadlineSeconds: 300\n  template:\n    spec:\n      containers:\n        - name: m\n          image: acme/migrate:7\n',
    });
    const u = unit(r, 'migrate');
    assert.equal(u.readiness.toLambda, 'ready');
    assert.deepEqual(
      u.decidedBy?.map((d) => d.message),
      ['no build found for image acme/migrate:7 (skaffold, compose, docker build, or a folder of that name): verdict from manifests only'],
    );
  });
});

describe('Python main blocks count for the workload whose image starts the file, never for a Lambda handler', () => {
  const main = 'import uvicorn\n\nfrom .app import api\n\nif __name__ == "__main__":\n    uvicorn.run(api, host="0.0.0.0", port=8000)\n';
  it('an entry script: its main block is what runs', () => {
    const r = assess({
      'k8s/api.yaml': deploy('api', 'api'),
      'api/Dockerfile': 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["python", "serve.py"]\n',
      'api/serve.py': main,
      'api/app.py': 'api = object()\n',
    });
    assert.ok(r.findings.some((f) => f.file === 'api/serve.py' && f.ruleId === 'python/listening-server' && f.unit === 'api'));
    assert.equal(unit(r, 'api').readiness.toLambda, 'changes');
  });
  it('the same module imported by a Lambda function: the main block never runs there', () => {
    const r = assess({
      'template.yaml':
        'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: serve.handler\n      Runtime: python3.13\n      CodeUri: api/\n',
      'api/serve.py': `def handler(event, context):\n    return {}\n\n${main}`,
    });
    assert.deepEqual(
      r.findings.filter((f) => f.ruleId === 'python/listening-server'),
      [],
    );
  });
});

describe('one service, one unit', () => {
  const chart = {
    'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\nappVersion: "5.1"\n',
    'chart/values.yaml': 'image:\n  registry: ghcr.io/acme\n  tag: ""\napi:\n  name: api\n',
    'chart/templates/api.yaml': deploy(
      '{{ .Values.api.name }}',
      '{{ .Values.image.registry }}/api:{{ .Values.image.tag | default .Chart.AppVersion }}',
      '',
      '8080',
    ).replace('metadata:\n', 'metadata:\n  namespace: {{ .Release.Namespace }}\n'),
  };
  it('a manifest and a Helm template of the same name and image merge; the manifest speaks for it', () => {
    const r = assess({ 'k8s/api.yaml': deploy('api', 'api:dev', '', '8080'), ...chart });
    const u = unit(r, 'api');
    assert.equal(u.file, 'k8s/api.yaml');
    assert.deepEqual(
      u.describedIn?.map((d) => [d.file, d.via]),
      [
        ['k8s/api.yaml', 'manifest'],
        ['chart/templates/api.yaml', 'helm'],
      ],
    );
    // One HTTP note, not two: the same finding from both descriptions is kept once, in the unit's own file.
    assert.deepEqual(
      r.findings.map((f) => `${f.file} ${f.ruleId}`),
      ['k8s/api.yaml iac/listening-server'],
    );
  });
  it('the same name with another image is another service: two units, whose findings do not add up', () => {
    const r = assess({
      'a/api.yaml': deploy('api', 'acme/api:1', '', '8080'),
      'b/api.yaml': deploy('api', 'other/billing-api:1', '          volumeMounts: []\n', '5432'),
    });
    const units = r.units.filter((u) => u.name === 'api');
    assert.equal(units.length, 2);
    assert.deepEqual(
      units.map((u) => `${u.file} ${u.readiness.toLambda} ${u.readiness.effortPoints}`),
      ['a/api.yaml changes 3', 'b/api.yaml blocked 8'],
    );
    assert.deepEqual(
      units.map((u) => u.decidedBy?.[0]?.file),
      ['a/api.yaml', 'b/api.yaml'],
    );
  });
  it('output of an earlier convert is never merged into its source', () => {
    const generated = deploy('api', 'acme/api:1').replace('metadata:\n', 'metadata:\n  annotations:\n    lambdashift.dev/converted-from: template.yaml#Api\n');
    const r = assess({ 'k8s/api.yaml': deploy('api', 'acme/api:1'), 'out/api.yaml': generated });
    assert.equal(r.units.filter((u) => u.name === 'api').length, 2);
  });
  it('Helm values fill names, images and `default .Chart.AppVersion`; unknown directives keep their note', () => {
    const r = assess(chart);
    const u = unit(r, 'api');
    assert.deepEqual([u.image, u.unresolved], ['ghcr.io/acme/api:5.1', ['template not rendered: {{ .Release.Namespace }}']]);
  });
  it('Kustomize: a base, an overlay with namePrefix/nameSuffix/namespace; patch files are never units', () => {
    const r = assess({
      'base/kustomization.yaml': 'resources:\n  - api.yaml\n',
      'base/api.yaml': deploy('api', 'acme/api:1'),
      'overlays/staging/kustomization.yaml':
        'namePrefix: stg-\nnameSuffix: -v2\nnamespace: staging\nresources:\n  - ../../base\npatches:\n  - path: full-patch.yaml\n  - path: replicas.yaml\n',
      // A patch that happens to carry an image still describes no workload of its own.
      'overlays/staging/full-patch.yaml': deploy('api', 'acme/api:1-rc'),
      'overlays/staging/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n',
    });
    assert.deepEqual(
      r.units.map((u) => u.name),
      ['api'],
    );
    assert.deepEqual(unit(r, 'api').describedIn, [
      { file: 'base/api.yaml', line: 4, via: 'kustomize-base' },
      { file: 'overlays/staging/kustomization.yaml', line: 1, via: 'kustomize-overlay', name: 'stg-api-v2', namespace: 'staging' },
    ]);
  });
  it("an optional variant (extras/) of a service the repository deploys itself: listed, but its own sidecar is not the service's", () => {
    const sidecar = '        - name: cloudsql-proxy\n          image: gcr.io/cloudsql-docker/gce-proxy:1.37\n';
    // As Bank of Anthos lays it out: the release's manifests, the service's Kustomize base, and a Cloud SQL variant.
    const r = assess({
      'kubernetes-manifests/contacts.yaml': deploy('contacts', 'acme/contacts:1', '', '8080'),
      'src/contacts/k8s/base/kustomization.yaml': 'resources:\n  - contacts.yaml\n',
      'src/contacts/k8s/base/contacts.yaml': deploy('contacts', 'acme/contacts:1', '', '8080'),
      'extras/cloudsql/kubernetes-manifests/contacts.yaml': deploy('contacts', 'acme/contacts:1', sidecar, '8080'),
    });
    const u = unit(r, 'contacts');
    assert.notEqual(u.file, 'extras/cloudsql/kubernetes-manifests/contacts.yaml');
    assert.deepEqual(u.describedIn?.map((d) => d.file).sort(), [
      'extras/cloudsql/kubernetes-manifests/contacts.yaml',
      'kubernetes-manifests/contacts.yaml',
      'src/contacts/k8s/base/contacts.yaml',
    ]);
    assert.deepEqual(
      r.findings.filter((f) => f.ruleId === 'iac/sidecar'),
      [],
    );
    // A service only a variant describes is still judged from it.
    const only = assess({ 'extras/cloudsql/kubernetes-manifests/contacts.yaml': deploy('contacts', 'acme/contacts:1', sidecar, '8080') });
    assert.deepEqual(
      only.findings.filter((f) => f.ruleId === 'iac/sidecar').map((f) => f.unit),
      ['contacts'],
    );
  });
  it('Kustomize: a bare path under `patches` (the older form) is a patch file too, even when its base is generated', () => {
    const r = assess({
      // all.yaml is rendered by `helm template` before `kustomize build`: not in the repository.
      'app/kustomization.yaml': 'namePrefix: kustomize-\nresources:\n  - ./all.yaml\npatches:\n  - overlays/guestbook.yaml\n',
      'app/overlays/guestbook.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: guestbook\nspec:\n  template:\n    spec:\n      containers:\n        - name: main\n          image: acme/guestbook:5\n',
      'base/api.yaml': deploy('api', 'acme/api:1'),
    });
    assert.deepEqual(
      r.units.map((u) => u.name),
      ['api'],
    );
  });
  it('Kustomize: prefixes compose outermost first through a chain of overlays; a cycle of bases is not followed forever', () => {
    const r = assess({
      'base/kustomization.yaml': 'namePrefix: a-\nresources:\n  - api.yaml\n',
      'base/api.yaml': deploy('api', 'acme/api:1'),
      'mid/kustomization.yaml': 'namePrefix: b-\nresources:\n  - ../base\n  - ../top\n',
      'top/kustomization.yaml': 'namePrefix: c-\nresources:\n  - ../mid\n',
      'other/kustomization.yaml': 'namePrefix: d-\nresources:\n  - ../mid\n',
    });
    assert.deepEqual(
      unit(r, 'api')
        .describedIn?.filter((d) => d.via === 'kustomize-overlay')
        .map((d) => d.name),
      ['d-b-a-api'],
    );
  });
  it('Kustomize: an inline patch that raises memory above 10,240 MB is reported in the kustomization, for the service', () => {
    const r = assess({
      'base/kustomization.yaml': 'resources:\n  - api.yaml\n',
      'base/api.yaml': deploy('api', 'acme/api:1'),
      'prod/kustomization.yaml':
        'resources:\n  - ../base\npatches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: api\n      spec:\n        template:\n          spec:\n            containers:\n              - name: main\n                resources:\n                  limits: { memory: 16Gi }\n',
    });
    const f = r.findings.filter((x) => x.ruleId === 'iac/resource-limit');
    assert.deepEqual(
      f.map((x) => [x.file, x.line, x.unit]),
      [['prod/kustomization.yaml', 4, 'api']],
    );
    assert.equal(unit(r, 'api').readiness.toLambda, 'blocked');
  });
});

describe('Helm directives, best effort', () => {
  const data = { values: { a: { b: 'x', empty: '', n: 3 }, on: true }, chart: { name: 'shop', appVersion: '1.2' } };
  const table: [string, string | undefined][] = [
    ['{{ .Values.a.b }}', 'x'],
    ['{{- .Values.a.n -}}', '3'],
    ['{{ .Values.a.empty | default "y" }}', 'y'],
    ['{{ default "y" .Values.a.b }}', 'x'],
    ['{{ .Values.a.b | default .Chart.Version }}', 'x'],
    ['{{ .Values.a.empty | default .Chart.AppVersion }}', '1.2'],
    ['{{ .Values.a.b | upper | quote }}', 'X'],
    ['{{ .Chart.Name }}', 'shop'],
    ['{{ .Values.missing }}', undefined],
    ['{{ .Values.a }}', undefined],
    ['{{ .Release.Namespace }}', undefined],
    ['{{ include "shop.fullname" . }}', undefined],
    ['{{ printf "%s-x" .Values.a.b }}', 'x-x'],
    ['{{ printf "%s-%s" .Values.a.b }}', undefined],
    ['{{ .Values.a.b | trunc 63 | trimSuffix "-" }}', 'x'],
    ['{{ if .Values.on }}{{ .Values.a.b }}{{ else }}y{{ end }}', 'x'],
    ['{{ if .Values.off }}{{ .Values.a.b }}{{ else if .Values.a.n }}n{{ end }}', 'n'],
    ['{{ if .Release.Name }}a{{ else }}b{{ end }}', undefined],
    ['{{ with .Values.a }}{{ .b }}{{ end }}', 'x'],
    ['{{ range .Values.a }}z{{ end }}', undefined],
    ['{{ range .Values.none }}z{{ else }}empty{{ end }}', 'empty'],
    ['{{ $n := .Values.a.b }}{{ $n }}-{{ $.Chart.Name }}', 'x-shop'],
    ['{{ .Values.a.b | replace "x" "yz" }}', 'yz'],
    ['{{ (.Values.a.b) | upper }}', 'X'],
    ['{{ lookup "v1" "Secret" "ns" "name" }}', undefined],
    ['{{/* a comment */}}{{ .Values.a.b }}', 'x'],
    ['{{ required "set a.b" .Values.a.b }}', 'x'],
  ];
  for (const [d, want] of table) it(d, () => assert.equal(renderDirective(d, data), want));
  it('a value with several directives is rendered only when all are known', () => {
    assert.equal(renderValue('{{ .Values.a.b }}/api:{{ .Chart.AppVersion }}', data), 'x/api:1.2');
    assert.equal(renderValue('{{ .Values.a.b }}/{{ .Release.Name }}', data), undefined);
  });
});

describe('a function whose code was not read says so', () => {
  const template = (fn: string) =>
    `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n${fn}`;
  const note = (files: Record<string, string>) => assess(files).units[0].decidedBy?.find((r) => !r.ruleId)?.message;
  it('inline code that is not read, an image without its Dockerfile, Ruby, a handler not found, and nothing when the code is read', () => {
    // A one-line quoted scalar is not read (only block scalars are placed line by line in the template).
    assert.equal(
      note({
        'stack.yaml':
          "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Code:\n        ZipFile: 'exports.handler = async () => 1;'\n",
      }),
      'code written inline in the template is not analysed (save it as a file under the code path to have it read): verdict from the template only',
    );
    // Nor code in a language not analysed inline.
    assert.equal(
      note({
        'template.yaml': template('      Runtime: ruby3.3\n      Handler: index.handler\n      InlineCode: |\n        def handler(event:, context:) = 1\n'),
      }),
      'code written inline in the template is not analysed (save it as a file under the code path to have it read): verdict from the template only',
    );
    assert.equal(
      note({ 'template.yaml': template('      PackageType: Image\n      ImageUri: 123.dkr.ecr.eu-west-1.amazonaws.com/orders:1\n') }),
      'no Dockerfile found for the image 123.dkr.ecr.eu-west-1.amazonaws.com/orders:1 (SAM Metadata.DockerContext, or a Dockerfile FROM a Lambda base image): verdict from the template only',
    );
    assert.equal(
      note({
        'template.yaml': template('      Runtime: ruby3.3\n      Handler: app.handler\n      CodeUri: fn/\n'),
        'fn/app.rb': 'def handler(event:, context:) = 1\n',
      }),
      'Ruby code is not analysed: verdict from the template only',
    );
    assert.equal(
      note({ 'template.yaml': template('      Runtime: nodejs22.x\n      Handler: app.handler\n      CodeUri: orders/\n') }),
      'handler app.handler not found under orders/ (check the handler and the code path it is read from): verdict from the template only',
    );
    // A code path above the folder read (a Terraform example's `../fixtures/app`): not "not found", but not read.
    assert.equal(
      note({ 'template.yaml': template('      Runtime: nodejs22.x\n      Handler: app.handler\n      CodeUri: ../shared/orders/\n') }),
      'its code path ../shared/orders/ is outside the folder read (read one that holds both): verdict from the template only',
    );
    // …from a template in a subfolder, a path that stays inside is still "not found".
    assert.equal(
      note({ 'stacks/template.yaml': template('      Runtime: nodejs22.x\n      Handler: app.handler\n      CodeUri: ../orders/\n') }),
      'handler app.handler not found under ../orders/ (check the handler and the code path it is read from): verdict from the template only',
    );
    assert.equal(
      note({
        'template.yaml': template('      Runtime: provided.al2023\n      Handler: bootstrap\n      CodeUri: rust_app/\n'),
        'rust_app/Cargo.toml': '[package]\nname = "app"\n',
      }),
      'Rust code is not analysed: verdict from the template only',
    );
    // A custom runtime whose folder is no crate: the handler was not found.
    assert.equal(
      note({
        'template.yaml': template('      Runtime: provided.al2023\n      Handler: bootstrap\n      CodeUri: app/\n'),
        'Cargo.toml': '[package]\nname = "root"\n',
      }),
      'handler bootstrap not found under app/ (check the handler and the code path it is read from): verdict from the template only',
    );
    assert.equal(
      note({
        'template.yaml': template('      Runtime: nodejs22.x\n      Handler: app.handler\n      CodeUri: orders/\n'),
        'orders/app.js': 'exports.handler = async () => 1;\n',
      }),
      undefined,
    );
  });
  it('the units table marks such a verdict "template only"', async () => {
    const { formatText } = await import('../../../src/core/report/text');
    const text = formatText(assess({ 'template.yaml': template('      Runtime: nodejs22.x\n      Handler: app.handler\n      CodeUri: orders/\n') }), {
      color: false,
    });
    assert.match(text, /template only: no code read/);
  });
});

describe('a CodeUri written for a case-insensitive disk, or naming the handler file itself', () => {
  const template = (codeUri: string) =>
    `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Producer:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: app.handler\n      CodeUri: ${codeUri}\n`;
  const code = 'exports.handler = async (e, context) => context.awsRequestId;\n';
  const codeFile = (files: Record<string, string>) => assess(files).units[0].codeFile;
  it('joins the one folder of that name in another case', () => {
    assert.equal(codeFile({ 'svc/template.yaml': template('ProducerFunction/'), 'svc/producerFunction/app.js': code }), 'svc/producerFunction/app.js');
  });
  it('no guess when two folders differ only in case, nor when the exact folder exists', () => {
    assert.equal(codeFile({ 'svc/template.yaml': template('Producer/'), 'svc/producer/app.js': code, 'svc/PRODUCER/app.js': code }), undefined);
    assert.equal(codeFile({ 'svc/template.yaml': template('Producer/'), 'svc/Producer/app.js': code, 'svc/producer/app.js': code }), 'svc/Producer/app.js');
  });
  it("a path to the handler's file is its folder", () => {
    assert.equal(codeFile({ 'svc/template.yaml': template('../fixtures/app.js'), 'fixtures/app.js': code }), 'fixtures/app.js');
  });
});

describe('serverless-wsgi: the plugin handler serves the app custom.wsgi.app names', () => {
  const yml = (custom: string, handler = 'wsgi_handler.handler') =>
    `service: api\n${custom}provider:\n  name: aws\n  runtime: python3.12\nfunctions:\n  api:\n    handler: ${handler}\n    events:\n      - httpApi: '*'\n`;
  const app = 'from flask import Flask\napp = Flask(__name__)\n\n@app.route("/")\ndef index():\n    return "ok"\n';
  before(() => ensurePythonParser());
  it('joins the module of the WSGI app', () => {
    const r = assess({ 'svc/serverless.yml': yml('custom:\n  wsgi:\n    app: api.app\n'), 'svc/api.py': app, 'svc/other.py': app });
    assert.equal(r.units[0].codeFile, 'svc/api.py');
    const nested = assess({ 'svc/serverless.yml': yml('custom:\n  wsgi:\n    app: src/web.app\n'), 'svc/src/web.py': app });
    assert.equal(nested.units[0].codeFile, 'svc/src/web.py');
  });
  it('no app named, or a handler of its own: as before', () => {
    assert.equal(assess({ 'svc/serverless.yml': yml(''), 'svc/api.py': app }).units[0].codeFile, undefined);
    assert.equal(
      assess({
        'svc/serverless.yml': yml('custom:\n  wsgi:\n    app: api.app\n', 'handler.main'),
        'svc/api.py': app,
        'svc/handler.py': 'def main(e, c):\n    return 1\n',
      }).units[0].codeFile,
      'svc/handler.py',
    );
  });
});

describe('CDK constructs that are and are not Lambda functions', () => {
  it('inline code: a file the app reads into it is the code (Python, TypeScript); a string written inline is said so', () => {
    const r = assess({
      'cron/app.py': `from aws_cdk import aws_lambda as lambda_, App, Stack


class CronStack(Stack):
    def __init__(self, app, id):
        super().__init__(app, id)
        with open("lambda-handler.py", encoding="utf8") as fp:
            handler_code = fp.read()
        lambda_.Function(self, "FromFile", code=lambda_.InlineCode(handler_code), handler="index.main", runtime=lambda_.Runtime.PYTHON_3_12)
        lambda_.Function(self, "Written", code=lambda_.Code.from_inline("def main(e, c): pass"), handler="index.main", runtime=lambda_.Runtime.PYTHON_3_12)
`,
      'cron/lambda-handler.py': 'def main(event, context):\n    return 1\n',
      'ts/lib/stack.ts': `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as fs from 'node:fs';
import * as path from 'node:path';
new lambda.Function(this, 'TsFromFile', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline(fs.readFileSync(path.join(__dirname, 'inline/handler.js'), 'utf8')) });
new lambda.Function(this, 'TsWritten', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: new lambda.InlineCode('exports.handler = async () => 1;') });
`,
      'ts/lib/inline/handler.js': 'exports.handler = async () => 2;\n',
    });
    assert.deepEqual(unit(r, 'FromFile').codeFiles, ['cron/lambda-handler.py']);
    assert.deepEqual(unit(r, 'TsFromFile').codeFiles, ['ts/lib/inline/handler.js']);
    for (const name of ['Written', 'TsWritten']) {
      assert.equal(unit(r, name).codeFiles, undefined);
      assert.match(unit(r, name).decidedBy?.[0]?.message ?? '', /^code written inline in the CDK app is not analysed/);
    }
  });
  it('a NodejsFunction without `entry` runs the file the construct derives from its defining file and id', () => {
    const r = assess({
      'app/lib/monitor.ts': `import { aws_lambda_nodejs as lambda_nodejs } from 'aws-cdk-lib';
export function make(scope: any) {
  new lambda_nodejs.NodejsFunction(scope, 'ScanHandler', { timeout: 60 });
  new lambda_nodejs.NodejsFunction(scope, 'Custom', { handler: 'main' });
  new lambda_nodejs.NodejsFunction(scope, 'Missing', {});
}
`,
      'app/lib/monitor.ScanHandler.ts': 'export const handler = async (event: any) => event["detail-type"];\n',
      'app/lib/monitor.Custom.js': 'exports.main = async () => 1;\n',
      'app/cdk.json': '{ "app": "npx ts-node bin/app.ts" }\n',
    });
    assert.deepEqual(unit(r, 'ScanHandler').codeFiles, ['app/lib/monitor.ScanHandler.ts']);
    assert.deepEqual(unit(r, 'Custom').codeFiles, ['app/lib/monitor.Custom.js']);
    assert.equal(unit(r, 'Missing').codeFiles, undefined);
  });
  it("CloudFront's Function is a CloudFront Function, not a Lambda function; lambda's Function through the root module is one", () => {
    const r = assess({
      'lib/edge.ts': `import { Function, FunctionCode, FunctionRuntime } from 'aws-cdk-lib/aws-cloudfront';
import * as cdk from 'aws-cdk-lib';
new Function(this, 'Rewrite', { runtime: FunctionRuntime.JS_2_0, code: FunctionCode.fromFile({ filePath: 'fn.js' }) });
new cdk.aws_cloudfront.Function(this, 'Rewrite2', { code: FunctionCode.fromInline('function handler(e) { return e.request; }') });
new cdk.aws_lambda.Function(this, 'Real', { runtime: cdk.aws_lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: cdk.aws_lambda.Code.fromAsset('src') });
`,
    });
    assert.deepEqual(
      r.units.map((u) => u.name),
      ['Real'],
    );
  });
});

describe('functions in languages that are not analysed', () => {
  const yml = (runtime: string, handler: string) =>
    `service: s\nprovider:\n  name: aws\n  runtime: ${runtime}\nfunctions:\n  hello:\n    handler: ${handler}\n`;
  it('says which language the code is in rather than that the handler is missing', () => {
    const r = assess({ 'kt/serverless.yml': yml('java21', 'com.serverless.Handler'), 'fs/serverless.yml': yml('dotnet10', 'Fs::Fs.Handler::hello') }, [
      'kt/build.gradle.kts',
      'kt/src/main/kotlin/com/serverless/Handler.kt',
      'fs/Handler.fs',
      'fs/Fs.fsproj',
    ]);
    const messages = r.units.map((u) => u.decidedBy?.map((d) => d.message).join(' | ') ?? '');
    assert.ok(
      messages.some((m) => /^Kotlin code is not analysed \(the handler com\.serverless\.Handler is in it or built from it\)/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /^F# code is not analysed/.test(m)),
      messages.join('\n'),
    );
  });
  it('a Java function whose class is missing, beside a Gradle Kotlin script, is still a handler not found', () => {
    const r = assess({ 'j/serverless.yml': yml('java21', 'com.acme.Missing'), 'j/src/main/java/com/acme/Other.java': 'package com.acme;\nclass Other {}\n' }, [
      'j/build.gradle.kts',
    ]);
    assert.match(unit(r, 'hello').decidedBy?.[0]?.message ?? '', /^handler com\.acme\.Missing not found/);
  });
});

describe("a package's subpath imports (package.json `imports`)", () => {
  const template = `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  GetFn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: app/\n      Handler: functions/get.handler\n      Runtime: nodejs22.x\n`;
  it('joins the files `#x` and `#x/*` name, .js targets written for TypeScript sources included; the nearest package.json decides', () => {
    const r = assess({
      'template.yaml': template,
      'app/package.json': JSON.stringify({
        name: 'app',
        imports: {
          '#powertools': './functions/commons/powertools/index.js',
          '#helpers/*': './functions/commons/helpers/*.js',
          '#conditional': { node: './functions/commons/node.js', default: './functions/commons/browser.js' },
        },
      }),
      'app/functions/get.ts':
        "import { logger } from '#powertools';\nimport { getItem } from '#helpers/get-item';\nimport { x } from '#conditional';\nimport { y } from '#missing';\nexport const handler = async (e: any) => getItem(e, logger, x, y);\n",
      'app/functions/commons/powertools/index.ts': "export { logger } from './logger.js';\n",
      'app/functions/commons/powertools/logger.ts': "import { Logger } from '@aws-lambda-powertools/logger';\nexport const logger = new Logger();\n",
      'app/functions/commons/helpers/get-item.ts': 'export const getItem = async () => ({});\n',
      'app/functions/commons/node.ts': 'export const x = 1;\n',
      'app/functions/commons/browser.ts': 'export const x = 2;\n',
      'other/package.json': JSON.stringify({ name: 'other' }),
      'other/functions/commons/powertools/index.ts': 'export const logger = 3;\n',
    });
    assert.deepEqual(unit(r, 'GetFn').codeFiles?.slice().sort(), [
      'app/functions/commons/helpers/get-item.ts',
      'app/functions/commons/node.ts',
      'app/functions/commons/powertools/index.ts',
      'app/functions/commons/powertools/logger.ts',
      'app/functions/get.ts',
    ]);
  });
});

describe('Lambda MicroVM images (AWS::Lambda::MicrovmImage)', () => {
  const template = (type: string) =>
    `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Image:\n    Type: ${type}\n    Properties:\n      Name: app\n      CodeArtifact:\n        Uri: s3://bucket/app.zip\n      Hooks:\n        Port: 9000\n`;
  const server =
    'import threading\nfrom http.server import HTTPServer, BaseHTTPRequestHandler\n\nSTATE = {}\n\ndef record(k):\n    STATE[k] = 1\n\nthreading.Thread(target=lambda: None, daemon=True).start()\nHTTPServer(("0.0.0.0", 8080), BaseHTTPRequestHandler).serve_forever()\n';
  it('the code in its folder already runs on Lambda, a long-lived server by design: no to-Lambda finding', () => {
    const r = assess({ 'vm/template.yaml': template('AWS::Lambda::MicrovmImage'), 'vm/src/app.py': server });
    assert.deepEqual(
      r.findings.filter((f) => f.file === 'vm/src/app.py').map((f) => f.ruleId),
      [],
    );
  });
  it('beside another resource type, the same code is judged', () => {
    const r = assess({ 'svc/template.yaml': template('AWS::S3::Bucket'), 'svc/src/app.py': server });
    assert.ok(
      r.findings.some((f) => f.file === 'svc/src/app.py' && f.ruleId === 'python/listening-server'),
      r.findings.map((f) => f.ruleId).join(', '),
    );
  });
});

describe('a Python CDK function built from an image asset', () => {
  it('EcrImageCode.from_asset_image(os.path.join(os.getcwd(), dir)): an image function joined through its Dockerfile', () => {
    const r = assess({
      'app.py':
        'import os\nfrom aws_cdk import aws_lambda, Stack\n\n\nclass S(Stack):\n    def __init__(self, scope, id):\n        super().__init__(scope, id)\n        aws_lambda.Function(self, "Container", code=aws_lambda.EcrImageCode.from_asset_image(directory=os.path.join(os.getcwd(), "img")), handler=aws_lambda.Handler.FROM_IMAGE, runtime=aws_lambda.Runtime.FROM_IMAGE)\n',
      'img/Dockerfile': 'FROM public.ecr.aws/lambda/python:3.12\nCOPY app.py ${LAMBDA_TASK_ROOT}\nCMD ["app.handler"]\n',
      'img/app.py': 'def handler(event, context):\n    return event["Records"]\n',
      'cdk.json': '{}\n',
    });
    const u = unit(r, 'Container');
    assert.equal(u.packageType, 'Image');
    assert.deepEqual(u.codeFiles, ['img/app.py']);
  });
});

describe('CDK paths built from class properties and string concatenation', () => {
  it('entry: this.entryPath (a property initialised with path.join(__dirname + ...)), and a template literal', () => {
    const r = assess({
      'lib/stack/auth-stack.ts': `import * as cdk from 'aws-cdk-lib';
import * as path from 'path';
export class AuthStack extends cdk.Stack {
  readonly operationalEntryPath = path.join(__dirname + '/../lambdas/operational/index.ts');
  constructor(scope: any, id: string) {
    super(scope, id);
    new cdk.aws_lambda_nodejs.NodejsFunction(this, 'operational', { entry: this.operationalEntryPath });
    new cdk.aws_lambda_nodejs.NodejsFunction(this, 'authorizer', { entry: \`\${__dirname}/../lambdas/authorizer/index.ts\` });
  }
}
`,
      'lib/lambdas/operational/index.ts': 'export const handler = async () => ({ statusCode: 200 });\n',
      'lib/lambdas/authorizer/index.ts': 'export const handler = async () => ({ isAuthorized: true });\n',
    });
    assert.deepEqual(unit(r, 'operational').codeFiles, ['lib/lambdas/operational/index.ts']);
    assert.deepEqual(unit(r, 'authorizer').codeFiles, ['lib/lambdas/authorizer/index.ts']);
  });
  it("an ES module that defines __dirname itself (dirname(fileURLToPath(import.meta.url))): still the file's folder", () => {
    const r = assess({
      'cdk/stack.ts': `import * as cdk from 'aws-cdk-lib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';
const __filename = fileURLToPath(import.meta.url);
const __dirname = dirname(__filename);
new NodejsFunction(this, 'hello', { handler: 'handler', entry: join(__dirname, '../src/hello.ts') });
`,
      'src/hello.ts': 'export const handler = async () => ({ statusCode: 200 });\n',
    });
    assert.deepEqual(unit(r, 'hello').codeFiles, ['src/hello.ts']);
  });
});

describe('a CDK entry chosen by an environment variable', () => {
  const stack = (test: string) => `import * as cdk from 'aws-cdk-lib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
export class PricingStack extends cdk.Stack {
  constructor(scope: any, id: string) {
    super(scope, id);
    const isWorkshop = process.env.WORKSHOP_BUILD === 'true';
    const entry = ${test} ? './src/workshop/price.ts' : './src/adapters/price.ts';
    new NodejsFunction(this, 'Price', { entry, handler: 'handler' });
  }
}
`;
  const files = (test: string) => ({
    'lib/stack.ts': stack(test),
    'src/workshop/price.ts': 'export const handler = async () => 1;\n',
    'src/adapters/price.ts': 'export const handler = async () => 2;\n',
  });
  it('is the path a synth without the variable takes (process.env.X === "true" is false, !== is true)', () => {
    assert.deepEqual(unit(assess(files('isWorkshop')), 'Price').codeFiles, ['src/adapters/price.ts']);
    assert.deepEqual(unit(assess(files("process.env.WORKSHOP_BUILD !== 'true'")), 'Price').codeFiles, ['src/workshop/price.ts']);
  });
  it("two methods that each declare `const entry`: each function reads its own method's", () => {
    const r = assess({
      'lib/handlers.ts': `import * as cdk from 'aws-cdk-lib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
export class Handlers extends cdk.Stack {
  created() {
    const entry = './src/created.ts';
    return new NodejsFunction(this, 'Created', { entry, handler: 'handler' });
  }
  updated() {
    const entry = './src/updated.ts';
    return new NodejsFunction(this, 'Updated', { entry, handler: 'handler' });
  }
}
`,
      'src/created.ts': 'export const handler = async () => 1;\n',
      'src/updated.ts': 'export const handler = async () => 2;\n',
    });
    assert.deepEqual(unit(r, 'Created').codeFiles, ['src/created.ts']);
    assert.deepEqual(unit(r, 'Updated').codeFiles, ['src/updated.ts']);
  });
  it('tricky negative: a test on anything else (a prop) chooses no path', () => {
    assert.equal(unit(assess(files('this.node.tryGetContext("workshop")')), 'Price').codeFiles, undefined);
  });
});

describe('Terraform packages uploaded to S3, and packages that are archives', () => {
  it('a function whose source_code_hash is an archive_file of a folder runs that folder; a committed zip is said to be one', () => {
    const r = assess({
      'api/main.tf': `data "archive_file" "lambda_zip" {
  type        = "zip"
  source_dir  = "\${path.module}/src"
  output_path = "\${path.module}/src.zip"
}
resource "aws_lambda_function" "app" {
  function_name    = "app"
  s3_bucket        = aws_s3_bucket.b.id
  s3_key           = "source.zip"
  runtime          = "python3.13"
  handler          = "app.lambda_handler"
  source_code_hash = data.archive_file.lambda_zip.output_base64sha256
}
resource "aws_lambda_function" "prebuilt" {
  function_name = "prebuilt"
  filename      = "lambda.zip"
  runtime       = "nodejs22.x"
  handler       = "index.handler"
}
`,
      'api/src/app.py': 'def lambda_handler(event, context):\n    return event["Records"]\n',
    });
    assert.deepEqual(unit(r, 'app').codeFiles, ['api/src/app.py']);
    assert.match(unit(r, 'prebuilt').decidedBy?.[0]?.message ?? '', /^the code is the archive api\/lambda\.zip, whose contents are not read/);
  });
});

describe('more code paths read', () => {
  it("Python CDK: os.path.join(DIRNAME, 'src') with DIRNAME = os.path.dirname(__file__); Terraform: an archive_file of inline source content is said to be inline", () => {
    const r = assess({
      'py/app.py':
        'import os\nfrom aws_cdk import aws_lambda as lambda_, Stack\n\nDIRNAME = os.path.dirname(__file__)\n\n\nclass S(Stack):\n    def __init__(self, scope, id):\n        super().__init__(scope, id)\n        lambda_.Function(self, "Fn", handler="index.handler", runtime=lambda_.Runtime.PYTHON_3_13, code=lambda_.Code.from_asset(os.path.join(DIRNAME, "src")))\n',
      'py/src/index.py': 'def handler(event, context):\n    return 1\n',
      'tf/main.tf': `data "archive_file" "zip" {
  type        = "zip"
  output_path = "\${path.module}/fn.zip"
  source {
    content  = "def lambda_handler(event, context):\\n    return 1\\n"
    filename = "fn.py"
  }
}
resource "aws_lambda_function" "inline" {
  function_name = "inline"
  filename      = data.archive_file.zip.output_path
  runtime       = "python3.13"
  handler       = "fn.lambda_handler"
}
`,
    });
    assert.deepEqual(unit(r, 'Fn').codeFiles, ['py/src/index.py']);
    assert.match(unit(r, 'inline').decidedBy?.[0]?.message ?? '', /^code written inline in the configuration \(an archive_file's source content\)/);
  });
});

describe('functions whose package is a build output: the source it is built from', () => {
  it("a SAM code path that is a build's output folder, not committed: the handler's module path under the project", () => {
    const r = assess({
      'svc/template.yaml': `Transform: AWS::Serverless-2016-10-31\nResources:\n  Search:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: .build/lambdas/\n      Handler: search_service.handlers.search.lambda_handler\n      Runtime: python3.13\n`,
      'svc/search_service/handlers/search.py': 'def lambda_handler(event, context):\n    return event["queryStringParameters"]\n',
    });
    assert.deepEqual(unit(r, 'Search').codeFiles, ['svc/search_service/handlers/search.py']);
  });
  it('a Terraform stack two folders below the service root finds a module path of several folders at that root', () => {
    const r = assess({
      'svc/infra/services/search/app.tf':
        'resource "aws_lambda_function" "search" {\n  function_name = "search"\n  filename      = "../.build/search.zip"\n  handler       = "search_service.handlers.search.lambda_handler"\n  runtime       = "python3.13"\n}\n',
      'svc/search_service/handlers/search.py': 'def lambda_handler(event, context):\n    return {}\n',
    });
    assert.deepEqual(unit(r, 'search').codeFiles, ['svc/search_service/handlers/search.py']);
  });
  it('a zip named by a path template, not committed, zipped from the handler beside it (another pattern has one too)', () => {
    const r = assess({
      'gen/lambda.tf':
        'resource "aws_lambda_function" "gen" {\n  function_name = "gen"\n  filename      = "${path.module}/lambda_function.zip"\n  handler       = "integration.lambda_handler"\n  runtime       = "python3.13"\n}\n',
      'gen/integration.py': 'def lambda_handler(event, context):\n    return {}\n',
      'other/integration.py': 'def lambda_handler(event, context):\n    return {}\n',
    });
    assert.deepEqual(unit(r, 'gen').codeFiles, ['gen/integration.py']);
  });
  it('serverless.yml package.artifact is the code path: a Rust workspace beside it, a Kotlin jar, a TypeScript source named like the zip', () => {
    const sls = (runtime: string, handler: string, artifact: string) =>
      `service: svc\nprovider:\n  name: aws\n  runtime: ${runtime}\nfunctions:\n  fn:\n    handler: ${handler}\n    package:\n      artifact: ${artifact}\n`;
    const r = assess({
      'rust/serverless.yml': sls('provided.al2023', 'bootstrap', './out/login/login.zip'),
      'rust/Cargo.toml': '[workspace]\nmembers = ["lambdas/login"]\n',
      'rust/lib/stack.ts': 'export const x = 1;\n',
      'kt/serverless.yml': sls('java21', 'com.example.Handler', 'build/libs/hello-all.jar'),
      'kt/src/main/kotlin/com/example/Handler.kt': 'class Handler\n',
      'ts/serverless.yml': sls('nodejs22.x', 'index.handler', 'out/getOrder/getOrder.zip'),
      'ts/src/adapters/getOrder.ts': 'export const handler = async () => 1;\n',
    });
    const note = (file: string) => r.units.find((u) => u.file === file)?.decidedBy?.find((d) => !d.ruleId)?.message ?? '';
    assert.match(note('rust/serverless.yml'), /^Rust code is not analysed/);
    assert.match(note('kt/serverless.yml'), /^Kotlin code is not analysed/);
    assert.equal(r.units.find((u) => u.file === 'ts/serverless.yml')?.codeFile, 'ts/src/adapters/getOrder.ts');
  });
  it("a CDK asset archive is named as the app writes it (relative to the CDK app's folder, not the stack file's)", () => {
    const r = assess({
      'app/lib/stack.ts': `import * as cdk from 'aws-cdk-lib';\nimport * as lambda from 'aws-cdk-lib/aws-lambda';\nnew lambda.Function(this, 'Zipped', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('dist/bundle.zip') });\n`,
    });
    assert.match(unit(r, 'Zipped').decidedBy?.find((d) => !d.ruleId)?.message ?? '', /^the code is the archive dist\/bundle\.zip, whose contents are not read/);
  });
  it('an archive a script builds, named after its source: the TypeScript file, or the Go folder, of that name', () => {
    const sam = (name: string, uri: string, runtime: string, handler: string) =>
      `  ${name}:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: ${uri}\n      Handler: ${handler}\n      Runtime: ${runtime}\n`;
    const r = assess({
      'svc/template.yaml': `Transform: AWS::Serverless-2016-10-31\nResources:\n${sam('GetAccount', './out/getAccountFunction/getAccountFunction.zip', 'nodejs22.x', 'index.handler')}${sam('CreateProduct', 'out/CreateProduct/CreateProduct.zip', 'provided.al2023', 'bootstrap')}`,
      'svc/src/api/adapters/getAccountFunction.ts': 'export const handler = async (event: { pathParameters: { id: string } }) => event.pathParameters.id;\n',
      'svc/src/api/adapters/getAccountFunction.test.ts': 'import { handler } from "./getAccountFunction";\n',
      'svc/src/product-api/create-product/main.go':
        'package main\n\nimport "github.com/aws/aws-lambda-go/lambda"\n\nfunc handle() error { return nil }\n\nfunc main() { lambda.Start(handle) }\n',
    });
    assert.deepEqual(unit(r, 'GetAccount').codeFiles, ['svc/src/api/adapters/getAccountFunction.ts']);
    assert.equal(unit(r, 'CreateProduct').codeFile, 'svc/src/product-api/create-product/main.go');
  });
  it("a package in S3 (Code.S3Key through Mappings, SAM CodeUri Key) joins the source of its name, in the runtime's language", () => {
    const fn = (name: string, code: string, runtime: string) =>
      `  ${name}:\n    Type: AWS::Lambda::Function\n    Properties:\n      Handler: index.handler\n      Runtime: ${runtime}\n      Role: arn:aws:iam::123456789012:role/r\n      Code:\n${code}`;
    const r = assess({
      'template/master.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Prefix:
    Type: String
Mappings:
  S3Buckets:
    us-east-1:
      Bucket: builds-us-east-1
  Constants:
    S3Keys:
      GetBookCode: functions/GetBook.zip
      MissingCode: functions/NeptuneLoaderTool.zip
Resources:
${fn('GetBook', '        S3Bucket: !FindInMap [S3Buckets, !Ref AWS::Region, Bucket]\n        S3Key: !FindInMap [Constants, S3Keys, GetBookCode]\n', 'nodejs22.x')}${fn('Loader', '        S3Bucket: tools\n        S3Key: !FindInMap [Constants, S3Keys, MissingCode]\n', 'nodejs22.x')}${fn('Templated', "        S3Bucket: tools\n        S3Key: !Sub '${Prefix}/Templated.zip'\n", 'nodejs22.x')}`,
      'sam/template.yaml':
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Search:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: { Bucket: pkgs, Key: builds/search.zip }\n      Handler: index.handler\n      Runtime: python3.13\n',
      'functions/APIs/getBook.js': 'exports.handler = async (event) => ({ statusCode: 200, body: event.pathParameters.id });\n',
      'web/src/GetBook.tsx': 'export const GetBook = () => <div />;\n',
      'functions/APIs/search.py': 'def handler(event, context):\n    return event["queryStringParameters"]\n',
      'web/src/search.js': 'export const search = () => 1;\n',
    });
    const pick = (name: string) => {
      const u = unit(r, name);
      return [u.codeFile, u.joinedBy];
    };
    assert.deepEqual(pick('GetBook'), ['functions/APIs/getBook.js', 'package name']);
    assert.deepEqual(pick('Search'), ['functions/APIs/search.py', 'package name']);
    // A package no source is named like, and a key decided at deploy time.
    assert.match(
      unit(r, 'Loader').decidedBy?.find((d) => !d.ruleId)?.message ?? '',
      /^the code is the package s3:\/\/tools\/functions\/NeptuneLoaderTool\.zip, built outside this repository or from sources not named like it, whose contents are not read; check its sources by hand/,
    );
    assert.deepEqual(pick('Templated'), [undefined, undefined]);
    // Converted, the container runs the source the package is built from, under its own name, from its folder.
    const toK8s = (name: string) =>
      convertUnit(unit(r, name), { to: 'kubernetes', format: 'manifests', identity: 'irsa', outDir: 'k8s/x', findings: [], forceBlockers: true });
    const out = toK8s('GetBook');
    const all = out.files.map((f) => f.content).join('\n');
    assert.match(all, /name: LAMBDASHIFT_HANDLER\n\s+value: getBook\.handler/);
    assert.match(all, /COPY functions\/APIs\/? /);
    assert.ok(!out.warnings.some((w) => /code was not found/.test(w)));
    // Converting a function whose code was not found says so: the COPY of the code is a guess.
    const loader = toK8s('Loader');
    assert.ok(
      loader.warnings.some((w) =>
        w.startsWith(
          "Loader's code was not found (the code is the package s3://tools/functions/NeptuneLoaderTool.zip, built outside this repository or from sources not named like it, whose contents are not read; check its sources by hand for servers, background work and reads of the Lambda context). The Dockerfile copies template as the code",
        ),
      ),
      loader.warnings.join('\n'),
    );
    assert.ok(
      out.notes.some((n) =>
        /^GetBook's handler index\.handler names a module inside the package it is deployed from, not a source file; functions\/APIs\/getBook\.js is the source/.test(
          n,
        ),
      ),
    );
  });
  it("tricky negatives: two sources of the archive's name (a workshop copy), and an archive with a generic name, join nothing", () => {
    const r = assess({
      'svc/template.yaml':
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Price:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: out/calculatePricing/calculatePricing.zip\n      Handler: index.handler\n      Runtime: nodejs22.x\n  Other:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: dist/lambda.zip\n      Handler: index.handler\n      Runtime: nodejs22.x\n',
      'svc/src/adapters/calculatePricing.ts': 'export const handler = async () => 1;\n',
      'svc/src/workshop/calculatePricing.ts': 'export const handler = async () => 2;\n',
      'svc/src/lambda.ts': 'export const handler = async () => 3;\n',
    });
    for (const name of ['Price', 'Other']) {
      assert.equal(unit(r, name).codeFiles, undefined, name);
      assert.match(unit(r, name).decidedBy?.find((d) => !d.ruleId)?.message ?? '', /^the code is the archive svc\//, name);
    }
  });
  it('an esbuild script names the source it bundles into the archive folder: two sources of that name, a Terraform path from infra/, a folder CodeUri', () => {
    const build = (entry: string, out: string, quote = '"') =>
      `const esbuild = require('esbuild');\n\nesbuild\n  .build({\n    entryPoints: [${quote}${entry}${quote}],\n    bundle: true,\n    outfile: ${quote}${out}${quote},\n    platform: 'node',\n  })\n  .catch(() => process.exit(1));\n`;
    const r = assess({
      'svc/template.yaml':
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Updated:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: ./out/handleUpdated/handleUpdated.zip\n      Handler: index.handler\n      Runtime: nodejs22.x\n  Trigger:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: ./out/tierTrigger/\n      Handler: index.handler\n      Runtime: nodejs22.x\n',
      'svc/infra/services/app/main.tf':
        'resource "aws_lambda_function" "updated" {\n  function_name = "updated"\n  filename      = "../out/handleUpdated/handleUpdated.zip"\n  handler       = "index.handler"\n  runtime       = "nodejs22.x"\n}\n',
      'svc/src/api/handleUpdated.ts': 'export const handler = async () => 1;\n',
      'svc/src/api/buildHandleUpdated.js': build('./src/api/handleUpdated.ts', 'out/handleUpdated/index.js'),
      'svc/src/workflow/handleUpdated.ts': 'export const handler = async () => 2;\n',
      'svc/src/workflow/buildHandleUpdated.js': build('./src/workflow/handleUpdated.ts', 'out/tierTrigger/index.js', "'"),
      // Another service with an archive folder of the same name, built by its own (Rust) tooling.
      'rust/template.yaml':
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  RustUpdated:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: ./out/handleUpdated/handleUpdated.zip\n      Handler: bootstrap\n      Runtime: provided.al2023\n  NodeUpdated:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: ./out/handleUpdated/handleUpdated.zip\n      Handler: index.handler\n      Runtime: nodejs22.x\n',
    });
    assert.equal(unit(r, 'Updated').codeFile, 'svc/src/api/handleUpdated.ts');
    assert.equal(unit(r, 'updated').codeFile, 'svc/src/api/handleUpdated.ts');
    assert.equal(unit(r, 'Trigger').codeFile, 'svc/src/workflow/handleUpdated.ts');
    // A script of another folder builds nothing for rust/; a custom runtime's bootstrap is no bundle.
    assert.equal(unit(r, 'RustUpdated').codeFile, undefined);
    assert.equal(unit(r, 'NodeUpdated').codeFile, undefined);
  });
  it('tricky negatives: a build call with several entries, a computed entry, or no output path names no source', () => {
    const r = assess({
      'svc/template.yaml':
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Many:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: ./out/many/\n      Handler: index.handler\n      Runtime: nodejs22.x\n  Computed:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: ./out/computed/\n      Handler: index.handler\n      Runtime: nodejs22.x\n',
      'svc/build.mjs':
        "import { build } from 'esbuild';\nawait build({ entryPoints: ['src/a.ts', 'src/b.ts'], outdir: 'out/many' });\nawait build({ entryPoints: [entry], outfile: 'out/computed/index.js' });\nawait build({ entryPoints: ['src/c.ts'] });\n",
      'svc/src/a.ts': 'export const handler = async () => 1;\n',
      'svc/src/b.ts': 'export const handler = async () => 2;\n',
      'svc/src/c.ts': 'export const handler = async () => 3;\n',
    });
    assert.equal(unit(r, 'Many').codeFile, undefined);
    assert.equal(unit(r, 'Computed').codeFile, undefined);
  });
});

describe('Terraform functions whose package is built elsewhere, and images from the docker-build module', () => {
  const lambdaModule = (name: string, body: string) =>
    `module "${name}" {\n  source        = "terraform-aws-modules/lambda/aws"\n  function_name = "${name}"\n  handler       = "index.lambda_handler"\n  runtime       = "python3.12"\n${body}}\n`;

  it('create_package = false with a module output, an S3 object or a zip path: each note says where the package comes from', () => {
    const r = assess({
      'fn/main.tf':
        lambdaModule('from_module', '  create_package         = false\n  local_existing_package = module.package.local_filename\n') +
        lambdaModule('from_s3', '  create_package      = false\n  s3_existing_package = {\n    bucket = aws_s3_bucket.b.id\n    key    = "fn.zip"\n  }\n') +
        lambdaModule('from_zip', '  create_package         = false\n  local_existing_package = "${path.module}/../dist/fn.zip"\n') +
        'resource "aws_lambda_function" "from_output" {\n  function_name = "from_output"\n  filename      = module.package.local_filename\n  handler       = "index.handler"\n  runtime       = "nodejs22.x"\n}\n' +
        'resource "aws_lambda_function" "from_bucket" {\n  function_name = "from_bucket"\n  s3_bucket     = "artifacts"\n  s3_key        = "fn.zip"\n  handler       = "index.handler"\n  runtime       = "nodejs22.x"\n}\n',
    });
    const note = (name: string) => unit(r, name).decidedBy?.find((d) => !d.ruleId)?.message ?? '';
    assert.match(note('from_module'), /^the code is a package built outside this configuration \(local_existing_package = module\.package\.local_filename\)/);
    assert.match(note('from_s3'), /^the code is a package built outside this configuration \(s3_existing_package\)/);
    assert.match(note('from_zip'), /^the code is the archive dist\/fn\.zip, whose contents are not read/);
    assert.match(note('from_output'), /^the code is a package built outside this configuration \(filename = module\.package\.local_filename\)/);
    assert.match(note('from_bucket'), /^the code is a package built outside this configuration \(s3_bucket = artifacts\)/);
  });

  it('local_existing_package = module.pkg.local_filename is the archive that call of the module builds from its source_path', () => {
    const r = assess({
      'fn/main.tf':
        'module "pkg" {\n  source          = "terraform-aws-modules/lambda/aws"\n  create_function = false\n  runtime         = "python3.12"\n  source_path = [\n    {\n      path     = "${path.module}/../app"\n      commands = [":zip"]\n    }\n  ]\n}\n' +
        lambdaModule('packaged', '  create_package         = false\n  local_existing_package = module.pkg.local_filename\n'),
      'app/index.py': 'def lambda_handler(event, context):\n    return {}\n',
      // Another package of the same handler name: a search by name alone could not choose.
      'app2/index.py': 'def lambda_handler(event, context):\n    return 2\n',
    });
    assert.deepEqual(unit(r, 'packaged').codeFiles, ['app/index.py']);
    assert.equal(r.units.filter((u) => u.kind === 'lambda-function').length, 1, 'the packaging call makes no function');
  });

  it('tricky negatives: source_path still names the code when create_package is left on; an S3 upload of an archive_file is that archive', () => {
    const r = assess({
      'fn/main.tf':
        lambdaModule('built', '  source_path = "${path.module}/src"\n') +
        'data "archive_file" "zip" {\n  type        = "zip"\n  source_dir  = "${path.module}/src"\n  output_path = "${path.module}/src.zip"\n}\n' +
        'resource "aws_lambda_function" "uploaded" {\n  function_name    = "uploaded"\n  s3_bucket        = aws_s3_bucket.b.id\n  s3_key           = "src.zip"\n  source_code_hash = data.archive_file.zip.output_base64sha256\n  handler          = "index.lambda_handler"\n  runtime          = "python3.12"\n}\n',
      'fn/src/index.py': 'def lambda_handler(event, context):\n    return {}\n',
    });
    assert.deepEqual(unit(r, 'built').codeFiles, ['fn/src/index.py']);
    assert.deepEqual(unit(r, 'uploaded').codeFiles, ['fn/src/index.py']);
  });

  it("an image_uri from the docker-build module is built from that module's source_path (docker_file_path either way)", () => {
    const build = (name: string, extra = '') =>
      `module "${name}" {\n  source      = "terraform-aws-modules/lambda/aws//modules/docker-build"\n  ecr_repo    = "${name}"\n  source_path = local.context\n${extra}}\n`;
    const fn = (name: string, image: string) =>
      `module "${name}" {\n  source         = "terraform-aws-modules/lambda/aws"\n  function_name  = "${name}"\n  create_package = false\n  package_type   = "Image"\n  image_uri      = module.${image}.image_uri\n}\n`;
    const r = assess({
      'infra/main.tf': `locals {\n  context = "app"\n}\n${build('image')}${build('image2', '  docker_file_path = "${local.context}/Dockerfile"\n')}${fn('api', 'image')}${fn('api2', 'image2')}`,
      'infra/app/Dockerfile': 'FROM public.ecr.aws/lambda/python:3.12\nCOPY handler.py ${LAMBDA_TASK_ROOT}\nCMD ["handler.main"]\n',
      'infra/app/handler.py': 'def main(event, context):\n    return event["Records"]\n',
    });
    for (const name of ['api', 'api2']) assert.deepEqual(unit(r, name).codeFiles, ['infra/app/handler.py'], name);
  });
});

describe('workload → code: a static site served by a stock web server', () => {
  const spaDockerfile = (runner: string, extra = '') =>
    `FROM node:22-alpine AS builder\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\nCOPY . .\nRUN npm run build\n${runner}\n${extra}`;
  const spa = {
    'web/package.json': '{"name":"web","scripts":{"build":"vite build"}}\n',
    'web/src/main.ts': 'import { createApp } from "vue";\ncreateApp({}).mount("#app");\n',
    'web/nginx.conf': 'server { listen 8080; location /api { proxy_pass http://api:3000; } }\n',
  };
  const listening = (r: AssessResult, name: string) => r.findings.filter((f) => f.ruleId === 'iac/listening-server' && f.unit === name);

  it('nginx serving files copied from the build stage: no entry code, the verdict says S3 and CloudFront', () => {
    const r = assess({
      'k8s/web.yaml': deploy('web', 'ghcr.io/acme/web:1', '', '8080'),
      'docker-compose.yml': 'services:\n  web:\n    image: ghcr.io/acme/web:1\n    build: web\n',
      'web/Dockerfile': spaDockerfile(
        'FROM nginx:stable-alpine-slim AS runner',
        'COPY --from=builder /app/dist /usr/share/nginx/html\nCOPY nginx.conf /etc/nginx/conf.d/default.conf\nEXPOSE 8080\nCMD ["nginx", "-g", "daemon off;"]\n',
      ),
      ...spa,
    });
    const u = unit(r, 'web');
    assert.deepEqual([u.codeFiles, u.staticSite], [undefined, { server: 'nginx', from: 'web' }]);
    const found = listening(r, 'web');
    assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
    assert.match(
      found[0].message,
      /^web serves HTTP on port 8080 with nginx, from files built from web: a static site or single-page app.*S3 bucket behind CloudFront/,
    );
    assert.equal(found[0].severity, 'warning');
    assert.ok(
      u.decidedBy?.some((d) => /serves static files built from web with nginx/.test(d.message)),
      JSON.stringify(u.decidedBy),
    );
  });

  it('Apache httpd with a built folder from the context, and an unprivileged nginx inheriting its command', () => {
    const r = assess({
      'k8s/a.yaml': `${deploy('docs', 'acme/docs:1', '', '80')}---\n${deploy('shop', 'acme/shop:1', '', '8080')}`,
      'docker-compose.yml': 'services:\n  docs:\n    image: acme/docs:1\n    build: docs\n  shop:\n    image: acme/shop:1\n    build: shop\n',
      'docs/Dockerfile': 'FROM httpd:2.4\nCOPY ./public/ /usr/local/apache2/htdocs/\n',
      'docs/public/index.html': '<html></html>\n',
      'docs/build.js': 'console.log("build");\n',
      'shop/Dockerfile': spaDockerfile('FROM nginxinc/nginx-unprivileged:1.27', 'COPY --from=builder /app/build /usr/share/nginx/html\n'),
      'shop/src/main.ts': spa['web/src/main.ts'],
    });
    assert.deepEqual(unit(r, 'docs').staticSite, { server: 'Apache httpd', from: 'docs' });
    assert.deepEqual(unit(r, 'shop').staticSite, { server: 'nginx', from: 'shop' });
  });

  it('tricky negatives: nginx copying in only its config is a proxy; a node server in the last stage; a command that runs something else', () => {
    const r = assess({
      'k8s/a.yaml': `${deploy('proxy', 'acme/proxy:1', '', '8080')}---\n${deploy('ssr', 'acme/ssr:1', '', '3000')}---\n${deploy('tool', 'acme/tool:1', '          command: ["node", "seed.js"]\n', '8080')}`,
      'docker-compose.yml':
        'services:\n  proxy:\n    image: acme/proxy:1\n    build: proxy\n  ssr:\n    image: acme/ssr:1\n    build: ssr\n  tool:\n    image: acme/tool:1\n    build: tool\n',
      'proxy/Dockerfile': 'FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/conf.d/default.conf\nCOPY templates/default.conf.template /etc/nginx/templates/\n',
      'proxy/nginx.conf': 'server { location / { proxy_pass http://api:3000; } }\n',
      'ssr/Dockerfile': spaDockerfile('FROM node:22-alpine', 'COPY --from=builder /app/dist ./dist\nCMD ["node", "dist/server.js"]\n'),
      'ssr/server.js': server,
      'tool/Dockerfile': spaDockerfile('FROM nginx:1.27', 'COPY --from=builder /app/dist /usr/share/nginx/html\nCOPY --from=builder /app/seed.js /seed.js\n'),
      'tool/seed.js': 'console.log(1);\n',
    });
    for (const name of ['proxy', 'ssr', 'tool']) assert.equal(unit(r, name).staticSite, undefined, name);
    assert.doesNotMatch(
      listening(r, 'proxy')
        .map((f) => f.message)
        .join(' '),
      /static site/,
    );
    assert.match(listening(r, 'ssr')[0].message, /serves HTTP on port 3000, but Lambda delivers requests as events/);
  });
});

describe('workload → code in a language that is not analysed', () => {
  const files = (extra: Record<string, string> = {}) => ({
    'k8s/ratings.yaml': deploy('ratings', 'acme/rs-ratings:1', '', '80'),
    'docker-compose.yml': 'services:\n  ratings:\n    image: acme/rs-ratings:1\n    build: ratings\n',
    'ratings/Dockerfile': 'FROM php:8-apache\nCOPY html/ /var/www/html/\n',
    'ratings/html/index.php': '<?php echo "ok"; ?>\n',
    'ratings/html/src/Ratings.php': '<?php class Ratings {} ?>\n',
    ...extra,
  });
  it('a PHP service says its PHP is not analysed, not that its entry was not found', () => {
    const note = unit(assess(files()), 'ratings').decidedBy?.find((d) => !d.ruleId)?.message;
    assert.equal(note, 'PHP code in ratings is not analysed yet: verdict from manifests only');
  });
  it('tricky negative: a folder that also holds analysed code (a Node build script) keeps the plain note', () => {
    const note = unit(assess(files({ 'ratings/build.js': 'console.log(1);\n' })), 'ratings').decidedBy?.find((d) => !d.ruleId)?.message ?? '';
    assert.doesNotMatch(note, /PHP code/);
  });
});

describe('workload → code: an entrypoint script that ends by starting the web server', () => {
  const site = (script: string) => ({
    'k8s/web.yaml': deploy('web', 'acme/web:1', '', '8080'),
    'docker-compose.yml': 'services:\n  web:\n    image: acme/web:1\n    build: web\n',
    'web/Dockerfile':
      'FROM nginx:1.27\nCOPY entrypoint.sh /root/\nENTRYPOINT ["/root/entrypoint.sh"]\nCOPY default.conf.template /etc/nginx/conf.d/\nCOPY static /usr/share/nginx/html\n',
    'web/entrypoint.sh': script,
    'web/static/index.html': '<html></html>\n',
    'web/static/app.js': 'console.log(1);\n',
  });

  it('a script that substitutes the config and then execs nginx serves the static files: S3 and CloudFront', () => {
    const r = assess(
      site(
        '#!/bin/sh\nif [ -n "$1" ]; then\n  exec "$@"\nfi\nenvsubst < /etc/nginx/conf.d/default.conf.template > /etc/nginx/conf.d/default.conf\nexec nginx-debug -g "daemon off;"\n',
      ),
    );
    assert.deepEqual(unit(r, 'web').staticSite, { server: 'nginx', from: 'web' });
    const found = r.findings.filter((f) => f.ruleId === 'iac/listening-server' && f.unit === 'web');
    assert.match(found.map((f) => f.message).join('\n'), /^web serves HTTP on port 8080 with nginx, from files built from web: a static site/);
  });

  it('tricky negative: the same image whose script ends by starting a Node server is no static site', () => {
    const r = assess({ ...site('#!/bin/sh\nnginx\nexec node /srv/server.js\n'), 'web/server.js': server });
    assert.equal(unit(r, 'web').staticSite, undefined);
  });
});

describe('workload → code: an image built FROM a datastore image runs that datastore', () => {
  const compose =
    'services:\n  mongodb:\n    image: acme/rs-mongodb:1\n    build: mongo\n  seed:\n    image: acme/seed:1\n    build: seed\n  api:\n    image: acme/api:1\n    build: api\n';
  const files = {
    'k8s/a.yaml': `${deploy('mongodb', 'acme/rs-mongodb:1', '', '27017')}---\n${deploy('seed', 'acme/seed:1')}---\n${deploy('api', 'acme/api:1', '', '8080')}`,
    'docker-compose.yml': compose,
    'mongo/Dockerfile': 'FROM mongo:5\nCOPY *.js /docker-entrypoint-initdb.d/\n',
    'mongo/catalogue.js': 'db.products.insertMany([]);\n',
    // A client image: its own command runs the shell against the database, it serves none.
    'seed/Dockerfile': 'FROM mongo:5\nCOPY seed.js /seed.js\nCMD ["mongosh", "--host", "mongodb", "/seed.js"]\n',
    'seed/seed.js': 'db.products.insertMany([]);\n',
    'api/Dockerfile': dockerfile('["node", "server.js"]'),
    'api/server.js': server,
  };

  it('the MongoDB image with init scripts is MongoDB: blocked, with the managed service named, and no "file its image starts" note', () => {
    const r = assess(files);
    const u = unit(r, 'mongodb');
    assert.equal(u.readiness.toLambda, 'blocked');
    const found = r.findings.filter((f) => f.ruleId === 'iac/listening-server' && f.unit === 'mongodb');
    assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
    assert.match(found[0].message, /^mongodb runs MongoDB \(image acme\/rs-mongodb:1, built FROM mongo:5\), a datastore.*Amazon DocumentDB/);
    assert.deepEqual(
      u.decidedBy?.filter((d) => !d.ruleId).map((d) => d.message),
      ['its image is built FROM mongo:5 and runs the MongoDB server, with no program of its own: verdict from manifests only'],
    );
    assert.equal(u.containers?.[0].builtFrom, 'mongo:5');
  });

  it('tricky negatives: an image FROM mongo whose command runs the client, and an app image FROM node, run no datastore', () => {
    const r = assess(files);
    for (const name of ['seed', 'api']) {
      assert.equal(unit(r, name).containers?.[0].builtFrom, undefined, name);
      assert.doesNotMatch(
        r.findings
          .filter((f) => f.unit === name)
          .map((f) => f.message)
          .join('\n'),
        /runs MongoDB|datastore/,
        name,
      );
    }
  });
});

describe("workload → code: a build whose image is the workload's name with a project prefix", () => {
  const skaffold = (artifacts: [string, string][]) =>
    `apiVersion: skaffold/v2beta6\nkind: Config\nbuild:\n  artifacts:\n${artifacts
      .map(([image, context]) => `  - image: ${image}\n    context: ${context}\n    buildpacks:\n      builder: gcr.io/paketo-buildpacks/builder:base\n`)
      .join('')}`;
  const app = (pkg: string) => `package ${pkg};\npublic class App {\n  public static void main(String[] args) {}\n}\n`;

  it('skaffold buildpacks artifacts named shop-orders and shop-billing join the workloads orders and billing', () => {
    const r = assess({
      'k8s/orders.yaml': deploy('orders', '${REGISTRY}/shop-cloud-orders:latest'),
      'k8s/billing.yaml': deploy('billing', '${REGISTRY}/shop-cloud-billing:latest'),
      'skaffold.yaml': skaffold([
        ['shop-orders', './shop-orders'],
        ['shop-billing', './shop-billing'],
      ]),
      'shop-orders/src/main/java/shop/orders/App.java': app('shop.orders'),
      'shop-billing/src/main/java/shop/billing/App.java': app('shop.billing'),
    });
    assert.deepEqual(
      [unit(r, 'orders').codeFiles, unit(r, 'orders').joinedBy],
      [['shop-orders/src/main/java/shop/orders/App.java'], "skaffold.yaml artifact (image shop-orders, the workload's name with a prefix)"],
    );
    assert.deepEqual(unit(r, 'billing').codeFiles, ['shop-billing/src/main/java/shop/billing/App.java']);
  });

  it('tricky negatives: two builds end with the name; a name that is only the end of a word (store-orders vs orders is fine, reorders is not)', () => {
    const r = assess({
      'k8s/orders.yaml': deploy('orders', '${REGISTRY}/orders-svc:latest'),
      'k8s/ders.yaml': deploy('ders', 'acme/ders:1'),
      'skaffold.yaml': skaffold([
        ['eu-orders', './eu-orders'],
        ['us-orders', './us-orders'],
      ]),
      'eu-orders/App.java': app('eu'),
      'us-orders/App.java': app('us'),
    });
    assert.equal(unit(r, 'orders').codeFiles, undefined);
    assert.equal(unit(r, 'ders').codeFiles, undefined);
  });
});

describe('a SAM function built by a Makefile (BuildMethod: makefile)', () => {
  const template = (metadata: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: .
      Handler: app.handler
      Runtime: python3.12
${metadata}`;
  const files = {
    'orders/Makefile': 'build-Orders:\n\tpip install -r requirements.txt -t "$(ARTIFACTS_DIR)"\n\tcp -r src/* $(ARTIFACTS_DIR)\n',
    'orders/src/app.py': 'import threading\n\ndef handler(event, context):\n    threading.Thread(target=print).start()\n    return {}\n',
  };
  it('the handler is found in the folder the target copies into the package', () => {
    const r = assess({ ...files, 'orders/template.yaml': template('    Metadata:\n      BuildMethod: makefile\n') });
    assert.equal(unit(r, 'Orders').codeFile, 'orders/src/app.py');
  });
  it('without the build method (or with another target name) CodeUri alone decides', () => {
    assert.equal(unit(assess({ ...files, 'orders/template.yaml': template('') }), 'Orders').codeFile, undefined);
    const other = { ...files, 'orders/Makefile': files['orders/Makefile'].replace('build-Orders', 'build-Payments') };
    assert.equal(unit(assess({ ...other, 'orders/template.yaml': template('    Metadata:\n      BuildMethod: makefile\n') }), 'Orders').codeFile, undefined);
  });
});

describe("a workload's code in a repository of many projects", () => {
  const goMain = 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n';
  const goDockerfile = 'FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o /hello .\nCMD ["/hello"]\n';
  it("the manifests' own project folder builds the image, not a script elsewhere building an image of that base name", () => {
    const r = assess({
      'workloads/multi-arch/k8s/base/hello-deployment.yaml': deploy('hello-deployment', 'hello', '', '8080'),
      'workloads/multi-arch/Dockerfile': goDockerfile,
      'workloads/multi-arch/hello.go': goMain,
      'ai-ml/jax/build.sh': 'docker build . -f Dockerfile -t "gcr.io/${PROJECT}/jax/hello:latest"\n',
      'ai-ml/jax/Dockerfile': 'FROM python:3.12\nCOPY train.py .\nCMD ["python", "train.py"]\n',
      'ai-ml/jax/train.py': 'print(1)\n',
    });
    const u = unit(r, 'hello-deployment');
    assert.equal(u.joinedBy, "the Dockerfile of the manifests' project folder (workloads/multi-arch)");
    assert.deepEqual(u.codeFiles, ['workloads/multi-arch/hello.go']);
  });
  it('the same build, when it names the exact repository or sits in the same project, still wins', () => {
    const r = assess({
      'ai-ml/jax/k8s/job.yaml': deploy('trainer', 'gcr.io/p/jax/hello:latest'),
      'ai-ml/jax/build.sh': 'docker build . -f Dockerfile -t "gcr.io/p/jax/hello:latest"\n',
      'ai-ml/jax/Dockerfile': 'FROM python:3.12\nCOPY train.py .\nCMD ["python", "train.py"]\n',
      'ai-ml/jax/train.py': 'print(1)\n',
      'ai-ml/Dockerfile': goDockerfile,
    });
    assert.match(unit(r, 'trainer').joinedBy ?? '', /^docker build in ai-ml\/jax\/build\.sh/);
  });
  it("a language runtime's image (python:3.12, node:22) never joins a folder named python or node", () => {
    const job = deploy('model-downloader', 'python:3.10-slim', '          command: ["/bin/sh", "-c", "pip install hf && hf download x"]\n');
    const r = assess({
      'ai-ml/ray/components/model-downloader-job.yaml': job,
      'quickstarts/languages/python/app.py': 'from flask import Flask\napp = Flask(__name__)\napp.run(port=8080)\n',
      'quickstarts/languages/python/Dockerfile': 'FROM python:3.12\nCOPY app.py .\nCMD ["python", "app.py"]\n',
    });
    assert.equal(unit(r, 'model-downloader').codeFiles, undefined);
    assert.ok(!r.findings.some((f) => f.file.startsWith('quickstarts/') && f.unit === 'model-downloader'));
  });
  it("a deploy folder whose manifests run several images of their own: its one Dockerfile (a tool's) builds none of them", () => {
    const r = assess({
      'deploy/kubernetes/manifests/carts.yaml': deploy('carts', 'acme/carts:0.4.8', '', '80'),
      'deploy/kubernetes/manifests/orders.yaml': deploy('orders', 'acme/orders:0.4.7', '', '80'),
      'deploy/kubernetes/manifests/user.yaml': deploy('user', 'acme/user:0.4.7', '', '80'),
      'deploy/kubernetes/Dockerfile': 'FROM alpine:3.12\nRUN apk add bash make\nWORKDIR /workdir\n',
    });
    for (const name of ['carts', 'orders', 'user']) {
      const u = unit(r, name);
      assert.equal(u.joinedBy, undefined, name);
      assert.match(u.decidedBy?.find((d) => !d.ruleId)?.message ?? '', /^no build found for image acme\//, name);
    }
  });
  it('tricky negative: a sample and the tool pod beside it (two images) still share the project Dockerfile', () => {
    const r = assess({
      'security/secrets/manifests/app.yaml': deploy('secret-app', 'gcr.io/acme/secret-store:1', '', '8080'),
      'security/secrets/manifests/admin.yaml': deploy('admin', 'google/cloud-sdk:slim'),
      'security/secrets/Dockerfile': goDockerfile,
      'security/secrets/main.go': goMain,
    });
    assert.deepEqual(unit(r, 'secret-app').codeFiles, ['security/secrets/main.go']);
  });
  it("a datastore's or collector's image under a mirror's name is a third-party image, not one to look for", () => {
    const r = assess({
      'k8s/a.yaml': `${deploy('monitoring-influxdb', 'gcr.io/google_containers/heapster-influxdb-amd64:v1.1.1', '', '8086')}---\n${deploy('kibana', 'kibana', '', '5601')}`,
    });
    for (const [name, image] of [
      ['monitoring-influxdb', 'gcr.io/google_containers/heapster-influxdb-amd64:v1.1.1'],
      ['kibana', 'kibana'],
    ])
      assert.equal(
        unit(r, name).decidedBy?.find((d) => !d.ruleId)?.message,
        `third-party image ${image}: no code of its own here; verdict from manifests only`,
      );
  });
  it("a folder named like the workload: the one in the manifests' own sample, and an image named with the sample as a prefix", () => {
    const node = (port: number) => `const express = require("express");\nconst app = express();\napp.listen(${port});\n`;
    const nodeDeploy = (name: string, image: string) => deploy(name, image, '', '3000').replace('- name: main', '- name: node');
    const r = assess({
      'tutorials/bindings/deploy/node.yaml': nodeDeploy('bindings-nodeapp', 'ghcr.io/acme/samples/bindings-nodeapp:latest'),
      'tutorials/bindings/nodeapp/app.js': node(3000),
      'tutorials/hello-kubernetes/deploy/node.yaml': nodeDeploy('nodeapp', 'ghcr.io/acme/samples/hello-k8s-node:latest'),
      'tutorials/hello-kubernetes/node/app.js': node(3001),
      'tutorials/calculator/deploy/adder.yaml': deploy('addapp', 'ghcr.io/acme/samples/calculator-go:latest', '', '6000'),
      'tutorials/calculator/go/app.go': goMain,
      'tutorials/calculator/node/app.js': node(3002),
    });
    assert.deepEqual(unit(r, 'bindings-nodeapp').codeFiles, ['tutorials/bindings/nodeapp/app.js']);
    assert.deepEqual(unit(r, 'nodeapp').codeFiles, ['tutorials/hello-kubernetes/node/app.js']);
    assert.deepEqual(unit(r, 'addapp').codeFiles, ['tutorials/calculator/go/app.go']);
  });
  it('a folder named after a product image is no project of the manifests (nginx: third-party, no code)', () => {
    const r = assess({
      'apps/web/k8s/web.yaml': deploy('web', 'nginx:1.27', '', '80'),
      'apps/web/Dockerfile': goDockerfile,
      'apps/web/main.go': goMain,
    });
    assert.equal(unit(r, 'web').codeFiles, undefined);
  });
});

describe('plain manifests of one name and image', () => {
  const image = 'us-docker.pkg.dev/samples/hello-app:1.0';
  it('that declare different ports are two deployments, each judged on its own', () => {
    const r = assess({
      'networking/lb/web.yaml': deploy('web', image, '', '8080'),
      'management/pools/web.yaml': deploy('web', image),
    });
    const webs = r.units.filter((u) => u.name === 'web');
    assert.deepEqual(webs.map((u) => u.file).sort(), ['management/pools/web.yaml', 'networking/lb/web.yaml']);
    const worker = webs.find((u) => u.file === 'management/pools/web.yaml')!;
    // The worker is not told it serves HTTP, nor the server that it is a background worker.
    assert.ok(!(worker.decidedBy ?? []).some((d) => /serves HTTP/.test(d.message)));
    const server = webs.find((u) => u.file === 'networking/lb/web.yaml')!;
    assert.ok(!(server.decidedBy ?? []).some((d) => /background worker/.test(d.message)));
  });
  it('that declare the same ports are one service written twice (dev and prod folders)', () => {
    const r = assess({ 'k8s/dev/web.yaml': deploy('web', image, '', '8080'), 'k8s/prod/web.yaml': deploy('web', image, '', '8080') });
    assert.equal(r.units.filter((u) => u.name === 'web').length, 1);
  });
});

describe('a folder named like the workload, in another sample project of the repository', () => {
  const locust = 'from locust import HttpUser, task\n\nclass U(HttpUser):\n    @task\n    def home(self):\n        self.client.get("/")\n';
  it('is not its code when both sit deep in different top-level folders', () => {
    const r = assess({
      'cost-optimization/vpa/k8s/online-shop.yaml': deploy('loadgenerator', 'gcr.io/google-samples/microservices-demo/loadgenerator:v0.4.1'),
      'ai-ml/t5-serving/loadgenerator/locustfile.py': locust,
    });
    assert.equal(unit(r, 'loadgenerator').codeFiles, undefined);
  });
  it('still is for manifests in a top-level folder of their own beside src/ (kubernetes-manifests/, src/loadgenerator/)', () => {
    const r = assess({
      'kubernetes-manifests/loadgenerator.yaml': deploy('loadgenerator', 'gcr.io/acme/loadgenerator:v1'),
      'src/loadgenerator/locustfile.py': locust,
    });
    assert.equal(unit(r, 'loadgenerator').joinedBy, 'folder name');
  });
});

describe('CDK code read through a project wrapper, and never the CDK app itself', () => {
  const stack = (code: string) => `import * as path from 'path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { Shared } from '../shared';
export class Api extends Construct {
  constructor(scope: Construct, id: string, props: { shared: Shared }) {
    super(scope, id);
    new lambda.Function(this, 'ApiHandler', { code: ${code}, handler: 'index.handler', runtime: props.shared.pythonRuntime });
  }
}
new Api(app, 'Api', { shared });
`;
  const handler = 'def handler(event, context):\n    return {"ok": True}\n';
  it("a wrapper of Code.fromAsset given a path (`shared.bundleWithLambdaAsset(path.join(__dirname, './functions/api'))`) names the code's folder", () => {
    const r = assess({
      'lib/api/index.ts': stack("props.shared.bundleWithLambdaAsset(path.join(__dirname, './functions/api'))"),
      'lib/api/functions/api/index.py': handler,
    });
    assert.deepEqual(unit(r, 'Api').codeFiles, ['lib/api/functions/api/index.py']);
  });
  it('`new AssetCode(dir)` is Code.fromAsset', () => {
    const r = assess({ 'lib/api/index.ts': stack("new lambda.AssetCode(path.join(__dirname, 'functions/api'))"), 'lib/api/functions/api/index.py': handler });
    assert.deepEqual(unit(r, 'Api').codeFiles, ['lib/api/functions/api/index.py']);
  });
  it('a code path that cannot be read leaves the function without code rather than joined to the stack file beside it', () => {
    const r = assess({ 'lib/api/index.ts': stack('props.shared.code'), 'lib/api/functions/api/index.py': handler });
    const u = unit(r, 'Api');
    assert.equal(u.codeFiles, undefined);
    // A wrapper given something that is not a path names no folder.
    const r2 = assess({ 'lib/api/index.ts': stack("props.shared.layerFor('python3.12')"), 'lib/api/functions/api/index.py': handler });
    assert.equal(unit(r2, 'Api').codeFiles, undefined);
  });
});
