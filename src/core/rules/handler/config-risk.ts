import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, type Node, walkTypes } from '../../js/ast';
import { numericValue, propValue, runsAtModuleLoad, stringPrefix, stripTs } from '../../js/flow';
import { resolveRef, type Binding } from '../../js/module';
import { isLocalOnly } from '../../js/scope';
import type { JsRule } from '../types';

interface PoolInfo {
  label: string;
  /** The options object holding the size, and the key path to it. */
  options?: Node;
  sizePath: string[];
  /** Library default when the size is not set; undefined = only explicit sizes are reported. */
  defaultSize?: number;
  /** Expressions that may name the host (for RDS Proxy detection). */
  hosts: (Node | undefined)[];
}

function pool(node: TSESTree.CallExpression | TSESTree.NewExpression, bindings: Map<string, Binding>): PoolInfo | undefined {
  const ref = resolveRef(node.callee as Node, bindings);
  if (!ref) return undefined;
  const last = ref.path[ref.path.length - 1];
  const args = node.arguments as Node[];
  const isDefault = ref.path.length === 0 || last === 'default';
  const hostsOf = (o: Node | undefined) => [propValue(o, 'host'), propValue(o, 'connectionString'), propValue(o, 'uri')];
  if (node.type === 'NewExpression' && (ref.module === 'pg' || ref.module === 'pg-pool') && (last === 'Pool' || (ref.module === 'pg-pool' && isDefault))) {
    return { label: 'pg `Pool`', options: args[0], sizePath: ['max'], defaultSize: 10, hosts: hostsOf(args[0]) };
  }
  if (['mysql2', 'mysql2/promise', 'mysql'].includes(ref.module) && last === 'createPool') {
    const o = args[0];
    return { label: `${ref.module} \`createPool\``, options: o, sizePath: ['connectionLimit'], defaultSize: 10, hosts: [...hostsOf(o), o] };
  }
  if (ref.module === 'knex' && (isDefault || last === 'knex') && node.type === 'CallExpression') {
    const conn = propValue(args[0], 'connection');
    return { label: 'knex pool', options: args[0], sizePath: ['pool', 'max'], defaultSize: 10, hosts: [...hostsOf(conn), conn] };
  }
  if (ref.module === 'mongoose' && (last === 'connect' || last === 'createConnection')) {
    return { label: `mongoose \`${last}\``, options: args[1], sizePath: ['maxPoolSize'], hosts: [args[0]] };
  }
  if (ref.module === 'mongodb' && last === 'MongoClient' && node.type === 'NewExpression') {
    return { label: 'MongoDB `MongoClient`', options: args[1], sizePath: ['maxPoolSize'], hosts: [args[0]] };
  }
  if (ref.module === 'sequelize' && (last === 'Sequelize' || isDefault) && node.type === 'NewExpression') {
    const o = args[args.length - 1];
    return { label: '`Sequelize`', options: o, sizePath: ['pool', 'max'], hosts: [propValue(o, 'host'), args[0]] };
  }
  return undefined;
}

function sizeOf(options: Node | undefined, path: string[]): { value?: number; set: boolean } {
  let cur: Node | undefined = options;
  for (const k of path) {
    const o = stripTs(cur);
    if (!o) return { set: false };
    if (o.type !== 'ObjectExpression') return { set: true };
    // A spread may carry the size: treat the value as unknown rather than as the default.
    if (o.properties.some((p) => p.type === 'SpreadElement')) return { set: true };
    cur = propValue(o, k);
    if (!cur) return { set: false };
  }
  return { value: numericValue(cur), set: true };
}

function isRdsProxy(hosts: (Node | undefined)[]): boolean {
  return hosts.some((h) => {
    const n = stripTs(h);
    if (!n) return false;
    if (n.type === 'TemplateLiteral') return n.quasis.some((q) => (q.value.cooked ?? '').includes('.proxy-'));
    return (stringPrefix(n) ?? '').includes('.proxy-');
  });
}

export const configRisk: JsRule = {
  language: 'js',
  // The signal's name, or a pool library's module specifier as written in an import or require (pool() resolves only
  // those modules, by their whole name).
  needs: ['SIGTERM', '[`\'"](?:pg|pg-pool|mysql2?|mysql2/promise|knex|mongoose|mongodb|sequelize)[`\'"]'],
  meta: {
    id: 'handler/config-risk',
    category: 'config-risk',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'Settings that are right for one long-running process misbehave when Lambda runs one request per environment: connection pools multiply with concurrency, SIGTERM handlers rarely run.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html',
    },
    messages: {
      pool: 'This {label} opens up to {size} connections{why} in every execution environment, and Lambda runs one request per environment, so connections multiply with concurrency and can exhaust the database. Use a pool of 1 (or a single client), and RDS Proxy for relational databases.',
      sigterm:
        "`process.{method}('SIGTERM')` shutdown logic only runs on Lambda when an extension is registered; otherwise the environment is simply frozen and discarded. Flush and close resources inside each invocation instead of at shutdown.",
    },
  },
  check(ctx) {
    const { bindings } = ctx.modules;
    walkTypes(ctx.ast, ['CallExpression', 'NewExpression'], (node, ancestors) => {
      if (node.type === 'CallExpression') {
        const p = memberPath(node.callee as Node);
        if (p && p.length === 2 && p[0] === 'process' && ['on', 'once', 'addListener', 'prependListener'].includes(p[1])) {
          const sig = stripTs(node.arguments[0] as Node);
          if (sig?.type === 'Literal' && sig.value === 'SIGTERM' && !isLocalOnly(node, ancestors))
            ctx.report({ messageId: 'sigterm', data: { method: p[1] }, at: node });
          return;
        }
      }
      if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return;
      const info = pool(node, bindings);
      if (!info || !runsAtModuleLoad(ancestors) || isLocalOnly(node, ancestors)) return;
      const size = sizeOf(info.options, info.sizePath);
      let n: number | undefined;
      let why = '';
      if (size.set) n = size.value;
      else if (info.defaultSize !== undefined) {
        n = info.defaultSize;
        why = ` (the default, since \`${info.sizePath.join('.')}\` is not set)`;
      }
      if (n === undefined || n <= 1) return;
      if (isRdsProxy(info.hosts)) return;
      ctx.report({ messageId: 'pool', data: { label: info.label, size: n, why }, at: node });
    });
  },
};
