import { walk, type SyntaxNode } from '../../parsers/treesitter';
import { callArgs, enclosingFunction, goStringHead, unparen } from '../../go/module';
import { clip, writePathOf, type WritePath } from '../../langs/common';
import type { GoRule, GoRuleContext } from './types';
import { forEachCall, nameNeeds, range } from './util';

/** Calls that create or write files, with the index of their path argument. */
const WRITERS: Record<string, number> = {
  'os.WriteFile': 0,
  'io/ioutil.WriteFile': 0,
  'os.Create': 0,
  'os.Mkdir': 0,
  'os.MkdirAll': 0,
  'os.Rename': 1,
  'os.Symlink': 1,
  'os.Link': 1,
};
/** Opens a file, writing when its flags say so. */
const OPEN_FILE = 'os.OpenFile';
const WRITE_FLAGS = /\bO_(CREATE|WRONLY|RDWR|APPEND|TRUNC)\b/;

type PathKind = WritePath;

/** Where a path expression points, when the code says so: a literal, `/tmp` joins, `os.TempDir()`, a local variable set from them. */
function pathKind(ctx: GoRuleContext, expr: SyntaxNode | undefined, scope: SyntaxNode, depth = 0): PathKind {
  const e = unparen(expr);
  if (!e || depth > 4) return undefined;
  let usesTempDir = false;
  walk(e, (n) => {
    if (n.type === 'call_expression') {
      const q = ctx.qualified(n.get('function'));
      if (q === 'os.TempDir' || q === 'os.MkdirTemp' || q === 'io/ioutil.TempDir') usesTempDir = true;
    }
  });
  if (usesTempDir) return { kind: 'tmp' };
  if (e.type === 'call_expression') {
    const q = ctx.qualified(e.get('function'));
    if (q === 'path/filepath.Join' || q === 'path.Join' || q === 'fmt.Sprintf') return pathKind(ctx, callArgs(e)[0], scope, depth + 1);
    return undefined;
  }
  if (e.type === 'identifier') {
    const local = valueOf(e.text, scope);
    return local ? pathKind(ctx, local, scope, depth + 1) : pathKind(ctx, valueOf(e.text, ctx.root), ctx.root, depth + 1);
  }
  return writePathOf(goStringHead(e));
}

/** The single value a local (or package) variable is given: `p := "/data/out.json"`. */
function valueOf(name: string, scope: SyntaxNode): SyntaxNode | undefined {
  const values: SyntaxNode[] = [];
  walk(scope, (n) => {
    if (n.type === 'short_var_declaration' || n.type === 'assignment_statement') {
      const left = n.get('left')?.namedChildren ?? [];
      const right = n.get('right')?.namedChildren ?? [];
      left.forEach((l, i) => {
        if (l.type === 'identifier' && l.text === name && right.length === left.length) values.push(right[i]);
      });
    } else if (n.type === 'var_spec' || n.type === 'const_spec') {
      const vs = n.get('value')?.namedChildren ?? [];
      n.all('name').forEach((id, i) => {
        if (id.text === name && vs[i]) values.push(vs[i]);
      });
    }
  });
  return values.length === 1 ? values[0] : undefined;
}

export const goLocalDiskWrite: GoRule = {
  language: 'go',
  // Reported only at a call resolved to one of WRITERS or to OPEN_FILE, which is spelled with its name.
  needs: nameNeeds([...Object.keys(WRITERS), OPEN_FILE]),
  meta: {
    id: 'go/local-disk-write',
    category: 'local-disk-write',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description: 'Lambda\'s file system is read-only except /tmp: Go code that creates or writes files elsewhere fails there with "read-only file system".',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/images-create.html',
    },
    messages: {
      write:
        '`{call}` writes to `{path}`, but on Lambda only /tmp is writable, so this fails with "read-only file system". Write under `os.TempDir()` (/tmp, 512 MB to 10 GB of ephemeral storage), or keep data that must outlive the environment in S3 or EFS.',
    },
  },
  check(ctx) {
    forEachCall(ctx, (call, ancestors) => {
      const q = ctx.qualified(call.get('function'));
      if (!q) return;
      const args = callArgs(call);
      let pathArg: SyntaxNode | undefined;
      if (q in WRITERS) pathArg = args[WRITERS[q]];
      else if (q === OPEN_FILE && WRITE_FLAGS.test(args[1]?.text ?? '')) pathArg = args[0];
      if (!pathArg) return;
      const scope = enclosingFunction(ancestors) ?? ctx.root;
      const where = pathKind(ctx, pathArg, scope);
      if (where?.kind !== 'other') return;
      ctx.report({ messageId: 'write', data: { call: `${call.get('function')!.text}(...)`, path: clip(where.path) }, at: range(call) });
    });
  },
};
