// Object constructors whose values are function calls or indexed traversals: valid HCL that the Lezer grammar rejects
// on its own (src/core/parsers/hcl.ts hides them before it parses). Each valid case is read back, not only "no error".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attr, parseHcl, type HclValue } from '../../../src/core/parsers/hcl';

const entries = (text: string, name = 'x'): Record<string, HclValue> => {
  const parsed = parseHcl(text);
  assert.deepEqual(parsed.errors, [], `errors in ${JSON.stringify(text)}`);
  const v = attr(parsed.body, name)?.value;
  assert.equal(v?.kind, 'object');
  return Object.fromEntries((v as Extract<HclValue, { kind: 'object' }>).entries.map((e) => [e.key, e.value]));
};
const short = (v: HclValue): unknown =>
  v.kind === 'expr' ? `expr:${v.text}` : v.kind === 'ref' ? `ref:${v.path.join('.')}` : v.kind === 'literal' ? v.value : v.kind;

describe('HCL object constructors (valid Terraform that must parse)', () => {
  const valid: [string, string, Record<string, unknown>][] = [
    ['call then newline and another key', 'x = {\n  a = optional(bool, false)\n  b = 2\n}\n', { a: 'expr:optional(bool, false)', b: 2 }],
    ['call as the last value', 'x = {\n  a = f(1)\n}\n', { a: 'expr:f(1)' }],
    ['call on one line', 'x = { a = lookup(m, "k", null) }\n', { a: 'expr:lookup(m, "k", null)' }],
    ['call with a comma after it', 'x = {\n  a = f(1),\n  b = 2,\n}\n', { a: 'expr:f(1)', b: 2 }],
    [
      'call spanning lines, with an object argument',
      'x = {\n  input = jsonencode({\n    job = "cron"\n  })\n  arn = aws_lambda_function.f.arn\n}\n',
      { input: 'expr:jsonencode({\n    job = "cron"\n  })', arn: 'ref:aws_lambda_function.f.arn' },
    ],
    ['call inside a binary expression', 'x = {\n  a = 1 + length(l)\n  b = 2\n}\n', { a: 'expr:1 + length(l)', b: 2 }],
    ['provider-defined function', 'x = {\n  a = provider::aws::arn_parse(v)\n  b = 2\n}\n', { a: 'expr:provider::aws::arn_parse(v)', b: 2 }],
    ['call then a traversal', 'x = {\n  a = element(l, 0).id\n  b = 2\n}\n', { a: 'expr:element(l, 0).id', b: 2 }],
    ['string with parentheses inside a call', 'x = {\n  a = replace(v, "(", ")")\n  b = 2\n}\n', { a: 'expr:replace(v, "(", ")")', b: 2 }],
    ['indexed reference', 'x = {\n  az = local.azs[0]\n  b = 2\n}\n', { az: 'ref:local.azs', b: 2 }],
    ['index with a string key, then an attribute', 'x = {\n  arn = aws_sqs_queue.q["orders"].arn\n}\n', { arn: 'expr:aws_sqs_queue.q["orders"].arn' }],
    ['numeric index then attribute', 'x = {\n  arn = aws_sqs_queue.q[0].arn\n}\n', { arn: 'ref:aws_sqs_queue.q.arn' }],
    ['nested object with a call', 'x = {\n  inner = {\n    t = optional(string)\n  }\n  b = 2\n}\n', { inner: 'object', b: 2 }],
  ];
  for (const [name, text, expected] of valid) {
    it(name, () => {
      const got = Object.fromEntries(Object.entries(entries(text)).map(([k, v]) => [k, short(v)]));
      assert.deepEqual(got, expected);
    });
  }
  it('a variable type built of optional() calls, as modules write them', () => {
    const parsed = parseHcl(
      'variable "v" {\n  type = object({\n    enabled = optional(bool, false)\n    pools   = optional(list(string))\n  })\n  default = null\n}\n',
    );
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.body.blocks[0].body.attributes.get('default')?.value.kind, 'literal');
  });
  it('calls in block bodies are still read by the grammar (for_each text kept)', () => {
    const v = attr(parseHcl('for_each = toset(["a", "b"])\n').body, 'for_each')?.value;
    assert.equal(v?.kind, 'expr');
    assert.equal(v?.kind === 'expr' ? v.text : '', 'toset(["a", "b"])');
  });
  it('true, false and null are literals (the grammar names them BoolLit and NullLit)', () => {
    const body = parseHcl('a = false\nb = true\nc = null\nd = "false"\n').body;
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].map((k) => {
        const v = attr(body, k)!.value;
        return v.kind === 'literal' ? v.value : v.kind;
      }),
      [false, true, null, 'false'],
    );
  });
  it('positions stay exact after a hidden call', () => {
    const text = 'x = {\n  a = f(1)\n  b = "after"\n}\n';
    const b = entries(text).b;
    assert.equal(text.slice(b.range[0], b.range[1]), '"after"');
  });
});

describe('HCL object constructors (invalid input still reported)', () => {
  const invalid: [string, string][] = [
    ['unclosed call', 'x = {\n  a = f(1\n  b = 2\n}\n'],
    ['two values without a separator on one line', 'x = { a = f(1) b }\n'],
    ['a call where a key belongs', 'x = {\n  f(1)\n}\n'],
    ['unbalanced index', 'x = {\n  a = l[0\n}\n'],
  ];
  for (const [name, text] of invalid) it(name, () => assert.ok(parseHcl(text).errors.length > 0, `expected an error for ${JSON.stringify(text)}`));
});
