import { lastNames } from '../../langs/common';
import { stringValue, unparen, walk, type PyNode } from '../../python/ast';
import type { PyRule, PyRuleContext } from './types';
import { CACHE_NAME, forEachOfType, range } from './util';
import { nodesOfType, nodesOfTypes } from '../../parsers/treesitter';

function insideFunction(n: PyNode): boolean {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition') return true;
  return false;
}

const CONTAINER_CALLS = new Set([
  'dict',
  'list',
  'set',
  'collections.defaultdict',
  'collections.OrderedDict',
  'collections.Counter',
  'collections.deque',
  'cachetools.TTLCache',
  'cachetools.LRUCache',
  'cachetools.LFUCache',
  'cachetools.TLRUCache',
]);
const CONTAINER_LITERALS = new Set(['dictionary', 'list', 'set']);
const MUTATING_METHODS = new Set([
  'append',
  'extend',
  'insert',
  'add',
  'update',
  'setdefault',
  'pop',
  'popitem',
  'remove',
  'discard',
  'clear',
  'appendleft',
  'extendleft',
  'popleft',
]);

/** Names that say the data belongs to requests or users, not to the process: never an optimisation-only cache. */
const STATE_NAME = /session|user|rate|limit|throttl|count|quota|seen|visited|processed|dedup|idempot|lock|attempt|inflight|in_flight|pending|request/i;

/** Values that are reusable clients or connections: a dict of them is connection reuse, which AWS recommends. */
const CLIENT_FACTORIES = /^(boto3|botocore|aioboto3|aiobotocore|psycopg2?|pymysql|mysql|redis|pymongo|sqlalchemy|requests|httpx|urllib3)\b/;

const MEMO_DECORATORS = new Set(['functools.lru_cache', 'functools.cache', 'cachetools.cached', 'cachetools.func.ttl_cache', 'cachetools.func.lru_cache']);

interface ModuleContainer {
  name: string;
  node: PyNode;
  kind: string;
}

/** The module-level statement that first binds `name` (`COUNT = 0`, `COUNT: int = 0`). */
function moduleBinding(root: PyNode, name: string): PyNode | undefined {
  for (const stmt of root.namedChildren) {
    const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
    if (a?.type === 'assignment' && a.get('left')?.type === 'identifier' && a.get('left')!.text === name) return stmt;
  }
  return undefined;
}

function builtinsBound(ctx: PyRuleContext, name: string): boolean {
  return ctx.module.bindings.has(name);
}

/** Module-level `NAME = {}` / `[]` / `set()` / `defaultdict(list)` / `TTLCache(...)`. */
function moduleContainers(ctx: PyRuleContext): Map<string, ModuleContainer> {
  const out = new Map<string, ModuleContainer>();
  for (const stmt of ctx.root.namedChildren) {
    if (stmt.type !== 'expression_statement') continue;
    const a = stmt.namedChildren[0];
    if (a?.type !== 'assignment') continue;
    const left = a.get('left');
    const right = unparen(a.get('right'));
    if (left?.type !== 'identifier' || !right) continue;
    let kind: string | undefined;
    if (CONTAINER_LITERALS.has(right.type)) kind = right.type === 'dictionary' ? 'dict' : right.type;
    else if (right.type === 'call') {
      const fn = right.get('function');
      const q = fn?.type === 'identifier' && !builtinsBound(ctx, fn.text) ? fn.text : ctx.qualified(fn);
      if (q && CONTAINER_CALLS.has(q)) kind = q.slice(q.lastIndexOf('.') + 1);
    }
    if (kind) out.set(left.text, { name: left.text, node: stmt, kind });
  }
  return out;
}

/** The root identifier of `a[b].c[d]`. */
function rootName(n: PyNode | undefined): string | undefined {
  let cur = unparen(n);
  while (cur && (cur.type === 'subscript' || cur.type === 'attribute')) cur = unparen(cur.get(cur.type === 'subscript' ? 'value' : 'object'));
  return cur?.type === 'identifier' ? cur.text : undefined;
}

function functionName(ancestors: readonly PyNode[]): string | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) if (ancestors[i].type === 'function_definition') return ancestors[i].get('name')?.text;
  return undefined;
}

