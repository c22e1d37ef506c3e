import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { stringValue, type Node, walkTypes } from '../../js/ast';
import { runsAtModuleLoad, stringPrefix, stripTs } from '../../js/flow';
import { normalizeModule, resolveRef, type Binding } from '../../js/module';
import { isLocalOnly } from '../../js/scope';
import type { Fix } from '../../types';
import { escapeRegExp } from '../../prefilter';
import type { JsRule } from '../types';
import { isPromiseCall } from './background-work';

/**
 * Modules known to be large or slow to initialise. Pure core cannot read node_modules, so this curated table stands in
 * for installed sizes; docs/rules/handler-cold-start-import.md lists the reason for each entry.
 */
const HEAVY_MODULES: Record<string, string> = {
  googleapis: 'generated clients for every Google API',
  puppeteer: 'drives a full Chromium browser',
  playwright: 'drives full browsers',
  sharp: 'native libvips binaries',
  canvas: 'native Cairo binaries',
  typeorm: 'a full ORM with every database driver adapter',
  sequelize: 'a full ORM with every dialect',
  '@prisma/client': 'a generated client plus a native query engine',
  '@mikro-orm/core': 'a full ORM',
  moment: 'bundles every locale',
  'moment-timezone': 'bundles the whole time-zone database',
  lodash: 'the whole library in one CommonJS module; per-method imports like `lodash/get` are small',
  'firebase-admin': 'pulls in the Google Cloud client stack',
  '@tensorflow/tfjs-node': 'native TensorFlow binaries',
  'onnxruntime-node': 'native inference runtime',
  jsdom: 'a full DOM implementation',
  xlsx: 'a full spreadsheet engine',
  exceljs: 'a full spreadsheet engine',
  pdfkit: 'fonts and a PDF engine',
};

/**
 * The literals of the reports other than a top-level await: aws-sdk v2 (the module itself, as a string: `@aws-sdk/…`
 * and `aws-sdk/clients/…` are other modules), a heavy module, synchronous exec or reads at load.
 */
const LOAD_LITERALS = ['[`\'"](?:node:)?aws-sdk[`\'"]', 'child_process', 'readFileSync', 'readJsonSync', ...Object.keys(HEAVY_MODULES).map(escapeRegExp)];
const LOAD_TEXT = new RegExp(LOAD_LITERALS.join('|'));

/** File extensions that suggest a data file too big to read synchronously during INIT. */
const LARGE_DATA = /\.(csv|tsv|parquet|db|sqlite3?|bin|onnx|pb|model|h5|pt|zip|gz|tgz|tar|jsonl|ndjson|geojson|mmdb|dat)$/i;

/** aws-sdk v2 constructor → v3 aggregated client with the same method names (calls return promises; no `.promise()`). */
const V3: Record<string, { pkg: string; name: string }> = {
  S3: { pkg: '@aws-sdk/client-s3', name: 'S3' },
  DynamoDB: { pkg: '@aws-sdk/client-dynamodb', name: 'DynamoDB' },
  SQS: { pkg: '@aws-sdk/client-sqs', name: 'SQS' },
  SNS: { pkg: '@aws-sdk/client-sns', name: 'SNS' },
  Lambda: { pkg: '@aws-sdk/client-lambda', name: 'Lambda' },
};

function moduleOfRequire(node: Node): string | undefined {
  if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'require') return undefined;
  const s = stringValue(node.arguments[0] as Node);
  return s === undefined ? undefined : normalizeModule(s);
}

