// HCL (Terraform) parsing with source positions.
//
// Parser choice: the Lezer grammar shipped in `codemirror-lang-hcl` (driven by `@lezer/lr`). It is plain JavaScript
// with no install scripts and no WASM, so it loads in the VS Code extension host and in the CLI alike; it keeps exact
// offsets for every node and recovers from syntax errors (error nodes mark where). `@cdktf/hcl2json` was the other
// candidate: it is WASM (a Go build), asynchronous, and returns JSON without positions, so every diagnostic would need a
// second, regex-based locator. The Lezer tree is reduced here to a small position-keeping AST that model code walks.
import type { SyntaxNode } from '@lezer/common';
import { hclLanguage } from 'codemirror-lang-hcl';

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

function convertValue(node: SyntaxNode, text: string): HclValue {
  const range: Range = [node.from, node.to];
  if (node.name === 'Expression') {
    const cs = kids(node);
    if (cs.length === 1) return convertValue(cs[0], text);
    const path = refPath(node, text);
    if (path) return { kind: 'ref', path, range };
    return { kind: 'expr', text: text.slice(node.from, node.to), range };
  }
  switch (node.name) {
    case 'LiteralValue':
    case 'CollectionValue':
    case 'TemplateExpr':
      return node.firstChild ? convertValue(node.firstChild, text) : { kind: 'expr', text: '', range };
    case 'NumericLit':
      return { kind: 'literal', value: Number(text.slice(node.from, node.to)), range };
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
      return { kind: 'tuple', items: kids(node).filter((c) => c.name === 'Expression').map((c) => convertValue(c, text)), range };
    case 'Object': {
      const entries: { key: string; keyRange: Range; value: HclValue }[] = [];
      for (const el of kids(node)) {
        if (el.name !== 'ObjectElem') continue;
        const keyNode = el.getChild('ObjectKey');
        const valueNode = el.getChildren('Expression').pop();
        if (!keyNode || !valueNode) continue;
        let key = text.slice(keyNode.from, keyNode.to).trim();
        if (key.startsWith('"') && key.endsWith('"')) key = unquote(key.slice(1, -1));
        entries.push({ key, keyRange: [keyNode.from, keyNode.to], value: convertValue(valueNode, text) });
      }
      return { kind: 'object', entries, range };
    }
    default:
      return { kind: 'expr', text: text.slice(node.from, node.to), range };
  }
}

function convertBody(node: SyntaxNode | null, text: string): HclBody {
  const body: HclBody = { attributes: new Map(), blocks: [] };
  if (!node) return body;
  for (const c of kids(node)) {
    if (c.name === 'Attribute') {
      const id = c.getChild('Identifier');
      const expr = c.getChild('Expression');
      if (!id || !expr) continue;
      const name = text.slice(id.from, id.to);
      body.attributes.set(name, { name, value: convertValue(expr, text), range: [c.from, c.to] });
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
        body: convertBody(c.getChild('Body'), text),
        range: [c.from, c.to],
        headerRange: [c.from, open ? open.from : c.to],
      });
    }
  }
  return body;
}

/** Parses a `.tf` file. Never throws: syntax errors come back as offsets, the first one with a line-accurate message. */
export function parseHcl(text: string): HclFile {
  const tree = hclLanguage.parser.parse(text);
  const errors: HclFile['errors'] = [];
  tree.iterate({
    enter(n) {
      if (n.type.isError && errors.length < 20) {
        const near = text.slice(n.from, Math.min(n.from + 20, text.length)).split('\n')[0];
        errors.push({ offset: n.from, message: near.trim() ? `unexpected "${near.trim()}"` : 'unexpected end of line or file' });
      }
    },
  });
  const top = tree.topNode.getChild('Body');
  return { body: convertBody(top, text), errors };
}

/** Attribute value under a body, or undefined. */
export function attr(body: HclBody | undefined, name: string): HclAttribute | undefined {
  return body?.attributes.get(name);
}

export function blocksOf(body: HclBody | undefined, type: string): HclBlock[] {
  return body ? body.blocks.filter((b) => b.type === type) : [];
}
