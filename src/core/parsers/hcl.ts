// HCL (Terraform) parsing with source positions.
//
// Parser choice: the Lezer grammar shipped in `codemirror-lang-hcl` (driven by `@lezer/lr`). It is plain JavaScript
// with no install scripts and no WASM, so it loads in the VS Code extension host and in the CLI alike; it keeps exact
// offsets for every node and recovers from syntax errors (error nodes mark where). `@cdktf/hcl2json` was the other
// candidate: it is WASM (a Go build), asynchronous, and returns JSON without positions, so every diagnostic would need a
// second, regex-based locator. The Lezer tree is reduced here to a small position-keeping AST that model code walks.
import type { SyntaxNode } from '@lezer/common';
import { ExternalTokenizer, type InputStream, type LRParser, type Stack } from '@lezer/lr';
import { hclLanguage } from 'codemirror-lang-hcl';
import { MAX_NESTING, TooDeepError } from '../limits';

export type Range = [number, number];

export type HclValue =
  | { kind: 'literal'; value: string | number | boolean | null; range: Range }
  /** A quoted string with `${...}` interpolations; `parts` are literal text or references. */
  | { kind: 'template'; parts: (string | { ref: string[] })[]; range: Range }
  /** `var.x`, `local.y`, `aws_sqs_queue.q.arn`. */
  | { kind: 'ref'; path: string[]; range: Range }
  | { kind: 'object'; entries: { key: string; keyRange: Range; value: HclValue }[]; range: Range }
  | { kind: 'tuple'; items: HclValue[]; range: Range }
  /** Anything this model does not evaluate (function calls, conditionals, for expressions). */
  | { kind: 'expr'; text: string; range: Range };

export interface HclAttribute {
  name: string;
  value: HclValue;
  /** The whole `name = value`. */
  range: Range;
}

export interface HclBody {
  attributes: Map<string, HclAttribute>;
  blocks: HclBlock[];
}

export interface HclBlock {
  type: string;
  labels: string[];
  body: HclBody;
  range: Range;
  /** The header (`resource "aws_lambda_function" "x"`), where diagnostics about the block point. */
  headerRange: Range;
}

export interface HclFile {
  body: HclBody;
  errors: { offset: number; message: string }[];
}

