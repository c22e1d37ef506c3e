import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

export type Node = TSESTree.Node;

// Read once: through the bundler's ESM interop every `visitorKeys` access is a getter call, and walk() is the
// hottest loop of the analysis (each JS rule walks the whole tree).
const KEYS: Record<string, readonly string[] | undefined> = visitorKeys;

/**
 * A tree flattened in pre-order, so that the many walks of one file (every JS rule walks it) iterate an array instead
 * of re-discovering children through visitor keys. `end[i]` is the index just past node i's subtree.
 */
interface FlatTree {
  nodes: Node[];
  depth: number[];
  end: number[];
  index: Map<Node, number>;
}

const flatTrees = new WeakMap<Node, FlatTree>();
/** The most recently flattened whole tree: sub-walks (a function body, a class) of the file being analysed find their
 * start in it. Analysis is synchronous per file, so this is the current file's tree or a stale one that misses. */
let current: FlatTree | undefined;

function flatten(root: Node): FlatTree {
  const nodes: Node[] = [];
  const depth: number[] = [];
  const end: number[] = [];
  const index = new Map<Node, number>();
  const visit = (node: Node, d: number): void => {
    const i = nodes.length;
    nodes.push(node);
    depth.push(d);
    end.push(0);
    index.set(node, i);
    const keys = KEYS[node.type];
    if (keys) {
      for (let k = 0; k < keys.length; k++) {
        const child = (node as unknown as Record<string, unknown>)[keys[k]];
        if (!child || typeof child !== 'object') continue;
        if (Array.isArray(child)) {
          for (let j = 0; j < child.length; j++) {
            const c = child[j] as Node | null;
            if (c && typeof c.type === 'string') visit(c, d + 1);
          }
        } else if (typeof (child as Node).type === 'string') {
          visit(child as Node, d + 1);
        }
      }
    }
    end[i] = nodes.length;
  };
  visit(root, 0);
  const tree = { nodes, depth, end, index };
  flatTrees.set(root, tree);
  if (root.type === 'Program') current = tree;
  return tree;
}

/**
 * Depth-first walk that hands each node its ancestors (nearest last). Returning 'skip' skips the node's children.
 * Walking a tree flattens it once (cached per root); walks of any node inside the current file's tree reuse it.
 */
export function walk(root: Node, enter: (node: Node, ancestors: readonly Node[]) => void | 'skip'): void {
  let tree = flatTrees.get(root);
  let start = 0;
  if (!tree) {
    const at = current?.index.get(root);
    if (current && at !== undefined) {
      tree = current;
      start = at;
    } else {
      tree = flatten(root);
    }
  }
  const { nodes, depth, end } = tree;
  const base = depth[start];
  const ancestors: Node[] = [];
  const stop = end[start];
  let i = start;
  while (i < stop) {
    const rel = depth[i] - base;
    while (ancestors.length > rel) ancestors.pop();
    const node = nodes[i];
    if (enter(node, ancestors) === 'skip') {
      i = end[i];
      continue;
    }
    ancestors.push(node);
    i++;
  }
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
