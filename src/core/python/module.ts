import { nodesOfTypes } from '../parsers/treesitter';
import { unparen, type PyNode } from './ast';

/** What a Python file imports and binds, so rules can match calls by their real module path whatever the aliases. */
export interface PyModuleInfo {
  /** Local name → dotted qualified name: `np` → `numpy`, `Thread` → `threading.Thread`, `futures` → `concurrent.futures`. */
  bindings: Map<string, string>;
  /** Every imported module path (`concurrent.futures`, `mangum`, `.utils`). */
  modules: Set<string>;
  /** Module paths of import statements that run at module level, with the statement, for the cold-start rule. */
  moduleLevelImports: { module: string; node: PyNode }[];
  /** Module-path candidates, relative to the importing file's folder, that the workspace join resolves against known files. */
  relativeImports: string[];
  /** Variable (or `self.x`) → qualified name of the callable that produced its value: `app` → `flask.Flask`. */
  instances: Map<string, string>;
}

// Standard-library and SDK top-level modules: never files of the project, so not worth an import-graph candidate.
const NOT_IN_PROJECT = new Set(
  (
    'abc argparse array ast asyncio atexit base64 binascii bisect builtins bz2 calendar cgi codecs collections concurrent ' +
    'configparser contextlib contextvars copy csv ctypes dataclasses datetime decimal difflib dis email enum errno fcntl ' +
    'fnmatch fractions ftplib functools gc getpass gettext glob gzip hashlib heapq hmac html http imaplib importlib inspect ' +
    'io ipaddress itertools json keyword logging lzma mailbox math mimetypes multiprocessing numbers operator os pathlib ' +
    'pickle platform pprint queue random re sched secrets select selectors shelve shlex shutil signal smtplib socket ' +
    'socketserver sqlite3 ssl stat statistics string struct subprocess sys sysconfig tarfile tempfile textwrap threading ' +
    'time timeit tomllib traceback types typing unicodedata unittest urllib uuid warnings weakref xml zipfile zlib zoneinfo ' +
    '__future__ boto3 botocore typing_extensions'
  ).split(' '),
);

// Names Python resolves without an import; a local binding of the same name wins.
const BUILTINS = new Set(['open', 'print', '__import__', 'exec', 'eval', 'input', 'globals']);

function dotted(n: PyNode | undefined): string | undefined {
  return n?.type === 'dotted_name' ? n.namedChildren.map((c) => c.text).join('.') : undefined;
}

/** `from ..a.b import c` → { level: 2, path: 'a.b' }. */
function relativeModule(n: PyNode): { level: number; path: string } {
  const prefix = n.children.find((c) => c.type === 'import_prefix');
  return { level: prefix ? prefix.text.length : 0, path: dotted(n.children.find((c) => c.type === 'dotted_name')) ?? '' };
}

function toSpec(level: number, path: string): string {
  const up = level <= 1 ? './' : '../'.repeat(level - 1);
  return (up + path.split('.').filter(Boolean).join('/')).replace(/\/$/, '') || '.';
}

function isModuleLevelNode(n: PyNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition') return false;
  return true;
}

