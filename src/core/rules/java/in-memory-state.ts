import { nodesOfType, nodesOfTypes, walkedAncestors, type SyntaxNode } from '../../parsers/treesitter';
import {
  annotationName,
  annotationsOf,
  hasModifier,
  isLambdaHandlerClass,
  LAMBDA_HANDLER_INTERFACES,
  operatorOf,
  simpleType,
  supertypes,
  typeOfExpr,
  unparen,
} from '../../java/module';
import { isReuseName } from '../../langs/common';
import type { JavaRule, JavaRuleContext } from './types';
import { methodLabel, range } from './util';

const COLLECTIONS =
  /^(HashMap|LinkedHashMap|TreeMap|ConcurrentHashMap|ConcurrentSkipListMap|WeakHashMap|Hashtable|ArrayList|LinkedList|CopyOnWriteArrayList|Vector|HashSet|LinkedHashSet|TreeSet|ConcurrentSkipListSet|CopyOnWriteArraySet|ArrayDeque|ConcurrentLinkedQueue|ConcurrentLinkedDeque|LinkedBlockingQueue|ArrayBlockingQueue|PriorityQueue|Collections\.synchronized\w+|Collections\.newSetFromMap|Maps\.new\w+|Lists\.new\w+|Sets\.new\w+)$/;
const COUNTERS = /^(AtomicInteger|AtomicLong|LongAdder|DoubleAdder)$/;
const NUMBERS = /^(int|long|short|double|float|Integer|Long|Double)$/;
const COLLECTION_WRITES = new Set([
  'put',
  'putAll',
  'putIfAbsent',
  'add',
  'addAll',
  'addFirst',
  'addLast',
  'offer',
  'push',
  'remove',
  'removeIf',
  'clear',
  'compute',
  'computeIfAbsent',
  'computeIfPresent',
  'merge',
  'replace',
  'replaceAll',
  'set',
]);
const COUNTER_WRITES = new Set([
  'incrementAndGet',
  'getAndIncrement',
  'decrementAndGet',
  'getAndDecrement',
  'addAndGet',
  'getAndAdd',
  'increment',
  'decrement',
  'add',
  'set',
  'getAndSet',
  'accumulateAndGet',
  'updateAndGet',
]);

/** Framework singletons: one instance serves every request of the process, so its fields are process state. */
const SINGLETON_ANNOTATIONS = new Set(['RestController', 'Controller', 'Service', 'Component', 'Repository', 'Singleton', 'ApplicationScoped']);

/** The type names the patterns above are made of: `HashMap`, `Collections` (of `Collections\.synchronized\w+`), `int`. */
function typeNames(pattern: RegExp): string[] {
  return pattern.source
    .replace(/^\^\(|\)\$$/g, '')
    .split('|')
    .map((alternative) => alternative.split('\\.')[0]);
}

/** Methods that set things up once (what they write is configuration, not request state). */
const SETUP_NAME = /^(init|initiali[sz]e|setup|setUp|register|load|configure|start|afterPropertiesSet|main)([A-Z_]|$)/;

interface FieldVar {
  name: string;
  kind: 'collection' | 'counter';
  node: SyntaxNode;
}

function fieldsOf(ctx: JavaRuleContext, cls: SyntaxNode, singleton: boolean): FieldVar[] {
  const out: FieldVar[] = [];
  for (const f of cls.get('body')?.namedChildren ?? []) {
    if (f.type !== 'field_declaration') continue;
    const isStatic = hasModifier(f, 'static');
    if (!isStatic && !singleton) continue;
    const declared = simpleType(f.get('type')) ?? '';
    for (const d of f.all('declarator')) {
      const name = d.get('name')?.text;
      if (!name) continue;
      const value = unparen(d.get('value'));
      const made = value ? (typeOfExpr(value, ctx.module) ?? '') : '';
      let kind: FieldVar['kind'] | undefined;
      if (COLLECTIONS.test(made) || (value?.type === 'object_creation_expression' && COLLECTIONS.test(simpleType(value.get('type')) ?? '')))
        kind = 'collection';
      else if (COUNTERS.test(declared) || COUNTERS.test(made)) kind = 'counter';
      else if (NUMBERS.test(declared) && !hasModifier(f, 'final')) kind = 'counter';
      if (kind) out.push({ name, kind, node: f });
    }
  }
  return out;
}

/** `x`, `this.x`, `Cls.x` → x. */
function fieldName(n: SyntaxNode | undefined, cls: string): string | undefined {
  const e = unparen(n);
  if (e?.type === 'identifier') return e.text;
  if (e?.type === 'field_access') {
    const obj = e.get('object');
    if (obj?.type === 'this' || obj?.text === cls) return e.get('field')?.text;
  }
  return undefined;
}

/** Names a method declares itself (parameters and locals), which hide fields. */
function localNames(m: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (const n of nodesOfTypes(m, DECLARING)) {
    if (n.type !== 'local_variable_declaration') {
      const id = n.get('name')?.text;
      if (id) out.add(id);
    } else for (const d of n.all('declarator')) out.add(d.get('name')?.text ?? '');
  }
  return out;
}

