import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { enclosingFunction, memberPath, walk, type Node } from '../../js/ast';
import { isLocalOnly } from '../../js/scope';
import type { JsRule } from '../types';

/** `setInterval` or `timers.setInterval` (aliased imports included). */
function isSetInterval(call: TSESTree.CallExpression, bindings: Map<string, { module: string; path: string[] }>): boolean {
  const p = memberPath(call.callee as Node);
  if (!p) return false;
  if (p.length === 1 && p[0] === 'setInterval' && !bindings.has('setInterval')) return true;
  if (p.length === 2 && (p[0] === 'globalThis' || p[0] === 'global') && p[1] === 'setInterval') return true;
  const b = bindings.get(p[0]);
  if (b && (b.module === 'timers' || b.module === 'timers/promises')) {
    const full = [...b.path, ...p.slice(1)];
    return full[full.length - 1] === 'setInterval';
  }
  return false;
}

/** The identifier a timer handle is stored in: `const t = setInterval(...)` or `t = setInterval(...)`. */
function handleName(ancestors: readonly Node[]): string | undefined {
  const parent = ancestors[ancestors.length - 1];
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'AssignmentExpression') {
    const p = memberPath(parent.left as Node);
    return p?.join('.');
  }
  return undefined;
}

/** True when `clearInterval(name)` is called somewhere inside `scope`. */
function isCleared(scope: Node, name: string): boolean {
  let found = false;
  walk(scope, (n) => {
    if (found) return 'skip';
    if (n.type === 'CallExpression') {
      const p = memberPath(n.callee as Node);
      if (p && p[p.length - 1] === 'clearInterval' && n.arguments[0] && memberPath(n.arguments[0] as Node)?.join('.') === name) found = true;
    }
  });
  return found;
}

export const backgroundWork: JsRule = {
  language: 'js',
  meta: {
    id: 'handler/background-work',
    category: 'background-work',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description: 'Timers and work left running after the handler returns are frozen with the execution environment and may never run.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html',
    },
    messages: {
      setInterval: '`setInterval` keeps work running between requests, but Lambda freezes the environment as soon as the handler returns, so the timer stalls or never fires. Do the work inside the invocation, or move it to a scheduled function (EventBridge rule).',
    },
  },
  check(ctx) {
    if (ctx.isTestFile) return;
    const { bindings } = ctx.modules;
    walk(ctx.ast, (node, ancestors) => {
      if (node.type !== 'CallExpression' || !isSetInterval(node, bindings)) return;
      if (isLocalOnly(node, ancestors)) return;
      const name = handleName(ancestors);
      if (name) {
        // A timer cleared within the same function (or file, for module-scope timers) ends before the handler returns;
        // a handle kept on `this` may be cleared by another method of the same class.
        const classBody = name.startsWith('this.') ? [...ancestors].reverse().find((a) => a.type === 'ClassBody') : undefined;
        const scope = classBody ?? enclosingFunction(ancestors) ?? ctx.ast;
        if (isCleared(scope, name)) return;
      }
      ctx.report({ messageId: 'setInterval', at: node.callee as Node });
    });
  },
};