export function collectPyModuleInfo(root: PyNode): PyModuleInfo {
  const info: PyModuleInfo = { bindings: new Map(), modules: new Set(), moduleLevelImports: [], relativeImports: [], instances: new Map() };
  const specs = new Set<string>();
  const addSpec = (s: string) => {
    if (s !== '.' && s !== './') specs.add(s);
  };
  const classes: PyNode[] = [];
  // From the type index, in walk order (imports hold no classes or imports).
  for (const n of nodesOfTypes(root, ['import_statement', 'import_from_statement', 'class_definition'])) {
    if (n.type === 'import_statement') {
      for (const item of n.all('name')) {
        const name = item.type === 'aliased_import' ? dotted(item.get('name')) : dotted(item);
        if (!name) continue;
        info.modules.add(name);
        if (isModuleLevelNode(n)) info.moduleLevelImports.push({ module: name, node: n });
        if (item.type === 'aliased_import') info.bindings.set(item.get('alias')!.text, name);
        else info.bindings.set(name.split('.')[0], name.split('.')[0]);
        // Lambda puts the code root on sys.path, so `import utils` may be an in-project module.
        if (!NOT_IN_PROJECT.has(name.split('.')[0])) addSpec(toSpec(1, name));
      }
      continue;
    }
    if (n.type === 'import_from_statement') {
      const modNode = n.get('module_name');
      if (!modNode) continue;
      const rel = modNode.type === 'relative_import' ? relativeModule(modNode) : { level: 0, path: dotted(modNode) ?? '' };
      const base = rel.level ? '.'.repeat(rel.level) + rel.path : rel.path;
      info.modules.add(base);
      if (isModuleLevelNode(n)) info.moduleLevelImports.push({ module: base, node: n });
      const specLevel = rel.level || 1;
      const inProject = rel.level > 0 || !NOT_IN_PROJECT.has(rel.path.split('.')[0]);
      if (rel.path && inProject) addSpec(toSpec(specLevel, rel.path));
      for (const item of n.all('name')) {
        const name = item.type === 'aliased_import' ? dotted(item.get('name')) : dotted(item);
        if (!name) continue;
        const local = item.type === 'aliased_import' ? item.get('alias')!.text : name;
        info.bindings.set(local, base.endsWith('.') ? base + name : `${base}.${name}`);
        // `from . import utils` and `from pkg import mod` may name a submodule rather than an attribute (classes,
        // capitalised by convention, never are).
        if (inProject && !/^[A-Z]/.test(name)) addSpec(toSpec(specLevel, rel.path ? `${rel.path}.${name}` : name));
      }
      continue;
    }
    classes.push(n);
  }
  // A class deriving from a known class is matched like its base (`class Worker(threading.Thread)`).
  for (const c of classes) {
    const name = c.get('name')?.text;
    const supers = c.get('superclasses');
    if (!name || !supers || info.bindings.has(name)) continue;
    for (const s of supers.namedChildren) {
      const q = qualifiedName(s, info.bindings);
      if (q) {
        info.bindings.set(name, q);
        break;
      }
    }
  }
  for (const n of nodesOfTypes(root, ['assignment', 'as_pattern'])) {
    let target: PyNode | undefined;
    let value: PyNode | undefined;
    if (n.type === 'assignment') {
      target = n.get('left');
      value = n.get('right');
    } else if (n.type === 'as_pattern') {
      value = n.namedChildren[0];
      target = n.get('alias')?.namedChildren[0];
    }
    if (!target || !value || (target.type !== 'identifier' && target.type !== 'attribute')) continue;
    let v = unparen(value);
    if (v?.type === 'await') v = unparen(v.namedChildren[0]);
    if (v?.type !== 'call') continue;
    const q = typeOfExpr(v, info);
    if (q) info.instances.set(target.text, q);
  }
  info.relativeImports = [...specs];
  return info;
}

/** The dotted name an expression refers to, through import bindings: `np.array` → `numpy.array`. */
export function qualifiedName(node: PyNode | undefined, bindings: Map<string, string>): string | undefined {
  const n = unparen(node);
  if (!n) return undefined;
  if (n.type === 'identifier') return bindings.get(n.text) ?? (BUILTINS.has(n.text) ? n.text : undefined);
  if (n.type === 'attribute') {
    const obj = qualifiedName(n.get('object'), bindings);
    const attr = n.get('attribute')?.text;
    return obj && attr ? `${obj}.${attr}` : undefined;
  }
  return undefined;
}

/**
 * What produced a value: for a call, the callee's qualified name (`Flask(__name__)` → `flask.Flask`); for a name,
 * the call it was assigned from. Method calls on known instances are kept as `<type>.<method>`
 * (`grpc.server(...)` → `grpc.server`; `app.test_client()` → `flask.Flask.test_client`).
 */
export function typeOfExpr(node: PyNode | undefined, info: PyModuleInfo): string | undefined {
  const n = unparen(node);
  if (!n) return undefined;
  if (n.type === 'identifier' || n.type === 'attribute') {
    const inst = info.instances.get(n.text);
    if (inst) return inst;
    if (n.type === 'attribute') {
      const objType = typeOfExpr(n.get('object'), info);
      if (objType) return `${objType}.${n.get('attribute')!.text}`;
    }
    return undefined;
  }
  if (n.type === 'call') {
    const fn = n.get('function');
    return qualifiedName(fn, info.bindings) ?? typeOfExpr(fn, info);
  }
  return undefined;
}

/** True when any imported module is `name` or inside it (`mangum`, `aws_lambda_powertools.logging`). */
export function importsModule(info: PyModuleInfo, names: ReadonlySet<string>): boolean {
  for (const m of info.modules) {
    const top = m.split('.')[0];
    if (names.has(m) || names.has(top)) return true;
  }
  return false;
}
