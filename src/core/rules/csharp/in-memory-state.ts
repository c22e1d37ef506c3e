import { ancestorsOf, nodesOfTypes, type SyntaxNode } from '../../parsers/treesitter';
import { callArgs, hasModifier, invokedName, isLambdaHandlerMethod, LAMBDA_CONTEXT_TYPE, receiverOf, simpleType, unparen } from '../../csharp/module';
import { isReuseName } from '../../langs/common';
import type { CsRule, CsRuleContext } from './types';
import { range } from './util';

const COLLECTIONS =
  /^(Dictionary|ConcurrentDictionary|SortedDictionary|List|HashSet|SortedSet|Queue|Stack|LinkedList|ConcurrentBag|ConcurrentQueue|ConcurrentStack|BlockingCollection|Hashtable|ArrayList)$/;
const NUMBERS = /^(int|long|short|uint|ulong|double|float|decimal)$/;
const COLLECTION_WRITES = new Set([
  'Add',
  'TryAdd',
  'AddOrUpdate',
  'AddRange',
  'Remove',
  'TryRemove',
  'RemoveAll',
  'Clear',
  'Enqueue',
  'TryDequeue',
  'Dequeue',
  'Push',
  'Pop',
  'TryPop',
  'Insert',
  'TryUpdate',
]);
/** Names a method declares. */
const DECLARATIONS = ['parameter', 'variable_declarator'];
/** The writes the check looks at. */
const WRITES = ['postfix_unary_expression', 'prefix_unary_expression', 'assignment_expression', 'invocation_expression'];
const SETUP_NAME = /^(Init|Initialize|Setup|SetUp|Register|Load|Configure|Main)([A-Z_]|$)/;

interface FieldVar {
  name: string;
  kind: 'collection' | 'counter';
  node: SyntaxNode;
  isStatic: boolean;
}

function fieldsOf(cls: SyntaxNode, handlerClass: boolean): FieldVar[] {
  const out: FieldVar[] = [];
  for (const f of cls.get('body')?.namedChildren ?? []) {
    if (f.type !== 'field_declaration' && f.type !== 'property_declaration') continue;
    const isStatic = hasModifier(f, 'static');
    if (!isStatic && !handlerClass) continue;
    if (hasModifier(f, 'const')) continue;
    const decl = f.type === 'field_declaration' ? f.namedChildren.find((c) => c.type === 'variable_declaration') : f;
    const declared = simpleType(decl?.get('type')) ?? '';
    const declarators = f.type === 'field_declaration' ? (decl?.namedChildren.filter((c) => c.type === 'variable_declarator') ?? []) : [f];
    for (const d of declarators) {
      const name = d.get('name')?.text;
      if (!name) continue;
      const value = d.namedChildren.find(
        (c) => c.type === 'object_creation_expression' || c.type === 'implicit_object_creation_expression' || c.type === 'collection_expression',
      );
      const made = value?.type === 'object_creation_expression' ? simpleType(value.get('type')) : undefined;
      let kind: FieldVar['kind'] | undefined;
      if (COLLECTIONS.test(made ?? '') || (value && COLLECTIONS.test(declared))) kind = 'collection';
      else if (NUMBERS.test(declared) && !hasModifier(f, 'readonly')) kind = 'counter';
      if (kind) out.push({ name, kind, node: f, isStatic });
    }
  }
  return out;
}

/** `x`, `this.x`, `Cls.x`, `x[k]` → x. */
function fieldName(n: SyntaxNode | undefined, cls: string): string | undefined {
  let e = unparen(n);
  if (e?.type === 'element_access_expression') e = unparen(e.get('expression'));
  if (e?.type === 'identifier') return e.text;
  if (e?.type === 'member_access_expression') {
    const obj = e.get('expression');
    if (!obj || obj.type === 'this_expression' || obj.text === 'this' || obj.text === cls) return simpleType(e.get('name'));
  }
  return undefined;
}

function localNames(m: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (const n of nodesOfTypes(m, DECLARATIONS)) {
    const id = n.get('name')?.text;
    if (id) out.add(id);
  }
  return out;
}

export const csInMemoryState: CsRule = {
  language: 'csharp',
  // A reported field is `static`, or belongs to a class with a handler method, which takes an ILambdaContext (fieldsOf).
  needs: ['static', LAMBDA_CONTEXT_TYPE],
  meta: {
    id: 'csharp/in-memory-state',
    category: 'in-memory-state',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'Static collections and counters (and those of a Lambda function class, created once per environment) written by request code hold per-process state: Lambda runs many execution environments at once and recycles them at any time.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/operatorguide/statelessness-functions.html',
    },
    messages: {
      collection:
        '`{name}` is a {where} collection written by `{member}`, so it holds state across requests, but each concurrent Lambda environment has its own copy and any of them can be recycled. Keep shared state in DynamoDB or ElastiCache, or scope it to one invocation.',
      counter:
        '`{name}` is a {where} counter updated by `{member}`; it counts per execution environment only, and resets whenever Lambda starts a new one. Keep the count in DynamoDB (atomic `ADD`) or publish it as a CloudWatch metric.',
    },
  },
  check(ctx: CsRuleContext) {
    for (const cls of ctx.module.classes) {
      const clsName = cls.get('name')?.text ?? '';
      const members = cls.get('body')?.namedChildren ?? [];
      const handlerClass = members.some((m) => isLambdaHandlerMethod(m));
      const fields = new Map(fieldsOf(cls, handlerClass).map((f) => [f.name, f]));
      if (!fields.size) continue;
      const writers = new Map<string, string>();
      for (const m of members) {
        if (m.type !== 'method_declaration') continue;
        const name = m.get('name')?.text ?? '';
        if (SETUP_NAME.test(name)) continue;
        const shadowed = localNames(m);
        const note = (target: string | undefined, kind: FieldVar['kind']) => {
          const f = target ? fields.get(target) : undefined;
          if (f && f.kind === kind && !shadowed.has(target!) && !writers.has(target!)) writers.set(target!, name);
        };
        // What a walk of the method would meet, from the copy's type index, with the ancestors that walk would pass
        // (from the method down); local-only code is left out as the walk skipped it.
        for (const n of nodesOfTypes(m, WRITES)) {
          if (ctx.isLocalOnly(n, ancestorsOf(n, m))) continue;
          if (n.type === 'postfix_unary_expression' || n.type === 'prefix_unary_expression') {
            if (n.children.some((c) => !c.named && (c.type === '++' || c.type === '--'))) note(fieldName(n.namedChildren[0], clsName), 'counter');
          } else if (n.type === 'assignment_expression') {
            const left = n.get('left');
            const op = n.children.find((c) => !c.named)?.type;
            if (unparen(left)?.type === 'element_access_expression') note(fieldName(left, clsName), 'collection');
            else if (op && op !== '=' && op !== '??=') note(fieldName(left, clsName), 'counter');
          } else if (n.type === 'invocation_expression') {
            const method = invokedName(n) ?? '';
            if (COLLECTION_WRITES.has(method)) note(fieldName(receiverOf(n), clsName), 'collection');
            // Interlocked.Increment(ref _hits)
            if (receiverOf(n)?.text === 'Interlocked' && /^(Increment|Decrement|Add)$/.test(method)) note(fieldName(callArgs(n)[0], clsName), 'counter');
          }
        }
      }
      for (const [name, member] of writers) {
        if (isReuseName(name.replace(/^_/, ''))) continue;
        const f = fields.get(name)!;
        ctx.report({ messageId: f.kind, data: { name, member, where: f.isStatic ? 'static' : `${clsName} instance` }, at: range(f.node) });
      }
    }
  },
};
