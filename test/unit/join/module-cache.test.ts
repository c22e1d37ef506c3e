// A Terraform module's functions are judged where the module is called (src/core/join/terraform.ts), so their findings
// are placed in the calling file, at the call. The CLI's cache keeps a file's line starts only as far as the join places
// something (src/core/join/offsets.ts): a warm scan placed such findings on line 1 when the call came after everything
// else the calling file reported (found on serverless-patterns: three Terraform patterns).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { lastScanStats, scanPaths } from '../../../src/node/scan';
import { tempDir } from '../../helpers/tmp';

const CALLER = `# Stream processing: the consumer is a module of this folder.
variable "region" {
  default = "eu-west-1"
}

variable "stream_arn" {
  type = string
}

# The consumer, built from ./modules/consumer.
module "consumer" {
  source     = "./modules/consumer"
  stream_arn = var.stream_arn
}
`;

const MODULE = `variable "stream_arn" {
  type = string
}

resource "aws_lambda_function" "consumer" {
  function_name = "stream-consumer"
  role          = "arn:aws:iam::123456789012:role/consumer"
  runtime       = "go1.x"
  handler       = "bootstrap"
  filename      = "consumer.zip"
}

resource "aws_lambda_event_source_mapping" "stream" {
  event_source_arn  = var.stream_arn
  function_name     = aws_lambda_function.consumer.arn
  starting_position = "LATEST"
}
`;

describe('Terraform module findings on a warm scan', () => {
  it('are placed at the module call, as on a cold scan', async () => {
    const root = tempDir('lambdashift-module-cache-');
    mkdirSync(path.join(root, 'modules/consumer'), { recursive: true });
    writeFileSync(path.join(root, 'main.tf'), CALLER);
    writeFileSync(path.join(root, 'modules/consumer/main.tf'), MODULE);
    const cacheDir = tempDir('lambdashift-module-cache-dir-');
    const cold = await scanPaths(root, ['.'], { today: '2026-11-30', cacheDir });
    const warm = await scanPaths(root, ['.'], { today: '2026-11-30', cacheDir });
    const atCall = (r: typeof cold) => r.findings.filter((f) => f.file === 'main.tf').map((f) => [f.ruleId, f.line, f.column]);
    assert.ok(atCall(cold).length >= 2, JSON.stringify(atCall(cold)));
    for (const [, line] of atCall(cold)) assert.ok((line as number) >= 11, `placed at the call (line 11 on): ${JSON.stringify(atCall(cold))}`);
    assert.deepEqual(atCall(warm), atCall(cold));
    assert.equal(lastScanStats().cacheHits, 2, 'the second scan read both files from the cache');
  });
});
