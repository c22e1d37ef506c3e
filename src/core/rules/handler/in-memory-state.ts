import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { enclosingFunction, isFunctionNode, memberPath, walk, type Node, walkTypes } from '../../js/ast';
import { constInits, runsAtModuleLoad, stripTs } from '../../js/flow';
import { resolveRef, type Binding } from '../../js/module';
import { isLocalOnly } from '../../js/scope';
import { escapeRegExp, wordCount } from '../../prefilter';
import type { JsRule } from '../types';

type Container = 'map' | 'set' | 'object' | 'array' | 'cache' | 'scalar';

interface Candidate {
  name: string;
  id: TSESTree.Identifier;
  container: Container;
  writes: { node: Node; fn: Node; selfRef: boolean; method?: string; key?: string; value?: Node }[];
  reads: { fn: Node; method?: string; key?: string }[];
}

/** Cache libraries whose instances behave like a Map (get/set/has/put/del). */
const CACHE_MODULES = new Set(['lru-cache', 'node-cache', 'quick-lru', 'memory-cache', '@isaacs/ttlcache', 'mnemonist', 'lru_map', 'tiny-lru']);
const WRITE_METHODS = new Set([
  'set',
  'add',
  'push',
  'unshift',
  'splice',
  'put',
  'setex',
  'mset',
  'fill',
  'sort',
  'reverse',
  'shift',
  'pop',
  'delete',
  'del',
  'clear',
  'take',
]);
const HARMLESS_WRITES = new Set(['delete', 'del', 'clear']);
const READ_METHODS = new Set([
  'get',
  'has',
  'peek',
  'keys',
  'values',
  'entries',
  'forEach',
  'shift',
  'pop',
  'includes',
  'indexOf',
  'find',
  'filter',
  'map',
  'some',
  'every',
  'reduce',
  'slice',
  'at',
  'join',
  'take',
  'getStats',
  'ttl',
]);

function containerOf(init: Node | null | undefined, bindings: Map<string, Binding>, declKind: string): Container | undefined {
  const n = stripTs(init);
  if (!n) return declKind === 'let' || declKind === 'var' ? 'scalar' : undefined;
  if (n.type === 'NewExpression') {
    if (n.callee.type === 'Identifier' && (n.callee.name === 'Map' || n.callee.name === 'Set') && !bindings.has(n.callee.name))
      return n.callee.name === 'Map' ? 'map' : 'set';
    const ref = resolveRef(n.callee as Node, bindings);
    if (ref && CACHE_MODULES.has(ref.module)) return 'cache';
    return undefined;
  }
  if (n.type === 'ObjectExpression') return 'object';
  if (n.type === 'ArrayExpression') return 'array';
  const ref = resolveRef(n, bindings);
  // `const cache = require('memory-cache')`: the module itself is a process-wide cache.
  if (ref && ref.module === 'memory-cache' && ref.path.length === 0) return 'cache';
  if ((declKind === 'let' || declKind === 'var') && (n.type === 'Literal' || n.type === 'Identifier' || n.type === 'UnaryExpression')) return 'scalar';
  return undefined;
}

/** Functions whose body only runs while the module loads: module-scope IIFEs and functions only called at module scope. */
function initOnlyFunctions(ast: TSESTree.Program): Set<Node> {
  const out = new Set<Node>();
  const byName = new Map<string, { fn: Node; refs: number; initCalls: number }>();
  walkTypes(ast, ['CallExpression', 'FunctionDeclaration', 'VariableDeclarator'], (n, anc) => {
    if (n.type === 'CallExpression') {
      if (isFunctionNode(n.callee as Node) && runsAtModuleLoad(anc)) out.add(n.callee as Node);
    } else if (n.type === 'FunctionDeclaration') {
      if (n.id && runsAtModuleLoad(anc)) byName.set(n.id.name, { fn: n, refs: 0, initCalls: 0 });
    } else if (n.type === 'VariableDeclarator') {
      if (n.id.type === 'Identifier' && n.init && isFunctionNode(n.init) && runsAtModuleLoad(anc)) byName.set(n.id.name, { fn: n.init, refs: 0, initCalls: 0 });
    }
  });
  if (byName.size === 0) return out;
  // One pass counts every candidate's references; a function is init-only when each reference calls it at load time.
  walkTypes(ast, ['Identifier'], (n, anc) => {
    if (n.type !== 'Identifier') return;
    const c = byName.get(n.name);
    if (!c) return;
    const p = anc[anc.length - 1];
    if ((p.type === 'FunctionDeclaration' || p.type === 'VariableDeclarator') && p.id === n) return;
    if (p.type === 'MemberExpression' && p.property === n && !p.computed) return;
    c.refs++;
    if (p.type === 'CallExpression' && p.callee === n && runsAtModuleLoad(anc)) c.initCalls++;
  });
  for (const c of byName.values()) if (c.refs > 0 && c.refs === c.initCalls) out.add(c.fn);
  return out;
}

