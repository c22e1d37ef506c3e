import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type Pair, type ScalarTag, type CollectionTag } from 'yaml';

/** CloudFormation's short-form intrinsic functions. `!GetAtt a.b` is `{ "Fn::GetAtt": ["a", "b"] }`. */
const INTRINSICS = [
  'Ref', 'Condition', 'GetAtt', 'Sub', 'Join', 'If', 'Select', 'FindInMap', 'ImportValue', 'Split',
  'Base64', 'Cidr', 'GetAZs', 'Equals', 'Not', 'And', 'Or', 'Transform', 'ToJsonString', 'Length',
];

function longName(short: string): string {
  return short === 'Ref' || short === 'Condition' ? short : `Fn::${short}`;
}

/** Custom tags so that a template's short forms parse into their long-form objects instead of warnings. */
export const cloudFormationTags: (ScalarTag | CollectionTag)[] = INTRINSICS.flatMap((short) => {
  const key = longName(short);
  const scalar: ScalarTag = {
    tag: `!${short}`,
    resolve: (value: string) => ({ [key]: short === 'GetAtt' ? value.split('.') : value }),
  } as ScalarTag;
  // Collections keep their tag on the node; toJS() below wraps them in their long form.
  const seq = { tag: `!${short}`, collection: 'seq', resolve: (v: unknown) => v } as unknown as CollectionTag;
  const map = { tag: `!${short}`, collection: 'map', resolve: (v: unknown) => v } as unknown as CollectionTag;
  return [scalar, seq, map];
});

export interface YamlParseError {
  message: string;
  offset: number;
}

export interface ParsedYaml {
  docs: Document.Parsed[];
  errors: YamlParseError[];
  lineCounter: LineCounter;
}

/** Parses (multi-document) YAML keeping node ranges. Errors are returned, not thrown. */
export function parseYaml(text: string, opts: { cloudFormation?: boolean } = {}): ParsedYaml {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter,
    customTags: opts.cloudFormation ? cloudFormationTags : undefined,
    // Kubernetes and CloudFormation files are routinely larger than the alias defaults guard against.
    uniqueKeys: false,
    strict: false,
    prettyErrors: false,
  });
  const list = Array.isArray(docs) ? docs : [docs as unknown as Document.Parsed];
  const errors: YamlParseError[] = [];
  for (const d of list) {
    for (const e of d.errors) errors.push({ message: e.message.split('\n')[0], offset: e.pos[0] });
  }
  return { docs: list, errors, lineCounter };
}

/** The value node under `key` in a YAML map node. */
export function mapGet(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  for (const pair of node.items as Pair[]) {
    const k = pair.key;
    if ((isScalar(k) ? String(k.value) : String(k)) === key) return (pair.value ?? undefined) as Node | undefined;
  }
  return undefined;
}

/** The pair (key + value) under `key`, for positions of the key itself. */
export function mapPair(node: unknown, key: string): Pair | undefined {
  if (!isMap(node)) return undefined;
  for (const pair of node.items as Pair[]) {
    const k = pair.key;
    if ((isScalar(k) ? String(k.value) : String(k)) === key) return pair;
  }
  return undefined;
}

export function getPath(node: unknown, path: string[]): Node | undefined {
  let cur: unknown = node;
  for (const key of path) {
    cur = mapGet(cur, key);
    if (cur === undefined) return undefined;
  }
  return cur as Node;
}

/** Map entries as [key, valueNode, pair]. */
export function mapEntries(node: unknown): [string, Node | undefined, Pair][] {
  if (!isMap(node)) return [];
  return (node.items as Pair[]).map((p) => [isScalar(p.key) ? String(p.key.value) : String(p.key), (p.value ?? undefined) as Node | undefined, p]);
}

export function seqItems(node: unknown): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

const INTRINSIC_SET = new Set(INTRINSICS);

/** A plain JS value of a node, with short-form intrinsic tags on collections turned into their long forms. */
export function toJS(node: Node | Pair | null | undefined): unknown {
  if (node === undefined || node === null) return undefined;
  const tagged = (value: unknown): unknown => {
    const tag = (node as Node).tag;
    if (tag && tag.startsWith('!') && INTRINSIC_SET.has(tag.slice(1))) return { [longName(tag.slice(1))]: value };
    return value;
  };
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const p of node.items as Pair[]) out[isScalar(p.key) ? String(p.key.value) : String(p.key)] = toJS(p.value as Node);
    return tagged(out);
  }
  if (isSeq(node)) return tagged((node.items as Node[]).map((n) => toJS(n)));
  if (isScalar(node)) return node.value;
  if (isAlias(node)) return undefined;
  return undefined;
}

/** The scalar value of a node, or undefined for collections and tagged intrinsics. */
export function scalarValue(node: Node | undefined): string | number | boolean | null | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (typeof v === 'object' && v !== null) return undefined;
  return v as string | number | boolean | null;
}

export function nodeRange(node: Node | Pair | undefined): [number, number] | undefined {
  if (!node) return undefined;
  const r = (node as Node).range ?? ((node as Pair).key as Node | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

export { isMap, isScalar, isSeq };
