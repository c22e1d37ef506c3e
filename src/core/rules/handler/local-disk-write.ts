import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, type Node, walkTypes } from '../../js/ast';
import { constInits, stringPrefix, stripTs } from '../../js/flow';
import { resolveRef, type Binding } from '../../js/module';
import { isLocalOnly } from '../../js/scope';
import type { Fix, TextEdit } from '../../types';
import type { JsRule } from '../types';

const FS_MODULES = new Set(['fs', 'fs/promises', 'fs-extra', 'graceful-fs', 'mkdirp', 'make-dir', 'write-file-atomic']);
/** Write operations and the index of the argument that names the destination. */
const WRITE_OPS: Record<string, number> = {
  writeFile: 0,
  writeFileSync: 0,
  appendFile: 0,
  appendFileSync: 0,
  createWriteStream: 0,
  mkdir: 0,
  mkdirSync: 0,
  mkdtemp: 0,
  mkdtempSync: 0,
  rename: 1,
  renameSync: 1,
  copyFile: 1,
  copyFileSync: 1,
  cp: 1,
  cpSync: 1,
  symlink: 1,
  symlinkSync: 1,
  outputFile: 0,
  outputFileSync: 0,
  outputJson: 0,
  outputJsonSync: 0,
  writeJson: 0,
  writeJsonSync: 0,
  ensureDir: 0,
  ensureDirSync: 0,
  ensureFile: 0,
  ensureFileSync: 0,
  mkdirp: 0,
  mkdirpSync: 0,
  copy: 1,
  copySync: 1,
  move: 1,
  moveSync: 1,
};

type Where = { kind: 'tmp' } | { kind: 'local'; desc: string } | { kind: 'unknown' };

/** Decides where a path expression points, without evaluating anything: /tmp, somewhere local, or unknown. */
function classifyPath(expr: Node | undefined, bindings: Map<string, Binding>, consts: Map<string, Node>, text: string, depth = 0): Where {
  const n = stripTs(expr);
  if (!n || depth > 6) return { kind: 'unknown' };
  const src = text.slice(n.range[0], n.range[1]);
  const short = src.length > 50 ? `${src.slice(0, 47)}...` : src;
  const s = stringPrefix(n);
  if (s !== undefined) {
    if (n.type === 'TemplateLiteral' && s === '' && n.expressions.length) return classifyPath(n.expressions[0] as Node, bindings, consts, text, depth + 1);
    if (s === '/tmp' || s.startsWith('/tmp/')) return { kind: 'tmp' };
    // Device and proc paths (`/dev/stdout`, `/dev/null`, `/proc/self/fd/1`) are writable on Lambda too.
    if (s === ':memory:' || s === '' || s.startsWith('/dev/') || s.startsWith('/proc/')) return { kind: 'unknown' };
    return { kind: 'local', desc: `\`${short}\`` };
  }
  if (n.type === 'Identifier') {
    if (n.name === '__dirname' || n.name === '__filename') return { kind: 'local', desc: `\`${n.name}\` (the deployment package, read-only on Lambda)` };
    const init = consts.get(n.name);
    return init ? classifyPath(init, bindings, consts, text, depth + 1) : { kind: 'unknown' };
  }
  if (n.type === 'MemberExpression') {
    const p = memberPath(n);
    if (p?.join('.') === 'import.meta.dirname' || p?.join('.') === 'import.meta.filename')
      return { kind: 'local', desc: '`import.meta.dirname` (the deployment package)' };
    return { kind: 'unknown' };
  }
  if (n.type === 'CallExpression') {
    const ref = resolveRef(n.callee as Node, bindings);
    const last = ref?.path[ref.path.length - 1];
    if (ref?.module === 'os' && last === 'tmpdir') return { kind: 'tmp' };
    const p = memberPath(n.callee as Node);
    if (p?.join('.') === 'process.cwd') return { kind: 'local', desc: '`process.cwd()` (the deployment package, read-only on Lambda)' };
    if (ref?.module === 'path' && (last === 'join' || last === 'resolve' || last === 'normalize') && n.arguments.length) {
      // `path.resolve` restarts at the last absolute segment; `join` is decided by the first.
      const args = n.arguments as Node[];
      const first = classifyPath(args[0], bindings, consts, text, depth + 1);
      if (last === 'resolve') {
        for (let i = args.length - 1; i >= 0; i--) {
          const a = stringPrefix(args[i]);
          if (a !== undefined && a.startsWith('/')) return a === '/tmp' || a.startsWith('/tmp/') ? { kind: 'tmp' } : { kind: 'local', desc: `\`${short}\`` };
        }
      }
      if (first.kind === 'local') return { kind: 'local', desc: `\`${short}\`` };
      return first;
    }
    return { kind: 'unknown' };
  }
  return { kind: 'unknown' };
}

