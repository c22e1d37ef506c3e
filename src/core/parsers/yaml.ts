import {
  Composer,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  Parser,
  type CST,
  type Document,
  type Node,
  type Pair,
  type ScalarTag,
  type CollectionTag,
} from 'yaml';
import { MAX_NESTING, TooDeepError } from '../limits';

/** CloudFormation's short-form intrinsic functions. `!GetAtt a.b` is `{ "Fn::GetAtt": ["a", "b"] }`. */
const INTRINSICS = [
  'Ref',
  'Condition',
  'GetAtt',
  'Sub',
  'Join',
  'If',
  'Select',
  'FindInMap',
  'ImportValue',
  'Split',
  'Base64',
  'Cidr',
  'GetAZs',
  'Equals',
  'Not',
  'And',
  'Or',
  'Transform',
  'ToJsonString',
  'Length',
];

function longName(short: string): string {
  return short === 'Ref' || short === 'Condition' ? short : `Fn::${short}`;
}

/** Custom tags so that a template's short forms parse into their long-form objects instead of warnings. */
const cloudFormationTags: (ScalarTag | CollectionTag)[] = INTRINSICS.flatMap((short) => {
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

interface YamlParseError {
  message: string;
  offset: number;
}

export interface ParsedYaml {
  docs: Document.Parsed[];
  errors: YamlParseError[];
  lineCounter: LineCounter;
}

/**
 * The offset where collection nesting in one CST token (a document) first passes `limit`, or -1. yaml's parser
 * builds this concrete tree without recursion; its composer (and everything after) recurses per level, and near the
 * stack limit V8 can abort the process rather than throw, so depth is checked here before composing.
 */
export function yamlNestingBeyond(token: CST.Token, limit = MAX_NESTING): number {
  const stack: [CST.Token, number][] = [[token, 0]];
  while (stack.length) {
    const [t, d] = stack.pop()!;
    let depth = d;
    if (t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection') {
      depth++;
      if (depth > limit) return t.offset;
    }
    if (t.type === 'document') {
      if (t.value) stack.push([t.value, depth]);
    } else if ('items' in t && Array.isArray(t.items)) {
      for (const item of t.items as { key?: CST.Token | null; value?: CST.Token }[]) {
        if (item.key) stack.push([item.key, depth]);
        if (item.value) stack.push([item.value, depth]);
      }
    }
  }
  return -1;
}

/** Top-level CST error tokens past which a YAML text is not composed. */
const MAX_STRAY_TOKENS = 1000;

/** Past this, yaml's parser itself costs too much (100,000 nested `[` took 220 MB and 3 s before any check). */
const LEXED_LIMIT = 4 * MAX_NESTING;

/**
 * An upper bound of a YAML text's block nesting, from its lines alone: indentation levels (a stack of widths, as
 * Python's indentation) plus the compact `- ` and `? ` indicators a line starts with, plus one for a mapping on it.
 */
function blockBound(text: string): number {
  const n = text.length;
  const stack: number[] = [];
  let max = 0;
  for (let i = 0; i < n;) {
    const nl = text.indexOf('\n', i);
    const end = nl < 0 ? n : nl;
    let j = i;
    while (text.charCodeAt(j) === 32) j++;
    const width = j - i;
    let compact = 0;
    while ((text[j] === '-' || text[j] === '?') && (j + 1 >= end || text[j + 1] === ' ')) {
      compact++;
      j++;
      while (text.charCodeAt(j) === 32) j++;
    }
    const c = text.charCodeAt(j);
    if (j < end && c !== 35 && c !== 13) {
      while (stack.length && width < stack[stack.length - 1]) stack.pop();
      if (!stack.length || width > stack[stack.length - 1]) stack.push(width);
      max = Math.max(max, stack.length + compact + 1);
    }
    i = end + 1;
  }
  return max;
}

/** Flow brackets anywhere in the text: an upper bound of the flow nesting. */
function flowBound(text: string, stopAt: number): number {
  let count = 0;
  for (let i = 0; i < text.length && count <= stopAt; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) count++;
  }
  return count;
}

/** Nesting measured from yaml's lexer, which builds no tree: flow brackets exactly, block levels as blockBound does. */
function lexedNestingBeyond(text: string, limit: number): number {
  let offset = 0;
  let flow = 0;
  const stack: number[] = [];
  let lineStart = true;
  let indent = 0;
  let compact = 0;
  let block = 0;
  for (const tok of new Lexer().lex(text)) {
    // Document, flow-error and scalar markers are the lexer's own, not text.
    if (tok === '\x02' || tok === '\x18' || tok === '\x1f') continue;
    const at = offset;
    offset += tok.length;
    if (lineStart && flow === 0 && /^[ \t]+$/.test(tok)) {
      indent = tok.length;
      continue;
    }
    if (lineStart && tok !== '\n' && tok !== '\r\n' && tok !== '' && tok[0] !== '#') {
      lineStart = false;
      compact = 0;
      if (flow === 0) {
        while (stack.length && indent < stack[stack.length - 1]) stack.pop();
        if (!stack.length || indent > stack[stack.length - 1]) stack.push(indent);
      }
      block = stack.length;
    }
    if (tok === '[' || tok === '{') flow++;
    else if ((tok === ']' || tok === '}') && flow > 0) flow--;
    else if (flow === 0 && (tok === '-' || tok === '?')) compact++;
    if (block + compact + flow > limit) return at;
    if (tok.endsWith('\n') || tok === '') {
      lineStart = true;
      indent = 0;
    }
  }
  return -1;
}

/**
 * Throws TooDeepError when a YAML text nests far past MAX_NESTING, before yaml's parser builds its tree: cheap bounds
 * first, the lexer only when they do not rule it out. parseYaml then checks the exact depth on the concrete tree.
 */
export function checkYamlNesting(text: string): void {
  if (flowBound(text, LEXED_LIMIT) <= LEXED_LIMIT && blockBound(text) <= LEXED_LIMIT) return;
  const at = lexedNestingBeyond(text, LEXED_LIMIT);
  if (at >= 0) throw new TooDeepError(at);
}

/**
 * Parses (multi-document) YAML keeping node ranges. Errors are returned, not thrown; nesting past MAX_NESTING throws
 * TooDeepError. Aliases are not expanded here nor by toJS() below, so alias bombs cost nothing.
 */
export function parseYaml(text: string, opts: { cloudFormation?: boolean } = {}): ParsedYaml {
  const parsed = parseYamlText(text, opts);
  if (!parsed.errors.some((e) => FLOW_INDENT.test(e.message))) return parsed;
  // CloudFormation reads a flow collection whose closing bracket or items sit at its key's indentation
  // (`VpcConfig: !If [c, {` … `    }, !Ref AWS::NoValue]`), which YAML 1.2 and the `yaml` package reject. Such a line
  // is moved onto the one before by turning the line break into a space: the text keeps its length, so every offset
  // stays the original's. The repaired text is used only when it parses with fewer errors.
  const repaired = joinUnderIndentedFlowLines(text);
  if (repaired === text) return parsed;
  const again = parseYamlText(repaired, opts);
  if (again.errors.length >= parsed.errors.length) return parsed;
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  return { ...again, lineCounter };
}

/** The `yaml` package's error for a flow collection indented no deeper than the block it sits in. */
const FLOW_INDENT = /^Flow (?:map|sequence) in block collection must be sufficiently indented/;

/**
 * The text with the line break before each line of a flow collection that sits no deeper than the line the collection
 * opened on (its closing bracket, or its items: `Resource: [` then `!Sub "arn:…",` at the key's indentation) replaced
 * by a space (a CR before it too): inside a flow collection a line break is only a separator. Quoted scalars and
 * comments are skipped; a line that ends in a comment is left as it is (the next line would join the comment).
 */
function joinUnderIndentedFlowLines(text: string): string {
  const out = text.split('');
  let depth = 0;
  let openIndent = 0;
  let lineStart = 0;
  let quote: string | undefined;
  let comment = false;
  const indentAt = (start: number) => {
    let k = start;
    while (text[k] === ' ') k++;
    return k - start;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      const next = i + 1;
      const indent = indentAt(next);
      const first = text[next + indent];
      if (depth > 0 && !comment && !quote && first !== undefined && indent <= openIndent) {
        out[i] = ' ';
        if (text[i - 1] === '\r') out[i - 1] = ' ';
      } else {
        lineStart = next;
      }
      comment = false;
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (ch === quote) {
        // '' inside single quotes is an escaped quote.
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = undefined;
      } else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]))) comment = true;
    else if ((ch === '"' || ch === "'") && depth > 0) quote = ch;
    else if (ch === '{' || ch === '[') {
      if (depth++ === 0) openIndent = indentAt(lineStart);
    } else if ((ch === '}' || ch === ']') && depth > 0) depth--;
  }
  return out.join('');
}

