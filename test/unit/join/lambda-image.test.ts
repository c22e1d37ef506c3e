import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeWorkspace } from '../../../src/core/analyze';
import { convertUnit } from '../../../src/core/convert';
import type { Unit } from '../../../src/core/types';

const scan = (files: Record<string, string>) => analyzeWorkspace(Object.entries(files).map(([file, text]) => ({ file, text })));
const k8s = (u: Unit) => convertUnit(u, { to: 'kubernetes', format: 'manifests', identity: 'irsa', outDir: 'k8s/x', findings: [], forceBlockers: true });
const text = (u: Unit) =>
  k8s(u)
    .files.map((f) => `--- ${f.path}\n${f.content}`)
    .join('\n');

const TF = `variable "image_uri" {}
resource "aws_lambda_function" "thumbs" {
  function_name = "thumbs"
  package_type  = "Image"
  image_uri     = var.image_uri
  role          = "arn:aws:iam::123456789012:role/thumbs"
  timeout       = 60
}
`;
const PY_DOCKERFILE = 'FROM public.ecr.aws/lambda/python:3.12 AS base\nFROM base\nCOPY app.py ${LAMBDA_TASK_ROOT}\nCMD [ "app.handler" ]\n';
const PY_APP = 'def handler(event, context):\n    return {"ok": True}\n';

describe('container-image functions: language and handler from the Dockerfile they are built from', () => {
  it('Terraform with var.image_uri: the only Lambda-based Dockerfile under the stack gives Python and app.handler', () => {
    const r = scan({
      'infra/main.tf': TF,
      'infra/app/Dockerfile': PY_DOCKERFILE,
      'infra/app/app.py': PY_APP,
      'web/Dockerfile': 'FROM node:22\nCMD ["node", "server.js"]\n',
    });
    const u = r.units[0];
    assert.deepEqual(u.imageBuild, { dockerfile: 'infra/app/Dockerfile', from: 'public.ecr.aws/lambda/python:3.12', handler: 'app.handler' });
    assert.equal(u.image, '${var.image_uri}');
    // The handler's code is joined through the CMD, so its code findings count for the function.
    assert.equal(u.codeFile, 'infra/app/app.py');
    const out = k8s(u);
    assert.deepEqual(out.blockers, []);
    const all = text(u);
    assert.match(all, /python3", "\/var\/task\/lambdashift_runner\.py"/);
    assert.match(all, /LAMBDASHIFT_HANDLER\n\s+value: app\.handler/);
    assert.match(all, /FROM <FUNCTION_IMAGE>/);
    assert.match(all, /built from infra\/app\/Dockerfile/);
    const dockerfile = out.files.find((f) => f.path === 'Dockerfile')!.content;
    assert.doesNotMatch(dockerfile, /FROM var\.image_uri|FROM \$\{/);
  });

  it('SAM Metadata names the context and Dockerfile; a Node.js base gives the Node runner', () => {
    const sam = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
      ImageUri: !Sub "\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/fn:latest"
    Metadata:
      DockerContext: ./src
      Dockerfile: Dockerfile.lambda
`;
    const r = scan({
      'template.yaml': sam,
      'src/Dockerfile.lambda': 'FROM public.ecr.aws/lambda/nodejs:22\nCOPY index.mjs ./\nCMD ["index.handler"]\n',
      'src/Dockerfile': 'FROM python:3.12\n',
    });
    const u = r.units[0];
    assert.equal(u.imageBuild?.dockerfile, 'src/Dockerfile.lambda');
    assert.deepEqual(k8s(u).blockers, []);
    assert.match(text(u), /ENTRYPOINT \["node", "\/var\/task\/lambdashift-runner\.mjs"\]|ENTRYPOINT \["node"/);
  });

  it('serverless.yml provider.ecr.images: a custom image on awslambdaric keeps its CMD handler', () => {
    const sls = `service: s
provider:
  name: aws
  ecr:
    images:
      appimage:
        path: ./img
functions:
  hello:
    image:
      name: appimage
`;
    const r = scan({
      'serverless.yml': sls,
      'img/Dockerfile':
        'FROM python:3.11-slim\nRUN pip install awslambdaric\nENTRYPOINT ["/usr/local/bin/python", "-m", "awslambdaric"]\nCMD ["handler.main"]\n',
    });
    const u = r.units[0];
    assert.deepEqual(u.imageBuild, { dockerfile: 'img/Dockerfile', from: 'python:3.11-slim', handler: 'handler.main' });
    assert.deepEqual(k8s(u).blockers, []);
  });

  it('still blocks when nothing tells the language: two Lambda Dockerfiles, or none', () => {
    const two = scan({ 'main.tf': TF, 'a/Dockerfile': PY_DOCKERFILE, 'b/Dockerfile': 'FROM public.ecr.aws/lambda/nodejs:22\n' }).units[0];
    assert.equal(two.imageBuild, undefined);
    assert.match(k8s(two).blockers.join('\n'), /language could not be told/);
    const none = scan({ 'main.tf': TF }).units[0];
    assert.match(k8s(none).blockers.join('\n'), /language could not be told/);
  });

  it('a CMD that is a program, not a handler, is not taken for one', () => {
    const r = scan({ 'main.tf': TF, Dockerfile: 'FROM public.ecr.aws/lambda/python:3.12\nENTRYPOINT ["python"]\nCMD ["serve.py"]\n' });
    assert.deepEqual(r.units[0].imageBuild, { dockerfile: 'Dockerfile', from: 'public.ecr.aws/lambda/python:3.12' });
  });
});
