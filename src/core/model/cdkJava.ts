// Lambda functions declared with the CDK in Java, read from the tree-sitter tree like the TypeScript CDK model
// (src/core/model/cdk.ts): `Function.Builder.create(this, "Id").runtime(Runtime.JAVA_21).handler("…").build()` and
// `new Function(this, "Id", FunctionProps.builder()….build())`. The app is never run: only literals and the CDK's own
// helpers (Duration, Runtime, Architecture, Map.of) are read.
import type { SyntaxNode } from '../parsers/treesitter';
import type { Unit, UnitEvent } from '../types';
import { splitHandler } from './cloudformation';
import { CDK_EVENT_SOURCES, cdkRuntimeId, finishUnit, maskEnvironment } from './runtimes';

const FUNCTION_CLASSES = new Set(['Function', 'SingletonFunction', 'DockerImageFunction']);
/** Builder methods read into unit fields; the others are listed in `otherSettings`. */
const MODELLED = new Set([
  'runtime',
  'handler',
  'code',
  'timeout',
  'memorySize',
  'architecture',
  'environment',
  'functionName',
  'events',
  'build',
  'create',
  'builder',
]);
/** Builder methods → the unit fields they set (for positions of findings about a field). */
const FIELD_OF: Record<string, string> = { timeout: 'timeoutSeconds', memorySize: 'memoryMB' };

/** True when the file imports the CDK's Lambda module (`software.amazon.awscdk.services.lambda`). */
export function importsCdkJava(text: string): boolean {
  return /^\s*import\s+software\.amazon\.awscdk\.services\.lambda\b/m.test(text);
}

function walk(n: SyntaxNode, visit: (n: SyntaxNode) => void): void {
  const stack = [n];
  while (stack.length) {
    const cur = stack.pop()!;
    visit(cur);
    for (let i = cur.children.length - 1; i >= 0; i--) stack.push(cur.children[i]);
  }
}

const args = (call: SyntaxNode): SyntaxNode[] => call.get('arguments')?.namedChildren ?? [];

function stringOf(n: SyntaxNode | undefined): string | undefined {
  if (n?.type !== 'string_literal') return undefined;
  const parts = n.namedChildren;
  if (parts.some((p) => p.type !== 'string_fragment')) return parts.length ? undefined : '';
  return parts.map((p) => p.text).join('');
}

function numberOf(n: SyntaxNode | undefined): number | undefined {
  if (n?.type !== 'decimal_integer_literal') return undefined;
  const v = Number(n.text.replace(/_/g, '').replace(/[lL]$/, ''));
  return Number.isFinite(v) ? v : undefined;
}

/** The member a `Runtime.JAVA_21` / `Architecture.ARM_64` expression names. */
const memberName = (n: SyntaxNode | undefined): string | undefined => (n?.type === 'field_access' ? n.get('field')?.text : undefined);

/** `Duration.seconds(30)`, `Duration.minutes(5)` → seconds. */
function durationOf(n: SyntaxNode | undefined): number | undefined {
  if (n?.type !== 'method_invocation' || n.get('object')?.text !== 'Duration') return undefined;
  const v = numberOf(args(n)[0]);
  const factor: Record<string, number> = { millis: 0.001, seconds: 1, minutes: 60, hours: 3600 };
  const f = factor[n.get('name')?.text ?? ''];
  return v === undefined || f === undefined ? undefined : v * f;
}

/** A builder chain from its last call (`….build()`) down to the first: each method with its arguments. */
function chain(last: SyntaxNode): { name: string; call: SyntaxNode }[] {
  const out: { name: string; call: SyntaxNode }[] = [];
  for (let n: SyntaxNode | undefined = last; n?.type === 'method_invocation'; n = n.get('object')) out.unshift({ name: n.get('name')?.text ?? '', call: n });
  return out;
}

