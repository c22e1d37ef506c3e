import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

export type Node = TSESTree.Node;

// Read once: through the bundler's ESM interop every `visitorKeys` access is a getter call, and walk() is the
// hottest loop of the analysis (each JS rule walks the whole tree).
const KEYS: Record<string, readonly string[] | undefined> = visitorKeys;

/** Depth-first walk that hands each node its ancestors (nearest last). */
export function walk(root: Node, enter: (node: Node, ancestors: readonly Node[]) => void | 'skip'): void {
  const ancestors: Node[] = [];
  const visit = (node: Node): void => {
    if (enter(node, ancestors) === 'skip') return;
    const keys = KEYS[node.type];
    if (!keys) return;
    ancestors.push(node);
    for (let k = 0; k < keys.length; k++) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]];
      if (!child || typeof child !== 'object') continue;
      if (Array.isArray(child)) {
        for (let i = 0; i < child.length; i++) {
          const c = child[i] as Node | null;
          if (c && typeof c.type === 'string') visit(c);
        }
      } else if (typeof (child as Node).type === 'string') {
        visit(child as Node);
      }
    }
    ancestors.pop();
  };
  visit(root);
}

/** `a.b.c` → ['a','b','c']; `a['b']` → ['a','b']; anything else → undefined. Call results are `()` segments. */
export function memberPath(node: Node): string[] | undefined {
  switch (node.type) {
    case 'Identifier':
      return [node.name];
    case 'ThisExpression':
      return ['this'];
    case 'MemberExpression': {
      const obj = memberPath(node.object);
      if (!obj) return undefined;
      if (!node.computed && node.property.type === 'Identifier') return [...obj, node.property.name];
      if (node.computed && node.property.type === 'Literal' && typeof node.property.value === 'string') return [...obj, node.property.value];
      return undefined;
    }
    case 'CallExpression': {
      const callee = memberPath(node.callee);
      return callee ? [...callee, '()'] : undefined;
    }
    case 'ChainExpression':
      return memberPath(node.expression);
    case 'TSNonNullExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
      return memberPath(node.expression);
    case 'AwaitExpression':
      return memberPath(node.argument);
    default:
      return undefined;
  }
}

export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

export function isFunctionNode(node: Node): node is TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** The nearest enclosing function of a node, from its ancestors. */
export function enclosingFunction(ancestors: readonly Node[]): Node | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) if (isFunctionNode(ancestors[i])) return ancestors[i];
  return undefined;
}

/** True when the node sits at module scope (not inside any function). */
export function atModuleScope(ancestors: readonly Node[]): boolean {
  return enclosingFunction(ancestors) === undefined;
}
