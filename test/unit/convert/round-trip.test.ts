// Round trip Lambda → Kubernetes → SAM through the CLI on real files (issue #20): identity, literal environment values,
// ephemeral storage, architecture, timeout and memory (±2 MB) survive, and queue consumers come back as SQS functions.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { tempDir } from '../../helpers/tmp';
import { main } from '../../../src/cli/main';

const work = tempDir('ls-round-trip-');
after(() => rmSync(work, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd: work, isTTY: false, env: {}, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  NightlyFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: nodejs22.x
      Timeout: 840
      MemorySize: 128
      EphemeralStorage: { Size: 2048 }
      Architectures: [arm64]
      Role: arn:aws:iam::123456789012:role/nightly
      Environment:
        Variables:
          STAGE: prod
          API_KEY: not-copied-anywhere
      Events:
        Nightly: { Type: Schedule, Properties: { Schedule: cron(15 4 ? * 2-6 *) } }
  ConsumerFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: consumer.handler
      Runtime: python3.12
      Timeout: 60
      MemorySize: 1000
      Role: arn:aws:iam::123456789012:role/consumer
      Environment: { Variables: { MODE: batch } }
      Events:
        Queue: { Type: SQS, Properties: { Queue: arn:aws:sqs:eu-west-1:123456789012:orders, BatchSize: 5 } }
`;

function samFunction(dir: string): { id: string; props: Record<string, unknown> } {
  const t = parse(readFileSync(path.join(work, dir, 'template.yaml'), 'utf8')) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
  const [[id, res]] = Object.entries(t.Resources);
  return { id, props: res.Properties };
}

describe('round trip Lambda → Kubernetes → SAM (CLI, real files)', () => {
  mkdirSync(path.join(work, 'app/src'), { recursive: true });
  writeFileSync(path.join(work, 'app/template.yaml'), SAM);

  for (const identity of ['irsa', 'pod-identity']) {
    it(`keeps role (${identity}), literal env values, ephemeral storage, arm64, timeout and memory`, async () => {
      const out = `k8s-${identity}`;
      const there = await cli('convert', 'app', '--unit', 'NightlyFunction', '--identity', identity, '--out', out);
      assert.equal(there.code, 0, there.stderr);
      const back = await cli('convert', `app/${out}`, '--unit', 'nightly', '--to', 'lambda', '--out', 'sam');
      assert.equal(back.code, 0, back.stderr);
      const { props } = samFunction(`app/${out}/sam`);
      assert.equal(props.Role, 'arn:aws:iam::123456789012:role/nightly');
      assert.equal(props.Timeout, 840);
      assert.ok(Math.abs(Number(props.MemorySize) - 128) <= 2, String(props.MemorySize));
      assert.deepEqual(props.EphemeralStorage, { Size: 2048 });
      assert.deepEqual(props.Architectures, ['arm64']);
      const vars = (props.Environment as { Variables: Record<string, string> }).Variables;
      assert.equal(vars.STAGE, 'prod', 'a literal value comes back, not REPLACE_ME');
      assert.match(vars.API_KEY, /^\{\{resolve:secretsmanager:/);
      assert.ok(!readFileSync(path.join(work, `app/${out}/sam/template.yaml`), 'utf8').includes('not-copied-anywhere'));
      assert.deepEqual(Object.keys(vars).sort(), ['API_KEY', 'STAGE']);
    });
  }

  it('memory stays within ±2 MB across sizes whose CPU rounds up (128, 1000, 3000 MB)', async () => {
    for (const mb of [128, 1000, 3000]) {
      const dir = `mem-${mb}`;
      mkdirSync(path.join(work, dir), { recursive: true });
      writeFileSync(path.join(work, dir, 'template.yaml'), SAM.replace('MemorySize: 128', `MemorySize: ${mb}`));
      assert.equal((await cli('convert', dir, '--unit', 'NightlyFunction', '--out', 'k8s')).code, 0);
      // Without the runner's own variable: the CPU our mapping derived must not inflate the size either.
      const cron = path.join(work, dir, 'k8s/cronjob.yaml');
      writeFileSync(cron, readFileSync(cron, 'utf8').replace(/\n\s+- name: LAMBDASHIFT_MEMORY_MB\n\s+value: "\d+"/, ''));
      const back = await cli('convert', `${dir}/k8s`, '--unit', 'nightly', '--to', 'lambda', '--out', 'sam');
      assert.equal(back.code, 0, back.stderr);
      const got = Number(samFunction(`${dir}/k8s/sam`).props.MemorySize);
      assert.ok(Math.abs(got - mb) <= 2, `${mb} → ${got}`);
    }
  });

  it('a queue consumer comes back as an SQS-triggered function', async () => {
    const there = await cli('convert', 'app', '--unit', 'ConsumerFunction', '--out', 'k8s-consumer');
    assert.equal(there.code, 0, there.stderr);
    const back = await cli('convert', 'app/k8s-consumer', '--unit', 'consumer', '--to', 'lambda', '--out', 'sam');
    assert.equal(back.code, 0, back.stderr);
    const { props } = samFunction('app/k8s-consumer/sam');
    assert.deepEqual(props.Events, {
      Queue: {
        Type: 'SQS',
        Properties: { Queue: 'arn:aws:sqs:eu-west-1:123456789012:orders', BatchSize: 5, FunctionResponseTypes: ['ReportBatchItemFailures'] },
      },
    });
    assert.equal(props.Timeout, 60);
    assert.equal(props.MemorySize, 1000);
    assert.equal(props.Role, 'arn:aws:iam::123456789012:role/consumer');
    assert.equal((props.Environment as { Variables: Record<string, string> }).Variables.MODE, 'batch');
  });
});
