// The floor: read and parse every file with the parsers LambdaShift itself uses (typescript-estree for JS/TS with
// the options of src/core/parsers/typescript.ts, `yaml` for YAML), and do nothing else. Prints a JSON summary.
// Usage: node floor.mjs <dir> [k/n]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { JS, listFiles } from './files.mjs';

const require = createRequire(import.meta.url);
const { parse } = require('@typescript-eslint/typescript-estree');
const { parseAllDocuments } = require('yaml');

// Optional shard `k/n`: every n-th file from the k-th, for the machine-ceiling measurement of bench/run.mjs.
const [k, n] = (process.argv[3] ?? '0/1').split('/').map(Number);
const files = listFiles(process.argv[2]).filter((_, i) => i % n === k);
let bytes = 0;
let nodes = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  bytes += text.length;
  if (JS.test(f)) {
    const lower = f.toLowerCase();
    const isTs = /\.(?:[cm]?ts|tsx)$/.test(lower);
    const jsx = lower.endsWith('.tsx') || lower.endsWith('.jsx') || (!isTs && /<[A-Za-z>]/.test(text));
    try {
      nodes += parse(text, {
        range: true,
        loc: true,
        comment: false,
        jsx,
        filePath: f,
        errorOnTypeScriptSyntacticAndSemanticIssues: false,
        suppressDeprecatedPropertyWarnings: true,
        jsDocParsingMode: 'none',
      }).body.length;
    } catch {
      // a syntax error is a parse too
    }
  } else {
    nodes += parseAllDocuments(text).length;
  }
}
process.stdout.write(JSON.stringify({ files: files.length, bytes, nodes }));