function parseYamlText(text: string, opts: { cloudFormation?: boolean }): ParsedYaml {
  const lineCounter = new LineCounter();
  checkYamlNesting(text);
  // parseAllDocuments, with the depth check between the concrete and the composed tree.
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  let broken = 0;
  for (const token of tokens) {
    const at = yamlNestingBeyond(token);
    if (at >= 0) throw new TooDeepError(at);
    // The composer slows down superlinearly on thousands of stray tokens (100,000 lines of `]` took 10 s); a text
    // this broken is one parse error, not something to compose.
    if (token.type === 'error' && ++broken > MAX_STRAY_TOKENS) {
      const first = tokens.find((t) => t.type === 'error')!;
      return {
        docs: [],
        errors: [
          {
            message: `${broken}+ lines that are not YAML (the first: ${JSON.stringify(('source' in first ? first.source : '').slice(0, 40))})`,
            offset: first.offset,
          },
        ],
        lineCounter,
      };
    }
  }
  const composer = new Composer({
    customTags: opts.cloudFormation ? cloudFormationTags : undefined,
    // Kubernetes and CloudFormation files are routinely larger than the alias defaults guard against.
    uniqueKeys: false,
    strict: false,
  });
  const list = Array.from(composer.compose(tokens)) as Document.Parsed[];
  const errors: YamlParseError[] = [];
  for (const d of list) {
    for (const e of d.errors) errors.push({ message: e.message.split('\n')[0], offset: e.pos[0] });
  }
  return { docs: list, errors, lineCounter };
}

/** The value node under `key` in a YAML map node. */
export function mapGet(node: unknown, key: string): Node | undefined {
  const pair = mapPair(node, key);
  return pair ? ((pair.value ?? undefined) as Node | undefined) : undefined;
}

/**
 * The pair (key + value) under `key`, for positions of the key itself. A key written twice (which YAML forbids and
 * parsers tolerate) is read as its last occurrence, as `toJS` and PyYAML (the SAM CLI's parser) read it.
 */
export function mapPair(node: unknown, key: string): Pair | undefined {
  if (!isMap(node)) return undefined;
  const items = node.items as Pair[];
  for (let i = items.length - 1; i >= 0; i--) {
    const k = items[i].key;
    if ((isScalar(k) ? String(k.value) : String(k)) === key) return items[i];
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

export { isScalar };