export const coldStartImport: JsRule = {
  language: 'js',
  // Heavy modules by name, synchronous work at load by its call, top-level awaits by keyword.
  needs: ['await', ...LOAD_LITERALS],
  // `await` is in most files; only one outside every function can be reported.
  gate: (f) => LOAD_TEXT.test(f.text) || f.topLevelAwait(),
  meta: {
    id: 'handler/cold-start-import',
    category: 'cold-start-import',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        "Module-scope code runs in Lambda's INIT phase on every cold start: large modules, synchronous I/O and network calls there slow cold starts and are billed.",
      reference: 'https://aws.amazon.com/blogs/developer/reduce-lambda-cold-start-times-migrate-to-aws-sdk-for-javascript-v3/',
    },
    messages: {
      awsSdkV2:
        'The whole AWS SDK v2 (`aws-sdk`) loads every service on each cold start and is not what AWS recommends for Lambda any more. Import only the v3 clients you use (`@aws-sdk/client-*`).',
      heavy:
        '`{module}` is heavy ({why}) and loads at module scope, so every cold start pays for it even when a request does not need it. Load it lazily with `await import()` inside the code path that uses it, or use a lighter alternative.',
      syncExec:
        '`{op}` runs a child process while the module loads, which blocks INIT (limited to 10 s) on every cold start. Do the work at build time, or run it lazily inside the handler.',
      bigRead:
        '`{op}` reads a data file synchronously while the module loads, slowing every cold start (INIT is limited to 10 s). Load it lazily, keep it small, or fetch it from S3 into /tmp on first use.',
      tlaNetwork:
        'Top-level `await {call}` makes a network call during INIT, which is limited to 10 s and, with provisioned concurrency, may run long before the first request, so the result can be stale. Make the call inside the handler and cache the result in a module variable.',
    },
    fixable: true,
  },
  check(ctx) {
    const { bindings } = ctx.modules;
    const heavyAt = (module: string, node: Node) => {
      if (module === 'aws-sdk') ctx.report({ messageId: 'awsSdkV2', at: node, fix: awsSdkFix(ctx.ast, ctx.text, node) });
      else if (HEAVY_MODULES[module]) ctx.report({ messageId: 'heavy', data: { module, why: HEAVY_MODULES[module] }, at: node, severity: 'info' });
    };
    walkTypes(ctx.ast, ['ImportDeclaration', 'CallExpression', 'AwaitExpression'], (node, ancestors) => {
      if (node.type === 'ImportDeclaration') {
        const typeOnly =
          node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.type === 'ImportSpecifier' && s.importKind === 'type'));
        if (!typeOnly) heavyAt(normalizeModule(String(node.source.value)), node);
        return 'skip';
      }
      if (node.type === 'CallExpression') {
        const m = moduleOfRequire(node);
        if (m) {
          // `require('aws-sdk')` anywhere still ships the monolith; other heavy modules are fine when loaded lazily.
          if ((m === 'aws-sdk' || runsAtModuleLoad(ancestors)) && !isLocalOnly(node, ancestors)) {
            const stmt = ancestors[1] ?? node;
            heavyAt(m, m === 'aws-sdk' && ancestors.length === 3 && stmt.type === 'VariableDeclaration' ? stmt : node);
          }
          return;
        }
        if (!runsAtModuleLoad(ancestors) || isLocalOnly(node, ancestors)) return;
        const ref = resolveRef(node.callee as Node, bindings);
        const last = ref?.path[ref.path.length - 1];
        if (ref?.module === 'child_process' && last && ['execSync', 'execFileSync', 'spawnSync'].includes(last)) {
          ctx.report({ messageId: 'syncExec', data: { op: last }, at: node });
        } else if ((ref?.module === 'fs' || ref?.module === 'fs-extra') && (last === 'readFileSync' || last === 'readJsonSync')) {
          const p = stringPrefix(node.arguments[0] as Node) ?? templateTail(node.arguments[0] as Node);
          const whole = stripTs(node.arguments[0] as Node);
          const tail = whole?.type === 'CallExpression' ? stringPrefix(whole.arguments[whole.arguments.length - 1] as Node) : undefined;
          if ((p && LARGE_DATA.test(p)) || (tail && LARGE_DATA.test(tail)))
            ctx.report({ messageId: 'bigRead', data: { op: last }, at: node, severity: 'info' });
        }
        return;
      }
      if (node.type === 'AwaitExpression' && runsAtModuleLoad(ancestors)) {
        const arg = stripTs(node.argument as Node);
        if (arg && isPromiseCall(arg, bindings, new Set()) && !isFsCall(arg, bindings) && !loadsModule(arg) && !isLocalOnly(node, ancestors)) {
          const callee = (arg as TSESTree.CallExpression).callee;
          const src = ctx.text.slice(callee.range[0], callee.range[1]);
          ctx.report({ messageId: 'tlaNetwork', data: { call: src.length > 40 ? `${src.slice(0, 37)}...` : src }, at: node, severity: 'info' });
        }
      }
    });
  },
};

/** `import('vite').then((m) => …)`: a promise chain that starts by loading a module, which is no network call. */
function loadsModule(call: Node): boolean {
  let n: Node | undefined = call;
  while (n?.type === 'CallExpression') {
    const callee = stripTs(n.callee as Node);
    if (callee?.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || !/^(then|catch|finally)$/.test(callee.property.name))
      return false;
    n = stripTs(callee.object as Node);
  }
  return n?.type === 'ImportExpression';
}

function templateTail(n: Node | undefined): string | undefined {
  const t = stripTs(n);
  if (t?.type === 'TemplateLiteral') return t.quasis[t.quasis.length - 1].value.cooked ?? undefined;
  return undefined;
}

