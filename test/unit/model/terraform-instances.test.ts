import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractTerraformUnits } from '../../../src/core/model/terraform';
import { parseHcl } from '../../../src/core/parsers/hcl';

const fn = (meta: string, name = '"fn-${each.key}"') => `resource "aws_lambda_function" "worker" {
  ${meta}
  function_name = ${name}
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  memory_size   = 512
}
`;
const units = (text: string) => extractTerraformUnits(parseHcl(text), 'main.tf');

describe('Terraform count and for_each', () => {
  it('for_each over a literal set: one unit per key, names from each.key', () => {
    assert.deepEqual(
      units(fn('for_each = toset(["orders", "refunds"])')).map((u) => u.name),
      ['fn-orders', 'fn-refunds'],
    );
  });
  it('for_each over a literal map: each.value fields are read per instance', () => {
    const text = `variable "fns" {\n  default = {\n    a = { memory = 256 }\n    b = { memory = 2048 }\n  }\n}\n${fn('for_each = var.fns').replace('memory_size   = 512', 'memory_size   = each.value.memory')}`;
    assert.deepEqual(
      units(text).map((u) => [u.name, u.memoryMB]),
      [
        ['fn-a', 256],
        ['fn-b', 2048],
      ],
    );
  });
  it('count = 2: one unit per index, named by index when the name does not use it', () => {
    assert.deepEqual(
      units(fn('count = 2', '"worker"')).map((u) => u.name),
      ['worker[0]', 'worker[1]'],
    );
    assert.deepEqual(
      units(fn('count = 2', '"worker-${count.index}"')).map((u) => u.name),
      ['worker-0', 'worker-1'],
    );
  });
  it('count = 0 deploys nothing', () => assert.deepEqual(units(fn('count = 0')), []));
  it('for_each over a local that is a literal set (or list): one unit per key', () => {
    const text = `locals {\n  fns  = toset(["orders", "refunds"])\n  more = tolist(["a"])\n}\n${fn('for_each = local.fns')}\n${fn('for_each = local.more', '"other-${each.key}"')}`;
    assert.deepEqual(
      units(text).map((u) => u.name),
      ['fn-orders', 'fn-refunds', 'other-a'],
    );
  });
  it('tricky negative: a local set that is not all literals stays one repeated unit', () => {
    const text = `locals {\n  fns = toset(["orders", var.extra])\n}\n${fn('for_each = local.fns')}`;
    assert.deepEqual(
      units(text).map((u) => u.name),
      ['worker[*]'],
    );
  });
  it('a generated wrapper module (for_each = var.items, every input try(each.value.…)) declares no function; a hand-written one with a literal input does', () => {
    const wrapper = (extra: string) =>
      `module "wrapper" {\n  source   = "../"\n  for_each = var.items\n  function_name = try(each.value.function_name, var.defaults.function_name, "")\n  handler       = try(each.value.handler, var.defaults.handler, null)\n  runtime       = ${extra}\n}\n`;
    assert.deepEqual(units(wrapper('try(each.value.runtime, var.defaults.runtime, null)')), []);
    assert.equal(units(wrapper('"python3.12"')).length, 1);
  });
  it('keys that are not literal: one unit marked repeated', () => {
    const [u, ...rest] = units(fn('for_each = { for f in local.defs : f.name => f }'));
    assert.equal(rest.length, 0);
    assert.equal(u.name, 'worker[*]');
    assert.deepEqual(u.unresolved, ['repeated: for_each = { for f in local.defs : f.name => f } (one unit stands for every instance)']);
  });
  it('a count from a variable without a default is repeated', () => {
    const [u] = units(`variable "n" {}\n${fn('count = var.n', '"w"')}`);
    assert.equal(u.name, 'worker[*]');
    assert.ok(u.unresolved?.some((x) => x.startsWith('repeated: count = var.n')));
  });
  it('a trigger on the repeated function is attached to every instance', () => {
    const text = `${fn('for_each = toset(["a", "b"])')}\nresource "aws_lambda_event_source_mapping" "q" {\n  for_each         = aws_lambda_function.worker\n  function_name    = aws_lambda_function.worker[each.key].arn\n  event_source_arn = aws_sqs_queue.jobs.arn\n}\n`;
    assert.deepEqual(
      units(text).map((u) => u.events.map((e) => e.type)),
      [['sqs'], ['sqs']],
    );
  });
});
