// A hostile corpus, generated at test time (never committed): inputs that once crashed, hung or exhausted the scan
// (issue #22), each beside what it must produce. test/unit/hostile.test.ts runs the built CLI on it.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';

type Expect =
  /** Exactly one `errors` entry names the file, its message matching. */
  | { kind: 'error'; message: RegExp }
  /** Exactly one core/parse-error finding for the file and no `errors` entry. */
  | { kind: 'parse-error' }
  /** Analysed: no `errors` entry, and these findings (rule id at line, when given). */
  | { kind: 'findings'; ruleId: string; line?: number }
  /** Analysed without an `errors` entry; units with these names come from it. */
  | { kind: 'units'; names: string[] };

interface Expectation {
  /** Relative to the corpus root, forward slashes, as the report names it. */
  file: string;
  expect: Expect;
}

export interface Corpus {
  root: string;
  expectations: Expectation[];
  /** Entries that must appear once, summarising several files (symbolic links, FIFOs). */
  summaries: { message: RegExp; mentions: string[] }[];
  /** File names the file system refused (newline, ESC, bytes that are not UTF-8), so their cases were left out. */
  refused: string[];
}

export const SERVER_TS = `import express from 'express';\nconst app = express();\napp.listen(3000);\n`;
const SERVER_PY = `from flask import Flask\n\napp = Flask(__name__)\napp.run(host="0.0.0.0", port=8080)\n`;
const SAM_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  GoodFn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      Runtime: nodejs20.x\n      Timeout: 900\n`;
const TF_LAMBDA = (name: string) =>
  `resource "aws_lambda_function" "${name}" {\n  function_name = "${name}"\n  handler       = "index.handler"\n  runtime       = "nodejs20.x"\n  timeout       = 900\n}\n`;

const IS_DEEP = /nesting deeper than \d+ levels; not analysed|too deeply nested to analyse/;

/**
 * A heredoc of about `bytes` of plain shell script (`flush` for `<<-`), the kind Lezer's grammar took superlinear time
 * on; `interpolate` adds a reference and an escaped `$${` to each line. Lines look like the marker without being it.
 */
function heredoc(bytes: number, flush: boolean, interpolate = false): string {
  const pad = flush ? '    ' : '';
  let body = '';
  for (let i = 0; body.length < bytes; i++)
    body += `${pad}echo "line ${i}: {braces} [brackets] EOFISH EOF-not"${interpolate ? ' ${var.region} $${literal}' : ''}\n`;
  return `resource "aws_instance" "box" {\n  ami       = "ami-123"\n  user_data = <<${flush ? '-' : ''}EOF\n${body}${flush ? '  ' : ''}EOF\n}\n\n${TF_LAMBDA('after_heredoc')}`;
}

/** `levels` of YAML aliases, each a list of ten of the previous: 10^levels nodes if expanded. */
function aliasBomb(levels: number): string {
  let s = 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
  for (let i = 1; i <= levels; i++)
    s += `a${i}: &a${i} [${Array(10)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  return s;
}

/** Writes the corpus into `root` (which must exist and be empty). `outside`: a folder beside it for links to leave. */
export function generateCorpus(root: string, outside: string): Corpus {
  const expectations: Expectation[] = [];
  const summaries: Corpus['summaries'] = [];
  const refused: string[] = [];
  const put = (rel: string, content: string | Buffer, expect?: Expect) => {
    const p = path.join(root, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content);
    if (expect) expectations.push({ file: rel, expect });
  };

  // Good files beside the bad ones: their findings and units must survive.
  put('good/app.ts', SERVER_TS, { kind: 'findings', ruleId: 'handler/listening-server', line: 3 });
  put('good/service.py', SERVER_PY, { kind: 'findings', ruleId: 'python/listening-server', line: 4 });
  put('good/template.yaml', SAM_TEMPLATE, { kind: 'units', names: ['GoodFn'] });
  put('good/main.tf', TF_LAMBDA('good_tf'), { kind: 'units', names: ['good_tf'] });

  // Syntax errors: one parse-error finding each.
  put('syntax/bad.js', 'function f( {\n  return 1;\n', { kind: 'parse-error' });
  put('syntax/bad.ts', 'const x: = ;\nexport {\n', { kind: 'parse-error' });
  put('syntax/bad.py', 'def handler(event, context)\n    return {\n', { kind: 'parse-error' });
  put('syntax/template.yaml', `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn: [unclosed\n    Type: {\n`, { kind: 'parse-error' });
  put('syntax/template.json', `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Fn": {"Type": "AWS::Lambda::Function",\n`, { kind: 'parse-error' });
  put('syntax/main.tf', 'resource "aws_lambda_function" "x" {\n  handler = \n  = 3\n', { kind: 'parse-error' });

  // Deep nesting, 10,000 to 100,000 levels: one "not analysed" error each, never a crash.
  const deep: [string, string][] = [
    ['deep/arrays-10k.js', `export const x = ${'['.repeat(10_000)}${']'.repeat(10_000)};\n`],
    ['deep/arrays-100k.js', `export const x = ${'[\n'.repeat(100_000)}${']\n'.repeat(100_000)};\n`],
    ['deep/parens-100k.ts', `export const x = ${'(\n'.repeat(100_000)}1${')\n'.repeat(100_000)};\n`],
    ['deep/generics-10k.ts', `type T = ${'Array<\n'.repeat(10_000)}string${'>\n'.repeat(10_000)};\n`],
    ['deep/concat-50k.js', `export const x = "a"\n${'+ "b"\n'.repeat(50_000)};\n`],
    ['deep/parens-6k.py', `x = ${'('.repeat(6_000)}1${')'.repeat(6_000)}\n`],
    ['deep/lists-100k.py', `x = ${'[\n'.repeat(100_000)}${']\n'.repeat(100_000)}\n`],
    ['deep/operators-100k.py', `x = 1${' + 1'.repeat(100_000)}\n`],
    ['deep/indent-1k.py', Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(i)}if x:\n`).join('') + `${' '.repeat(1_000)}pass\n`],
    ['deep/tuples-800.tf', `x = ${'['.repeat(800)}${']'.repeat(800)}\n`],
    ['deep/tuples-100k.tf', `x = ${'[\n'.repeat(100_000)}${']\n'.repeat(100_000)}\n`],
    ['deep/objects-10k.tf', `locals {\n  x = ${'{ a = '.repeat(10_000)}1${' }'.repeat(10_000)}\n}\n`],
    ['deep/blocks-10k.tf', `${'b {\n'.repeat(10_000)}${'}\n'.repeat(10_000)}`],
    [
      'deep/flow-100k/template.yaml',
      `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
    ],
    [
      'deep/seqs-10k/template.yaml',
      `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code:\n        ${'- '.repeat(10_000)}x\n`,
    ],
    [
      'deep/json-100k/template.json',
      `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Code": ${'[\n'.repeat(100_000)}${']\n'.repeat(100_000)}}}}}\n`,
    ],
  ];
  for (const [rel, text] of deep) put(rel, text, { kind: 'error', message: IS_DEEP });

  // Alias and variable bombs: nothing expands them; the files are analysed.
  put(
    'bombs/template.yaml',
    `AWSTemplateFormatVersion: '2010-09-09'\nMetadata:\n${aliasBomb(9).trimEnd().replace(/^/gm, '  ')}\nResources:\n  BombFn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs20.x\n      Environment:\n        Variables:\n          LOL: *a9\n          REF: !Ref a9\n`,
    { kind: 'units', names: ['BombFn'] },
  );
  const slsVars = Array.from(
    { length: 12 },
    (_, i) =>
      `  v${i}: "${Array(10)
        .fill(`\${self:custom.v${i + 1}}`)
        .join('-')}"`,
  ).join('\n');
  put(
    'bombs/serverless.yml',
    `service: bomb\nprovider:\n  name: aws\n  runtime: nodejs20.x\n  environment:\n    BOMB: \${self:custom.v0}\ncustom:\n${slsVars}\n  v12: lol\nfunctions:\n  bombFn:\n    handler: index.handler\n`,
    { kind: 'units', names: ['bombFn'] },
  );
  const tfLocals = Array.from(
    { length: 11 },
    (_, i) =>
      `  l${i} = [${Array(10)
        .fill(`local.l${i + 1}`)
        .join(', ')}]`,
  ).join('\n');
  put(
    'bombs/main.tf',
    `locals {\n${tfLocals}\n  l11 = "lol"\n}\n\nresource "aws_lambda_function" "bomb_tf" {\n  function_name = "bomb_tf"\n  handler       = "index.handler"\n  runtime       = "nodejs20.x"\n  layers        = local.l0\n  environment {\n    variables = { BOMB = local.l0 }\n  }\n}\n`,
    { kind: 'units', names: ['bomb_tf'] },
  );
  // The cost config the scan finds in its folder: an alias bomb there is reported, defaults are used.
  put('lambdashift.yaml', `version: 1\n${aliasBomb(9)}units:\n  GoodFn: *a9\n`, { kind: 'error', message: /alias/ });

  // Size, bytes and encodings.
  put('big/huge.js', '');
  truncateSync(path.join(root, 'big/huge.js'), 50 * 1024 * 1024);
  expectations.push({ file: 'big/huge.js', expect: { kind: 'error', message: /50\.0 MB is over the 2 MB limit/ } });
  const blob = Buffer.alloc(4096);
  for (let i = 0; i < blob.length; i++) blob[i] = (i * 7919) % 256;
  put('bin/blob.js', blob, { kind: 'error', message: /binary file/ });
  put('enc/bad-utf8.ts', Buffer.concat([Buffer.from(`const s = "`), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x80]), Buffer.from(`";\n${SERVER_TS}`)]), {
    kind: 'findings',
    ruleId: 'handler/listening-server',
    line: 4,
  });
  put('enc/utf16le.ts', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SERVER_TS, 'utf16le')]), {
    kind: 'findings',
    ruleId: 'handler/listening-server',
    line: 3,
  });
  put('enc/utf16be.py', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(SERVER_PY, 'utf16le').swap16()]), {
    kind: 'findings',
    ruleId: 'python/listening-server',
    line: 4,
  });
  put('enc/utf16le-template.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAM_TEMPLATE.replace('GoodFn', 'Utf16Fn'), 'utf16le')]), {
    kind: 'units',
    names: ['Utf16Fn'],
  });
  put('eol/cr-only.ts', SERVER_TS.replace(/\n/g, '\r'), { kind: 'findings', ruleId: 'handler/listening-server', line: 3 });
  put('eol/mixed.py', SERVER_PY.replace('\n\n', '\r\n\r').replace(/\n(?=app\.run)/, '\r\n'), { kind: 'findings', ruleId: 'python/listening-server', line: 4 });
  put(
    'eol/mixed-template.yaml',
    SAM_TEMPLATE.replace('GoodFn', 'EolFn').replace(/\n/g, (_m, i: number) => (i % 3 ? '\r\n' : '\n')),
    { kind: 'units', names: ['EolFn'] },
  );

  // Names: spaces, Unicode, a newline, an escape sequence, bytes that are not UTF-8.
  put('names/with space.ts', SERVER_TS, { kind: 'findings', ruleId: 'handler/listening-server', line: 3 });
  put('names/ünïcødé-函数.ts', SERVER_TS, { kind: 'findings', ruleId: 'handler/listening-server', line: 3 });
  for (const name of ['new\nline.ts', 'esc\u001b[31mred.ts']) {
    try {
      put(`names/${name}`, SERVER_TS, { kind: 'findings', ruleId: 'handler/listening-server', line: 3 });
    } catch {
      refused.push(name);
    }
  }
  try {
    const dir = Buffer.from(path.join(root, 'names') + path.sep);
    writeFileSync(Buffer.concat([dir, Buffer.from('bad-'), Buffer.from([0xff, 0xfe]), Buffer.from('.ts')]), SERVER_TS);
    expectations.push({ file: 'names/bad-\uFFFD\uFFFD.ts', expect: { kind: 'findings', ruleId: 'handler/listening-server', line: 3 } });
  } catch {
    refused.push('bad-\\xff\\xfe.ts');
  }

  // Links and special files: never followed or opened; one summary entry for each kind.
  mkdirSync(path.join(root, 'links'), { recursive: true });
  writeFileSync(path.join(outside, 'outside.ts'), SERVER_TS);
  symlinkSync(path.join(outside, 'outside.ts'), path.join(root, 'links/outside.ts'));
  symlinkSync('loop-b.ts', path.join(root, 'links/loop-a.ts'));
  symlinkSync('loop-a.ts', path.join(root, 'links/loop-b.ts'));
  symlinkSync('.', path.join(root, 'links/self'));
  symlinkSync('../good', path.join(root, 'links/good-dir'));
  summaries.push({
    message: /symbolic links? (was|were) not followed/,
    mentions: ['links/good-dir', 'links/loop-a.ts', 'links/loop-b.ts', 'links/outside.ts', 'links/self'],
  });
  const fifo = path.join(root, 'special/pipe.ts');
  mkdirSync(path.dirname(fifo), { recursive: true });
  if (spawnSync('mkfifo', [fifo]).status === 0) summaries.push({ message: /special files? (was|were) skipped/, mentions: ['special/pipe.ts'] });

  // Terraform heredocs: parsed as HCL says, in linear time; what follows them is still read.
  put('tf/heredoc-400-lines/main.tf', heredoc(400 * 56, true), { kind: 'units', names: ['after_heredoc'] });
  put('tf/heredoc-250k/main.tf', heredoc(250 * 1024, false), { kind: 'units', names: ['after_heredoc'] });
  put('tf/heredoc-template/main.tf', heredoc(20 * 1024, true, true), { kind: 'units', names: ['after_heredoc'] });
  put('tf/heredoc-unclosed/main.tf', `resource "aws_instance" "box" {\n  user_data = <<EOF\necho never closed\n`, { kind: 'parse-error' });

  // A 5,000-resource CloudFormation template.
  let cfn = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n`;
  for (let i = 0; i < 5_000; i++) {
    cfn +=
      i % 10 === 0
        ? `  Fn${i}:\n    Type: AWS::Lambda::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs20.x\n      Timeout: 30\n`
        : `  Queue${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeoutSeconds: 60\n`;
  }
  put('cfn/big/template.yaml', cfn, { kind: 'units', names: ['Fn0', 'Fn4990'] });

  // A 1.9 MB one-line bundle (under the 2 MB limit): skipped before parsing.
  put('min/bundle.min.js', minifiedBundle(1.9 * 1024 * 1024), { kind: 'error', message: /skipped: minified or generated \(\d+ KB on 1 line/ });

  // Enough files that `--jobs 2` starts analysis threads (MIN_FILES_FOR_WORKERS).
  for (let i = 0; i < 60; i++) put(`filler/f${i}.ts`, `export const v${i} = ${i};\n`);

  // Folders are read by anyone, as the suite's temporary folder is: the permission test runs as another user.
  chmodSync(root, 0o755);
  return { root, expectations, summaries, refused };
}

/** One line of minified-looking JavaScript of about `bytes`. */
export function minifiedBundle(bytes: number): string {
  const unit = 'var a=function(b,c){return b+c},d=[1,2,3].map(function(e){return e*2}),f={g:"h",i:[d,a(1,2)]};';
  return `/*! bundle v1.0.0 | MIT */!function(){${unit.repeat(Math.ceil(bytes / unit.length))}}();`;
}

/** Many small files in nested folders, for the scan's bookkeeping rather than any one file. */
export function generateManyFiles(root: string, count: number): void {
  for (let i = 0; i < count; i++) {
    const dir = path.join(root, `pkg${Math.floor(i / 200)}`);
    if (i % 200 === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `f${i}.ts`), i % 1000 === 0 ? SERVER_TS : `export const v${i} = ${i};\n`);
  }
}