/** Names bound inside any function (params, locals), which could shadow a module-scope name. */
function namesBoundInFunctions(ast: TSESTree.Program): Set<string> {
  const out = new Set<string>();
  const addPattern = (p: Node) => {
    walk(p, (n, anc) => {
      const parent = anc[anc.length - 1];
      if (n.type === 'Identifier' && !(parent?.type === 'Property' && parent.key === n && !parent.shorthand) && !(parent?.type === 'MemberExpression'))
        out.add(n.name);
      if (n.type === 'AssignmentPattern') {
        addPattern(n.left as Node);
        return 'skip';
      }
      return undefined;
    });
  };
  walkTypes(ast, ['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'VariableDeclarator', 'CatchClause'], (n, anc) => {
    if (isFunctionNode(n)) for (const p of n.params) addPattern(p as Node);
    if (n.type === 'VariableDeclarator' && !runsAtModuleLoad(anc)) addPattern(n.id as Node);
    if (n.type === 'FunctionDeclaration' && n.id && !runsAtModuleLoad(anc)) out.add(n.id.name);
    if (n.type === 'CatchClause' && n.param) addPattern(n.param as Node);
  });
  return out;
}

/** `name` read as a variable inside `node`: not a property name (`client.db`, `{ db: 1 }`), which is a different thing. */
function references(node: Node, name: string, skipFunctions = false): boolean {
  let found = false;
  walk(node, (n, anc) => {
    if (found || (skipFunctions && isFunctionNode(n))) return 'skip';
    if (n.type === 'Identifier' && n.name === name && !isPropertyName(n, anc[anc.length - 1])) found = true;
    return undefined;
  });
  return found;
}

function isPropertyName(n: Node, parent: Node | undefined): boolean {
  if (parent?.type === 'MemberExpression' && parent.property === n && !parent.computed) return true;
  if (
    (parent?.type === 'Property' || parent?.type === 'PropertyDefinition' || parent?.type === 'MethodDefinition') &&
    parent.key === n &&
    !parent.computed &&
    !(parent.type === 'Property' && parent.shorthand)
  )
    return true;
  return false;
}

const KIND_TEXT: Record<string, { what: string; effect: string }> = {
  counter: { what: 'counter', effect: 'each environment counts on its own and starts again from zero when it is recycled' },
  dedupe: { what: 'set of seen keys', effect: 'a duplicate handled by another environment, or after a recycle, is not recognised' },
  queue: { what: 'list', effect: 'items pile up in one environment, leak into later requests, and are lost when it is recycled' },
  store: { what: 'store', effect: 'a later request that lands on another environment does not see what this one wrote' },
};

/** Session middleware whose default store is the process's memory. */
const SESSION_MODULES: Record<string, string> = {
  'express-session': 'express-session',
  '@fastify/session': '@fastify/session',
  'fastify-session': 'fastify-session',
};

/** Any of them in a text: the session call resolves to one through an import of it. */
const SESSION_MODULE_NAMES = new RegExp(Object.keys(SESSION_MODULES).map(escapeRegExp).join('|'));

/**
 * `session({ secret })` from express-session (or @fastify/session) with no `store`, or with its MemoryStore (also the
 * `memorystore` package's): sessions live in one process. Options that cannot be read (built elsewhere, spread) are
 * given the benefit of the doubt.
 */
function reportMemorySessions(ast: TSESTree.Program, bindings: Map<string, Binding>, report: (call: Node, label: string, where: string) => void): void {
  const consts = constInits(ast);
  walkTypes(ast, ['CallExpression'], (node, ancestors) => {
    if (node.type !== 'CallExpression') return;
    const ref = resolveRef(node.callee as Node, bindings);
    if (!ref || !SESSION_MODULES[ref.module] || (ref.path.length > 0 && ref.path[ref.path.length - 1] !== 'default')) return;
    if (isLocalOnly(node, ancestors)) return;
    let opts = stripTs(node.arguments[0] as Node | undefined);
    if (opts?.type === 'Identifier') opts = stripTs(consts.get(opts.name));
    if (opts?.type !== 'ObjectExpression' || opts.properties.some((p) => p.type === 'SpreadElement')) return;
    const store = opts.properties.find(
      (p) =>
        p.type === 'Property' &&
        !p.computed &&
        ((p.key.type === 'Identifier' && p.key.name === 'store') || (p.key.type === 'Literal' && p.key.value === 'store')),
    );
    const label = `${memberPath(node.callee as Node)?.join('.') ?? 'session'}(...)`;
    if (!store) return void report(node, label, `in ${SESSION_MODULES[ref.module]}'s default MemoryStore`);
    const value = stripTs((store as TSESTree.Property).value as Node);
    if (value?.type !== 'NewExpression') return;
    const ctor = resolveRef(value.callee as Node, bindings);
    const ctorPath = memberPath(value.callee as Node);
    // `new session.MemoryStore()`, or the memorystore package's `new MemoryStore({ checkPeriod })`.
    const memory =
      (ctor && SESSION_MODULES[ctor.module] && ctor.path[ctor.path.length - 1] === 'MemoryStore') ||
      (ctorPath?.[ctorPath.length - 1] === 'MemoryStore' && [...bindings.values()].some((b) => b.module === 'memorystore'));
    if (memory) report(node, label, 'in a MemoryStore');
  });
}

