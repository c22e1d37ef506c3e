// Terraform module calls as Lambda functions (src/core/join/terraform.ts, src/core/model/terraform.ts): local modules
// resolved in the workspace with the caller's inputs, the well-known lambda module by registry or git source, wrappers
// whose inputs describe a function; and near-misses that deploy no function.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeWorkspace } from '../../../src/core/analyze';

const MODULE = `variable "function_name" {
  type = string
}
variable "handler" {
  default = "app.handler"
}
variable "runtime" {
  default = "python3.12"
}
variable "timeout" {
  default = 30
}
variable "source_dir" {
  type = string
}
data "archive_file" "zip" {
  type        = "zip"
  source_dir  = var.source_dir
  output_path = "\${path.module}/build.zip"
}
resource "aws_lambda_function" "this" {
  function_name = var.function_name
  handler       = var.handler
  runtime       = var.runtime
  timeout       = var.timeout
  memory_size   = 256
  filename      = data.archive_file.zip.output_path
  role          = "arn:aws:iam::123456789012:role/r"
}
`;
const HANDLER = 'import time\n\ndef handler(event, context):\n    return {"ok": True}\n';

const scan = (files: Record<string, string>) =>
  analyzeWorkspace(
    Object.entries(files).map(([file, text]) => ({ file, text })),
    { today: '2026-11-30' },
  );
const lambdas = (r: ReturnType<typeof scan>) => r.units.filter((u) => u.kind === 'lambda-function');

