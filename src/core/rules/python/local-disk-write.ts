import { callArgs, parameterNames, stringHead, stringPrefix, stringValue, unparen, walk, type PyNode } from '../../python/ast';
import type { Fix } from '../../types';
import type { PyRule, PyRuleContext } from './types';
import { forEachCall, lastName, range } from './util';

/** `mount`: under /mnt, writable on Lambda only where the function mounts a file system (EFS) there. */
type PathKind = 'tmp' | 'local' | 'mount' | undefined;

const OPENERS = new Set(['open', 'io.open', 'codecs.open', 'os.open', 'gzip.open', 'bz2.open', 'lzma.open']);
const COPIERS = new Set(['shutil.copy', 'shutil.copy2', 'shutil.copyfile', 'shutil.copytree', 'shutil.move', 'os.rename', 'os.replace']);
const DIR_MAKERS = new Set(['os.makedirs', 'os.mkdir']);
const PATH_WRITERS = new Set(['write_text', 'write_bytes', 'touch', 'mkdir']);
const FRAME_WRITERS = new Set(['to_csv', 'to_parquet', 'to_excel', 'to_pickle', 'to_feather', 'savefig']);
const LOG_FILES = new Set([
  'logging.FileHandler',
  'logging.handlers.RotatingFileHandler',
  'logging.handlers.TimedRotatingFileHandler',
  'logging.handlers.WatchedFileHandler',
]);
const PATH_CTORS = new Set([
  'pathlib.Path',
  'pathlib.PurePath',
  'pathlib.PosixPath',
  'str',
  'os.path.join',
  'os.path.abspath',
  'os.path.normpath',
  'os.path.realpath',
  'os.path.dirname',
  'os.fspath',
]);
const LOCAL_DIRS = new Set(['os.getcwd', 'pathlib.Path.cwd', 'pathlib.Path.home', 'os.path.expanduser']);