/** Local stores that write a database file next to the code. */
function storeCall(node: TSESTree.NewExpression | TSESTree.CallExpression, bindings: Map<string, Binding>): string | undefined {
  const ref = resolveRef(node.callee as Node, bindings);
  if (!ref) return undefined;
  const last = ref.path[ref.path.length - 1];
  if (ref.module === 'sqlite3' && last === 'Database') return 'a SQLite database';
  if (ref.module === 'better-sqlite3' && (ref.path.length === 0 || last === 'default')) return 'a SQLite database';
  // `node:sqlite` is `sqlite` once normalised: its `DatabaseSync`, and the sqlite package's `open`.
  if (ref.module === 'sqlite' && (last === 'open' || last === 'DatabaseSync')) return 'a SQLite database';
  if (
    (ref.module === 'level' || ref.module === 'classic-level') &&
    (ref.path.length === 0 || last === 'Level' || last === 'ClassicLevel' || last === 'default')
  )
    return 'a LevelDB store';
  if (ref.module === 'lowdb' && last === 'JSONFile') return 'a lowdb JSON file';
  if (ref.module === 'nedb' || ref.module === '@seald-io/nedb') return 'an NeDB file';
  return undefined;
}

export const localDiskWrite: JsRule = {
  language: 'js',
  // The fs modules (fs, fs/promises, fs-extra, graceful-fs, mkdirp, make-dir, write-file-atomic) and the local stores,
  // each as a whole module specifier in quotes: every write is a call resolved through an import or require.
  needs: [
    '[`\'"](?:node:)?(?:fs|fs/promises|fs-extra|graceful-fs|mkdirp|make-dir|write-file-atomic|sqlite3?|better-sqlite3|level|classic-level|lowdb|nedb|@seald-io/nedb)[`\'"]',
  ],
  meta: {
    id: 'handler/local-disk-write',
    category: 'local-disk-write',
    severity: 'error',
    direction: 'to-lambda',
    docs: {
      description: "Lambda's filesystem is read-only except /tmp; writes anywhere else fail with EROFS.",
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/images-create.html',
    },
    messages: {
      write:
        "`{op}` writes to {where}, but Lambda's filesystem is read-only outside /tmp, so this fails with EROFS. Write under `os.tmpdir()` (ephemeral, per environment) or to S3/EFS for data that must last.",
      store:
        "{store} at {where} needs a writable local file, but Lambda's filesystem is read-only outside /tmp and /tmp is per environment. Use DynamoDB/RDS, or put the file under `os.tmpdir()` only for a disposable cache.",
    },
    fixable: true,
  },
  check(ctx) {
    const { bindings } = ctx.modules;
    const consts = constInits(ctx.ast);
    walkTypes(ctx.ast, ['CallExpression', 'NewExpression'], (node, ancestors) => {
      if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return;
      const store = storeCall(node, bindings);
      if (store) {
        const w = classifyPath(node.arguments[0] as Node | undefined, bindings, consts, ctx.text);
        if (w.kind === 'local' && !isLocalOnly(node, ancestors)) {
          ctx.report({
            messageId: 'store',
            data: { store: store[0].toUpperCase() + store.slice(1), where: w.desc },
            at: node,
            fix: tmpFix(ctx.ast, ctx.text, bindings, node.arguments[0] as Node),
          });
        }
        return;
      }
      if (node.type !== 'CallExpression') return;
      const ref = resolveRef(node.callee as Node, bindings);
      if (!ref) return;
      let op = ref.path[ref.path.length - 1];
      if (ref.module === 'mkdirp' && (ref.path.length === 0 || op === 'default' || op === 'sync')) op = 'mkdirp';
      if (ref.module === 'make-dir' && (ref.path.length === 0 || op === 'default')) op = 'mkdirp';
      if (ref.module === 'write-file-atomic' && (ref.path.length === 0 || op === 'sync')) op = 'writeFile';
      const fromFs = FS_MODULES.has(ref.module) || (ref.module === 'fs' && ref.path[0] === 'promises');
      if (!fromFs || !op || !(op in WRITE_OPS)) return;
      const arg = node.arguments[WRITE_OPS[op]] as Node | undefined;
      const w = classifyPath(arg, bindings, consts, ctx.text);
      if (w.kind !== 'local') return;
      if (isLocalOnly(node, ancestors)) return;
      const opText = (memberPath(node.callee as Node) ?? [op]).join('.');
      ctx.report({ messageId: 'write', data: { op: opText, where: w.desc }, at: node, fix: tmpFix(ctx.ast, ctx.text, bindings, arg!) });
    });
  },
};

