import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, stringValue, type Node, walkTypes } from '../js/ast';
import { resolveRef, type ModuleInfo } from '../js/module';
import type { Unit, UnitEvent } from '../types';
import { splitHandler } from './cloudformation';
import { cdkRuntimeId, finishUnit, lineOf, maskEnvironment } from './runtimes';

const FUNCTION_CLASSES = new Set(['Function', 'NodejsFunction', 'PythonFunction', 'DockerImageFunction', 'SingletonFunction']);
const CDK_MODULE = /^(aws-cdk-lib|@aws-cdk\/)/;

/** Cheap gate: only files that import the CDK are walked. */
export function importsCdk(modules: ModuleInfo): boolean {
  for (const m of modules.modules) if (CDK_MODULE.test(m)) return true;
  return false;
}

type Range = [number, number];

/** What a CDK class reference resolves to (last segment), when it comes from the CDK. */
function cdkClass(node: Node, modules: ModuleInfo): string | undefined {
  const b = resolveRef(node, modules.bindings);
  if (!b || !CDK_MODULE.test(b.module)) return undefined;
  return b.path[b.path.length - 1];
}

function unwrap(node: Node): Node {
  while (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression' || node.type === 'TSSatisfiesExpression') node = node.expression;
  return node;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Top-level `const X = <literal>` so `timeout: Duration.seconds(TIMEOUT)` can be read. */
function constants(ast: TSESTree.Program): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const st of ast.body) {
    const decl = st.type === 'ExportNamedDeclaration' ? st.declaration : st;
    if (decl?.type !== 'VariableDeclaration' || decl.kind !== 'const') continue;
    for (const d of decl.declarations) if (d.id.type === 'Identifier' && d.init) out.set(d.id.name, d.init);
  }
  return out;
}

