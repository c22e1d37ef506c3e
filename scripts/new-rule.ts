// Scaffolds a rule: `npm run new-rule -- <area>/<name> --category <category> --direction <to-lambda|to-kubernetes|both>`.
// Writes the rule file, its table test and its docs page, and adds the rule to its area's registry (index.ts) — the
// four places a rule lives (docs/contributing.md). The table test starts failing on purpose: fill in the cases.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CATEGORIES } from '../src/core/types';

const AREAS = { handler: 'js', python: 'python', go: 'go', java: 'java', csharp: 'csharp', iac: 'model' } as const;
type Area = keyof typeof AREAS;

const root = path.resolve(__dirname, '..');
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { category: { type: 'string' }, direction: { type: 'string', default: 'to-lambda' }, severity: { type: 'string', default: 'warning' } },
});
const fail = (msg: string): never => {
  console.error(`new-rule: ${msg}`);
  process.exit(2);
};
const id =
  positionals[0] ??
  fail('usage: npm run new-rule -- <area>/<name> --category <category> [--direction to-lambda|to-kubernetes|both] [--severity error|warning|info]');
const m = /^([a-z]+)\/([a-z][a-z0-9-]*)$/.exec(id) ?? fail(`'${id}' is not <area>/<kebab-name>`);
const [, area, name] = m;
if (!(area in AREAS)) fail(`area '${area}' has no scaffold; use one of: ${Object.keys(AREAS).join(', ')}`);
const category = values.category ?? fail(`pass --category, one of: ${CATEGORIES.join(', ')}`);
if (!(CATEGORIES as readonly string[]).includes(category)) fail(`'${category}' is not in the category vocabulary: ${CATEGORIES.join(', ')}`);
if (!['to-lambda', 'to-kubernetes', 'both'].includes(values.direction!)) fail('--direction is to-lambda, to-kubernetes or both');
if (!['error', 'warning', 'info'].includes(values.severity!)) fail('--severity is error, warning or info');

const PREFIX: Partial<Record<string, string>> = { python: 'py-', go: 'go-', java: 'java-', csharp: 'cs-' };
const camel = (PREFIX[area] ?? '') + name;
const symbol = camel.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const flat = `${area}-${name}`;
const files = {
  rule: path.join(root, 'src/core/rules', area, `${name}.ts`),
  test: path.join(root, 'test/unit/rules', `${flat}.test.ts`),
  docs: path.join(root, 'docs/rules', `${flat}.md`),
  registry: path.join(root, 'src/core/rules', area, 'index.ts'),
};
for (const f of [files.rule, files.test, files.docs]) if (existsSync(f)) fail(`${path.relative(root, f)} exists already`);

const meta = `  meta: {
    id: '${id}',
    category: '${category}',
    severity: '${values.severity}',
    direction: '${values.direction}',
    docs: {
      description: 'TODO: one line on what breaks where.',
      reference: 'TODO: the AWS or Kubernetes page the rule rests on (https://…)',
    },
    messages: {
      found: 'TODO: what breaks, with {placeholders}. TODO: what to do instead.',
    },
  },`;

