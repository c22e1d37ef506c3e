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
  end: number[];
  /** Index of each node's parent, -1 for the root. */
  parent: number[];
  /** Pre-order indices of each node type. */
  byType: Map<string, number[]>;
}

const flatTrees = new WeakMap<Node, FlatTree>();
/** The most recently flattened whole tree: sub-walks (a function body, a class) of the file being analysed find their
 * start in it. Analysis is synchronous per file, so this is the current file's tree or a stale one that misses. */
let current: FlatTree | undefined;

/** Per node type, its visitor keys and the list it is indexed into: one Map lookup per node while flattening. */
interface TypeSlot {
  keys: readonly string[] | undefined;
  list: number[];
  /** The flatten() call that last reset `list`. */
  epoch: number;
}
const typeSlots = new Map<string, TypeSlot>();
let epoch = 0;

/**
 * Appends the subtrees of `roots` to `tree` in pre-order, their parent at index `up`, and indexes the nodes by type:
 * the lists of a new `run` (an epoch) start empty and are put into tree.byType, so earlier trees' lists are never
 * touched. The hottest loop of the analysis: its state in local variables. Iterative (an explicit stack, children
 * pushed in reverse), so a deep tree cannot exhaust the JS stack; subtree ends are filled in afterwards, children
 * before parents.
 */
function append(tree: FlatTree, roots: readonly Node[], up: number, run: number): void {
  const { nodes, end, parent, byType } = tree;
  const first = nodes.length;
  const stack: Node[] = [];
  const ups: number[] = [];
  for (let r = roots.length - 1; r >= 0; r--) {
    stack.push(roots[r]);
    ups.push(up);
  }
  while (stack.length > 0) {
    const node = stack.pop()!;
    const i = nodes.length;
    nodes.push(node);
    end.push(i + 1);
    parent.push(ups.pop()!);
    let slot = typeSlots.get(node.type);
    if (!slot) typeSlots.set(node.type, (slot = { keys: KEYS[node.type], list: [], epoch: 0 }));
    if (slot.epoch !== run) {
      slot.epoch = run;
      slot.list = [];
      byType.set(node.type, slot.list);
    }
    slot.list.push(i);
    const keys = slot.keys;
    if (!keys) continue;
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]];
      if (!child || typeof child !== 'object') continue;
      if (Array.isArray(child)) {
        for (let j = child.length - 1; j >= 0; j--) {
          const c = child[j] as Node | null;
          if (c && typeof c.type === 'string') {
            stack.push(c);
            ups.push(i);
          }
        }
      } else if (typeof (child as Node).type === 'string') {
        stack.push(child as Node);
        ups.push(i);
      }
    }
  }
  for (let j = nodes.length - 1; j > first; j--) {
    const p = parent[j];
    if (p >= first && end[j] > end[p]) end[p] = end[j];
  }
}

/**
 * The index of `node` in `tree`, or -1. Nothing is stored on the nodes (a property added to every node of every tree
 * cost a third of the flattening): the node is looked up among the nodes of its type, which are in pre-order and so,
 * as children lie inside their parents, in order of their start; where that order does not hold (a tree whose later
 * statements an edit has moved), the list is searched from end to end.
 */
function indexIn(tree: FlatTree, node: Node): number {
  const list = tree.byType.get(node.type);
  if (!list) return -1;
  const { nodes } = tree;
  const start = node.range[0];
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (nodes[list[mid]].range[0] < start) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < list.length && nodes[list[k]].range[0] === start; k++) if (nodes[list[k]] === node) return list[k];
  for (const i of list) if (nodes[i] === node) return i;
  return -1;
}

function flatten(root: Node): FlatTree {
  const tree: FlatTree = { nodes: [], end: [], parent: [], byType: new Map() };
  append(tree, [root], -1, ++epoch);
  flatTrees.set(root, tree);
  if (root.type === 'Program') current = tree;
  return tree;
}

/**
 * The nodes of `root`'s flattened tree (pre-order) and the index of `node` in them, when `root` was flattened and
 * `node` is in it: every node from that index on lies in `node`'s subtree or after it. For the editor's incremental
 * parse, which moves the statements after an edit without walking them.
 */
export function flatNodesFrom(root: Node, node: Node): { nodes: readonly Node[]; start: number } | undefined {
  const tree = flatTrees.get(root);
  const at = tree ? indexIn(tree, node) : -1;
  if (!tree || at < 0) return undefined;
  return { nodes: tree.nodes, start: at };
}

/**
 * Flattens `root`, an edited copy of `prev` whose body keeps prev's first `before` statements, then has `fresh`
 * statements, then prev's statements from `afterFrom` on (the editor's incremental parse). When prev was flattened,
 * the kept statements' entries are reused, shifted past the fresh ones, instead of walking them again; the result is
 * the tree flatten(root) gives. Does nothing when prev was not flattened (the first walk flattens root as usual).
 */