/** Extracts the Lambda functions a Java CDK app (see importsCdkJava) declares. Offsets are the tree's (UTF-16, like the text). */
export function extractCdkJavaUnits(root: SyntaxNode, file: string, lineAt: (offset: number) => number): Unit[] {
  const units: Unit[] = [];
  const byVar = new Map<string, Unit>();
  const build = (at: SyntaxNode, cls: string, id: string | undefined, calls: { name: string; call: SyntaxNode }[]) => {
    const fieldRanges: NonNullable<Unit['fieldRanges']> = {};
    const arg = (name: string): SyntaxNode | undefined => {
      const c = calls.find((x) => x.name === name);
      if (c) fieldRanges[FIELD_OF[name] ?? name] = [c.call.get('name')!.start, c.call.end];
      return c ? args(c.call)[0] : undefined;
    };
    const runtimeMember = memberName(arg('runtime'));
    const handler = stringOf(arg('handler'));
    const code = arg('code');
    const codeUri =
      code?.type === 'method_invocation' && /^(fromAsset|fromDockerBuild|fromAssetImage)$/.test(code.get('name')?.text ?? '')
        ? stringOf(args(code)[0])
        : undefined;
    // `Code.fromInline("exports.handler = …")`, `new InlineCode(…)`: code written in the app, which no one reads.
    const inlineCode =
      (code?.type === 'method_invocation' && code.get('name')?.text === 'fromInline') ||
      (code?.type === 'object_creation_expression' && /(^|\.)InlineCode$/.test(code.get('type')?.text ?? ''));
    const env: Record<string, unknown> = {};
    const envArg = arg('environment');
    if (envArg?.type === 'method_invocation' && /^Map$/.test(envArg.get('object')?.text ?? '') && envArg.get('name')?.text === 'of') {
      const a = args(envArg);
      for (let i = 0; i + 1 < a.length; i += 2) {
        const k = stringOf(a[i]);
        if (k) env[k] = stringOf(a[i + 1]);
      }
    }
    const events: UnitEvent[] = [];
    const eventsArg = arg('events');
    if (eventsArg) {
      walk(eventsArg, (n) => {
        const type = n.type === 'object_creation_expression' ? CDK_EVENT_SOURCES[n.get('type')?.text ?? ''] : undefined;
        if (type) events.push({ type, detail: args(n)[0]?.text ?? n.get('type')!.text });
      });
    }
    const timeout = durationOf(arg('timeout'));
    const memory = numberOf(arg('memorySize'));
    const arch = memberName(arg('architecture'));
    const name = stringOf(arg('functionName')) ?? id ?? `function@${lineAt(at.start)}`;
    const other = calls.map((c) => c.name).filter((n) => !MODELLED.has(n));
    const unit: Unit = {
      kind: 'lambda-function',
      name,
      file,
      line: lineAt(at.start),
      source: 'cdk',
      runtime: runtimeMember ? cdkRuntimeId(runtimeMember) : undefined,
      handler,
      handlerExport: handler ? splitHandler(handler)?.exportName : undefined,
      codeUri,
      ...(inlineCode ? { inlineCode } : {}),
      timeoutSeconds: timeout,
      memoryMB: memory,
      architecture: arch ? (arch === 'ARM_64' ? 'arm64' : 'x86_64') : undefined,
      events,
      environment: Object.keys(env).length ? maskEnvironment(env) : undefined,
      packageType: cls === 'DockerImageFunction' ? 'Image' : undefined,
      otherSettings: other.length ? [...new Set(other)].sort() : undefined,
      range: [at.start, at.end],
      fieldRanges,
      readiness: {},
    };
    finishUnit(unit);
    units.push(unit);
    // `Function orders = Function.Builder.create(…)…build();` — later `orders.addEventSource(…)` adds a trigger.
    const decl = at.parent?.type === 'variable_declarator' ? at.parent.get('name')?.text : undefined;
    if (decl) byVar.set(decl, unit);
  };
  walk(root, (n) => {
    // Function.Builder.create(this, "Id")….build()
    if (n.type === 'method_invocation' && n.get('name')?.text === 'build') {
      const calls = chain(n);
      const first = calls[0];
      const owner = first?.call.get('object')?.text ?? '';
      const cls = /(?:^|\.)(\w+)\.Builder$/.exec(owner)?.[1];
      if (first?.name === 'create' && cls && FUNCTION_CLASSES.has(cls)) build(n, cls, stringOf(args(first.call)[1]), calls);
      return;
    }
    // new Function(this, "Id", FunctionProps.builder()….build())
    if (n.type === 'object_creation_expression') {
      const cls = n.get('type')?.text ?? '';
      const a = args(n);
      if (!FUNCTION_CLASSES.has(cls) || a.length < 3 || a[2].type !== 'method_invocation') return;
      const calls = chain(a[2]);
      if (calls[0]?.name !== 'builder') return;
      build(n, cls, stringOf(a[1]), calls);
    }
  });
  // orders.addEventSource(new SqsEventSource(queue));
  walk(root, (n) => {
    if (n.type !== 'method_invocation' || n.get('name')?.text !== 'addEventSource') return;
    const u = byVar.get(n.get('object')?.text ?? '');
    const src = args(n)[0];
    const type = src?.type === 'object_creation_expression' ? CDK_EVENT_SOURCES[src.get('type')?.text ?? ''] : undefined;
    if (!u || !type) return;
    u.fieldRanges![`events.${u.events.length}`] = [n.start, n.end];
    u.events.push({ type, detail: args(src)[0]?.text ?? type });
  });
  return units;
}
