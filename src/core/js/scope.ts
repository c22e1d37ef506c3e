import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, type Node } from './ast';
import { literalsAreVerbatim } from '../prefilter';

const LAMBDA_ENV = /^(AWS_LAMBDA_FUNCTION_NAME|AWS_EXECUTION_ENV|LAMBDA_TASK_ROOT|AWS_LAMBDA_RUNTIME_API|IS_OFFLINE|IS_LOCAL)$/;

/** `process.env.X` / `process.env['X']` → X. */
export function envName(node: Node): string | undefined {
  const p = memberPath(node);
  if (p && p.length === 3 && p[0] === 'process' && p[1] === 'env') return p[2];
  return undefined;
}

/** `require.main === module`, or `import.meta.url === pathToFileURL(process.argv[1]).href` and similar. */
function isMainModuleTest(test: Node): boolean {
  if (test.type !== 'BinaryExpression' || (test.operator !== '===' && test.operator !== '==')) return false;
  const sides = [test.left, test.right] as Node[];
  const paths = sides.map((s) => memberPath(s)?.join('.'));
  if (paths.includes('require.main') && paths.includes('module')) return true;
  const src = paths.filter(Boolean).join(' ');
  return /import\.meta\.(url|filename)/.test(src) || sides.some((s) => s.type === 'MetaProperty');
}

/** While false, a main-module check guards production code (see withMainBlocksAsProduction). */
let mainBlocksAreLocal = true;

/**
 * Runs `fn` with main-module blocks (`if (require.main === module)`) read as production code rather than local-only:
 * that block is what runs when an image starts the file (`node server.js`). The rules run a second time this way on
 * files that have such a block, and the findings only that run makes are marked entry-only (src/core/analyze.ts), the
 * same mechanism as Python's `if __name__ == "__main__":`.
 */
export function withMainBlocksAsProduction<T>(fn: () => T): T {
  const before = mainBlocksAreLocal;
  mainBlocksAreLocal = false;
  try {
    return fn();
  } finally {
    mainBlocksAreLocal = before;
  }
}

/** The module-level `if` statements whose test is a main-module check (or starts with one, `&&`). */
export function mainModuleBlocks(ast: TSESTree.Program): TSESTree.IfStatement[] {
  const isMain = (t: Node): boolean => isMainModuleTest(t) || (t.type === 'LogicalExpression' && t.operator === '&&' && isMain(t.left));
  return ast.body.filter((s): s is TSESTree.IfStatement => s.type === 'IfStatement' && isMain(s.test as Node));
}

/**
 * Classifies an `if` test: 'local' when its consequent only runs outside Lambda, 'lambda' when it only runs on Lambda.
 * Recognises main-module checks and guards on AWS_LAMBDA_FUNCTION_NAME / AWS_EXECUTION_ENV / IS_OFFLINE.
 */
function classifyGuard(test: Node): 'local' | 'lambda' | undefined {
  if (isMainModuleTest(test)) return mainBlocksAreLocal ? 'local' : undefined;
  if (test.type === 'UnaryExpression' && test.operator === '!') {
    const inner = classifyGuard(test.argument);
    return inner === 'local' ? 'lambda' : inner === 'lambda' ? 'local' : undefined;
  }
  const name = envName(test);
  if (name && LAMBDA_ENV.test(name)) return name === 'IS_OFFLINE' || name === 'IS_LOCAL' ? 'local' : 'lambda';
  if (test.type === 'BinaryExpression') {
    const l = envName(test.left as Node) ?? envName(test.right as Node);
    if (l && LAMBDA_ENV.test(l)) {
      const other = (envName(test.left as Node) ? test.right : test.left) as Node;
      const isUndefined = (other.type === 'Identifier' && other.name === 'undefined') || (other.type === 'Literal' && other.value === null);
      const negated = test.operator === '!==' || test.operator === '!=';
      const local = l === 'IS_OFFLINE' || l === 'IS_LOCAL';
      if (isUndefined) return negated !== local ? 'lambda' : 'local';
      if (local) return negated ? 'lambda' : 'local';
    }
  }
  if (test.type === 'LogicalExpression' && test.operator === '&&') {
    return classifyGuard(test.left) ?? classifyGuard(test.right);
  }
  return undefined;
}