/** Extracts Lambda functions declared with CDK constructs in a TS/JS file, with their triggers. Never runs the code. */
export function extractCdkUnits(ast: TSESTree.Program, modules: ModuleInfo, text: string, file: string): Unit[] {
  if (!importsCdk(modules)) return [];
  const consts = constants(ast);
  const numberOf = (n: Node | undefined): number | undefined => {
    if (!n) return undefined;
    n = unwrap(n);
    if (n.type === 'Literal' && typeof n.value === 'number') return n.value;
    if (n.type === 'Identifier' && consts.has(n.name)) return numberOf(consts.get(n.name));
    return undefined;
  };
  const stringOf = (n: Node | undefined): string | undefined => {
    if (!n) return undefined;
    n = unwrap(n);
    const s = stringValue(n);
    if (s !== undefined) return s;
    if (n.type === 'Identifier' && consts.has(n.name)) return stringOf(consts.get(n.name));
    // path.join(__dirname, '../lambda', 'x.ts') / path.resolve(...) → a path relative to this file
    if (n.type === 'CallExpression') {
      const callee = memberPath(n.callee)?.join('.');
      if (callee === 'path.join' || callee === 'path.resolve' || callee === 'join' || callee === 'resolve') {
        const parts = n.arguments.map((a) => (a.type === 'Identifier' && a.name === '__dirname' ? '.' : stringOf(a as Node)));
        return parts.every((p) => p !== undefined) ? parts.join('/') : undefined;
      }
    }
    return undefined;
  };
  /** `Duration.seconds(30)`, `cdk.Duration.minutes(15)`, `Duration.hours(1)` → seconds. */
  const durationOf = (n: Node | undefined): { seconds: number; text: string } | undefined => {
    if (!n) return undefined;
    n = unwrap(n);
    if (n.type === 'Identifier' && consts.has(n.name)) return durationOf(consts.get(n.name));
    if (n.type !== 'CallExpression') return undefined;
    const path = memberPath(n.callee);
    if (!path || path[path.length - 2] !== 'Duration') return undefined;
    const v = numberOf(n.arguments[0] as Node);
    if (v === undefined) return undefined;
    const unit = path[path.length - 1];
    const factor = unit === 'seconds' ? 1 : unit === 'minutes' ? 60 : unit === 'hours' ? 3600 : unit === 'days' ? 86400 : unit === 'millis' ? 0.001 : undefined;
    if (factor === undefined) return undefined;
    const word = unit === 'millis' ? 'millisecond' : unit.replace(/s$/, '');
    return { seconds: v * factor, text: plural(v, word) };
  };
  const sizeMB = (n: Node | undefined): number | undefined => {
    if (!n) return undefined;
    n = unwrap(n);
    if (n.type !== 'CallExpression') return undefined;
    const path = memberPath(n.callee);
    const v = numberOf(n.arguments[0] as Node);
    if (!path || v === undefined) return undefined;
    const unit = path[path.length - 1];
    return unit === 'mebibytes' ? v : unit === 'gibibytes' ? v * 1024 : undefined;
  };
  const scheduleOf = (n: Node | undefined): string | undefined => {
    if (!n) return undefined;
    n = unwrap(n);
    if (n.type !== 'CallExpression') return undefined;
    const path = memberPath(n.callee);
    if (!path || path[path.length - 2] !== 'Schedule') return undefined;
    const kind = path[path.length - 1];
    const arg = n.arguments[0] as Node | undefined;
    if (kind === 'expression') return stringOf(arg);
    if (kind === 'rate') {
      const d = durationOf(arg);
      if (!d) return undefined;
      const m = /^(\d+) (\w+)$/.exec(d.text);
      return m ? `rate(${m[1]} ${m[2]})` : undefined;
    }
    if (kind === 'cron' && arg?.type === 'ObjectExpression') {
      const o: Record<string, string> = {};
      for (const p of arg.properties) if (p.type === 'Property' && p.key.type === 'Identifier') o[p.key.name] = stringOf(p.value as Node) ?? '*';
      // CDK's defaults: unset fields are `*`, except that day and weekDay can't both be `*`.
      const day = o.day ?? (o.weekDay ? '?' : '*');
      const weekDay = o.weekDay ?? '?';
      return `cron(${o.minute ?? '*'} ${o.hour ?? '*'} ${day} ${o.month ?? '*'} ${weekDay} ${o.year ?? '*'})`;
    }
    return undefined;
  };

  const units: Unit[] = [];
  const byVar = new Map<string, Unit>();
  const unitForExpr = (n: Node | undefined): Unit | undefined => {
    if (!n) return undefined;
    const path = memberPath(unwrap(n));
    return path ? byVar.get(path.join('.')) : undefined;
  };
  // Pass 1: function constructs.
  walkTypes(ast, ['NewExpression'], (node, ancestors) => {
    if (node.type !== 'NewExpression') return;
    const cls = cdkClass(node.callee, modules);
    if (!cls || !FUNCTION_CLASSES.has(cls)) return;
    const id = stringOf(node.arguments[1] as Node);
    const props = node.arguments[2] ? unwrap(node.arguments[2] as Node) : undefined;
    const fieldRanges: Record<string, Range> = {};
    const prop = (key: string, as?: string): Node | undefined => {
      if (props?.type !== 'ObjectExpression') return undefined;
      for (const p of props.properties) {
        if (p.type === 'Property' && ((p.key.type === 'Identifier' && p.key.name === key) || stringValue(p.key as Node) === key)) {
          if (as) fieldRanges[as] = p.value.range;
          return p.value as Node;
        }
      }
      return undefined;
    };
    const runtimeNode = prop('runtime', 'runtime');
    const runtimePath = runtimeNode ? memberPath(unwrap(runtimeNode)) : undefined;
    let runtime = runtimePath ? cdkRuntimeId(runtimePath[runtimePath.length - 1]) : undefined;
    if (!runtime && cls === 'NodejsFunction') runtime = undefined; // the construct picks a default; unknown here
    let handler = stringOf(prop('handler', 'handler'));
    const entry = stringOf(prop('entry', 'entry'));
    let codeUri: string | undefined;
    const codeNode = prop('code');
    if (codeNode && unwrap(codeNode).type === 'CallExpression') {
      const call = unwrap(codeNode) as TSESTree.CallExpression;
      const p = memberPath(call.callee);
      if (p && p[p.length - 1] === 'fromAsset') codeUri = stringOf(call.arguments[0] as Node);
    }
    let entryPoints: string[] | undefined;
    if (cls === 'NodejsFunction' && entry) {
      const exportName = handler ?? 'handler';
      const clean = entry.replace(/(^|\/)\.(?=\/)/g, '$1').replace(/^\/+/, '').replace(/\/{2,}/g, '/');
      handler = `${clean.replace(/\.[cm]?[jt]sx?$/, '')}.${exportName}`;
      entryPoints = [clean];
    } else if (cls === 'PythonFunction' && entry) {
      codeUri = entry;
      const index = stringOf(prop('index')) ?? 'index.py';
      handler = `${index.replace(/\.py$/, '')}.${handler ?? 'handler'}`;
    }
    const timeout = durationOf(prop('timeout', 'timeoutSeconds'));
    const envNode = prop('environment');
    const env: Record<string, unknown> = {};
    if (envNode?.type === 'ObjectExpression') {
      for (const p of envNode.properties) {
        if (p.type !== 'Property') continue;
        const k = p.key.type === 'Identifier' ? p.key.name : stringValue(p.key as Node);
        if (k) env[k] = stringOf(p.value as Node);
      }
    }
    const archPath = (() => {
      const a = prop('architecture');
      return a ? memberPath(unwrap(a)) : undefined;
    })();
    const memory = numberOf(prop('memorySize', 'memoryMB'));
    const unit: Unit = {
      kind: 'lambda-function',
      name: id ?? `function@${lineOf(text, node.range[0])}`,
      file,
      line: lineOf(text, node.range[0]),
      source: 'cdk',
      runtime,
      handler,
      handlerExport: handler ? splitHandler(handler)?.exportName : undefined,
      codeUri,
      entryPoints,
      timeoutSeconds: timeout?.seconds,
      memoryMB: memory,
      ephemeralStorageMB: sizeMB(prop('ephemeralStorageSize', 'ephemeralStorageMB')),
      architecture: archPath ? (archPath[archPath.length - 1] === 'ARM_64' ? 'arm64' : 'x86_64') : undefined,
      events: [],
      environment: Object.keys(env).length ? maskEnvironment(env) : undefined,
      reservedConcurrency: numberOf(prop('reservedConcurrentExecutions', 'reservedConcurrency')),
      packageType: cls === 'DockerImageFunction' ? 'Image' : undefined,
      range: [node.range[0], node.range[1]],
      fieldRanges,
      readiness: {},
    };
    if (timeout) fieldRanges.timeoutSeconds = prop('timeout')!.range;
    finishUnit(unit);
    units.push(unit);
    const parent = ancestors[ancestors.length - 1];
    if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') byVar.set(parent.id.name, unit);
    else if (parent?.type === 'AssignmentExpression') {
      const p = memberPath(parent.left);
      if (p) byVar.set(p.join('.'), unit);
    } else if (parent?.type === 'PropertyDefinition' && parent.key.type === 'Identifier') byVar.set(`this.${parent.key.name}`, unit);
  });
  if (!units.length) return units;

  const addEvent = (u: Unit | undefined, e: UnitEvent, at: Range) => {
    if (!u) return;
    u.fieldRanges![`events.${u.events.length}`] = at;
    u.events.push(e);
  };
  const lambdaTargets = (n: Node | undefined): Unit[] => {
    if (!n) return [];
    n = unwrap(n);
    if (n.type === 'ArrayExpression') return n.elements.flatMap((el) => (el ? lambdaTargets(el as Node) : []));
    if (n.type === 'NewExpression' && cdkClass(n.callee, modules) === 'LambdaFunction') {
      const u = unitForExpr(n.arguments[0] as Node);
      return u ? [u] : [];
    }
    return [];
  };
  const rules = new Map<string, { schedule?: string; pattern: boolean }>();
  // Pass 2: triggers (event sources, rules, API integrations).
  walkTypes(ast, ['NewExpression', 'CallExpression'], (node, ancestors) => {
    if (node.type === 'NewExpression') {
      const cls = cdkClass(node.callee, modules);
      if (cls === 'Rule') {
        const props = node.arguments[2] ? unwrap(node.arguments[2] as Node) : undefined;
        let schedule: string | undefined;
        let targets: Node | undefined;
        let pattern = false;
        if (props?.type === 'ObjectExpression') {
          for (const p of props.properties) {
            if (p.type !== 'Property' || p.key.type !== 'Identifier') continue;
            if (p.key.name === 'schedule') schedule = scheduleOf(p.value as Node) ?? 'schedule (not a literal)';
            if (p.key.name === 'targets') targets = p.value as Node;
            if (p.key.name === 'eventPattern') pattern = true;
          }
        }
        const parent = ancestors[ancestors.length - 1];
        if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') rules.set(parent.id.name, { schedule, pattern });
        for (const u of lambdaTargets(targets)) addEvent(u, schedule ? { type: 'schedule', detail: schedule } : { type: 'eventbridge', detail: stringOf(node.arguments[1] as Node) }, node.range);
      } else if (cls === 'LambdaRestApi' || cls === 'LambdaIntegration' || cls === 'HttpLambdaIntegration') {
        const props = cls === 'LambdaRestApi' ? unwrap(node.arguments[2] as Node) : undefined;
        let fnNode = cls === 'LambdaIntegration' ? (node.arguments[0] as Node) : cls === 'HttpLambdaIntegration' ? (node.arguments[1] as Node) : undefined;
        if (props?.type === 'ObjectExpression') {
          for (const p of props.properties) if (p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'handler') fnNode = p.value as Node;
        }
        addEvent(unitForExpr(fnNode), { type: 'http', detail: 'API Gateway', apiGateway: cls === 'HttpLambdaIntegration' ? 'http' : 'rest' }, node.range);
      }
      return;
    }
    if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.property.type !== 'Identifier') return;
    const method = node.callee.property.name;
    const target = node.callee.object as Node;
    if (method === 'addEventSource') {
      const src = node.arguments[0] ? unwrap(node.arguments[0] as Node) : undefined;
      if (src?.type !== 'NewExpression') return;
      const cls = cdkClass(src.callee, modules);
      const what = src.arguments[0] ? memberPath(unwrap(src.arguments[0] as Node))?.join('.') : undefined;
      const map: Record<string, UnitEvent['type']> = { SqsEventSource: 'sqs', SnsEventSource: 'sns', S3EventSource: 's3', S3EventSourceV2: 's3', KinesisEventSource: 'stream', DynamoEventSource: 'stream', ManagedKafkaEventSource: 'stream', SelfManagedKafkaEventSource: 'stream' };
      const type = cls ? map[cls] : undefined;
      if (type) addEvent(unitForExpr(target), { type, detail: what ?? cls }, node.range);
    } else if (method === 'addTarget') {
      const p = memberPath(target);
      const rule = p ? rules.get(p.join('.')) : undefined;
      for (const u of lambdaTargets(node.arguments[0] as Node)) addEvent(u, rule?.schedule ? { type: 'schedule', detail: rule.schedule } : { type: 'eventbridge', detail: p?.join('.') }, node.range);
    } else if (method === 'addFunctionUrl') {
      addEvent(unitForExpr(target), { type: 'http', detail: 'function URL' }, node.range);
    }
  });
  return units;
}