/** The outermost function around a node: a decorator factory's name rather than its inner closure's. */
function outermostFunctionName(ancestors: readonly PyNode[]): string | undefined {
  for (const a of ancestors) if (a.type === 'function_definition') return a.get('name')?.text;
  return undefined;
}

const INIT_NAME = /^_?(register|route|setup|set_up|init|initiali[sz]e|configure|install|add_(route|handler|command|plugin))/;

/**
 * Functions that run while the module loads: used as decorators or called at module level (`@route("/x")`,
 * `register(Foo)`), or named like registration. What they write is set up once per environment, not request state.
 */
function initFunctions(ctx: PyRuleContext): Set<string> {
  const out = new Set<string>();
  // What a walk not entering functions would meet.
  for (const n of nodesOfTypes(ctx.root, ['function_definition', 'decorator', 'call'])) {
    if (insideFunction(n)) continue;
    if (n.type === 'function_definition') {
      const name = n.get('name')?.text;
      if (name && INIT_NAME.test(name)) out.add(name);
      continue;
    }
    const expr = n.type === 'decorator' ? n.namedChildren[0] : n;
    let callee = expr?.type === 'call' ? expr.get('function') : expr;
    while (callee?.type === 'attribute') callee = callee.get('object');
    if (callee?.type === 'identifier') out.add(callee.text);
  }
  for (const h of ctx.handlers) out.delete(h.name);
  return out;
}

/** Names that say a container is set up once and reused (an optimisation AWS recommends), not request state. */
const REUSE_NAME = /cache|memo|lru|config|settings|secret|param|client|conn|registry|schema|template/i;

function isClientValue(ctx: PyRuleContext, v: PyNode | undefined): boolean {
  const n = unparen(v);
  if (n?.type !== 'call') return false;
  const q = ctx.qualified(n.get('function')) ?? ctx.typeOf(n);
  return !!q && CLIENT_FACTORIES.test(q);
}

/** The last part of each dotted name (`collections.deque` → `deque`); builtins (`dict`) are matched as bindings. */
const importedNames = (names: Iterable<string>) => lastNames([...names].filter((n) => n.includes('.')));

/**
 * A module-level binding of a container (moduleContainers): a statement starting a line (or after `;`; any indentation,
 * as a tree with errors may still hold it at module level), a target, an optional annotation, `=`, then a literal
 * (through any parentheses) or a call of a builtin by its own name. Containers from collections or cachetools are
 * called through a name their import spells (CONTAINER_CALLS' last names, below). An annotation is read to the end of
 * its line only (a scan to the next `=` would be quadratic on dict literals and `if a.b:` lines): one that goes on to
 * the next line leaves a bracket or a quote open at the end of the first (ANNOTATION_GOES_ON, for bindings and writes
 * alike). Line continuations are escapes: the pre-filter is not used on such text.
 */
const STATEMENT = String.raw`(?:^|[\r\n;\f\v\x85\u2028\u2029])[ \t\f\v\uFEFF]*[^\s=:;#]+[ \t]*`;
/** An annotation that goes on to the next line: a bracket or a quote open at the end of its first. */
const ANNOTATION_GOES_ON = String.raw`:[^=\n]*[[({"'][^\])}\n"']*(?=[\r\n])`;
// One fragment, not three: the pre-filter looks for fragments without a word in one pass that tries each of them at
// every character.
const CONTAINER_BINDING = String.raw`${STATEMENT}(?:(?::[^=\n]*)?=[\s(]*(?:[[{]|(?:dict|list|set)\s*\()|${ANNOTATION_GOES_ON})`;
/** After a target: an assignment's operator, plain or augmented, after an optional annotation. */
const ASSIGNS = String.raw`[ \t]*(?:(?::[^=\n]*)?(?:[-+*/%&|^@]|//|\*\*|<<|>>)?=(?!=)|${ANNOTATION_GOES_ON})`;