/** True when the node only runs in local development: inside a main-module or not-on-Lambda guard. */
export function isLocalOnly(node: Node, ancestors: readonly Node[]): boolean {
  let child: Node = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (a.type === 'IfStatement' || a.type === 'ConditionalExpression') {
      const kind = classifyGuard(a.test as Node);
      if (kind === 'local' && a.consequent === child) return true;
      if (kind === 'lambda' && a.alternate === child) return true;
    }
    if (a.type === 'LogicalExpression' && a.right === child && a.operator === '&&' && classifyGuard(a.left) === 'local') return true;
    child = a;
  }
  return false;
}

/** Test and spec files only run locally or in CI. */
export function isTestFile(file: string): boolean {
  // Type tests (tsd's `*.test-d.ts`, TSTyche's `*.tst.ts`) and benchmarks (Vitest's `*.bench.ts`) are not deployed either.
  return /(^|\/)(__tests__|__mocks__|tests?|spec)\//.test(file) || /\.(test|spec|test-d|tst|bench)\.[cm]?[jt]sx?$/.test(file);
}

const HANDLER_NAMES = /^(handler|main|lambdaHandler|lambda_handler|handle)$/;

/**
 * Exports that look like Lambda entries: `exports.handler`, `module.exports.handler`, `export const handler`,
 * `export async function handler`, `export default` of a function with (event, context) parameters.
 */
export function findHandlerExports(ast: TSESTree.Program): { name: string; node: Node }[] {
  const out: { name: string; node: Node }[] = [];
  for (const stmt of ast.body) {
    if (stmt.type === 'ExportNamedDeclaration' && stmt.declaration) {
      const d = stmt.declaration;
      if (d.type === 'FunctionDeclaration' && d.id) out.push({ name: d.id.name, node: d });
      if (d.type === 'VariableDeclaration') {
        for (const v of d.declarations) if (v.id.type === 'Identifier' && v.init) out.push({ name: v.id.name, node: v.init });
      }
    } else if (stmt.type === 'ExportNamedDeclaration' && !stmt.source) {
      for (const s of stmt.specifiers) {
        const exported = s.exported.type === 'Identifier' ? s.exported.name : String(s.exported.value);
        out.push({ name: exported, node: s });
      }
    } else if (stmt.type === 'ExportDefaultDeclaration') {
      const d = stmt.declaration as Node;
      if ((d.type === 'FunctionDeclaration' || d.type === 'ArrowFunctionExpression' || d.type === 'FunctionExpression') && d.params.length >= 1) {
        out.push({ name: 'default', node: d });
      }
    } else if (stmt.type === 'ExpressionStatement' && stmt.expression.type === 'AssignmentExpression') {
      const p = memberPath(stmt.expression.left as Node);
      if (!p) continue;
      if (p.length === 2 && p[0] === 'exports') out.push({ name: p[1], node: stmt.expression.right });
      else if (p.length === 3 && p[0] === 'module' && p[1] === 'exports') out.push({ name: p[2], node: stmt.expression.right });
      else if (p.length === 2 && p[0] === 'module' && p[1] === 'exports' && stmt.expression.right.type === 'ObjectExpression') {
        for (const prop of stmt.expression.right.properties) {
          if (prop.type === 'Property' && prop.key.type === 'Identifier') out.push({ name: prop.key.name, node: prop.value as Node });
        }
      }
    }
  }
  return out;
}

/** Handler-looking exports only (by conventional name), used when no IaC names the export. */
export function conventionalHandlers(ast: TSESTree.Program): { name: string; node: Node }[] {
  return findHandlerExports(ast).filter((e) => HANDLER_NAMES.test(e.name) || e.name === 'default');
}