describe('Terraform local modules', () => {
  it('a call deploys the module function with its inputs, declared at the call, joined to the code it names', () => {
    const r = scan({
      'infra/modules/fn/main.tf': MODULE,
      'infra/main.tf':
        'module "orders" {\n  source        = "./modules/fn"\n  function_name = "orders-api"\n  runtime       = "python3.13"\n  timeout       = 120\n  source_dir    = "${path.module}/../src/orders"\n}\n',
      'src/orders/app.py': HANDLER,
    });
    const [u, ...rest] = lambdas(r);
    assert.equal(rest.length, 0, "the module's own unit (variable defaults) is replaced by the call");
    assert.deepEqual(
      [u.name, u.file, u.line, u.runtime, u.handler, u.timeoutSeconds, u.memoryMB, u.codeFile],
      ['orders-api', 'infra/main.tf', 1, 'python3.13', 'app.handler', 120, 256, 'src/orders/app.py'],
    );
  });
  it('two calls of one module: two units, each with its own inputs', () => {
    const r = scan({
      'modules/fn/main.tf': MODULE,
      'main.tf':
        'module "a" {\n  source        = "./modules/fn"\n  function_name = "a"\n  source_dir    = "src/a"\n}\nmodule "b" {\n  source        = "./modules/fn"\n  function_name = "b"\n  timeout       = 600\n  source_dir    = "src/b"\n}\n',
      'src/a/app.py': HANDLER,
      'src/b/app.py': HANDLER,
    });
    assert.deepEqual(
      lambdas(r).map((u) => [u.name, u.timeoutSeconds, u.codeFile]),
      [
        ['a', 30, 'src/a/app.py'],
        ['b', 600, 'src/b/app.py'],
      ],
    );
  });
  it('a function_name the module writes itself: the deployed name when called once, the call names when called twice', () => {
    const mod = MODULE.replace('function_name = var.function_name', 'function_name = "error-handler"');
    const once = scan({ 'modules/fn/main.tf': mod, 'main.tf': 'module "errors" {\n  source     = "./modules/fn"\n  source_dir = "src"\n}\n' });
    assert.deepEqual(
      lambdas(once).map((u) => u.name),
      ['error-handler'],
    );
    const twice = scan({
      'modules/fn/main.tf': mod,
      'main.tf': 'module "a" {\n  source     = "./modules/fn"\n  source_dir = "src"\n}\nmodule "b" {\n  source     = "./modules/fn"\n  source_dir = "src"\n}\n',
    });
    assert.deepEqual(
      lambdas(twice).map((u) => u.name),
      ['a', 'b'],
    );
  });
  it('model rules run on the instance: a deprecated runtime passed in is reported at the input', () => {
    const main = 'module "legacy" {\n  source        = "./modules/fn"\n  function_name = "legacy"\n  runtime       = "python3.7"\n  source_dir    = "src"\n}\n';
    const r = scan({ 'modules/fn/main.tf': MODULE, 'main.tf': main });
    const f = r.findings.find((x) => x.ruleId === 'iac/deprecated-runtime');
    assert.ok(f, JSON.stringify(r.findings));
    assert.deepEqual([f.file, f.line, f.unit], ['main.tf', 4, 'legacy']);
    assert.equal(lambdas(r)[0].readiness.toKubernetes, 'changes');
  });
  it('a timeout above the wall set in the module itself is reported once, at the call, not at the module', () => {
    const r = scan({
      'modules/fn/main.tf': MODULE.replace('default = 30', 'default = 900'),
      'main.tf': 'module "x" {\n  source        = "./modules/fn"\n  function_name = "x"\n  source_dir    = "src"\n}\n',
    });
    const hits = r.findings.filter((x) => x.ruleId === 'iac/timeout-limit');
    assert.deepEqual(
      hits.map((h) => [h.file, h.line, h.unit]),
      [['main.tf', 1, 'x']],
    );
  });
  it('an input from a variable without a default stays unresolved, never the module default', () => {
    const r = scan({
      'modules/fn/main.tf': MODULE,
      'main.tf':
        'variable "t" {}\nmodule "x" {\n  source        = "./modules/fn"\n  function_name = "x"\n  timeout       = var.t\n  source_dir    = "src"\n}\n',
    });
    const [u] = lambdas(r);
    assert.equal(u.timeoutSeconds, undefined);
    assert.deepEqual(u.unresolvedFields, { timeoutSeconds: 'var.t' });
  });
  it("a module whose function is created conditionally (a copy of the lambda module): read from the call's inputs", () => {
    const mod = MODULE.replace(
      'resource "aws_lambda_function" "this" {',
      'variable "create" {\n  default = true\n}\nresource "aws_lambda_function" "this" {\n  count         = var.create ? 1 : 0',
    ).replace('runtime       = var.runtime', 'runtime       = var.package_type == "Zip" ? var.runtime : null');
    const r = scan({
      'mod/main.tf': mod,
      'examples/a/main.tf':
        'module "fn" {\n  source        = "../../mod"\n  function_name = "from-inputs"\n  handler       = "index.handler"\n  runtime       = "nodejs22.x"\n  memory_size   = 2048\n}\n',
    });
    assert.deepEqual(
      lambdas(r).map((u) => [u.name, u.file, u.runtime, u.memoryMB]),
      [['from-inputs', 'examples/a/main.tf', 'nodejs22.x', 2048]],
    );
  });
  it('a conditional module called without function inputs (a layer or package built with it): no function', () => {
    const mod = MODULE.replace(
      'resource "aws_lambda_function" "this" {',
      'variable "create_function" {\n  default = true\n}\nresource "aws_lambda_function" "this" {\n  count         = var.create_function ? 1 : 0',
    );
    const r = scan({
      'mod/main.tf': mod,
      'main.tf': 'module "layer" {\n  source          = "./mod"\n  create_function = false\n  source_dir      = "src"\n}\n',
    });
    assert.deepEqual(lambdas(r), []);
  });
  it("a module runtime written as an expression: the call's runtime input fills it", () => {
    const mod = MODULE.replace('runtime       = var.runtime', 'runtime       = var.package_type == "Zip" ? var.runtime : null');
    const r = scan({
      'modules/fn/main.tf': mod,
      'main.tf': 'module "x" {\n  source        = "./modules/fn"\n  function_name = "x"\n  runtime       = "python3.9"\n  source_dir    = "src"\n}\n',
    });
    assert.deepEqual(
      lambdas(r).map((u) => [u.name, u.runtime, u.memoryMB]),
      [['x', 'python3.9', 256]],
    );
  });
  it('create_function = false (the lambda module packaging only): no function', () => {
    assert.deepEqual(
      lambdas(
        scan({
          'main.tf':
            'module "pkg" {\n  source          = "terraform-aws-modules/lambda/aws"\n  create_function = false\n  function_name   = "p"\n  runtime         = "python3.12"\n  source_path     = "src"\n}\n',
        }),
      ),
      [],
    );
  });
  it('create_layer = true (the lambda module building a layer): no function; create_layer = false: one', () => {
    const layer = (flag: string, name: string) =>
      `module "${name}" {\n  source       = "terraform-aws-modules/lambda/aws"\n  create_layer = ${flag}\n  layer_name   = "${name}"\n  function_name = "${name}"\n  runtime      = "python3.12"\n  handler      = "app.handler"\n  source_path  = "src"\n}\n`;
    assert.deepEqual(
      lambdas(scan({ 'main.tf': layer('true', 'deps') + layer('false', 'fn') })).map((u) => u.name),
      ['fn'],
    );
  });
  it('a module that is never called keeps its own unit (a module repository scanned on its own)', () => {
    const r = scan({ 'modules/fn/main.tf': MODULE });
    assert.deepEqual(
      lambdas(r).map((u) => u.file),
      ['modules/fn/main.tf'],
    );
  });
  it("a module's archive path from the call: an input for its filename, or a template of its variables, joins the source the archive is named after", () => {
    const wrapperModule = (filename: string) =>
      `variable "function_name" {}\nvariable "zip_file" {\n  default = ""\n}\nmodule "fn" {\n  source        = "DataDog/lambda-datadog/aws"\n  function_name = var.function_name\n  filename      = ${filename}\n  handler       = "index.handler"\n  runtime       = "nodejs22.x"\n}\n`;
    const r = scan({
      'svc/infra/modules/by-input/main.tf': wrapperModule('var.zip_file'),
      'svc/infra/modules/by-name/main.tf': wrapperModule('"../out/${var.function_name}/${var.function_name}.zip"'),
      'svc/infra/services/api/main.tf':
        'module "get" {\n  source        = "../../modules/by-input"\n  function_name = "GetAccount"\n  zip_file      = "../out/getAccountFunction/getAccountFunction.zip"\n}\n' +
        'module "put" {\n  source        = "../../modules/by-name"\n  function_name = "putAccountFunction"\n}\n',
      'svc/src/api/adapters/getAccountFunction.ts': 'export const handler = async () => 1;\n',
      'svc/src/api/adapters/putAccountFunction.ts': 'export const handler = async () => 2;\n',
    });
    assert.deepEqual(
      lambdas(r).map((u) => [u.name, u.codeFile]),
      [
        ['GetAccount', 'svc/src/api/adapters/getAccountFunction.ts'],
        ['putAccountFunction', 'svc/src/api/adapters/putAccountFunction.ts'],
      ],
    );
  });
  it("a module's runtime from its own variables.tf: the call's runtime input wins, else that default (said so)", () => {
    const r = scan({
      'modules/fn/main.tf': MODULE.replace('variable "runtime" {\n  default = "python3.12"\n}\n', ''),
      'modules/fn/variables.tf': 'variable "runtime" {\n  default = "python3.12"\n}\n',
      'stack/main.tf':
        'module "a" {\n  source        = "../modules/fn"\n  function_name = "a"\n  source_dir    = "../src"\n  runtime       = "python3.13"\n}\nmodule "b" {\n  source        = "../modules/fn"\n  function_name = "b"\n  source_dir    = "../src"\n}\n',
      'src/app.py': HANDLER,
    });
    assert.deepEqual(
      lambdas(r).map((u) => [u.name, u.runtime, u.valuesFrom?.runtime]),
      [
        ['a', 'python3.13', undefined],
        ['b', 'python3.12', 'var.runtime default in variables.tf'],
      ],
    );
  });
  it('a child module no stack calls, beside one the stacks do call, is a template: no unit of its own', () => {
    const r = scan({
      'infra/modules/fn/main.tf': MODULE,
      'infra/modules/old-fn/main.tf': MODULE,
      'infra/stacks/api/main.tf': 'module "orders" {\n  source        = "../../modules/fn"\n  function_name = "orders"\n  source_dir    = "../../../src"\n}\n',
      'src/app.py': HANDLER,
    });
    assert.deepEqual(
      lambdas(r).map((u) => [u.name, u.file]),
      [['orders', 'infra/stacks/api/main.tf']],
    );
  });
  it('a local module that declares no function deploys none, even with function-like inputs', () => {
    const r = scan({
      'modules/ecs/main.tf': 'variable "function_name" {}\nresource "aws_ecs_service" "s" {\n  name = var.function_name\n}\n',
      'main.tf': 'module "svc" {\n  source        = "./modules/ecs"\n  function_name = "svc"\n  runtime       = "python3.12"\n}\n',
    });
    assert.deepEqual(lambdas(r), []);
  });
  it('a local module missing from the workspace: function-like inputs are read as the lambda module reads them', () => {
    const r = scan({
      'main.tf':
        'module "fn" {\n  source        = "../shared/lambda"\n  function_name = "fn"\n  handler       = "index.handler"\n  runtime       = "nodejs22.x"\n}\n',
    });
    assert.deepEqual(
      lambdas(r).map((u) => [u.name, u.runtime, u.handler]),
      [['fn', 'nodejs22.x', 'index.handler']],
    );
  });
  it('a local call without function inputs to a folder with no Terraform: no unit', () => {
    assert.deepEqual(lambdas(scan({ 'main.tf': 'module "net" {\n  source = "./modules/vpc"\n  cidr   = "10.0.0.0/16"\n}\n' })), []);
  });
});