function isFsCall(call: Node, bindings: Map<string, Binding>): boolean {
  if (call.type !== 'CallExpression') return false;
  const ref = resolveRef(call.callee as Node, bindings);
  return !!ref && (ref.module === 'fs' || ref.module === 'fs/promises' || ref.module === 'fs-extra');
}

/**
 * Rewrites `const AWS = require('aws-sdk')` / `import AWS from 'aws-sdk'` and every `new AWS.<Svc>(…)` to v3 aggregated
 * clients, but only when every use of the binding is such a constructor of a supported service. Call sites are left
 * alone (the description says so): v3 methods return promises, so `.promise()` calls must be dropped by hand.
 */
function awsSdkFix(ast: TSESTree.Program, text: string, decl: Node): Fix | undefined {
  let local: string | undefined;
  let esm = false;
  if (decl.type === 'VariableDeclaration' && decl.declarations.length === 1 && decl.declarations[0].id.type === 'Identifier') {
    local = decl.declarations[0].id.name;
  } else if (decl.type === 'ImportDeclaration' && decl.specifiers.length === 1 && decl.specifiers[0].type !== 'ImportSpecifier') {
    local = decl.specifiers[0].local.name;
    esm = true;
  }
  if (!local || ast.body.indexOf(decl as TSESTree.ProgramStatement) < 0) return undefined;
  const uses: { node: TSESTree.NewExpression; svc: string; doc: boolean }[] = [];
  const otherNames = new Set<string>();
  let unsupported = false;
  walkTypes(ast, ['Identifier'], (n, anc) => {
    if (n.type !== 'Identifier') return;
    const parent = anc[anc.length - 1];
    if (parent?.type === 'MemberExpression' && parent.property === n && !parent.computed) return;
    if (parent?.type === 'Property' && parent.key === n && !parent.shorthand) return;
    if (n.name !== local) {
      otherNames.add(n.name);
      return;
    }
    if (
      (parent?.type === 'VariableDeclarator' || parent?.type === 'ImportDefaultSpecifier' || parent?.type === 'ImportNamespaceSpecifier') &&
      anc.includes(decl)
    )
      return;
    // `new AWS.S3(...)` or `new AWS.DynamoDB.DocumentClient(...)`
    const m1 = parent;
    const m2 = anc[anc.length - 2];
    const m3 = anc[anc.length - 3];
    if (m1?.type === 'MemberExpression' && m1.object === n && !m1.computed && m1.property.type === 'Identifier') {
      const svc = m1.property.name;
      if (m2?.type === 'NewExpression' && m2.callee === m1 && V3[svc]) return void uses.push({ node: m2, svc, doc: false });
      if (
        svc === 'DynamoDB' &&
        m2?.type === 'MemberExpression' &&
        !m2.computed &&
        m2.property.type === 'Identifier' &&
        m2.property.name === 'DocumentClient' &&
        m3?.type === 'NewExpression' &&
        m3.callee === m2
      ) {
        return void uses.push({ node: m3, svc, doc: true });
      }
    }
    unsupported = true;
  });
  if (unsupported || uses.length === 0) return undefined;
  const needed = new Map<string, Set<string>>();
  const need = (pkg: string, name: string) => needed.set(pkg, (needed.get(pkg) ?? new Set()).add(name));
  for (const u of uses) {
    need(V3[u.svc].pkg, V3[u.svc].name);
    if (u.doc) need('@aws-sdk/lib-dynamodb', 'DynamoDBDocument');
  }
  for (const names of needed.values()) for (const name of names) if (otherNames.has(name)) return undefined;
  const lines = [...needed].map(([pkg, names]) => {
    const list = [...names].sort().join(', ');
    return esm ? `import { ${list} } from '${pkg}';` : `const { ${list} } = require('${pkg}');`;
  });
  const edits = [{ start: decl.range[0], end: decl.range[1], newText: lines.join('\n') }];
  for (const u of uses) {
    const args = u.node.arguments.length ? text.slice(u.node.arguments[0].range[0], u.node.arguments[u.node.arguments.length - 1].range[1]) : '';
    edits.push({
      start: u.node.range[0],
      end: u.node.range[1],
      newText: u.doc ? `DynamoDBDocument.from(new DynamoDB(${args}))` : `new ${V3[u.svc].name}(${args})`,
    });
  }
  return {
    description: `Switch to AWS SDK v3 clients (${[...needed.keys()].join(', ')}); call sites are unchanged: v3 methods return promises, so remove \`.promise()\` calls by hand`,
    edits,
  };
}
