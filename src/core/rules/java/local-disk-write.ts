import { walk, type SyntaxNode } from '../../parsers/treesitter';
import { callArgs, enclosingMethod, javaStringHead, simpleType, unparen } from '../../java/module';
import { clip, writePathOf, type WritePath } from '../../langs/common';
import type { JavaRule, JavaRuleContext } from './types';
import { callLabel, forEachCall, range } from './util';

/** `Files.<method>` calls that write, with the index of their target path. */
const FILES_WRITES: Record<string, number> = {
  write: 0,
  writeString: 0,
  newBufferedWriter: 0,
  newOutputStream: 0,
  createFile: 0,
  createDirectory: 0,
  createDirectories: 0,
  copy: 1,
  move: 1,
};
/** Constructors that open a file for writing (their first argument is the file). */
const WRITER_TYPES = new Set(['FileWriter', 'FileOutputStream', 'PrintWriter', 'PrintStream', 'RandomAccessFile']);
/** `file.<method>()` calls that create the file or folder the File object names. */
const FILE_METHODS = new Set(['createNewFile', 'mkdir', 'mkdirs']);
/** `ProcessBuilder` calls that send a process's output to a file (their first argument). */
const REDIRECTS = new Set(['redirectOutput', 'redirectError']);

type PathKind = WritePath;

/** Where a path expression points when the code says so: literals, `Paths.get`/`Path.of`/`new File`, tmp dirs, variables set from them. */
function pathKind(ctx: JavaRuleContext, expr: SyntaxNode | undefined, scope: SyntaxNode, depth = 0): PathKind {
  const e = unparen(expr);
  if (!e || depth > 5) return undefined;
  if (/java\.io\.tmpdir|createTempFile|createTempDirectory|getTempDir/.test(e.text)) return { kind: 'tmp' };
  if (e.type === 'method_invocation') {
    const owner = e.get('object')?.text;
    const name = e.get('name')?.text ?? '';
    if ((owner === 'Paths' && name === 'get') || (owner === 'Path' && name === 'of')) return pathKind(ctx, callArgs(e)[0], scope, depth + 1);
    // `dir.resolve("x")`, `file.toPath()`: the receiver decides.
    if (name === 'resolve' || name === 'toPath' || name === 'toFile' || name === 'getAbsoluteFile') return pathKind(ctx, e.get('object'), scope, depth + 1);
    if (owner === 'String' && name === 'format') return pathKind(ctx, callArgs(e)[0], scope, depth + 1);
    return undefined;
  }
  // `OUT_DIR + "/" + name`: the left end decides.
  if (e.type === 'binary_expression' && e.children.some((c) => !c.named && c.type === '+')) {
    let left = unparen(e.get('left'));
    while (left?.type === 'binary_expression' && left.children.some((c) => !c.named && c.type === '+')) left = unparen(left.get('left'));
    if (left && left.type !== 'string_literal') return pathKind(ctx, left, scope, depth + 1);
  }
  if (e.type === 'object_creation_expression') {
    return simpleType(e.get('type')) === 'File' ? pathKind(ctx, callArgs(e)[0], scope, depth + 1) : undefined;
  }
  if (e.type === 'identifier' || (e.type === 'field_access' && e.get('object')?.type === 'this')) {
    const name = e.type === 'identifier' ? e.text : e.get('field')!.text;
    const local = valueOf(name, scope);
    if (local) return pathKind(ctx, local, scope, depth + 1);
    const field = valueOf(name, ctx.root);
    return field ? pathKind(ctx, field, ctx.root, depth + 1) : undefined;
  }
  return writePathOf(javaStringHead(e));
}

/** The single initial value of a variable or field declared in `scope`. */
function valueOf(name: string, scope: SyntaxNode): SyntaxNode | undefined {
  const values: SyntaxNode[] = [];
  walk(scope, (n) => {
    if (n.type === 'variable_declarator' && n.get('name')?.text === name) {
      const v = n.get('value');
      if (v) values.push(v);
    } else if (n.type === 'assignment_expression' && n.get('left')?.text === name) values.push(n.get('right')!);
  });
  return values.length === 1 ? values[0] : undefined;
}

/** The path a write call targets, or undefined when the call does not write a file. */
function targetOf(ctx: JavaRuleContext, call: SyntaxNode): SyntaxNode | undefined {
  if (call.type === 'object_creation_expression') {
    const type = simpleType(call.get('type')) ?? '';
    if (!WRITER_TYPES.has(type)) return undefined;
    const args = callArgs(call);
    // `new RandomAccessFile(f, "r")` reads; `new PrintWriter(writer)` wraps a stream.
    if (type === 'RandomAccessFile' && !/w/.test(args[1]?.text ?? '')) return undefined;
    if ((type === 'PrintWriter' || type === 'PrintStream') && !/^(new File\b|")/.test(args[0]?.text ?? '') && args[0]?.type !== 'identifier') return undefined;
    return args[0];
  }
  const name = call.get('name')?.text ?? '';
  const owner = call.get('object');
  if (owner?.text === 'Files' && name in FILES_WRITES) {
    const arg = callArgs(call)[FILES_WRITES[name]];
    // `Files.copy(inputStream, target)` and `Files.copy(source, outputStream)`: the target is a path either way.
    return arg;
  }
  if (FILE_METHODS.has(name) && callArgs(call).length === 0 && (ctx.typeOf(owner) === 'File' || owner?.type === 'object_creation_expression')) return owner;
  if (REDIRECTS.has(name) && ctx.typeOf(owner)?.startsWith('ProcessBuilder')) return callArgs(call)[0];
  return undefined;
}

export const javaLocalDiskWrite: JavaRule = {
  language: 'java',
  // Every finding is at a write (targetOf): a WRITER_TYPES constructor (its type name ends any spelling of it), a call
  // on `Files` itself, or a FILE_METHODS or REDIRECTS call by its own name: each is in the text, as a whole identifier.
  needs: [...WRITER_TYPES, 'Files', ...FILE_METHODS, ...REDIRECTS].map((name) => `\\b${name}\\b`),
  meta: {
    id: 'java/local-disk-write',
    category: 'local-disk-write',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'Lambda\'s file system is read-only except /tmp: Java code that creates or writes files elsewhere fails there with an AccessDeniedException or "Read-only file system".',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/images-create.html',
    },
    messages: {
      write:
        '{label} writes to `{path}`, but on Lambda only /tmp is writable, so this fails with "Read-only file system". Write under `System.getProperty("java.io.tmpdir")` (/tmp, 512 MB to 10 GB of ephemeral storage) or `Files.createTempFile`, or keep data that must outlive the environment in S3 or EFS.',
    },
  },
  check(ctx) {
    forEachCall(ctx, (call, ancestors) => {
      const target = targetOf(ctx, call);
      if (!target) return;
      const where = pathKind(ctx, target, enclosingMethod(ancestors) ?? ctx.root);
      if (where?.kind !== 'other') return;
      ctx.report({ messageId: 'write', data: { label: callLabel(call), path: clip(where.path) }, at: range(call) });
    });
  },
};