/** A local binding of a core module (`os`, `path`) usable as `<name>.fn()`, if the file has one. */
function namespaceBinding(bindings: Map<string, Binding>, module: string): string | undefined {
  for (const [name, b] of bindings) if (b.module === module && (b.path.length === 0 || (b.path.length === 1 && b.path[0] === 'default'))) return name;
  return undefined;
}

/**
 * Literal path → `path.join(os.tmpdir(), '<basename>')`; `path.join(__dirname|process.cwd(), …)` → `path.join(os.tmpdir(), …)`.
 * Missing `os`/`path` imports are added only when the file's module style is unambiguous and the names are free.
 */
function tmpFix(ast: TSESTree.Program, text: string, bindings: Map<string, Binding>, arg: Node): Fix | undefined {
  const n = stripTs(arg);
  if (!n) return undefined;
  let osName = namespaceBinding(bindings, 'os');
  let pathName = namespaceBinding(bindings, 'path');
  const edits: TextEdit[] = [];
  const lit =
    n.type === 'Literal' && typeof n.value === 'string'
      ? n.value
      : n.type === 'TemplateLiteral' && n.expressions.length === 0
        ? (n.quasis[0].value.cooked ?? undefined)
        : undefined;
  let needPath = false;
  if (lit !== undefined) {
    const base = lit.replace(/\/+$/, '').split('/').pop();
    if (!base || base === '.' || base === '..') return undefined;
    needPath = true;
    edits.push({ start: n.range[0], end: n.range[1], newText: `\0PATH.join(\0OS.tmpdir(), ${JSON.stringify(base).replace(/^"|"$/g, "'")})` });
  } else if (n.type === 'CallExpression' && n.arguments.length >= 2) {
    const ref = resolveRef(n.callee as Node, bindings);
    const first = stripTs(n.arguments[0] as Node)!;
    const isPkgDir =
      (first.type === 'Identifier' && first.name === '__dirname') ||
      memberPath(first.type === 'CallExpression' ? (first.callee as Node) : first)?.join('.') === 'process.cwd';
    if (ref?.module !== 'path' || ref.path[ref.path.length - 1] !== 'join' || !isPkgDir) return undefined;
    edits.push({ start: first.range[0], end: first.range[1], newText: '\0OS.tmpdir()' });
  } else return undefined;
  const isEsm = ast.body.some((s) => s.type === 'ImportDeclaration' || s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration');
  const usedNames = new Set<string>();
  walkTypes(ast, ['Identifier'], (x) => {
    if (x.type === 'Identifier') usedNames.add(x.name);
  });
  const imports: string[] = [];
  const addImport = (name: string, mod: string): string | undefined => {
    if (usedNames.has(name)) return undefined;
    imports.push(isEsm ? `import * as ${name} from 'node:${mod}';\n` : `const ${name} = require('node:${mod}');\n`);
    return name;
  };
  if (!osName) osName = addImport('os', 'os');
  if (needPath && !pathName) pathName = addImport('path', 'path');
  if (!osName || (needPath && !pathName)) return undefined;
  for (const e of edits) e.newText = e.newText.replace(/\0OS/g, osName).replace(/\0PATH/g, pathName ?? 'path');
  if (imports.length) {
    // After the last top-level import/require, or after a directive prologue ('use strict'), or at the very top.
    let at = 0;
    for (const s of ast.body) {
      const isImport =
        s.type === 'ImportDeclaration' || (s.type === 'VariableDeclaration' && s.declarations.some((d) => d.init && resolveRef(d.init as Node, new Map())));
      const isDirective = s.type === 'ExpressionStatement' && 'directive' in s && s.directive;
      if (isImport || isDirective) at = lineEnd(text, s.range[1]);
      else break;
    }
    edits.push({ start: at, end: at, newText: imports.join('') });
  }
  return { description: 'Write under os.tmpdir() instead (the only writable path on Lambda)', edits };
}

function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i + 1;
}