const rule: Record<Area, string> = {
  handler: `import { walkTypes } from '../../js/ast';
import type { JsRule } from '../types';

export const ${symbol}: JsRule = {
  language: 'js',
${meta}
  check(ctx) {
    walkTypes(ctx.ast, ['CallExpression'], (node) => {
      // TODO: decide, then ctx.report({ messageId: 'found', data: { … }, at: node });
      void node;
    });
  },
};
`,
  python: `import { walk } from '../../python/ast';
import type { PyRule } from './types';

export const ${symbol}: PyRule = {
  language: 'python',
${meta}
  check(ctx) {
    walk(ctx.root, (node) => {
      // TODO: decide, then ctx.report({ messageId: 'found', data: { … }, at: [node.startIndex, node.endIndex] });
      void node;
    });
  },
};
`,
  go: `import { walk } from '../../parsers/treesitter';
import type { GoRule } from './types';
import { range } from './util';

export const ${symbol}: GoRule = {
  language: 'go',
${meta}
  check(ctx) {
    walk(ctx.root, (node, ancestors) => {
      if (node.type !== 'call_expression' || ctx.isLocalOnly(node, ancestors)) return;
      // TODO: decide (ctx.qualified(node.get('function')) gives e.g. 'net/http.ListenAndServe'), then
      // ctx.report({ messageId: 'found', data: { … }, at: range(node) });
      void range;
    });
  },
};
`,
  java: `import { walk } from '../../parsers/treesitter';
import type { JavaRule } from './types';
import { range } from './util';

export const ${symbol}: JavaRule = {
  language: 'java',
${meta}
  check(ctx) {
    walk(ctx.root, (node, ancestors) => {
      if (node.type !== 'method_invocation' || ctx.isLocalOnly(node, ancestors)) return;
      // TODO: decide (ctx.typeOf(node.get('object')) gives e.g. 'ExecutorService'), then
      // ctx.report({ messageId: 'found', data: { … }, at: range(node) });
      void range;
    });
  },
};
`,
  csharp: `import { walk } from '../../parsers/treesitter';
import type { CsRule } from './types';
import { range } from './util';

export const ${symbol}: CsRule = {
  language: 'csharp',
${meta}
  check(ctx) {
    walk(ctx.root, (node, ancestors) => {
      if (node.type !== 'invocation_expression' || ctx.isLocalOnly(node, ancestors)) return;
      // TODO: decide (ctx.typeOf(...) gives e.g. 'WebApplication.CreateBuilder.Build'), then
      // ctx.report({ messageId: 'found', data: { … }, at: range(node) });
      void range;
    });
  },
};
`,
  iac: `import type { ModelRule } from '../types';
import { at } from './util';

export const ${symbol}: ModelRule = {
  language: 'model',
${meta}
  check(ctx) {
    for (const unit of ctx.units) {
      // TODO: decide, then ctx.report({ unit: unit.name, messageId: 'found', data: { name: unit.name }, at: at(unit) });
      void at;
      void unit;
    }
  },
};
`,
};

const compiled = area === 'go' || area === 'java' || area === 'csharp';
const tester =
  area === 'python'
    ? `import { pyRuleTester } from '../python/pyRuleTester';`
    : compiled
      ? `import { langRuleTester } from '../../helpers/langRuleTester';`
      : `import { ruleTester } from '../../helpers/ruleTester';`;
const testerCall = area === 'python' ? `pyRuleTester(${symbol}, ` : compiled ? `langRuleTester(${symbol}, '${area}', ` : `ruleTester(${symbol}, `;
const test = `import { ${symbol} } from '../../../src/core/rules/${area}/${name}';
${tester}

// Valid cases are the near-misses that must stay silent (recommended practice above all); invalid cases give line,
// column and message, and the expected output of every fix or suggestion the rule offers.
${testerCall}{
  valid: [],
  invalid: [{ name: 'TODO: the first case', code: 'TODO', errors: [{ line: 1 }] }],
});
`;

const docs = `# ${id}

**Category:** ${category} · **Direction:** ${values.direction} · **Severity:** ${values.severity}

TODO: what breaks, on which platform, and why.

## Why

TODO

## Bad

\`\`\`
TODO
\`\`\`

## Good

\`\`\`
TODO
\`\`\`

## Fix

TODO

## Source

- TODO: the reference URL from the rule's meta, and the facts it rests on.
`;

// The registry: an import beside the others and the rule in its sorted list.
let registry = readFileSync(files.registry, 'utf8');
const importLine = `import { ${symbol} } from './${name}';\n`;
const imports = [...registry.matchAll(/^import \{ \w+ \} from '\.\/[\w-]+';\n/gm)];
const after = imports.filter((i) => i[0] < importLine).pop() ?? imports[0];
registry = after ? registry.replace(after[0], after[0] < importLine ? after[0] + importLine : importLine + after[0]) : importLine + registry;
const list =
  area === 'handler' && values.direction === 'to-kubernetes'
    ? /export const couplingRules: JsRule\[\] = \[([^\]]*)\]/
    : /export const \w+Rules: \w+\[\] = \[([^\]]*)\]/;
const current = list.exec(registry) ?? fail(`cannot find the rule list in ${path.relative(root, files.registry)}`);
const entries = current[1]
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
  .concat(symbol)
  .sort();
const multiline = current[1].includes('\n');
const body = multiline ? `\n${entries.map((e) => `  ${e},`).join('\n')}\n` : entries.join(', ');
registry = registry.replace(current[0], current[0].replace(current[1], body));

writeFileSync(files.rule, rule[area as Area]);
writeFileSync(files.test, test);
writeFileSync(files.docs, docs);
writeFileSync(files.registry, registry);
for (const f of Object.values(files)) console.log(`wrote ${path.relative(root, f)}`);
console.log(
  `\nNext: write the rule, its valid and invalid cases, and the docs page; then 'npm run docs:settings' (package.json's rule-id completion is generated from the registry) and 'node test/run-unit.mjs ${flat} meta/'.`,
);