export const pyInMemoryState: PyRule = {
  language: 'python',
  // A report is about a module-level container written in a function (both must show), a `global` counter, or a
  // memoising decorator (spelled, or imported, by its own name: `lru_cache`, `cache`, `cached`, `ttl_cache`).
  needs: [CONTAINER_BINDING, ...importedNames(CONTAINER_CALLS), String.raw`\bglobal\b`, ...importedNames(MEMO_DECORATORS)],
  // The write: a mutating method, an item or attribute assigned (augmented too) or deleted; or the other two reports.
  alsoNeeds: [
    ...[...MUTATING_METHODS].map((m) => String.raw`\b${m}\b`),
    String.raw`\]${ASSIGNS}`,
    String.raw`\.[ \t]*[^\s.=()[\]{}#'"]+${ASSIGNS}`,
    String.raw`\bdel\b`,
    String.raw`\bglobal\b`,
    ...importedNames(MEMO_DECORATORS),
  ],
  meta: {
    id: 'python/in-memory-state',
    category: 'in-memory-state',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'Module-level containers and counters written by request code hold per-environment state: Lambda runs many environments at once and recycles them at any time.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/operatorguide/statelessness-functions.html',
    },
    messages: {
      container:
        'Module-level {kind} `{name}` is written by `{fn}`, so it holds state across requests, but each concurrent Lambda environment has its own copy and any of them can be recycled. Keep shared state in DynamoDB or ElastiCache, or scope it to one invocation.',
      counter:
        '`{name}` is a module-level counter updated by `{fn}`; it counts per execution environment only, and resets whenever Lambda starts a new one. Keep the count in DynamoDB (atomic `ADD`) or CloudWatch metrics.',
      memo: '`@{decorator}` on `{fn}` keeps {what} in process memory, which is per environment on Lambda: other concurrent environments do not see it and it vanishes on recycling. Store it in DynamoDB or ElastiCache instead.',
    },
  },
  check(ctx) {
    const containers = moduleContainers(ctx);
    const mutatedBy = new Map<string, { fn: string; values: (PyNode | undefined)[]; outer: Set<string>; sites: PyNode[] }>();
    const counters = new Map<string, { node: PyNode; fn: string }>();
    // Writes matter only to a module-level container; with none, only `global` statements can show state (counters).
    const types = containers.size ? ['assignment', 'augmented_assignment', 'delete_statement', 'call', 'global_statement'] : ['global_statement'];
    forEachOfType(ctx, types, (n, ancestors) => {
      const fn = functionName(ancestors);
      if (!fn) return;
      const note = (name: string | undefined, value?: PyNode) => {
        if (!name || !containers.has(name)) return;
        const m = mutatedBy.get(name) ?? { fn, values: [], outer: new Set<string>(), sites: [] };
        m.values.push(value);
        m.sites.push(n);
        m.outer.add(outermostFunctionName(ancestors) ?? fn);
        mutatedBy.set(name, m);
      };
      if (n.type === 'assignment' || n.type === 'augmented_assignment') {
        const left = n.get('left');
        if (left?.type === 'subscript' || (left?.type === 'attribute' && rootName(left) !== 'self')) note(rootName(left), n.get('right'));
      } else if (n.type === 'delete_statement') {
        for (const t of n.namedChildren) if (t.type === 'subscript') note(rootName(t));
      } else if (n.type === 'call') {
        const f = n.get('function');
        if (f?.type === 'attribute' && MUTATING_METHODS.has(f.get('attribute')?.text ?? '')) {
          const args = n.get('arguments')?.namedChildren ?? [];
          note(rootName(f.get('object')), args[args.length - 1]);
        }
      } else if (n.type === 'global_statement') {
        const fnNode = [...ancestors].reverse().find((a) => a.type === 'function_definition');
        if (!fnNode) return;
        for (const id of n.namedChildren) {
          const name = id.text;
          walk(fnNode, (m) => {
            // `COUNT += 1` or `COUNT = COUNT + 1`; a plain `CLIENT = make()` is lazy initialisation.
            const target = m.get('left');
            if (target?.type !== 'identifier' || target.text !== name) return;
            // Arithmetic on itself is counting; `x = transform(x)` is not.
            const right = unparen(m.get('right'));
            const isCounter =
              m.type === 'augmented_assignment' ||
              (m.type === 'assignment' &&
                right?.type === 'binary_operator' &&
                [right.get('left'), right.get('right')].some((o) => unparen(o)?.type === 'identifier' && unparen(o)!.text === name));
            if (isCounter && !counters.has(name) && !containers.has(name)) counters.set(name, { node: m, fn });
          });
        }
      }
    });
    const inits = mutatedBy.size ? initFunctions(ctx) : undefined;
    for (const [name, m] of mutatedBy) {
      const c = containers.get(name)!;
      if (m.values.length && m.values.every((v) => isClientValue(ctx, v))) continue;
      if ([...m.outer].every((f) => inits!.has(f))) continue;
      if (rewrittenEachCall(ctx, name, c, m.sites)) continue;
      // A cache is an optimisation AWS recommends, unless its name says it holds per-user or per-request facts.
      if ((CACHE_NAME.test(name) || REUSE_NAME.test(name)) && !STATE_NAME.test(name)) continue;
      ctx.report({ messageId: 'container', data: { kind: c.kind, name, fn: m.fn }, at: range(c.node) });
    }
    for (const [name, c] of counters) {
      if (CACHE_NAME.test(name) && !STATE_NAME.test(name)) continue;
      // Reported where the state lives, as containers are: the module-level binding, else the first update.
      ctx.report({ messageId: 'counter', data: { name, fn: c.fn }, at: range(moduleBinding(ctx.root, name) ?? c.node) });
    }
    // Memoisation is an optimisation; it is state only when the function's name says it tracks sessions, limits or counts.
    for (const n of nodesOfType(ctx.root, 'decorated_definition')) {
      const def = n.get('definition');
      const fnName = def?.get('name')?.text ?? '';
      if (!STATE_NAME.test(fnName)) continue;
      for (const d of n.namedChildren.filter((c) => c.type === 'decorator')) {
        const expr = d.namedChildren[0];
        const callee = expr?.type === 'call' ? expr.get('function') : expr;
        const q = ctx.qualified(callee);
        if (q && MEMO_DECORATORS.has(q)) {
          ctx.report({ messageId: 'memo', data: { decorator: callee!.text, fn: fnName, what: 'per-user or per-request results' }, at: range(d) });
        }
      }
    }
  },
};