/** Inner and anonymous classes' bodies: their fields are their own. */
const INNER_CLASSES = new Set(['class_body']);
const DECLARING = ['formal_parameter', 'catch_formal_parameter', 'enhanced_for_statement', 'local_variable_declaration'];
const WRITES = ['update_expression', 'assignment_expression', 'method_invocation'];

export const javaInMemoryState: JavaRule = {
  language: 'java',
  // A reported field is `static`, or a field of a handler class (it implements one of LAMBDA_HANDLER_INTERFACES), of a
  // class with a SINGLETON_ANNOTATIONS annotation (its name ends any spelling of it) or of a gRPC service (a supertype
  // `…ImplBase`): each is in the text, the interface and annotation names as whole identifiers.
  needs: ['static', ...[...LAMBDA_HANDLER_INTERFACES, ...SINGLETON_ANNOTATIONS].map((name) => `\\b${name}\\b`), 'ImplBase'],
  // And its declared type or what made its value (a constructor, a factory, a variable's type: all read from the file)
  // is one of the collections, counters or numbers above, whose type names are whole identifiers of the text.
  alsoNeeds: [...new Set([COLLECTIONS, COUNTERS, NUMBERS].flatMap(typeNames))].map((name) => `\\b${name}\\b`),
  meta: {
    id: 'java/in-memory-state',
    category: 'in-memory-state',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'Static maps, lists and counters (and those of handler classes and framework singletons) written by request code hold per-process state: Lambda runs many execution environments at once and recycles them at any time.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/operatorguide/statelessness-functions.html',
    },
    messages: {
      collection:
        '`{name}` is a {where} collection written by `{method}`, so it holds state across requests, but each concurrent Lambda environment has its own copy and any of them can be recycled. Keep shared state in DynamoDB or ElastiCache, or scope it to one invocation.',
      counter:
        '`{name}` is a {where} counter updated by `{method}`; it counts per execution environment only, and resets whenever Lambda starts a new one. Keep the count in DynamoDB (atomic `ADD`) or publish it as a CloudWatch metric.',
    },
  },
  check(ctx) {
    for (const cls of ctx.module.classes) {
      if (cls.type !== 'class_declaration') continue;
      const clsName = cls.get('name')?.text ?? '';
      const singleton =
        isLambdaHandlerClass(cls, ctx.module) ||
        annotationsOf(cls).some((a) => SINGLETON_ANNOTATIONS.has(annotationName(a))) ||
        supertypes(cls).some((s) => /ImplBase$/.test(s));
      const fields = new Map(fieldsOf(ctx, cls, singleton).map((f) => [f.name, f]));
      if (!fields.size) continue;
      const writers = new Map<string, string>();
      for (const m of cls.get('body')?.namedChildren ?? []) {
        if (m.type !== 'method_declaration') continue;
        const name = methodLabel(m);
        if (SETUP_NAME.test(name) || annotationsOf(m).some((a) => /^(PostConstruct|Bean|EventListener|Scheduled)$/.test(annotationName(a)))) continue;
        // Names the method declares, and fields it sets to a new object (`this.items = new ArrayList<>()`: scratch space
        // for one invocation). Worked out for the first write to a field not yet reported, which most statements are not.
        let shadowed: Set<string> | undefined;
        const shadowing = () => {
          const out = localNames(m);
          for (const n of nodesOfType(m, 'assignment_expression')) {
            if (operatorOf(n) === '=' && unparen(n.get('right'))?.type === 'object_creation_expression') {
              const t = fieldName(n.get('left'), clsName);
              if (t) out.add(t);
            }
          }
          return out;
        };
        // As a walk that skips inner classes and off-Lambda branches would: the statement is inside neither.
        const isOff = (n: SyntaxNode) => !walkedAncestors(n, m, ctx.isLocalOnly, INNER_CLASSES);
        const note = (target: string | undefined, kind: FieldVar['kind'], n: SyntaxNode) => {
          const f = target ? fields.get(target) : undefined;
          if (f && f.kind === kind && !writers.has(target!) && !(shadowed ??= shadowing()).has(target!) && !isOff(n)) writers.set(target!, name);
        };
        for (const n of nodesOfTypes(m, WRITES)) {
          if (n.type === 'update_expression') note(fieldName(n.namedChildren[0], clsName), 'counter', n);
          else if (n.type === 'assignment_expression') {
            const target = fieldName(n.get('left'), clsName);
            const op = operatorOf(n);
            if (op !== '=') note(target, 'counter', n);
            else {
              const r = unparen(n.get('right'));
              if (r?.type === 'binary_expression' && [r.get('left'), r.get('right')].some((o) => fieldName(o, clsName) === target)) note(target, 'counter', n);
            }
          } else if (n.type === 'method_invocation') {
            const target = fieldName(n.get('object'), clsName);
            const method = n.get('name')?.text ?? '';
            if (COLLECTION_WRITES.has(method)) note(target, 'collection', n);
            if (COUNTER_WRITES.has(method)) note(target, 'counter', n);
          }
        }
      }
      for (const [name, method] of writers) {
        if (isReuseName(name)) continue;
        const f = fields.get(name)!;
        const where = hasModifier(f.node, 'static') ? 'static' : `${clsName} instance`;
        ctx.report({ messageId: f.kind, data: { name, method, where }, at: range(f.node) });
      }
    }
  },
};
