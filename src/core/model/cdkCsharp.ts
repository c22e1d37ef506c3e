// Lambda functions declared with the CDK in C#: `new Function(this, "Id", new FunctionProps { Runtime = Runtime.DOTNET_8,
// Handler = "…", Code = Code.FromAsset("…") })`, read by the shared tree reader (cdkTree.ts) through this syntax: a
// construct's props are the object initialiser of its props argument (or its own), keyed in camelCase.
import type { SyntaxNode } from '../parsers/treesitter';
import type { Unit } from '../types';
import { cFamilyDeclarations, extractCdkTreeUnits, type CdkConstruct, type CdkProp, type CdkSyntax } from './cdkTree';

/** True when the file uses the CDK's Lambda namespace (`using Amazon.CDK.AWS.Lambda;`). */
export function importsCdkCsharp(text: string): boolean {
  // The literal first: a line-anchored expression is tried at every line of every file.
  return text.includes('Amazon.CDK.AWS.Lambda') && /^\s*using\s+(?:\w+\s*=\s*)?Amazon\.CDK\.AWS\.Lambda\b/m.test(text);
}

const camel = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The expressions of an argument list (`argument` nodes hold them, after a `name:` when named). */
function args(n: SyntaxNode | undefined): SyntaxNode[] {
  return (n?.namedChildren ?? []).map((a) => {
    const inner = a.namedChildren.filter((c) => c.type !== 'name_colon');
    return inner[inner.length - 1] ?? a;
  });
}

/** The last identifier of a type (`Function`, `Lambda.Function`, `Dictionary<string, string>`). */
function typeName(n: SyntaxNode | undefined): string {
  if (!n) return '';
  if (n.type === 'generic_name') return n.namedChildren[0]?.text ?? '';
  if (n.type === 'qualified_name') return typeName(n.get('name'));
  return n.text;
}

/** `new X { K = v, … }`: the object initialiser's assignments, keyed in camelCase. */
/** A creation's `{ … }`: its `initializer` field, or the unnamed initialiser of a target-typed `new() { … }`. */
const initializerOf = (n: SyntaxNode | undefined) => n?.get('initializer') ?? n?.children.find((c) => c.type === 'initializer_expression');

function initialiserProps(n: SyntaxNode | undefined): Map<string, CdkProp> {
  const out = new Map<string, CdkProp>();
  const init = initializerOf(n);
  for (const a of init?.namedChildren ?? []) {
    const left = a.type === 'assignment_expression' ? a.get('left') : undefined;
    const right = a.get('right');
    if (left?.type === 'identifier' && right) out.set(camel(left.text), { value: right, range: [a.start, a.end] });
  }
  return out;
}

const isCreation = (n: SyntaxNode | undefined) => n?.type === 'object_creation_expression' || n?.type === 'implicit_object_creation_expression';

function construct(n: SyntaxNode): CdkConstruct | undefined {
  if (!isCreation(n)) return undefined;
  const a = args(n.get('arguments'));
  const last = a[a.length - 1];
  // Props given as `new FunctionProps { … }` (or `new() { … }`), else the construct's own initialiser.
  const props = isCreation(last) && initializerOf(last) ? initialiserProps(last) : initialiserProps(n);
  return { cls: typeName(n.get('type')), node: n, args: a, props };
}

/** `this` (a keyword the tree may keep as the member access's expression, or leave out). */
const isThis = (n: SyntaxNode | undefined) => !n || n.type === 'this' || n.type === 'this_expression';

const ATTRIBUTES = new Set(['FunctionArn', 'FunctionName', 'CurrentVersion', 'LatestVersion']);

/** `x`, or a member of the class itself (`this.x`, written `x` too). */
function ref(n: SyntaxNode): string | undefined {
  if (n.type === 'identifier') return n.text;
  if (n.type === 'member_access_expression' && isThis(n.get('expression'))) return n.get('name')?.text;
  return undefined;
}

function stringOf(n: SyntaxNode | undefined): string | undefined {
  if (n?.type === 'verbatim_string_literal') return n.text.slice(2, -1).replace(/""/g, '"');
  if (n?.type !== 'string_literal') return undefined;
  const parts = n.namedChildren;
  if (parts.some((p) => p.type !== 'string_literal_content')) return parts.length ? undefined : '';
  return parts.map((p) => p.text).join('');
}

export const CSHARP_CDK: CdkSyntax = {
  types: {
    construct: ['object_creation_expression', 'implicit_object_creation_expression'],
    call: ['invocation_expression'],
    ref: ['identifier', 'member_access_expression'],
  },
  construct,
  call(n) {
    if (n.type !== 'invocation_expression') return undefined;
    const f = n.get('function');
    const a = args(n.get('arguments'));
    if (f?.type === 'identifier') return { name: camel(f.text), args: a };
    if (f?.type !== 'member_access_expression') return undefined;
    const object = f.get('expression');
    return { object: isThis(object) ? undefined : object, name: camel(f.get('name')?.text ?? ''), args: a };
  },
  ref,
  attributeOf: (n) => (n.type === 'member_access_expression' && ATTRIBUTES.has(n.get('name')?.text ?? '') ? n.get('expression') : undefined),
  string: stringOf,
  number(n) {
    if (n?.type !== 'integer_literal') return undefined;
    const v = Number(n.text.replace(/_/g, '').replace(/[uUlL]+$/, ''));
    return Number.isFinite(v) ? v : undefined;
  },
  member: (n) => (n?.type === 'member_access_expression' ? n.get('name')?.text : undefined),
  isFalse: (n) => n?.type === 'boolean_literal' && n.text === 'false',
  environment(n) {
    const init = isCreation(n) ? initializerOf(n) : undefined;
    if (!init) return undefined;
    const env: Record<string, unknown> = {};
    for (const e of init.namedChildren) {
      // `{ "K", "v" }` and `["K"] = "v"`
      const [k, v] =
        e.type === 'initializer_expression'
          ? [stringOf(e.namedChildren[0]), e.namedChildren[1]]
          : e.type === 'assignment_expression' && e.get('left')?.type === 'element_binding_expression'
            ? [stringOf(args(e.get('left'))[0]), e.get('right')]
            : [undefined, undefined];
      if (k) env[k] = stringOf(v);
    }
    return env;
  },
  // A declarator's value follows its name; `=> expr` bodies return their expression.
  ...cFamilyDeclarations(
    ref,
    (d) => d.namedChildren.find((c) => c.field !== 'name'),
    camel,
    (m) => m.namedChildren.find((c) => c.type === 'arrow_expression_clause')?.namedChildren[0],
  ),
};

/** Extracts the Lambda functions a C# CDK app (see importsCdkCsharp) declares. Offsets are the tree's (UTF-16, like the text). */
export function extractCdkCsharpUnits(root: SyntaxNode, file: string, lineAt: (offset: number) => number): Unit[] {
  return extractCdkTreeUnits(root, file, lineAt, CSHARP_CDK);
}