/**
 * A value every Lambda environment computes alike: literals, a module's imports (`pkg.version`), environment variables
 * (`process.env.X`), and templates, `||`/`??` and `as` of those.
 */
function invariant(v: Node | undefined, bindings: Map<string, Binding>, depth = 0): boolean {
  const n = v && stripTs(v);
  if (!n || depth > 8) return false;
  switch (n.type) {
    case 'Literal':
      return true;
    case 'TemplateLiteral':
      return n.expressions.every((e) => invariant(e as Node, bindings, depth + 1));
    case 'LogicalExpression':
      return n.operator !== '&&' && invariant(n.left as Node, bindings, depth + 1) && invariant(n.right as Node, bindings, depth + 1);
    case 'ChainExpression':
      return invariant(n.expression as Node, bindings, depth + 1);
    case 'MemberExpression': {
      const path = memberPath(n);
      if (!path) return false;
      if (path[0] === 'process' && path[1] === 'env') return true;
      return bindings.has(path[0]);
    }
    default:
      return false;
  }
}

export const inMemoryState: JsRule = {
  language: 'js',
  // Every file has module-scope names: only a session middleware, or a module-scope variable a function writes, counts.
  gate: (f) => SESSION_MODULE_NAMES.test(f.text) || f.moduleStateWrite(),
  meta: {
    id: 'handler/in-memory-state',
    category: 'in-memory-state',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'Module-scope state written by the handler and read back later is per execution environment on Lambda and vanishes when the environment is recycled.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/operatorguide/statelessness-functions.html',
    },
    messages: {
      session:
        "`{call}` keeps sessions {where}, in process memory: each Lambda environment has its own, so a user's next request, served by another environment or after a recycle, finds no session. Give it a shared `store` (DynamoDB through connect-dynamodb, or Redis through connect-redis).",
      state:
        '`{name}` is a module-scope {what} that requests write and read back, but every Lambda environment has its own copy and loses it when recycled, so {effect}. Keep this state in DynamoDB or ElastiCache (conditional writes, TTL items) instead.',
    },
  },
  check(ctx) {
    const { bindings } = ctx.modules;
    reportMemorySessions(ctx.ast, bindings, (call, label, store) => {
      ctx.report({ messageId: 'session', data: { call: label, where: store }, at: call });
    });
    const candidates = new Map<string, Candidate>();
    for (const stmt of ctx.ast.body) {
      const decl = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
      if (!decl || decl.type !== 'VariableDeclaration') continue;
      for (const d of decl.declarations) {
        if (d.id.type !== 'Identifier') continue;
        const container = containerOf(d.init as Node | null, bindings, decl.kind);
        if (container) candidates.set(d.id.name, { name: d.id.name, id: d.id, container, writes: [], reads: [] });
      }
    }
    // A name the text spells only once is never used after its declaration: no writes, nothing to find. The walks
    // below are the rule's cost, and most module-scope values (a client, a Map used at load) are never written.
    if (ctx.literal) for (const name of [...candidates.keys()]) if (wordCount(ctx.text, name, 2) < 2) candidates.delete(name);
    if (candidates.size === 0) return;
    const shadowed = namesBoundInFunctions(ctx.ast);
    for (const n of shadowed) candidates.delete(n);
    if (candidates.size === 0) return;
    const initOnly = initOnlyFunctions(ctx.ast);
    const keyText = (k: Node | undefined) => (k ? ctx.text.slice(k.range[0], k.range[1]) : undefined);

    walkTypes(ctx.ast, ['Identifier'], (node, ancestors) => {
      if (node.type !== 'Identifier') return;
      const c = candidates.get(node.name);
      if (!c || node === c.id) return;
      // `stats.count` or `{ count: 1 }` names a property, not the module-scope variable `count`.
      if (isPropertyName(node, ancestors[ancestors.length - 1])) return;
      const fn = enclosingFunction(ancestors);
      if (!fn || initOnly.has(fn) || ancestors.some((a) => initOnly.has(a))) return;
      if (isLocalOnly(node, ancestors)) return;
      const parent = ancestors[ancestors.length - 1];
      const grand = ancestors[ancestors.length - 2];
      if (parent.type === 'MemberExpression' && parent.object === node) {
        if (parent.property === node) return;
        const prop = !parent.computed && parent.property.type === 'Identifier' ? parent.property.name : undefined;
        if (grand?.type === 'CallExpression' && grand.callee === parent && prop) {
          const args = grand.arguments as Node[];
          if (WRITE_METHODS.has(prop)) {
            const value = prop === 'set' || prop === 'put' ? args[1] : args[0];
            const selfRef = args.some((a) => references(a, c.name));
            c.writes.push({ node: grand, fn, selfRef, method: prop, key: keyText(args[0]), value });
          }
          if (READ_METHODS.has(prop)) c.reads.push({ fn, method: prop, key: keyText(args[0]) });
          return;
        }
        const key = parent.computed ? keyText(parent.property as Node) : prop;
        if (grand?.type === 'AssignmentExpression' && grand.left === parent) {
          c.writes.push({
            node: grand,
            fn,
            selfRef: grand.operator !== '=' || references(grand.right as Node, c.name),
            method: '[]=',
            key,
            value: grand.right as Node,
          });
          if (grand.operator !== '=') c.reads.push({ fn, key });
          return;
        }
        if (grand?.type === 'UpdateExpression') {
          c.writes.push({ node: grand, fn, selfRef: true, method: '[]=', key });
          c.reads.push({ fn, key });
          return;
        }
        if (grand?.type === 'UnaryExpression' && grand.operator === 'delete') {
          c.writes.push({ node: grand, fn, selfRef: false, method: 'delete', key });
          return;
        }
        c.reads.push({ fn, method: prop === 'size' || prop === 'length' ? prop : undefined, key });
        return;
      }
      if (parent.type === 'AssignmentExpression' && parent.left === node) {
        // `x ??= init()` is lazy initialisation; a function value that mentions its own name (a closure) is not a counter.
        const logical = parent.operator === '??=' || parent.operator === '||=' || parent.operator === '&&=';
        const selfRef = !logical && (parent.operator !== '=' || references(parent.right as Node, c.name, true));
        c.writes.push({ node: parent, fn, selfRef, method: 'replace', value: parent.right as Node });
        return;
      }
      if (parent.type === 'UpdateExpression') {
        c.writes.push({ node: parent, fn, selfRef: true });
        c.reads.push({ fn });
        return;
      }
      c.reads.push({ fn });
    });

    for (const c of candidates.values()) {
      // Replacing the whole value (`x = …`) re-initialises it, like lazy initialisation; only `x = f(x)` keeps state.
      const writes = c.writes.filter((w) => !(w.method && HARMLESS_WRITES.has(w.method)) && !(w.method === 'replace' && !w.selfRef));
      if (writes.length === 0 || c.reads.length === 0) continue;
      let kind: keyof typeof KIND_TEXT;
      if (c.container === 'scalar') {
        // `if (!client) client = new X()` is lazy initialisation; only a value computed from its own previous value is state.
        if (!writes.some((w) => w.selfRef)) continue;
        kind = 'counter';
      } else if (writes.some((w) => w.selfRef && (w.method === 'set' || w.method === 'put' || w.method === '[]=' || w.method === 'replace' || !w.method))) {
        kind = 'counter';
      } else if (c.container === 'set' || writes.some((w) => w.method === 'add')) {
        kind = 'dedupe';
      } else if (writes.some((w) => w.method === 'push' || w.method === 'unshift' || w.method === 'splice')) {
        kind = 'queue';
      } else if (c.container === 'array') {
        // Only index writes: a scratch buffer reused between calls for speed, not something that grows across requests.
        continue;
      } else {
        // Get-or-compute memoisation: each write stores a computed value under a key that the same function first
        // looked up. A miss only costs a recomputation, which AWS's own guidance treats as a fine optimisation.
        const memo = writes.every((w) => {
          if (!w.key || !w.value) return false;
          const v = stripTs(w.value.type === 'AwaitExpression' ? w.value.argument : w.value);
          if (!v || v.type === 'ObjectExpression' || v.type === 'ArrayExpression' || v.type === 'Literal') return false;
          return c.reads.some((r) => r.fn === w.fn && r.key === w.key && (r.method === 'get' || r.method === 'has' || r.method === undefined));
        });
        if (memo) continue;
        // A settings snapshot: each write stores, under a fixed key, a value every environment computes alike (a
        // literal, an imported value, an environment variable): `meta.version = pkg.version`. Nothing a request
        // wrote can be lost or differ between environments.
        if (writes.every((w) => w.method === '[]=' && w.key !== undefined && /^[A-Za-z_$][\w$]*$/.test(w.key) && invariant(w.value, bindings))) continue;
        kind = 'store';
      }
      ctx.report({ messageId: 'state', data: { name: c.name, ...KIND_TEXT[kind] }, at: c.id });
    }
  },
};