describe('Terraform registry and git modules', () => {
  it('terraform-aws-modules/lambda by git URL is the lambda module', () => {
    const r = scan({
      'main.tf':
        'module "l" {\n  source        = "git::https://github.com/terraform-aws-modules/terraform-aws-lambda.git?ref=v7.2.0"\n  function_name = "by-git"\n  handler       = "index.handler"\n  runtime       = "nodejs20.x"\n  memory_size   = 1024\n  source_path   = "src"\n}\n',
    });
    assert.deepEqual(
      lambdas(r).map((u) => [u.name, u.memoryMB]),
      [['by-git', 1024]],
    );
  });
  it("the lambda module's source_path as a list of build steps: the first step's path is the code", () => {
    const call = (sp: string) =>
      `module "l" {\n  source        = "terraform-aws-modules/lambda/aws"\n  function_name = "api"\n  handler       = "index.handler"\n  runtime       = "nodejs22.x"\n  source_path   = ${sp}\n}\n`;
    const code = 'exports.handler = async () => ({ statusCode: 200 });\n';
    const codeFile = (sp: string) => lambdas(scan({ 'infra/main.tf': call(sp), 'src/api/index.js': code, 'src/other/index.js': code }))[0]?.codeFile;
    assert.equal(codeFile('[{\n    path     = "${path.module}/../src/api"\n    commands = ["npm ci", ":zip"]\n  }]'), 'src/api/index.js');
    assert.equal(codeFile('["${path.module}/../src/api", "${path.module}/../src/other"]'), 'src/api/index.js');
    assert.equal(codeFile('"../src/api"'), 'src/api/index.js');
  });
  it('another git module whose inputs describe a function is read as one', () => {
    const r = scan({
      'main.tf':
        'module "w" {\n  source        = "git::https://example.com/org/lambda-wrapper.git"\n  function_name = "wrapped"\n  runtime       = "python3.12"\n  timeout       = 60\n}\n',
    });
    assert.deepEqual(
      lambdas(r).map((u) => [u.name, u.timeoutSeconds]),
      [['wrapped', 60]],
    );
  });
  it('a registry module with a function_name but no code settings is not a function (e.g. an alarm module)', () => {
    assert.deepEqual(
      lambdas(
        scan({
          'main.tf':
            'module "alarm" {\n  source        = "terraform-aws-modules/cloudwatch/aws//modules/metric-alarm"\n  function_name = "orders"\n  threshold     = 5\n}\n',
        }),
      ),
      [],
    );
  });
  it("the lambda module's own repository name in another org is not the module", () => {
    assert.deepEqual(lambdas(scan({ 'main.tf': 'module "x" {\n  source = "github.com/someone/terraform-aws-lambda-alias"\n  name   = "x"\n}\n' })), []);
  });
});
