// Peer baseline: ESLint 9 with core rules configured to approximate five LambdaShift rules, on the same JS/TS files.
// no-restricted-syntax / no-restricted-imports cannot follow aliases or guards, so this does less work than we do;
// it is the cost of "just write a few lint selectors".
import { createRequire } from 'node:module';
import { JS, listFiles } from './files.mjs';

const require = createRequire(import.meta.url);
const { ESLint } = require('eslint');
const tseslint = require('typescript-eslint');

const requireOf = (mod) => `CallExpression[callee.name='require'][arguments.0.value=${mod}]`;
const selectors = [
  // handler/listening-server
  { selector: "CallExpression[callee.property.name='listen']", message: 'listening server' },
  // handler/background-work
  { selector: "CallExpression[callee.name='setInterval']", message: 'setInterval' },
  // handler/threads-or-processes
  { selector: requireOf('/^(node:)?worker_threads$/'), message: 'worker_threads' },
  // handler/local-disk-write
  {
    selector:
      "CallExpression[callee.object.name='fs'][callee.property.name=/^(writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|mkdirSync)$/]",
    message: 'fs write',
  },
  // handler/cold-start-import (aws-sdk v2)
  { selector: requireOf("'aws-sdk'"), message: 'aws-sdk v2' },
];
const root = process.argv[2];
const files = listFiles(root).filter((f) => JS.test(f));
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  cache: false,
  overrideConfig: [
    {
      files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'],
      languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      rules: {
        'no-restricted-syntax': ['error', ...selectors],
        'no-restricted-imports': ['error', { paths: ['aws-sdk', 'worker_threads', 'node:worker_threads'] }],
      },
    },
  ],
});
const results = await eslint.lintFiles(files);
const messages = results.reduce((n, r) => n + r.messages.length, 0);
process.stdout.write(JSON.stringify({ files: files.length, messages }));
