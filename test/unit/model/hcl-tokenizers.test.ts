// parsers/hcl.ts runs the HCL grammar with cheaper template tokenizers of its own (each runs only where its character
// is; plain template text is one token per run, not per character). The trees must be those of the grammar's own
// tokenizers, node for node and offset for offset, on what the parse sees (heredocs and long strings masked first).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fastHclTokenizers, hclTrees, parseHcl } from '../../../src/core/parsers/hcl';

const CASES: Record<string, string> = {
  'plain strings and numbers': 'a = "hello world"\nb = 12\nc = true\n',
  escapes: 'a = "q\\"uote\\\\ back\\n line\\t tab \\u00e9 \\U0001F600"\n',
  'an invalid escape': 'a = "bad \\x escape"\n',
  interpolation: 'a = "arn:aws:s3:::${var.bucket}/*"\nb = "${local.x}${local.y}"\n',
  'literal $${ and %%{': 'a = "$${not} %%{not} $ alone % alone } brace { open"\n',
  directives: 'a = "%{ if var.on }yes%{ else }no%{ endif }"\nb = "%{ for x in var.xs }${x},%{ endfor }"\n',
  'nested quotes in interpolation': 'a = "${lookup(var.m, "k", "d")}-x"\n',
  'unicode text': 'a = "héllo wörld — ☃"\nb = "tab\there"\n',
  'a heredoc': 'p = <<-EOT\n  {"k": "${local.v}"} $x %y\n  EOT\nq = <<EOF\nline\n  EOF2\nEOF\n',
  'an unterminated string': 'a = "never closed\nb = 1\n',
  'an unterminated interpolation': 'a = "${var.x"\nb = 2\n',
  'a stray brace in a block': 'resource "a" "b" {\n  x = "}"\n  }\n}\n',
  'blocks and labels':
    'resource "aws_lambda_function" "fn" {\n  function_name = "orders-${var.env}"\n  environment {\n    variables = { A = "1", B = "two words" }\n  }\n}\n',
  'an empty string and empty template': 'a = ""\nb = "${""}"\n',
  'comments holding quotes and templates': '# a "quoted ${x}" comment\n// another "one"\n/* block "${y}" */\na = "after" # tail "z"\n',
  'for, conditional, splat and function calls': [
    'locals {',
    '  names = [for k, v in var.fns : "${k}-${v.name}" if v.enabled]',
    '  arns  = aws_lambda_function.fn[*].arn',
    '  mode  = var.prod ? "prod-${var.region}" : "dev"',
    '  doc   = jsonencode({ Statement = [{ Effect = "Allow", Resource = "arn:aws:sqs:*:*:${var.q}" }] })',
    '  m     = { for s in var.svcs : s.name => "http://${s.host}:${s.port}/path?q=1&r=%2F" }',
    '}',
  ].join('\n'),
};

const same = (text: string, maskFrom?: number) => {
  const { reference, used } = hclTrees(text, maskFrom);
  assert.equal(used, reference);
};

/** The .tf files under a folder of this repository. */
function tfFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tfFiles(p));
    else if (name.endsWith('.tf')) out.push(p);
  }
  return out;
}

describe('HCL template tokenizers', () => {
  it("are in use (the load-time check found the same tree as the grammar's own tokenizers)", () => {
    assert.equal(fastHclTokenizers, true);
  });

  for (const [name, text] of Object.entries(CASES))
    it(`give the grammar's own tree: ${name} (strings masked from 32 characters, and never)`, () => {
      same(text);
      same(text, 1e9);
    });

  it("give the grammar's own tree on every .tf file of the examples and fixtures", () => {
    const root = path.resolve(__dirname, '../../..');
    const files = [...tfFiles(path.join(root, 'examples')), ...tfFiles(path.join(root, 'test'))];
    assert.ok(files.length >= 4, `only ${files.length} .tf files`);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      assert.doesNotThrow(() => {
        same(text);
        same(text, 1e9);
      }, f);
    }
  });

  it('read strings as before: text, escapes and interpolations', () => {
    const { body, errors } = parseHcl('a = "x\\"y ${var.z} $${lit} tail"\n', { maskStringsFrom: 1e9 });
    assert.deepEqual(errors, []);
    assert.deepEqual(body.attributes.get('a')?.value, {
      kind: 'template',
      parts: ['x"y ', { ref: ['var', 'z'] }, ' $${lit} tail'],
      range: [4, 32],
    });
  });
});