export function flattenEdited(root: Node, prev: Node, before: number, fresh: readonly Node[], afterFrom: number): void {
  const old = flatTrees.get(prev);
  if (!old || prev.type !== 'Program') return;
  const body = prev.body as Node[];
  const indexOf = (n: Node) => indexIn(old, n);
  const cut2 = afterFrom < body.length ? indexOf(body[afterFrom]) : old.nodes.length;
  const cut1 = before < afterFrom ? indexOf(body[before]) : cut2;
  if (cut1 < 1 || cut2 < cut1) return;
  // The statements before the edit keep their entries; the fresh ones are appended as flatten() would, with type
  // lists of their own.
  const edited: FlatTree = { nodes: old.nodes.slice(0, cut1), end: old.end.slice(0, cut1), parent: old.parent.slice(0, cut1), byType: new Map() };
  const { nodes, end, parent } = edited;
  nodes[0] = root;
  const run = ++epoch;
  append(edited, fresh, 0, run);
  const freshTypes = edited.byType;
  // The statements after the edit: same entries, indices shifted.
  const shift = nodes.length - cut2;
  for (let i = cut2; i < old.nodes.length; i++) {
    nodes.push(old.nodes[i]);
    end.push(old.end[i] + shift);
    const up = old.parent[i];
    parent.push(up >= cut2 ? up + shift : up);
  }
  end[0] = nodes.length;
  const byType = new Map<string, number[]>();
  for (const type of new Set([...old.byType.keys(), ...freshTypes.keys()])) {
    const list: number[] = [];
    const was = old.byType.get(type) ?? [];
    let k = 0;
    for (; k < was.length && was[k] < cut1; k++) list.push(was[k]);
    for (const i of freshTypes.get(type) ?? []) list.push(i);
    while (k < was.length && was[k] < cut2) k++;
    for (; k < was.length; k++) list.push(was[k] + shift);
    if (list.length) byType.set(type, list);
  }
  const tree: FlatTree = { nodes, end, parent, byType };
  flatTrees.set(root, tree);
  current = tree;
}

/** For tests: the flattened tree of `root` as plain data (node types in pre-order, subtree ends, parents, type index),
 * flattening it if no walk has yet. */
export function flatShape(root: Node): { types: string[]; end: number[]; parent: number[]; byType: [string, number[]][] } {
  const [tree] = treeOf(root);
  return {
    types: tree.nodes.map((n) => n.type),
    end: [...tree.end],
    parent: [...tree.parent],
    byType: [...tree.byType].sort(([a], [b]) => (a < b ? -1 : 1)),
  };
}

/** The flattened tree that holds `root`, and root's index in it. */
function treeOf(root: Node): [FlatTree, number] {
  const own = flatTrees.get(root);
  if (own) return [own, 0];
  const at = current ? indexIn(current, root) : -1;
  if (at >= 0) return [current!, at];
  return [flatten(root), 0];
}

/**
 * Depth-first walk that hands each node its ancestors (nearest last). Returning 'skip' skips the node's children.
 * Walking a tree flattens it once (cached per root); walks of any node inside the current file's tree reuse it.
 */
export function walk(root: Node, enter: (node: Node, ancestors: readonly Node[]) => void | 'skip'): void {
  const [tree, start] = treeOf(root);
  const { nodes, end } = tree;
  const ancestors: Node[] = [];
  // Indices of `ancestors`: a node is inside the nearest one whose subtree end lies beyond it.
  const open: number[] = [];
  const stop = end[start];
  let i = start;
  while (i < stop) {
    while (open.length > 0 && end[open[open.length - 1]] <= i) {
      open.pop();
      ancestors.pop();
    }
    const node = nodes[i];
    if (enter(node, ancestors) === 'skip') {
      i = end[i];
      continue;
    }
    open.push(i);
    ancestors.push(node);
    i++;
  }
}

/**
 * Like walk(), but calls `enter` only for nodes of the given types, in the same order and with the same ancestors.
 * Most rules look at a few node types (calls, identifiers); visiting only those, from a per-type index of the tree,
 * skips the other 80–95 % of the nodes. Returning 'skip' skips the node's subtree, as in walk().
 */
export function walkTypes(root: Node, types: readonly string[], enter: (node: Node, ancestors: readonly Node[]) => void | 'skip'): void {
  const [tree, start] = treeOf(root);
  const { nodes, end, parent, byType } = tree;
  const stop = end[start];
  // Merge the per-type lists (each in pre-order) into one pre-order sequence, from `start` on.
  const lists: number[][] = [];
  const pos: number[] = [];
  for (const t of types) {
    const list = byType.get(t);
    if (!list) continue;
    lists.push(list);
    pos.push(firstAtOrAfter(list, start));
  }
  let skipUntil = -1;
  // The ancestors of consecutive visits share most of their chain: keep it as a stack of indices, pop what the next
  // node is not inside of, and push only the missing links (found through parent[]).
  const ancestors: Node[] = [];
  const stack: number[] = [];
  const missing: number[] = [];
  for (;;) {
    let best = -1;
    let bestIdx = stop;
    for (let k = 0; k < lists.length; k++) {
      const list = lists[k];
      while (pos[k] < list.length && list[pos[k]] < skipUntil) pos[k]++;
      if (pos[k] < list.length && list[pos[k]] < bestIdx) {
        bestIdx = list[pos[k]];
        best = k;
      }
    }
    if (best < 0) return;
    pos[best]++;
    while (stack.length > 0 && end[stack[stack.length - 1]] <= bestIdx) {
      stack.pop();
      ancestors.pop();
    }
    const top = stack.length > 0 ? stack[stack.length - 1] : start - 1;
    for (let p = parent[bestIdx]; p > top && p >= start; p = parent[p]) missing.push(p);
    while (missing.length > 0) {
      const p = missing.pop()!;
      stack.push(p);
      ancestors.push(nodes[p]);
    }
    if (enter(nodes[bestIdx], ancestors) === 'skip') skipUntil = end[bestIdx];
  }
}

function firstAtOrAfter(list: number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