function kids(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

function unquote(raw: string): string {
  return raw.replace(/\\(["\\nrt])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c));
}

function refPath(node: SyntaxNode, text: string): string[] | undefined {
  // VariableExpr followed by GetAttr / index siblings inside an Expression.
  const parts: string[] = [];
  for (const c of kids(node)) {
    if (c.name === 'VariableExpr') parts.push(text.slice(c.from, c.to));
    else if (c.name === 'GetAttr') {
      const id = c.getChild('Identifier');
      if (!id) return undefined;
      parts.push(text.slice(id.from, id.to));
    } else if (c.name === 'Index' || c.name === 'LegacyIndex' || c.name === 'AttrSplat' || c.name === 'FullSplat') {
      continue; // `aws_lambda_function.f[0].arn` still names the same resource
    } else return undefined;
  }
  return parts.length ? parts : undefined;
}

function convertValue(node: SyntaxNode, text: string, masked: Masked): HclValue {
  const range: Range = [node.from, node.to];
  const m = masked.get(node.from);
  if (m && m.end === node.to) return m.value;
  if (node.name === 'Expression') {
    const cs = kids(node);
    if (cs.length === 1) return convertValue(cs[0], text, masked);
    const path = refPath(node, text);
    if (path) return { kind: 'ref', path, range };
    return { kind: 'expr', text: text.slice(node.from, node.to), range };
  }
  switch (node.name) {
    case 'LiteralValue':
    case 'CollectionValue':
    case 'TemplateExpr':
      return node.firstChild ? convertValue(node.firstChild, text, masked) : { kind: 'expr', text: '', range };
    case 'NumericLit':
      return { kind: 'literal', value: Number(text.slice(node.from, node.to)), range };
    case 'BoolLit':
    case 'BooleanLit':
      return { kind: 'literal', value: text.slice(node.from, node.to) === 'true', range };
    case 'NullLit':
      return { kind: 'literal', value: null, range };
    case 'StringLit':
    case 'QuotedTemplate': {
      const parts: (string | { ref: string[] })[] = [];
      let simple = true;
      for (const c of kids(node)) {
        if (c.name === 'TemplateLiteral') parts.push(unquote(text.slice(c.from, c.to)));
        else if (c.name === 'TemplateInterpolation') {
          const e = c.getChild('Expression');
          const path = e ? refPath(e, text) : undefined;
          if (path) parts.push({ ref: path });
          else parts.push({ ref: ['?' + text.slice(c.from, c.to)] });
          simple = false;
        } else if (c.name !== 'QuotedTemplateStart' && c.name !== 'QuotedTemplateEnd') simple = false;
      }
      if (simple) return { kind: 'literal', value: parts.join(''), range };
      return { kind: 'template', parts, range };
    }
    case 'HeredocTemplate':
      return { kind: 'expr', text: text.slice(node.from, node.to), range };
    case 'VariableExpr':
      return { kind: 'ref', path: [text.slice(node.from, node.to)], range };
    case 'Tuple':
      return {
        kind: 'tuple',
        items: kids(node)
          .filter((c) => c.name === 'Expression')
          .map((c) => convertValue(c, text, masked)),
        range,
      };
    case 'Object': {
      const entries: { key: string; keyRange: Range; value: HclValue }[] = [];
      for (const el of kids(node)) {
        if (el.name !== 'ObjectElem') continue;
        const keyNode = el.getChild('ObjectKey');
        const valueNode = el.getChildren('Expression').pop();
        if (!keyNode || !valueNode) continue;
        let key = text.slice(keyNode.from, keyNode.to).trim();
        if (key.startsWith('"') && key.endsWith('"')) key = unquote(key.slice(1, -1));
        entries.push({ key, keyRange: [keyNode.from, keyNode.to], value: convertValue(valueNode, text, masked) });
      }
      return { kind: 'object', entries, range };
    }
    default:
      return { kind: 'expr', text: text.slice(node.from, node.to), range };
  }
}

function convertBody(node: SyntaxNode | null, text: string, masked: Masked): HclBody {
  const body: HclBody = { attributes: new Map(), blocks: [] };
  if (!node) return body;
  for (const c of kids(node)) {
    if (c.name === 'Attribute') {
      const id = c.getChild('Identifier');
      const expr = c.getChild('Expression');
      if (!id || !expr) continue;
      const name = text.slice(id.from, id.to);
      body.attributes.set(name, { name, value: convertValue(expr, text, masked), range: [c.from, c.to] });
    } else if (c.name === 'Block') {
      const typeNode = c.getChild('BlockType');
      const labels = c.getChildren('BlockLabel').map((l) => {
        const raw = text.slice(l.from, l.to);
        return raw.startsWith('"') ? unquote(raw.slice(1, -1)) : raw;
      });
      const open = c.getChild('{');
      body.blocks.push({
        type: typeNode ? text.slice(typeNode.from, typeNode.to) : '',
        labels,
        body: convertBody(c.getChild('Body'), text, masked),
        range: [c.from, c.to],
        headerRange: [c.from, open ? open.from : c.to],
      });
    }
  }
  return body;
}

/** Values of the spans `prepare` hid from Lezer, by start offset. */
type Masked = Map<number, { end: number; value: HclValue }>;

/** Quoted strings shorter than this are left to Lezer, which reads them quickly enough. */
const MASK_MIN_LENGTH = 32;

/** Characters after which a quoted string is an expression (not a block label, which follows a name or a label). */
const EXPRESSION_BEFORE = new Set('=:([,?{!&|+-*/%<>~'.split('').map((c) => c.charCodeAt(0)));

const IDENT_START = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const IDENT_PART = (c: number) => IDENT_START(c) || (c >= 48 && c <= 57) || c === 45;
/** A function name (provider functions too: `provider::aws::arn_parse`) and its opening parenthesis. */
const CALL_HEAD = /([A-Za-z_][A-Za-z0-9_-]*(?:::[A-Za-z_][A-Za-z0-9_-]*)*)[ \t]*\(/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;
const TRAVERSE_ATTR = /\.[ \t]*(?:[A-Za-z_][A-Za-z0-9_-]*|\*|\d+)/y;
const HCL_KEYWORDS = new Set(['for', 'in', 'if', 'true', 'false', 'null']);

const HEREDOC_START = /<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/y;
/** `${ a.b[0].c }` (strip markers allowed): a reference, as refPath reads it from the tree. */
const SIMPLE_REF = /^~?\s*([A-Za-z_][A-Za-z0-9_-]*(?:\s*(?:\.\s*[A-Za-z_][A-Za-z0-9_-]*|\.\s*\*|\.\s*\d+|\[[^\[\]"{}]*\]))*)\s*~?$/;

/** The reference path of a simple interpolation's expression, dropping indexes and splats as refPath does. */
function simpleRef(expr: string): string[] | undefined {
  const m = SIMPLE_REF.exec(expr);
  if (!m) return undefined;
  const out: string[] = [];
  for (const seg of m[1].replace(/\[[^\]]*\]/g, '').split('.')) {
    const t = seg.trim();
    if (t === '' || t === '*' || /^\d+$/.test(t)) continue;
    out.push(t);
  }
  return out.length ? out : undefined;
}

/**
 * Template text (a quoted string's inside, or a heredoc's body) as literal text and references, the way the tree
 * conversion reads it: undefined when an interpolation is not a plain reference or has braces or quotes inside
 * (those are left to Lezer or kept as an unevaluated expression).
 */
function templateParts(body: string, quoted: boolean): { parts: (string | { ref: string[] })[]; simple: boolean } | undefined {
  const parts: (string | { ref: string[] })[] = [];
  let lit = '';
  let simple = true;
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (quoted && c === '\\') {
      const e = body[i + 1];
      if (e === 'u' || e === 'U') {
        const len = e === 'u' ? 4 : 8;
        if (!/^[0-9a-fA-F]+$/.test(body.slice(i + 2, i + 2 + len)) || body.length < i + 2 + len) return undefined;
        lit += body.slice(i, i + 2 + len);
        i += 2 + len;
        continue;
      }
      if (e === undefined || !'"\\nrt'.includes(e)) return undefined; // an invalid escape: Lezer reports it
      lit += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e;
      i += 2;
      continue;
    }
    if ((c === '$' || c === '%') && body[i + 1] === c) {
      // Pairs are read left to right, as Lezer's tokenizer does: `$${` and `%%{` are literal (the quoted-string
      // reading keeps them as written, a heredoc's gives `${`), any other `$$` is just text.
      if (body[i + 2] === '{') {
        lit += quoted ? body.slice(i, i + 3) : `${c}{`;
        i += 3;
      } else {
        lit += c + c;
        i += 2;
      }
      continue;
    }
    // Directives (`%{ if }…%{ endif }`) are left to Lezer in quoted strings; a heredoc with one stays an expression.
    if (c === '%' && body[i + 1] === '{') return undefined;
    if (c === '$' && body[i + 1] === '{') {
      const close = body.indexOf('}', i + 2);
      if (close < 0) return undefined;
      const expr = body.slice(i + 2, close);
      if (/["{\n]/.test(expr)) return undefined;
      if (lit) parts.push(lit);
      lit = '';
      simple = false;
      const ref = simpleRef(expr);
      parts.push(ref ? { ref } : { ref: ['?' + body.slice(i, close + 1)] });
      i = close + 1;
      continue;
    }
    lit += c;
    i++;
  }
  if (lit) parts.push(lit);
  return { parts, simple };
}

/** Text of the same length with everything but line breaks blanked, opened and closed by `open`/`close`. */
function placeholder(text: string, start: number, end: number, open: string, close: string): string {
  const inner = text.slice(start + open.length, end - close.length).replace(/[^\r\n]/g, ' ');
  return open + inner + close;
}

/**
 * One linear pass over a `.tf` text before Lezer sees it. Lezer's HCL grammar reads template text one character per
 * token, which takes superlinear time (a 24 KB heredoc took 6.5 s, a 250 KB one never finished) and fails long
 * heredocs. So every heredoc (`<<ID` / `<<-ID` … a line holding only ID, as HCL's scanner finds it: leading and
 * trailing whitespace allowed) and every long quoted string in an expression is replaced by a placeholder of the
 * same length and line breaks (`[  …  ]`, a tuple), and its value computed here; positions stay exact. The same pass
 * measures bracket nesting.
 */
function prepare(text: string, maskMin: number): { source: string; masked: Masked; errors: HclFile['errors'] } {
  const n = text.length;
  const masked: Masked = new Map();
  const errors: HclFile['errors'] = [];
  const out: string[] = [];
  let copied = 0;
  let depth = 0;
  let prev = 0;
  const hide = (start: number, end: number, value: HclValue, open = '[', close = ']') => {
    out.push(text.slice(copied, start), placeholder(text, start, end, open, close));
    copied = end;
    masked.set(start, { end, value });
  };
  const deeper = (at: number) => {
    if (++depth > MAX_NESTING) throw new TooDeepError(at);
  };
  /**
   * Skips the quoted string starting at i (its interpolations may hold strings and braces of their own); returns
   * the index after it and whether its interpolations are all flat, so that templateParts can read it.
   */
  const skipString = (from: number): { end: number; flat: boolean; closed: boolean } => {
    // Each entry is an open string (-1) or an interpolation (its count of open braces).
    const stack: number[] = [-1];
    let flat = true;
    let j = from + 1;
    const base = depth;
    while (j < n && stack.length) {
      const c = text.charCodeAt(j);
      const top = stack[stack.length - 1];
      if (top < 0) {
        if (c === 92) j += 2;
        else if (c === 34) {
          stack.pop();
          j++;
        } else if (c === 10)
          break; // unterminated: Lezer reports it
        else if ((c === 36 || c === 37) && text.charCodeAt(j + 1) === c) j += text.charCodeAt(j + 2) === 123 ? 3 : 2;
        else if ((c === 36 || c === 37) && text.charCodeAt(j + 1) === 123) {
          stack.push(0);
          deeper(j);
          j += 2;
        } else j++;
      } else {
        if (c === 34) {
          flat = false;
          stack.push(-1);
        } else if (c === 123 || c === 40 || c === 91) {
          flat = false;
          if (c === 123) stack[stack.length - 1]++;
          deeper(j);
        } else if (c === 125) {
          if (top === 0) stack.pop();
          else stack[stack.length - 1]--;
          depth--;
        } else if (c === 41 || c === 93) depth--;
        j++;
      }
    }
    depth = base;
    return { end: Math.min(j, n), flat, closed: stack.length === 0 };
  };
  /** Open brackets: 'b' a block body, 'o' an object constructor or `{for …}`, 'p' a parenthesis or bracket. */
  const open: string[] = [];
  let inObject = 0;
  /**
   * The end (after the closing parenthesis) of the call whose `(` is at `from`, skipping strings and comments; -1 when
   * it does not close (Lezer reports that).
   */
  const callEnd = (from: number): number => {
    let level = 0;
    let j = from;
    const base = depth;
    try {
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 34) {
          j = skipString(j).end;
          continue;
        }
        if (d === 35 || (d === 47 && text.charCodeAt(j + 1) === 47)) {
          const e = text.indexOf('\n', j);
          j = e < 0 ? n : e;
          continue;
        }
        if (d === 47 && text.charCodeAt(j + 1) === 42) {
          const e = text.indexOf('*/', j + 2);
          j = e < 0 ? n : e + 2;
          continue;
        }
        if (d === 60 && text.charCodeAt(j + 1) === 60) {
          HEREDOC_START.lastIndex = j;
          if (HEREDOC_START.test(text)) return -1; // a heredoc argument: left to the heredoc pass and Lezer
        }
        if (d === 40 || d === 91 || d === 123) {
          level++;
          deeper(j);
        } else if (d === 41 || d === 93 || d === 125) {
          level--;
          depth--;
          if (level === 0) return d === 41 ? j + 1 : -1;
        }
        j++;
      }
      return -1;
    } finally {
      depth = base;
    }
  };
  /** Where the attribute accesses and indexes after an operand end (`.a`, `[0]`, `.*`, `[*]`), and whether any indexes. */
  const traversalEnd = (from: number): { end: number; indexed: boolean } => {
    let j = from;
    let indexed = false;
    for (;;) {
      let k = j;
      while (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9) k++;
      const d = text.charCodeAt(k);
      if (d === 46) {
        TRAVERSE_ATTR.lastIndex = k;
        const a = TRAVERSE_ATTR.exec(text);
        if (!a) return { end: j, indexed };
        j = k + a[0].length;
      } else if (d === 91) {
        let level = 0;
        let e = k;
        while (e < n) {
          const x = text.charCodeAt(e);
          if (x === 34) {
            e = skipString(e).end;
            continue;
          }
          if (x === 10) return { end: -1, indexed };
          if (x === 91) level++;
          else if (x === 93 && --level === 0) break;
          e++;
        }
        if (e >= n) return { end: -1, indexed };
        indexed = true;
        j = e + 1;
      } else return { end: j, indexed };
    }
  };
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    // Lezer's grammar rejects a function call as (part of) an object constructor's value (`{ a = optional(bool, false)
    // b = 1 }`), valid HCL that real modules write in every variable type. Such a call is hidden behind a tuple
    // placeholder and kept as an unevaluated expression, which is what the tree conversion would have made of it.
    if (inObject > 0 && IDENT_START(c) && !IDENT_PART(text.charCodeAt(i - 1)) && text.charCodeAt(i - 1) !== 46) {
      CALL_HEAD.lastIndex = i;
      const m = CALL_HEAD.exec(text);
      if (m && !HCL_KEYWORDS.has(m[1])) {
        let end = callEnd(i + m[0].length - 1);
        if (end > 0) {
          end = traversalEnd(end).end;
          hide(i, end, { kind: 'expr', text: text.slice(i, end), range: [i, end] });
          i = end;
          prev = 41;
          continue;
        }
      } else if (!m) {
        // The same grammar rejects an index (`local.azs[0]`, `each.value["arn"]`) there: the whole traversal is
        // hidden and read as refPath would read it (indexes dropped).
        IDENT.lastIndex = i;
        const id = IDENT.exec(text);
        if (id && !HCL_KEYWORDS.has(id[0])) {
          const t = traversalEnd(i + id[0].length);
          if (t.indexed && t.end > 0) {
            const expr = text.slice(i, t.end);
            const ref = simpleRef(expr);
            const range: Range = [i, t.end];
            hide(i, t.end, ref ? { kind: 'ref', path: ref, range } : { kind: 'expr', text: expr, range });
            i = t.end;
            prev = 93;
            continue;
          }
        }
      }
    }
    if (c === 35 || (c === 47 && text.charCodeAt(i + 1) === 47)) {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
      continue;
    }
    if (c === 34) {
      const { end, flat, closed } = skipString(i);
      if (closed && flat && end - i >= maskMin && EXPRESSION_BEFORE.has(prev)) {
        const t = templateParts(text.slice(i + 1, end - 1), true);
        if (t) {
          const range: Range = [i, end];
          hide(i, end, t.simple ? { kind: 'literal', value: t.parts.join(''), range } : { kind: 'template', parts: t.parts, range });
        }
      }
      i = end;
      prev = 34;
      continue;
    }
    if (c === 60 && text.charCodeAt(i + 1) === 60) {
      HEREDOC_START.lastIndex = i;
      const m = HEREDOC_START.exec(text);
      if (m) {
        const [head, flush, id] = m;
        const bodyStart = i + head.length;
        let lineStart = bodyStart;
        let end = -1;
        let bodyEnd = n;
        while (lineStart <= n) {
          const nl = text.indexOf('\n', lineStart);
          const lineEnd = nl < 0 ? n : nl;
          if (text.slice(lineStart, lineEnd).trim() === id) {
            bodyEnd = lineStart;
            end = lineStart + text.slice(lineStart, lineEnd).indexOf(id) + id.length;
            break;
          }
          if (nl < 0) break;
          lineStart = nl + 1;
        }
        const range: Range = [i, end < 0 ? n : end];
        if (end < 0) {
          errors.push({ offset: i, message: `heredoc <<${flush}${id} is never closed: end it with a line holding only ${id}` });
          hide(i, n, { kind: 'expr', text: text.slice(i), range }, 'null', '');
          i = n;
          continue;
        }
        let body = text.slice(bodyStart, bodyEnd);
        if (flush) {
          const lines = body.split('\n');
          let indent = Infinity;
          for (const l of lines) if (l.trim()) indent = Math.min(indent, /^[ \t]*/.exec(l)![0].length);
          if (indent !== Infinity && indent > 0) body = lines.map((l) => l.slice(Math.min(indent, /^[ \t]*/.exec(l)![0].length))).join('\n');
        }
        const t = templateParts(body, false);
        const value: HclValue = !t
          ? { kind: 'expr', text: text.slice(i, end), range }
          : t.simple
            ? { kind: 'literal', value: t.parts.join(''), range }
            : { kind: 'template', parts: t.parts, range };
        hide(i, end, value);
        i = end;
        prev = 34;
        continue;
      }
    }
    if (c === 123 || c === 40 || c === 91) {
      deeper(i);
      const kind = c !== 123 ? 'p' : EXPRESSION_BEFORE.has(prev) || prev === 62 ? 'o' : 'b';
      open.push(kind);
      if (kind === 'o') inObject++;
    } else if ((c === 125 || c === 41 || c === 93) && depth > 0) {
      depth--;
      if (open.pop() === 'o') inObject--;
    }
    prev = c;
    i++;
  }
  if (copied === 0) return { source: text, masked, errors };
  out.push(text.slice(copied));
  return { source: out.join(''), masked, errors };
}

/** @lezer/lr's ExternalTokenizer as it is at run time (its token function and options are not in its types). */
interface TokenizerInternals extends ExternalTokenizer {
  token(input: InputStream, stack: Stack): void;
  contextual: boolean;
  fallback: boolean;
  extend: boolean;
}
/** The template tracker's context types (codemirror-lang-hcl's ContextType) and its template-text token. */
const QUOTED_TEMPLATE = 1;
const HEREDOC_TEMPLATE = 8;
const TEMPLATE_LITERAL_CHUNK = 105;
/** Whether the text being parsed holds `<<` (a heredoc start); set by parseHcl before each parse. */
let heredocsPossible = true;

/** A tree as text: every node's name and range, in order. */
function treeDump(tree: ReturnType<LRParser['parse']>): string {
  const out: string[] = [];
  tree.iterate({ enter: (n) => void out.push(`${n.type.name}@${n.from}-${n.to}`) });
  return out.join(' ');
}

/** A character of template text no tokenizer but the text one acts on: printable ASCII but `"$%\{}`. */
const plain = (c: number) => c > 32 && c < 127 && c !== 34 && c !== 36 && c !== 37 && c !== 92 && c !== 123 && c !== 125;

/**
 * The grammar's parser with cheaper external tokenizers. codemirror-lang-hcl's eight template tokenizers are all
 * contextual fallbacks: each runs at every token of the file and asks the parse stack whether it can shift its token
 * before it looks at the character it needs, and template text is read one character per token. Here each runs only
 * where its character is (`"`, `$`, `}`, `%`; the heredoc one only in a text that holds `<<`), and a run of plain
 * characters in a quoted string or heredoc is one token; anything else goes to the grammar's own tokenizer. The trees
 * are the same (checked once at load against the grammar's own parser, which is used instead should they differ, and
 * on real Terraform in the tests). On serverless-patterns' 337 .tf files the analysis took 4× less time (1284 → 323 ms
 * per pass).
 */
function fasterParser(base: LRParser): { parser: LRParser; fast: boolean } {
  const own = (base as unknown as { tokenizers?: unknown[] }).tokenizers;
  if (!own || own.length < 8 || !own.slice(0, 8).every((t) => t instanceof ExternalTokenizer)) return { parser: base, fast: false };
  const [quotedStart, quotedEnd, interpolationStart, interpolationEnd, directiveStart, directiveEnd, heredoc, chunk] = own as TokenizerInternals[];
  const options = (t: TokenizerInternals) => ({ contextual: t.contextual, fallback: t.fallback, extend: t.extend });
  /** `t`, run only where `next` can start its token. */
  const only = (t: TokenizerInternals, at: (next: number) => boolean) => ({
    from: t,
    to: new ExternalTokenizer((input, stack) => {
      if (at(input.next)) t.token(input, stack);
    }, options(t)),
  });
  const text = new ExternalTokenizer((input, stack) => {
    const type = (stack.context as { type?: number } | null)?.type;
    if (type !== QUOTED_TEMPLATE && type !== HEREDOC_TEMPLATE) return;
    if (!plain(input.next)) return chunk.token(input, stack);
    if (!stack.canShift(TEMPLATE_LITERAL_CHUNK)) return;
    do input.advance();
    while (plain(input.next));
    input.acceptToken(TEMPLATE_LITERAL_CHUNK);
  }, options(chunk));
  const parser = base.configure({
    tokenizers: [
      only(quotedStart, (c) => c === 34),
      only(quotedEnd, (c) => c === 34),
      only(interpolationStart, (c) => c === 36),
      only(interpolationEnd, (c) => c === 125),
      only(directiveStart, (c) => c === 37),
      only(directiveEnd, (c) => c === 125),
      only(heredoc, () => heredocsPossible),
      { from: chunk, to: text },
    ],
  });
  // The same tree on a text with every construct the tokenizers read, or the grammar's own parser.
  const sample = [
    'resource "a" "b" {\n  x = "plain ${var.y} and %{ if var.z }yes%{ else }no%{ endif } \\"q\\" $${lit} %%{lit} $ % }"\n',
    '  p = <<-EOT\n    {"k": "${local.v}"} $x %y\n    EOT\n  h = <<EOF\nline one\n  EOF2\nEOF\n  u = "\\u00e9 tab\\t"\n}\n',
  ].join('');
  heredocsPossible = true;
  return treeDump(base.parse(sample)) === treeDump(parser.parse(sample)) ? { parser, fast: true } : { parser: base, fast: false };
}

const hcl = fasterParser(hclLanguage.parser as LRParser);

/** Whether the cheaper tokenizers are in use (tests). */
export const fastHclTokenizers = hcl.fast;

/**
 * The Lezer trees of a `.tf` text as parseHcl parses it (heredocs and long strings masked first): with the grammar's
 * own tokenizers and with these (tests: they must be the same).
 */
export function hclTrees(text: string, maskStringsFrom = MASK_MIN_LENGTH): { reference: string; used: string } {
  const { source } = prepare(text, maskStringsFrom);
  heredocsPossible = source.includes('<<');
  return { reference: treeDump((hclLanguage.parser as LRParser).parse(source)), used: treeDump(hcl.parser.parse(source)) };
}

/**
 * Parses a `.tf` file. Syntax errors come back as offsets, the first one with a line-accurate message; nesting past
 * MAX_NESTING throws TooDeepError (Lezer's tree accessors recurse per level). `maskStringsFrom` (tests): the length
 * from which quoted strings are read here rather than by Lezer.
 */
export function parseHcl(text: string, options: { maskStringsFrom?: number } = {}): HclFile {
  const { source, masked, errors } = prepare(text, options.maskStringsFrom ?? MASK_MIN_LENGTH);
  heredocsPossible = source.includes('<<');
  const tree = hcl.parser.parse(source);
  tree.iterate({
    enter(n) {
      if (n.type.isError && errors.length < 20) {
        const near = text.slice(n.from, Math.min(n.from + 20, text.length)).split('\n')[0];
        errors.push({ offset: n.from, message: near.trim() ? `unexpected "${near.trim()}"` : 'unexpected end of line or file' });
      }
    },
  });
  const top = tree.topNode.getChild('Body');
  return { body: convertBody(top, text, masked), errors };
}

/** Attribute value under a body, or undefined. */
export function attr(body: HclBody | undefined, name: string): HclAttribute | undefined {
  return body?.attributes.get(name);
}

export function blocksOf(body: HclBody | undefined, type: string): HclBlock[] {
  return body ? body.blocks.filter((b) => b.type === type) : [];
}