/**
 * `REPORT = {}` at module level, and one function that starts by setting fixed keys (`REPORT["get"] = …`,
 * `REPORT["put"] = …` as plain statements of its body) before anything reads it: every invocation overwrites all of
 * it, so nothing of an earlier request survives into this one. Scratch space, not state across requests.
 */
function rewrittenEachCall(ctx: PyRuleContext, name: string, c: ModuleContainer, sites: readonly PyNode[]): boolean {
  const init = unparen(c.node.namedChildren[0]?.get('right'));
  if (init?.type !== 'dictionary' || init.namedChildren.length || !sites.length) return false;
  const statements: PyNode[] = [];
  for (const site of sites) {
    const left = site.type === 'assignment' ? site.get('left') : undefined;
    if (left?.type !== 'subscript' || unparen(left.get('value'))?.text !== name || stringValue(unparen(left.get('subscript'))) === undefined) return false;
    const stmt = site.parent;
    if (stmt?.type !== 'expression_statement' || stmt.parent?.type !== 'block' || stmt.parent.parent?.type !== 'function_definition') return false;
    statements.push(stmt);
  }
  const body = statements[0].parent!;
  if (statements.some((st) => st.parent !== body)) return false;
  const lastWrite = Math.max(...statements.map((st) => st.end));
  // Every other mention of the name is in the same function, after the writes (nothing reads a key left from before).
  for (const n of nodesOfType(ctx.root, 'identifier')) {
    if (n.text !== name) continue;
    if (n.start >= c.node.start && n.end <= c.node.end) continue;
    if (statements.some((st) => n.start >= st.start && n.end <= st.end)) {
      // Inside a write: only as the subscript's target, never read on the right-hand side.
      const site = statements.find((st) => n.start >= st.start && n.end <= st.end)!.namedChildren[0];
      if (n.start >= (site.get('right')?.start ?? Infinity)) return false;
      continue;
    }
    if (n.start < lastWrite || !(n.start >= body.start && n.end <= body.end)) return false;
  }
  return true;
}
