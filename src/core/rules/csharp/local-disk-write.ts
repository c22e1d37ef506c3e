import { walk, type SyntaxNode } from '../../parsers/treesitter';
import { callArgs, csStringHead, enclosingMember, invokedName, receiverOf, simpleType, unparen } from '../../csharp/module';
import { clip, writePathOf, type WritePath } from '../../langs/common';
import type { CsRule, CsRuleContext } from './types';
import { callLabel, forEachCall, range } from './util';

/** `File.<method>` calls that write, with the index of their target path (sync and async forms). */
const FILE_WRITES: Record<string, number> = {
  WriteAllText: 0,
  WriteAllBytes: 0,
  WriteAllLines: 0,
  AppendAllText: 0,
  AppendAllLines: 0,
  Create: 0,
  CreateText: 0,
  AppendText: 0,
  OpenWrite: 0,
  Copy: 1,
  Move: 1,
};
/** The class whose static methods FILE_WRITES lists. */
const FILE_CLASS = 'File';
/** `Directory.CreateDirectory(path)` (and its Async form). */
const DIRECTORY_CREATE = 'CreateDirectory';
const WRITE_MODES = /FileMode\.(Create|CreateNew|Append|OpenOrCreate|Truncate)|FileAccess\.(Write|ReadWrite)/;
/** Types whose construction opens a file for writing, with the path it writes when it does. */
const WRITER_TYPES = new Map<string, (call: SyntaxNode, args: SyntaxNode[]) => SyntaxNode | undefined>([
  // A StreamWriter over a stream writes no file of its own.
  ['StreamWriter', (_call, args) => (args[0] && !/Stream\b|stream/i.test(args[0].text) ? args[0] : undefined)],
  ['FileStream', (call, args) => (WRITE_MODES.test(call.text) ? args[0] : undefined)],
]);

type PathKind = WritePath;

function pathKind(ctx: CsRuleContext, expr: SyntaxNode | undefined, scope: SyntaxNode, depth = 0): PathKind {
  const e = unparen(expr);
  if (!e || depth > 5) return undefined;
  if (/GetTempPath|GetTempFileName|CreateTempSubdirectory/.test(e.text)) return { kind: 'tmp' };
  if (e.type === 'invocation_expression') {
    const name = invokedName(e);
    if (receiverOf(e)?.text === 'Path' && name === 'Combine') return pathKind(ctx, callArgs(e)[0], scope, depth + 1);
    return undefined;
  }
  if (e.type === 'identifier') {
    const local = valueOf(e.text, scope) ?? valueOf(e.text, ctx.root);
    return local ? pathKind(ctx, local, scope, depth + 1) : undefined;
  }
  if (e.type === 'binary_expression') {
    let left = unparen(e.get('left'));
    while (left?.type === 'binary_expression') left = unparen(left.get('left'));
    if (left && left.type === 'identifier') return pathKind(ctx, left, scope, depth + 1);
  }
  return writePathOf(csStringHead(e));
}

function valueOf(name: string, scope: SyntaxNode): SyntaxNode | undefined {
  const values: SyntaxNode[] = [];
  walk(scope, (n) => {
    if (n.type === 'variable_declarator' && n.get('name')?.text === name) {
      const v = n.namedChildren.find((c) => c.field !== 'name');
      if (v) values.push(v);
    }
  });
  return values.length === 1 ? values[0] : undefined;
}

function targetOf(call: SyntaxNode): SyntaxNode | undefined {
  const args = callArgs(call);
  if (call.type === 'object_creation_expression') return WRITER_TYPES.get(simpleType(call.get('type')) ?? '')?.(call, args);
  const owner = receiverOf(call)?.text;
  const name = (invokedName(call) ?? '').replace(/Async$/, '');
  if (owner === FILE_CLASS && name in FILE_WRITES) return args[FILE_WRITES[name]];
  if (owner === 'Directory' && name === DIRECTORY_CREATE) return args[0];
  return undefined;
}

export const csLocalDiskWrite: CsRule = {
  language: 'csharp',
  // Every report is a target targetOf finds: a `new` of a writer type, a call on a receiver written exactly `File` (a
  // whole word in the text) or a Directory call that creates one.
  needs: [...WRITER_TYPES.keys(), `\\b${FILE_CLASS}\\b`, DIRECTORY_CREATE],
  meta: {
    id: 'csharp/local-disk-write',
    category: 'local-disk-write',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        "Lambda's file system is read-only except /tmp: C# code that creates or writes files elsewhere fails there with an UnauthorizedAccessException or IOException.",
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/images-create.html',
    },
    messages: {
      write:
        '{label} writes to `{path}`, but on Lambda only /tmp is writable, so this fails with "Read-only file system". Write under `Path.GetTempPath()` (/tmp, 512 MB to 10 GB of ephemeral storage), or keep data that must outlive the environment in S3 or EFS.',
    },
  },
  check(ctx) {
    forEachCall(ctx, (call, ancestors) => {
      const target = targetOf(call);
      if (!target) return;
      const where = pathKind(ctx, target, enclosingMember(ancestors) ?? ctx.root);
      if (where?.kind !== 'other') return;
      ctx.report({ messageId: 'write', data: { label: callLabel(call), path: clip(where.path) }, at: range(call) });
    });
  },
};