/** Folders web projects serve to browsers as they are. */
const BROWSER_FOLDER = /(^|\/)(public|static|assets|www|wwwroot)\//;
/** Bundler runtimes and UMD wrappers: a bundle or a distributed library, not a function's source. */
const BUNDLE_MARKER = /__webpack_require__|webpackJsonp|webpackChunk|parcelRequire|\bSystem\.register\(|define\.amd\b/;
/** Front-end frameworks (not their server renderers, `react-dom/server`): components and pages for a browser. */
const FRONTEND = /^(react|react-dom|react-dom\/client|react-router(-dom)?|vue|@vue\/[\w-]+|@angular\/(core|common|router)|svelte|preact|solid-js|jquery)$/;
/** Globals only a browser has. */
const DOM_GLOBALS = new Set(['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location']);
const DOM_WORDS = new RegExp(`\\b(?:${[...DOM_GLOBALS].join('|')})\\b`);
/** Modules only server code loads: a file that loads one is not browser code, whatever its folder. */
const SERVER_ONLY =
  /^(fs|fs\/promises|http|https|http2|net|tls|dgram|child_process|cluster|worker_threads|os|readline|aws-sdk|aws-lambda|express|koa|fastify|@hapi\/hapi|pg|mysql2?|mongodb|mongoose|ioredis|redis)$|^@aws-sdk\/(client|lib)-|^@aws-lambda-powertools\//;

/** A DOM global used by statements that run when the module loads (not inside functions, not behind a `typeof` check). */
function usesDomAtLoad(ast: TSESTree.Program, text: string): boolean {
  let found = false;
  const visit = (n: Node): void => {
    if (found) return;
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'ClassBody') return;
    // `typeof window !== 'undefined'` guards isomorphic code.
    if (n.type === 'UnaryExpression' && n.operator === 'typeof') return;
    if (
      (n.type === 'IfStatement' || n.type === 'ConditionalExpression' || n.type === 'LogicalExpression') &&
      /\btypeof\b/.test(text.slice(n.range[0], (n.type === 'LogicalExpression' ? n.left : n.test).range[1]))
    )
      return;
    if (n.type === 'Identifier' && DOM_GLOBALS.has(n.name)) {
      found = true;
      return;
    }
    if (n.type === 'MemberExpression') {
      visit(n.object as Node);
      if (n.computed) visit(n.property as Node);
      return;
    }
    if (n.type === 'Property' && !n.computed) {
      visit(n.value as Node);
      return;
    }
    for (const key of Object.keys(n)) {
      if (key === 'parent' || key === 'range' || key === 'loc') continue;
      const v = (n as unknown as Record<string, unknown>)[key];
      if (Array.isArray(v)) for (const c of v) if (c && typeof (c as Node).type === 'string') visit(c as Node);
      if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as Node).type === 'string') visit(v as Node);
    }
  };
  for (const stmt of ast.body) visit(stmt as Node);
  return found;
}

/**
 * Code that runs in a browser, which no handler rule should judge: a bundle or UMD library, a front-end component
 * (React, Vue, Angular, Svelte…), a file that touches the DOM as it loads, or a file in a folder served to browsers
 * (`public/`, `static/`, `assets/`, `www/`). A file with a
 * Lambda entry, or one that loads a server-only module (fs, http, an AWS SDK client, express), is never browser code.
 */
export function isBrowserCode(file: string, text: string, ast: TSESTree.Program, modules: ReadonlySet<string>): boolean {
  for (const m of modules) if (SERVER_ONLY.test(m)) return false;
  if (conventionalHandlers(ast).length) return false;
  if (BUNDLE_MARKER.test(text)) return true;
  for (const m of modules) if (FRONTEND.test(m)) return true;
  // The walk only finds a DOM global the text spells (an escaped name is looked for by walking).
  if ((DOM_WORDS.test(text) || !literalsAreVerbatim(text)) && usesDomAtLoad(ast, text)) return true;
  return BROWSER_FOLDER.test(file.replace(/\\/g, '/'));
}
