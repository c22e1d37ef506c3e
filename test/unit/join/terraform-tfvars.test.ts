import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile, analyzeWorkspace } from '../../../src/core/analyze';
import { convertUnit } from '../../../src/core/convert';
import { joinAnalyses } from '../../../src/core/api';

const MAIN = `resource "aws_lambda_function" "worker" {
  function_name = "worker"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "worker.zip"
  role          = "arn:aws:iam::123456789012:role/worker"
  timeout       = var.timeout
  memory_size   = var.memory
}
`;
const VARS = `variable "timeout" {}
variable "memory" {
  default = 512
}
variable "db_password" {}
`;

const worker = (files: Record<string, string>) => {
  const r = analyzeWorkspace(Object.entries(files).map(([file, text]) => ({ file, text })));
  const u = r.units.find((x) => x.name === 'worker');
  assert.ok(u, 'the worker unit');
  return { u, r };
};

describe('Terraform variables from tfvars and sibling files', () => {
  it('terraform.tfvars sets var.timeout; the default of a sibling variables.tf sets var.memory', () => {
    const { u } = worker({ 'stack/main.tf': MAIN, 'stack/variables.tf': VARS, 'stack/terraform.tfvars': 'timeout = 900\ndb_password = "s3cr3t-Pa55word!"\n' });
    assert.equal(u.timeoutSeconds, 900);
    assert.equal(u.memoryMB, 512);
    assert.equal(u.unresolvedFields, undefined);
    assert.deepEqual(u.valuesFrom, { timeoutSeconds: 'var.timeout in terraform.tfvars', memoryMB: 'var.memory default in variables.tf' });
    // Internal bookkeeping is not part of the JSON contract.
    assert.equal('tfVariables' in u, false);
  });

  it('runtime = var.x: the default in variables.tf, or tfvars over it; a retired one is reported at the attribute', () => {
    const main = MAIN.replace('"nodejs22.x"', 'var.lambda_runtime');
    const vars = `${VARS}variable "lambda_runtime" {\n  default = "python3.8"\n}\n`;
    const { u, r } = worker({ 'stack/main.tf': main, 'stack/variables.tf': vars });
    assert.equal(u.runtime, 'python3.8');
    assert.equal(u.valuesFrom?.runtime, 'var.lambda_runtime default in variables.tf');
    assert.equal('tfRuntimeVariable' in u, false);
    const retired = r.findings.filter((f) => f.ruleId === 'iac/deprecated-runtime');
    assert.deepEqual(
      retired.map((f) => [f.file, f.line, f.unit]),
      [['stack/main.tf', 4, 'worker']],
    );
    const over = worker({ 'stack/main.tf': main, 'stack/variables.tf': vars, 'stack/terraform.tfvars': 'lambda_runtime = "python3.13"\n' });
    assert.equal(over.u.runtime, 'python3.13');
    assert.equal(over.u.valuesFrom?.runtime, 'var.lambda_runtime in terraform.tfvars');
    assert.deepEqual(
      over.r.findings.filter((f) => f.ruleId === 'iac/deprecated-runtime'),
      [],
    );
  });

  it('tricky negative: a tfvars value that is no runtime id (a secret by mistake) is never read, kept or shown', () => {
    const main = MAIN.replace('"nodejs22.x"', 'var.lambda_runtime');
    const { u, r } = worker({
      'stack/main.tf': main,
      'stack/variables.tf': `${VARS}variable "lambda_runtime" {}\n`,
      'stack/terraform.tfvars': 'lambda_runtime = "s3cr3t-Pa55word!"\n',
    });
    assert.equal(u.runtime, undefined);
    assert.doesNotMatch(JSON.stringify(r), /s3cr3t/);
  });

  it('tfvars override a default in the same file; *.auto.tfvars load after terraform.tfvars, by name', () => {
    const main = `${MAIN}variable "timeout" {\n  default = 3\n}\nvariable "memory" {\n  default = 128\n}\n`;
    const { u } = worker({
      'main.tf': main,
      'terraform.tfvars': 'timeout = 30\nmemory = 256\n',
      'b.auto.tfvars': 'timeout = 600\n',
      'a.auto.tfvars.json': '{ "timeout": 60, "memory": "1024" }',
    });
    assert.equal(u.timeoutSeconds, 600);
    assert.equal(u.memoryMB, 1024);
    assert.deepEqual(u.valuesFrom, { timeoutSeconds: 'var.timeout in b.auto.tfvars', memoryMB: 'var.memory in a.auto.tfvars.json' });
  });

  it("only the root folder's files count, and a -var-file (prod.tfvars) is not loaded", () => {
    const { u } = worker({
      'stack/main.tf': MAIN,
      'stack/variables.tf': VARS,
      'other/terraform.tfvars': 'timeout = 900\n',
      'stack/prod.tfvars': 'timeout = 700\n',
    });
    assert.equal(u.timeoutSeconds, undefined);
    assert.deepEqual(u.unresolvedFields, { timeoutSeconds: 'var.timeout' });
  });

  it('a variable with no value anywhere stays unresolved, never a default', () => {
    const { u } = worker({ 'main.tf': MAIN });
    assert.equal(u.timeoutSeconds, undefined);
    assert.equal(u.memoryMB, undefined);
    assert.deepEqual(u.unresolvedFields, { timeoutSeconds: 'var.timeout', memoryMB: 'var.memory' });
  });

  it('joining the same analyses again after the tfvars went away restores the unresolved field (the editor re-joins)', () => {
    const main = analyzeFile(MAIN + 'variable "timeout" {}\nvariable "memory" {}\n', 'main.tf');
    const tfvars = analyzeFile('timeout = 900\nmemory = 2048\n', 'terraform.tfvars');
    const first = joinAnalyses({ analyses: [main, tfvars] }).units[0];
    assert.equal(first.timeoutSeconds, 900);
    assert.equal(first.unresolved, undefined);
    const second = joinAnalyses({ analyses: [main] }).units[0];
    assert.equal(second.timeoutSeconds, undefined);
    assert.deepEqual(second.unresolvedFields, { timeoutSeconds: 'var.timeout', memoryMB: 'var.memory' });
    assert.deepEqual(second.unresolved, ['var.memory', 'var.timeout']);
    assert.equal(second.valuesFrom, undefined);
  });

  it('converts exactly: the deadline follows the tfvars timeout, CONVERSION.md names where it came from, no tfvars string is copied', () => {
    const secret = 'sk_live_51HqLyjWDarjtT1zdp7dc';
    const { u } = worker({ 'main.tf': MAIN, 'variables.tf': VARS, 'terraform.tfvars': `timeout = 900\ndb_password = "${secret}"\n` });
    const out = convertUnit(u, { to: 'kubernetes', format: 'manifests', identity: 'irsa', outDir: 'k8s/worker', findings: [] });
    const all = out.files.map((f) => f.content).join('\n');
    assert.match(all, /activeDeadlineSeconds: 960\b/);
    assert.match(all, /LAMBDASHIFT_TIMEOUT_SECONDS\n\s+value: "900"/);
    assert.match(out.files.find((f) => f.path === 'CONVERSION.md')!.content, /timeoutSeconds.*900 \(var\.timeout in terraform\.tfvars\)/);
    assert.ok(!all.includes(secret));
  });

  it('a broken tfvars file is a parse error naming the file; the scan goes on', () => {
    const { u, r } = worker({ 'main.tf': MAIN, 'variables.tf': VARS, 'terraform.tfvars.json': '{ "timeout": 900, ' });
    assert.equal(u.timeoutSeconds, undefined);
    const f = r.findings.find((x) => x.file === 'terraform.tfvars.json');
    assert.equal(f?.category, 'parse-error');
  });
});
