// A Terraform module split into files (lambda.tf declares the function, api.tf and events.tf attach its triggers):
// the triggers are the function's wherever the folder writes them (src/core/join/terraform.ts joinFolderTriggers).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../../src/core/analyze';
import { joinAnalyses } from '../../../src/core/api';
import { assessTexts } from '../../helpers/assessTexts';

const LAMBDA = `resource "aws_lambda_function" "api" {
  function_name = "orders-api"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"
  role          = aws_iam_role.r.arn
}
`;
const API = `resource "aws_apigatewayv2_integration" "api" {
  api_id           = aws_apigatewayv2_api.http.id
  integration_type = "AWS_PROXY"
  integration_uri  = aws_lambda_function.api.invoke_arn
}
`;
const SCHEDULE = `resource "aws_cloudwatch_event_rule" "nightly" {
  schedule_expression = "cron(0 3 * * ? *)"
}
resource "aws_cloudwatch_event_target" "nightly" {
  rule = aws_cloudwatch_event_rule.nightly.name
  arn  = aws_lambda_function.api.arn
}
`;

describe('Terraform triggers in another file of the module folder (serverless-patterns apigw-http-api-waf-cloudfront-terraform)', () => {
  it('the function gets the HTTP and schedule triggers its folder attaches, and their findings, at its declaration', () => {
    const r = assessTexts({ 'infra/lambda.tf': LAMBDA, 'infra/api.tf': API, 'infra/events.tf': SCHEDULE });
    const u = r.units.find((x) => x.name === 'orders-api')!;
    assert.deepEqual(
      u.events.map((e) => `${e.type} ${e.detail}`),
      ['http API Gateway', 'schedule cron(0 3 * * ? *)'],
    );
    const f = r.findings.filter((x) => x.ruleId === 'iac/event-source');
    assert.deepEqual(
      f.map((x) => `${x.file}:${x.line} ${x.message.slice(0, 40)}`),
      ['infra/lambda.tf:1 orders-api is invoked over HTTP (API Gat', 'infra/lambda.tf:1 orders-api runs on cron(0 3 * * ? *); on'],
    );
  });
  it('a trigger is not attached to a function of another folder, nor twice when the join runs again over the same analyses', () => {
    const r = assessTexts({ 'infra/lambda.tf': LAMBDA, 'other/api.tf': API });
    assert.deepEqual(r.units.find((x) => x.name === 'orders-api')!.events, []);
    const analyses = [analyzeFile(LAMBDA, 'infra/lambda.tf'), analyzeFile(API, 'infra/api.tf')];
    const once = joinAnalyses({ analyses });
    const again = joinAnalyses({ analyses });
    assert.equal(again.units[0].events.length, 1);
    assert.deepEqual(
      again.findings.map((x) => x.message),
      once.findings.map((x) => x.message),
    );
  });
  it('a trigger in the same file is attached there as before (no second copy from the join)', () => {
    const r = assessTexts({ 'infra/main.tf': LAMBDA + API });
    assert.equal(r.units[0].events.length, 1);
    assert.equal(r.findings.filter((x) => x.ruleId === 'iac/event-source').length, 1);
  });
  it('aws_alb_target_group_attachment, the older name of aws_lb_target_group_attachment, is an ALB trigger (serverless-patterns alb-path-based-route-lambda-tf)', () => {
    const alb = `resource "aws_alb_target_group_attachment" "svc" {\n  target_group_arn = aws_lb_target_group.svc.arn\n  target_id        = aws_lambda_function.api.arn\n}\n`;
    const r = assessTexts({ 'infra/main.tf': LAMBDA + alb });
    assert.deepEqual(
      r.units[0].events.map((e) => [e.type, e.detail, e.alb]),
      [['http', 'ALB aws_lb_target_group.svc.arn', true]],
    );
  });
  it('a local module whose trigger sits in another of its files: each call of the module carries it', () => {
    const fn = `variable "function_name" {\n  type = string\n}\nresource "aws_lambda_function" "this" {\n  function_name = var.function_name\n  runtime       = "python3.12"\n  handler       = "app.handler"\n  filename      = "app.zip"\n  role          = "arn:aws:iam::123456789012:role/r"\n}\n`;
    const events = `resource "aws_cloudwatch_event_rule" "tick" {\n  schedule_expression = "rate(5 minutes)"\n}\nresource "aws_cloudwatch_event_target" "tick" {\n  rule = aws_cloudwatch_event_rule.tick.name\n  arn  = aws_lambda_function.this.arn\n}\n`;
    const call = `module "orders" {\n  source        = "../modules/fn"\n  function_name = "orders"\n}\n`;
    const r = assessTexts({ 'modules/fn/main.tf': fn, 'modules/fn/events.tf': events, 'stack/main.tf': call });
    const u = r.units.find((x) => x.name === 'orders')!;
    assert.equal(u.file, 'stack/main.tf');
    assert.deepEqual(
      u.events.map((e) => `${e.type} ${e.detail}`),
      ['schedule rate(5 minutes)'],
    );
  });
});