/** Where a literal path points: /tmp (and Lambda's EFS mounts or devices) is writable; anything else is read-only on Lambda. */
function literalKind(path: string): PathKind {
  if (path === '' || path === ':memory:' || path.startsWith('file::memory:')) return 'tmp';
  if (/^\/tmp(\/|$)/.test(path) || /^\/(dev|proc)\//.test(path) || path === '/dev/null') return 'tmp';
  if (/^\/mnt\/./.test(path)) return 'mount';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return undefined; // s3://, https://: not a local file
  if (/^[%{]/.test(path)) return undefined; // a format string whose folder is a placeholder
  return 'local';
}

/** The expression a name was last assigned from, in the enclosing function or else at module level. */
function definitionOf(ctx: PyRuleContext, name: string, at: PyNode): PyNode | undefined {
  const scopes: PyNode[] = [];
  let fn: PyNode | undefined;
  for (let p = at.parent; p; p = p.parent)
    if (p.type === 'function_definition') {
      fn = p;
      break;
    }
  if (fn) scopes.push(fn);
  scopes.push(ctx.root);
  for (const scope of scopes) {
    let found: PyNode | undefined;
    walk(scope, (n) => {
      if (scope === ctx.root && n.type === 'function_definition') return 'skip';
      if (n.start > at.start) return 'skip';
      if (n.type === 'assignment' && n.get('left')?.type === 'identifier' && n.get('left')!.text === name) found = n.get('right');
      if (n.type === 'as_pattern' && n.get('alias')?.namedChildren[0]?.text === name) found = n.namedChildren[0];
      if (n.type === 'for_statement' && n.get('left')?.text === name) found = undefined;
    });
    if (found) return found;
    // A parameter of the enclosing function: its value comes from the caller.
    if (scope === fn && fn.get('parameters')?.text.match(new RegExp(`\\b${name}\\b`))) return undefined;
  }
  return undefined;
}

function pathKind(ctx: PyRuleContext, node: PyNode | undefined, depth = 0): PathKind {
  const n = unparen(node);
  if (!n || depth > 6) return undefined;
  const v = stringValue(n);
  if (v !== undefined) return literalKind(v);
  if (n.type === 'string' || n.type === 'concatenated_string') {
    const head = stringHead(n) ?? '';
    if (head !== '') return literalKind(head);
    // f"{BASE_DIR}/out.csv": the folder is whatever the first interpolation is.
    const str = n.type === 'concatenated_string' ? n.namedChildren[0] : n;
    const first = str?.namedChildren.find((c) => c.type !== 'string_start');
    return first?.type === 'interpolation' ? pathKind(ctx, first.get('expression'), depth + 1) : undefined;
  }
  // The code's own folder (LAMBDA_TASK_ROOT) is read-only.
  if (n.type === 'identifier' && n.text === '__file__') return 'local';
  if (n.type === 'identifier') {
    const def = definitionOf(ctx, n.text, n);
    return def ? pathKind(ctx, def, depth + 1) : undefined;
  }
  if (n.type === 'binary_operator') return pathKind(ctx, n.get('left'), depth + 1);
  if (n.type === 'attribute') {
    // `tmp.name` of a NamedTemporaryFile, `Path(...).parent`
    return pathKind(ctx, n.get('object'), depth + 1) === 'tmp' ? 'tmp' : undefined;
  }
  if (n.type === 'call') {
    const fn = n.get('function');
    const q = ctx.qualified(fn);
    if (q?.startsWith('tempfile.')) return 'tmp';
    if (q && LOCAL_DIRS.has(q)) return 'local';
    if (q && PATH_CTORS.has(q)) return pathKind(ctx, n.get('arguments')?.namedChildren[0], depth + 1);
    if (fn?.type === 'attribute') {
      const method = fn.get('attribute')?.text;
      if (method === 'joinpath' || method === 'with_name' || method === 'with_suffix' || method === 'resolve')
        return pathKind(ctx, fn.get('object'), depth + 1);
    }
  }
  return undefined;
}

/**
 * A path that comes in as a parameter: the argument a caller in this module passes for it (or the parameter's
 * default), when that is a path outside /tmp. `def save(rows, path): open(path, "w")` … `save(rows, "out/rows.csv")`.
 */
function callerPath(ctx: PyRuleContext, target: PyNode | undefined): { arg: PyNode; caller?: PyNode } | undefined {
  const id = pathRoot(ctx, target);
  if (id?.type !== 'identifier') return undefined;
  let fn: PyNode | undefined;
  for (let p = id.parent; p; p = p.parent)
    if (p.type === 'function_definition') {
      fn = p;
      break;
    }
  if (!fn) return undefined;
  const params = parameterNames(fn);
  const index = params.indexOf(id.text);
  if (index < 0) return undefined;
  // Reassigned inside the function: the parameter's value is not what reaches the write.
  let reassigned = false;
  walk(fn.get('body')!, (n) => {
    if (n.type === 'assignment' && n.get('left')?.text === id.text && n.start < id.start) reassigned = true;
  });
  if (reassigned) return undefined;
  const param = fn
    .get('parameters')
    ?.namedChildren.find((p) => (p.type === 'default_parameter' || p.type === 'typed_default_parameter') && p.get('name')?.text === id.text);
  const fallback = param?.get('value');
  if (fallback && pathKind(ctx, fallback, 1) === 'local') return { arg: fallback };
  const name = fn.get('name')?.text;
  if (!name) return undefined;
  const isMethod = fn.parent?.parent?.type === 'class_definition' || fn.parent?.parent?.parent?.type === 'class_definition';
  const shift = isMethod && /^(self|cls)$/.test(params[0] ?? '') ? 1 : 0;
  let found: { arg: PyNode; caller: PyNode } | undefined;
  walk(ctx.root, (n) => {
    if (found || n.type !== 'call') return;
    const callee = n.get('function');
    const matches = isMethod ? callee?.type === 'attribute' && callee.get('attribute')?.text === name : callee?.type === 'identifier' && callee.text === name;
    if (!matches) return;
    const args = callArgs(n);
    if (args.spread) return;
    const arg = args.keywords.get(id.text) ?? args.positional[index - shift];
    if (arg && pathKind(ctx, arg, 1) === 'local') found = { arg, caller: n };
  });
  return found;
}

/** The name a path is built on: `path`, `f"{out_dir}/x.csv"`, `out_dir + "/x"`, `os.path.join(out_dir, "x")`. */
function pathRoot(ctx: PyRuleContext, node: PyNode | undefined): PyNode | undefined {
  let n = unparen(node);
  for (let i = 0; n && i < 4 && n.type !== 'identifier'; i++) {
    if (n.type === 'string') {
      const first = n.children.find((c) => c.type !== 'string_start');
      n = first?.type === 'interpolation' ? unparen(first.get('expression')) : undefined;
    } else if (n.type === 'binary_operator') n = unparen(n.get('left'));
    else if (n.type === 'call' && PATH_CTORS.has(ctx.qualified(n.get('function')) ?? '')) n = unparen(n.get('arguments')?.namedChildren[0]);
    else return undefined;
  }
  return n?.type === 'identifier' ? n : undefined;
}

/** Options after which a command names the file it writes. `-o` is output for most tools, but not for these. */
const OUTPUT_FLAGS = /^(--?output(-file|-dir|-path)?|--out(file|dir|-dir)?|-out)$/;
const DASH_O_IS_NOT_OUTPUT = new Set([
  'ssh',
  'scp',
  'sftp',
  'mount',
  'unzip',
  'rsync',
  'ps',
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'ag',
  'lsblk',
  'df',
  'top',
  'find',
  'git',
]);
const RUNNERS = new Set([
  'subprocess.run',
  'subprocess.call',
  'subprocess.check_call',
  'subprocess.check_output',
  'subprocess.Popen',
  'os.system',
  'os.popen',
  'asyncio.create_subprocess_exec',
  'asyncio.create_subprocess_shell',
]);

/** A command's words: list elements, or a command string split on spaces (interpolations become a single `\0`). */
function commandWords(call: PyNode, q: string): { text?: string; node?: PyNode }[] | undefined {
  const args = callArgs(call);
  const first = unparen(args.keywords.get('args') ?? args.keywords.get('cmd') ?? args.positional[0]);
  if (!first) return undefined;
  if (q === 'asyncio.create_subprocess_exec') return args.positional.map((a) => ({ text: stringValue(a), node: a }));
  if (first.type === 'list' || first.type === 'tuple') return first.namedChildren.map((a) => ({ text: stringValue(a), node: a }));
  if (first.type !== 'string') return undefined;
  let line = '';
  for (const c of first.children) {
    if (c.type === 'string_content' || c.type === 'escape_sequence') line += c.text;
    else if (c.type === 'interpolation') line += '\0';
  }
  return line
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => ({ text: w.includes('\0') ? undefined : w.replace(/^["']|["']$/g, '') }));
}

/** The output file a child process is told to write (`-o out.pdf`, `--output=out/`), when it is outside /tmp. */
function childOutput(ctx: PyRuleContext, call: PyNode, q: string): { flag: string; path: string; tool: string } | undefined {
  const words = commandWords(call, q);
  if (!words?.length) return undefined;
  const tool = (words[0].text ?? '').split('/').pop() ?? '';
  for (let i = 0; i < words.length; i++) {
    const w = words[i].text;
    if (!w) continue;
    const eq = /^(--?[\w-]+)=(.*)$/.exec(w);
    const flag = eq ? eq[1] : w;
    const isOutput = OUTPUT_FLAGS.test(flag) || (flag === '-o' && !DASH_O_IS_NOT_OUTPUT.has(tool));
    if (!isOutput) continue;
    const value = eq ? { text: eq[2], node: undefined } : words[i + 1];
    if (!value) continue;
    const kind = value.text !== undefined ? (value.text === '-' ? undefined : literalKind(value.text)) : value.node ? pathKind(ctx, value.node) : undefined;
    if (kind === 'local') return { flag, path: value.text ?? value.node!.text, tool: tool || 'the command' };
  }
  return undefined;
}

function isWriteMode(mode: PyNode | undefined, opener: string): boolean {
  if (opener === 'os.open') {
    // os.open(path, os.O_WRONLY | os.O_CREAT)
    return !!mode && /O_(WRONLY|RDWR|CREAT|APPEND)/.test(mode.text);
  }
  const m = mode ? stringValue(mode) : 'r';
  return m !== undefined && /[wax+]/.test(m);
}

/** Offset after which import lines go: after the last top-level import, else before the first statement (after a docstring). */
function importInsertion(ctx: PyRuleContext): { at: number; before: string; after: string } {
  const stmts = ctx.root.namedChildren.filter((s) => s.type !== 'comment');
  const imports = stmts.filter((s) => s.type === 'import_statement' || s.type === 'import_from_statement' || s.type === 'future_import_statement');
  if (imports.length) return { at: imports[imports.length - 1].end, before: '\n', after: '' };
  const first = stmts[0];
  if (!first) return { at: ctx.text.length, before: ctx.text.endsWith('\n') || !ctx.text ? '' : '\n', after: '\n' };
  const isDocstring = first.type === 'expression_statement' && first.namedChildren[0]?.type === 'string';
  if (isDocstring) return { at: first.end, before: '\n', after: '' };
  return { at: first.start, before: '', after: '\n' };
}

/** Replace a literal path with `os.path.join(tempfile.gettempdir(), '<name>')`, adding the imports it needs. */
function tmpFix(ctx: PyRuleContext, literal: PyNode, value: string): Fix | undefined {
  const name = value.replace(/\/+$/, '').split('/').pop();
  if (!name || name === '.' || name === '..' || /['"\\]/.test(name)) return undefined;
  const quote = literal.children.find((c) => c.type === 'string_start')?.text.replace(/^[a-zA-Z]+/, '') || "'";
  const edits = [{ start: literal.start, end: literal.end, newText: `os.path.join(tempfile.gettempdir(), ${quote}${name}${quote})` }];
  const missing = ['os', 'tempfile'].filter((m) => ctx.module.bindings.get(m) !== m);
  if (missing.length) {
    const ins = importInsertion(ctx);
    const lines = missing.map((m) => `import ${m}`).join('\n');
    edits.push({ start: ins.at, end: ins.at, newText: `${ins.before}${lines}${ins.after}` });
  }
  return { description: `Write to ${name} under the temporary directory (/tmp on Lambda)`, edits };
}

/**
 * The pre-filter's literals: every report is at a call whose callee's last name is in the text, in the call or in the
 * import that binds it (`open`, `from os import makedirs`, `.to_csv`, `logging.FileHandler`); for `shutil` and
 * `subprocess`, whose last names are common words (`copy`, `run`), the module's name, which the import holds.
 */
const NEEDS = [
  ...new Set(
    [
      ...OPENERS,
      ...COPIERS,
      ...DIR_MAKERS,
      ...PATH_WRITERS,
      ...FRAME_WRITERS,
      ...LOG_FILES,
      ...RUNNERS,
      'sqlite3.connect',
      'dbm.open',
      'shelve.open',
      'logging.basicConfig',
    ].map((q) => (/^(shutil|subprocess)\./.test(q) ? q.split('.')[0] : q.slice(q.lastIndexOf('.') + 1))),
  ),
];

export const pyLocalDiskWrite: PyRule = {
  language: 'python',
  needs: NEEDS,
  meta: {
    id: 'python/local-disk-write',
    category: 'local-disk-write',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description: "Lambda's file system is read-only except /tmp, which is per environment and temporary: writes anywhere else fail.",
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/images-create.html',
    },
    messages: {
      write:
        '{what} writes to `{path}`, but on Lambda only /tmp is writable, so this raises an OSError (read-only file system). Write under `tempfile.gettempdir()` and copy results to S3 if they must outlive the invocation.',
      param:
        '{what} writes to `{param}`, and `{caller}` (line {line}) passes `{path}`, which is not under /tmp: on Lambda only /tmp is writable, so this raises an OSError (read-only file system). Pass a path under `tempfile.gettempdir()`, and copy results to S3 if they must outlive the invocation.',
      paramDefault:
        '{what} writes to `{param}`, which defaults to `{path}`, not under /tmp: on Lambda only /tmp is writable, so this raises an OSError (read-only file system). Default to a path under `tempfile.gettempdir()`, and copy results to S3 if they must outlive the invocation.',
      child:
        '`{call}` has `{tool}` write its output to `{path}` (`{flag}`), which is not under /tmp: on Lambda only /tmp is writable, so the command fails with a read-only file system error. Point `{flag}` at a path under `tempfile.gettempdir()`, and copy the result to S3 if it must outlive the invocation.',
      database:
        '`{what}` opens a database file at `{path}`: outside /tmp it cannot be written on Lambda, and inside /tmp it is private to one environment and lost when it is recycled. Use DynamoDB or RDS, or EFS if the file must be shared.',
      mount:
        '{what} writes to `{path}`, under /mnt, which is writable on Lambda only where the function mounts a file system (EFS file_system_config / FileSystemConfigs) at that path, and none is mounted there. Mount EFS at that path, or write under `tempfile.gettempdir()` and copy results to S3.',
      log: "`{what}` writes a log file at `{path}`, which fails on Lambda's read-only file system. Log to stdout/stderr (the default handler), which Lambda sends to CloudWatch Logs.",
    },
    fixable: true,
    hasSuggestions: true,
  },
  check(ctx) {
    forEachCall(ctx, (call) => {
      const fn = call.get('function');
      const q = ctx.qualified(fn);
      const args = callArgs(call);
      let target: PyNode | undefined;
      let messageId = 'write';
      let what = `\`${fn!.text}(...)\``;
      if (q && OPENERS.has(q)) {
        if (!isWriteMode(args.keywords.get(q === 'os.open' ? 'flags' : 'mode') ?? args.positional[1], q)) return;
        target = args.keywords.get('file') ?? args.positional[0];
      } else if (q && COPIERS.has(q)) {
        target = args.keywords.get('dst') ?? args.positional[1];
      } else if (q && DIR_MAKERS.has(q)) {
        target = args.keywords.get('name') ?? args.keywords.get('path') ?? args.positional[0];
      } else if (q === 'sqlite3.connect' || q === 'dbm.open' || q === 'shelve.open') {
        target = args.keywords.get('database') ?? args.positional[0];
        messageId = 'database';
        what = fn!.text;
      } else if (q && LOG_FILES.has(q)) {
        target = args.keywords.get('filename') ?? args.positional[0];
        messageId = 'log';
        what = lastName(q)!;
      } else if (q === 'logging.basicConfig') {
        target = args.keywords.get('filename');
        messageId = 'log';
        what = 'logging.basicConfig(filename=...)';
      } else if (q && RUNNERS.has(q)) {
        const out = childOutput(ctx, call, q);
        if (out)
          ctx.report({
            messageId: 'child',
            data: { call: `${fn!.text}(...)`, tool: out.tool, flag: out.flag, path: out.path.length > 60 ? `${out.path.slice(0, 57)}...` : out.path },
            at: range(call),
          });
        return;
      } else if (fn?.type === 'attribute') {
        const method = fn.get('attribute')?.text ?? '';
        const receiver = fn.get('object')!;
        if (PATH_WRITERS.has(method) || (method === 'open' && isWriteMode(args.keywords.get('mode') ?? args.positional[0], 'open'))) {
          // Only pathlib objects have these methods with these meanings; the receiver must be a known path expression.
          const rk = pathKind(ctx, receiver);
          if (rk === 'mount') {
            reportMount(ctx, call, `\`.${method}()\``, literalInside(receiver) ?? receiver);
            return;
          }
          if (rk !== 'local') return;
          const lit = literalInside(receiver);
          reportWrite(ctx, call, receiver, `\`.${method}()\``, lit);
          return;
        }
        if (FRAME_WRITERS.has(method)) {
          target = args.keywords.get('path_or_buf') ?? args.keywords.get('path') ?? args.keywords.get('fname') ?? args.positional[0];
          if (!target || stringValue(target) === undefined) return;
          what = `\`.${method}()\``;
        } else return;
      } else return;
      if (!target) return;
      const kind = pathKind(ctx, target);
      if (kind === undefined && messageId === 'write') {
        const from = callerPath(ctx, target);
        if (from) {
          const line = from.caller ? ctx.text.slice(0, from.caller.start).split('\n').length : undefined;
          ctx.report({
            messageId: from.caller ? 'param' : 'paramDefault',
            data: {
              what,
              param: unparen(target)!.text,
              path: shortPath(from.arg),
              caller: from.caller ? `${from.caller.get('function')!.text}(...)` : '',
              line: line ?? '',
            },
            at: range(call),
          });
        }
        return;
      }
      if (kind === 'mount') {
        reportMount(ctx, call, what, unparen(target)!);
        return;
      }
      if (kind !== 'local') return;
      if (messageId === 'write') reportWrite(ctx, call, target, what, unparen(target));
      else ctx.report({ messageId, data: { what, path: shortPath(target) }, at: range(call) });
    });
  },
};

/** A write under /mnt: the join keeps it unless every owning function mounts a file system over that path. */
function reportMount(ctx: PyRuleContext, call: PyNode, what: string, target: PyNode): void {
  const head = stringValue(target) ?? stringHead(target) ?? '';
  ctx.report({ messageId: 'mount', data: { what, path: shortPath(target) }, at: range(call), unlessMounted: head.startsWith('/mnt/') ? head : '/mnt/' });
}

/** The string literal a `Path('...')`-style receiver is built from, for the fix. */
function literalInside(n: PyNode): PyNode | undefined {
  let cur = unparen(n);
  while (cur?.type === 'call') cur = unparen(cur.get('arguments')?.namedChildren[0]);
  return cur?.type === 'string' ? cur : undefined;
}

function shortPath(n: PyNode): string {
  const v = stringValue(n);
  const t = v ?? n.text;
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

function reportWrite(ctx: PyRuleContext, call: PyNode, target: PyNode, what: string, literal: PyNode | undefined): void {
  const value = literal && literal.type === 'string' && !stringPrefix(literal).includes('f') ? stringValue(literal) : undefined;
  const fix = literal && value !== undefined ? tmpFix(ctx, literal, value) : undefined;
  // A bare file name keeps its meaning under /tmp; a path with folders may need them created, so that is only offered.
  const bare = value !== undefined && !value.includes('/');
  ctx.report({
    messageId: 'write',
    data: { what, path: shortPath(literal ?? target) },
    at: range(call),
    fix: bare ? fix : undefined,
    suggestions: !bare && fix ? [fix] : undefined,
  });
}
