// Lambda functions declared with the CDK in Java: `Function.Builder.create(this, "Id").runtime(Runtime.JAVA_21)….build()`
// and `new Function(this, "Id", FunctionProps.builder()….build())`, read by the shared tree reader (cdkTree.ts) through
// this syntax: a construct's props are its builder calls.
import type { SyntaxNode } from '../parsers/treesitter';
import type { Unit } from '../types';
import { cFamilyDeclarations, extractCdkTreeUnits, type CdkConstruct, type CdkProp, type CdkSyntax } from './cdkTree';

/** True when the file imports the CDK's Lambda module (`software.amazon.awscdk.services.lambda`). */
export function importsCdkJava(text: string): boolean {
  // The literal first: a line-anchored expression is tried at every line of every file.
  return text.includes('software.amazon.awscdk.services.lambda') && /^\s*import\s+software\.amazon\.awscdk\.services\.lambda\b/m.test(text);
}

const args = (call: SyntaxNode): SyntaxNode[] => call.get('arguments')?.namedChildren ?? [];

/** A builder chain from its last call (`….build()`) down to the first: each method with its arguments. */
function chain(last: SyntaxNode): { name: string; call: SyntaxNode }[] {
  const out: { name: string; call: SyntaxNode }[] = [];
  for (let n: SyntaxNode | undefined = last; n?.type === 'method_invocation'; n = n.get('object')) out.unshift({ name: n.get('name')?.text ?? '', call: n });
  return out;
}

const propsOf = (calls: { name: string; call: SyntaxNode }[]): Map<string, CdkProp> =>
  new Map(
    calls
      .filter((c) => c.name !== 'build' && c.name !== 'builder' && c.name !== 'create' && args(c.call)[0])
      .map((c) => [c.name, { value: args(c.call)[0], range: [c.call.get('name')!.start, c.call.end] as [number, number] }]),
  );

const isBuild = (n: SyntaxNode | undefined) => n?.type === 'method_invocation' && n.get('name')?.text === 'build';

function construct(n: SyntaxNode): CdkConstruct | undefined {
  if (n.type === 'object_creation_expression') {
    const cls = (n.get('type')?.text ?? '').replace(/<.*$/s, '').replace(/^.*\./, '');
    const a = args(n);
    // Props built with `XProps.builder()….build()` or `new XProps.Builder()….build()`.
    const last = a[a.length - 1];
    return { cls, node: n, args: a, props: isBuild(last) ? propsOf(chain(last)) : new Map() };
  }
  if (!isBuild(n)) return undefined;
  const calls = chain(n);
  const first = calls[0];
  const owner = (first?.call.get('object')?.text ?? '').replace(/\s+/g, '');
  // X.Builder.create(this, "Id")….build()
  const built = /(?:^|\.)(\w+)\.Builder$/.exec(owner)?.[1];
  if (first?.name === 'create' && built) return { cls: built, node: n, args: args(first.call), props: propsOf(calls) };
  // XOptions.builder()….build(): a value of props alone (CronOptions, LambdaProxyIntegrationProps).
  const plain = /(?:^|\.)(\w+)$/.exec(owner)?.[1];
  if (first?.name === 'builder' && plain) return { cls: plain, node: n, args: [], props: propsOf(calls) };
  return undefined;
}

/** Getters that name a function by one of its attributes (`fn.getFunctionArn()`), as the TypeScript model's functionNamed. */
const FUNCTION_GETTERS = /^get(?:FunctionArn|FunctionName|CurrentVersion|LatestVersion)$/;

function stringOf(n: SyntaxNode | undefined): string | undefined {
  if (n?.type !== 'string_literal') return undefined;
  const parts = n.namedChildren;
  if (parts.some((p) => p.type !== 'string_fragment')) return parts.length ? undefined : '';
  return parts.map((p) => p.text).join('');
}

const ref = (n: SyntaxNode): string | undefined =>
  n.type === 'identifier' ? n.text : n.type === 'field_access' && n.get('object')?.type === 'this' ? n.get('field')?.text : undefined;

export const JAVA_CDK: CdkSyntax = {
  types: { construct: ['object_creation_expression', 'method_invocation'], call: ['method_invocation'], ref: ['identifier', 'field_access'] },
  construct,
  call(n) {
    if (n.type !== 'method_invocation') return undefined;
    const object = n.get('object');
    return { object: object?.type === 'this' ? undefined : object, name: n.get('name')?.text ?? '', args: args(n) };
  },
  ref,
  attributeOf: (n) => (n.type === 'method_invocation' && FUNCTION_GETTERS.test(n.get('name')?.text ?? '') && !args(n).length ? n.get('object') : undefined),
  string: stringOf,
  number(n) {
    if (n?.type !== 'decimal_integer_literal') return undefined;
    const v = Number(n.text.replace(/_/g, '').replace(/[lL]$/, ''));
    return Number.isFinite(v) ? v : undefined;
  },
  member: (n) => (n?.type === 'field_access' ? n.get('field')?.text : undefined),
  isFalse: (n) => n?.type === 'false',
  environment(n) {
    if (n?.type !== 'method_invocation' || n.get('object')?.text !== 'Map' || n.get('name')?.text !== 'of') return undefined;
    const env: Record<string, unknown> = {};
    const a = args(n);
    for (let i = 0; i + 1 < a.length; i += 2) {
      const k = stringOf(a[i]);
      if (k) env[k] = stringOf(a[i + 1]);
    }
    return env;
  },
  ...cFamilyDeclarations(ref, (d) => d.get('value')),
};

/** Extracts the Lambda functions a Java CDK app (see importsCdkJava) declares. Offsets are the tree's (UTF-16, like the text). */
export function extractCdkJavaUnits(root: SyntaxNode, file: string, lineAt: (offset: number) => number): Unit[] {
  return extractCdkTreeUnits(root, file, lineAt, JAVA_CDK);
}
