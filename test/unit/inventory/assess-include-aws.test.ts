import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { tempDir } from '../../helpers/tmp';
import { main } from '../../../src/cli/main';
import { startLambdaApiServer, type LambdaApiServer } from '../../helpers/lambdaApiServer';

const servers: LambdaApiServer[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Reports:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: acme-reports
      Handler: app.handler
      Runtime: nodejs22.x
      Timeout: 60
`;

describe('lambdashift assess --include-aws', () => {
  it('merges deployed functions over real HTTP and reports drift against the template', async () => {
    const server = await startLambdaApiServer({
      functions: [
        { FunctionName: 'acme-reports', Runtime: 'nodejs22.x', Handler: 'app.handler', Timeout: 300, MemorySize: 128 },
        { FunctionName: 'hand-made', Runtime: 'python3.12', Handler: 'x.handler', Timeout: 10, MemorySize: 128 },
      ],
    });
    servers.push(server);
    const dir = tempDir('ls-assess-aws-');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'template.yaml'), TEMPLATE);
    writeFileSync(path.join(dir, 'app.js'), 'exports.handler = async () => ({ ok: true });\n');
    const out = { stdout: '', stderr: '' };
    const io = {
      cwd: dir,
      isTTY: false,
      env: { AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'never-printed-secret' },
      stdout: (s: string) => void (out.stdout += s),
      stderr: (s: string) => void (out.stderr += s),
    };
    const saved = { ...process.env };
    Object.assign(process.env, io.env);
    try {
      const code = await main(
        ['assess', '--include-aws', '--region', 'eu-west-1', '--endpoint-url', server.url, '--format', 'json', '--fail-on', 'never', '--no-cache'],
        io,
      );
      assert.equal(code, 0, out.stderr);
    } finally {
      process.env = saved;
    }
    const json = JSON.parse(out.stdout);
    const names = json.units.map((u: { name: string; source: string }) => `${u.source}:${u.name}`);
    assert.ok(names.includes('aws:hand-made'), `units: ${names}`);
    const drift = json.findings.filter(
      (f: { category: string; message: string }) => f.category === 'config-risk' && /300/.test(f.message) && /60/.test(f.message),
    );
    assert.equal(
      drift.length,
      1,
      `timeout drift between IaC (60 s) and deployed (300 s): ${JSON.stringify(json.findings.map((f: { ruleId: string; message: string }) => f.message))}`,
    );
    assert.ok(!out.stdout.includes('never-printed-secret'));
  });

  it('refuses AWS options without --include-aws, and --include-aws without a region', async () => {
    const out = { stdout: '', stderr: '' };
    const io = {
      cwd: tempDir('ls-assess-aws-opts-'),
      isTTY: false,
      env: {},
      stdout: (s: string) => void (out.stdout += s),
      stderr: (s: string) => void (out.stderr += s),
    };
    assert.equal(await main(['assess', '--region', 'eu-west-1'], io), 2);
    assert.match(out.stderr, /only apply with --include-aws/);
    assert.equal(await main(['assess', '--include-aws'], io), 2);
    assert.match(out.stderr, /needs --region/);
  });
});
