// A small evaluator of Helm's Go templates, for what the join needs to know of a chart: its workloads' names, images
// and ports, filled from values.yaml, Chart.yaml and the chart's named templates (`define` in `_helpers.tpl`). Best
// effort and never executed: anything it cannot know for sure (`.Release.*`, `lookup`, `range`, an unknown function)
// makes the whole value unknown rather than a guess. Bounded: named templates nest at most MAX_DEPTH deep and an
// evaluation takes at most MAX_STEPS actions, so a template that includes itself ends as unknown.

export interface ChartData {
  values: Record<string, unknown>;
  chart: { name?: string; appVersion?: string; version?: string; type?: string; dependencies?: string[] };
  /** The chart's named templates (`{{ define "name" }}` in its .tpl files): name → body. */
  defines?: Readonly<Record<string, string>>;
  /**
   * A dependency of other charts of the workspace: for each, the values this chart gets when deployed by it (its
   * defaults with the parent's `<name>:` section and `global` merged over them, as Helm merges them).
   */
  asDependency?: Record<string, unknown>[];
}

const UNKNOWN = Symbol('unknown');
/** The root context (`.` at the top of a template, `$`). */
const ROOT = Symbol('root');
type Val = string | number | boolean | null | undefined | object | typeof UNKNOWN | typeof ROOT;

const MAX_DEPTH = 10;
const MAX_STEPS = 5000;
/** Named templates kept per file, the size of one body and of all a file's bodies. */
const MAX_DEFINES = 500;
const MAX_BODY_CHARS = 32 * 1024;
const MAX_TOTAL_CHARS = 256 * 1024;

// ---- Parsing: text and actions, then a tree of blocks ------------------------------------------------------------

interface Action {
  /** The action's inside, without delimiters and trim markers. */
  body: string;
  start: number;
  end: number;
  trimLeft: boolean;
  trimRight: boolean;
}

type Item = { text: string } | { action: string } | { block: 'if' | 'with' | 'range'; branches: { cond: string | undefined; items: Item[] }[] };

const ACTION = /\{\{(-\s)?\s*([\s\S]*?)\s*(\s-)?\}\}/g;

function actionsOf(src: string): Action[] {
  const out: Action[] = [];
  ACTION.lastIndex = 0;
  for (let m = ACTION.exec(src); m; m = ACTION.exec(src)) {
    // `{{-3}}` is the number -3, not a trim marker: Go wants a space after `{{-` and before `-}}`.
    out.push({ body: m[2], start: m.index, end: m.index + m[0].length, trimLeft: m[1] !== undefined, trimRight: m[3] !== undefined });
  }
  return out;
}

/** Texts between actions, trimmed as the markers say. */
function pieces(src: string, actions: Action[]): string[] {
  const texts: string[] = [];
  let from = 0;
  for (let i = 0; i <= actions.length; i++) {
    let t = src.slice(from, i < actions.length ? actions[i].start : src.length);
    if (i > 0 && actions[i - 1].trimRight) t = t.replace(/^\s+/, '');
    if (i < actions.length && actions[i].trimLeft) t = t.replace(/\s+$/, '');
    texts.push(t);
    if (i < actions.length) from = actions[i].end;
  }
  return texts;
}

const keyword = (body: string) => /^(if|else|end|with|range|define|block|template|break|continue)\b/.exec(body)?.[1];

/** The items of a template; undefined when its blocks do not balance. */
function parseItems(src: string): Item[] | undefined {
  const actions = actionsOf(src);
  const texts = pieces(src, actions);
  const root: Item[] = [];
  type Frame = { block: Extract<Item, { block: string }>; items: Item[] } | { define: true };
  const stack: Frame[] = [];
  let cur = root;
  const push = (item: Item) => {
    if (!stack.some((f) => 'define' in f)) cur.push(item);
  };
  for (let i = 0; i < actions.length; i++) {
    if (texts[i]) push({ text: texts[i] });
    const body = actions[i].body;
    if (body.startsWith('/*')) continue;
    const kw = keyword(body);
    if (kw === 'if' || kw === 'with' || kw === 'range') {
      const block = { block: kw, branches: [{ cond: body.slice(kw.length).trim(), items: [] as Item[] }] } as Extract<Item, { block: string }>;
      push(block);
      stack.push({ block, items: block.branches[0].items });
      cur = block.branches[0].items;
    } else if (kw === 'define' || kw === 'block') {
      stack.push({ define: true });
    } else if (kw === 'else') {
      const top = stack[stack.length - 1];
      if (!top || 'define' in top) {
        if (!top) return undefined;
        continue;
      }
      const rest = body.slice(4).trim();
      const cond = /^if\b/.test(rest) ? rest.slice(2).trim() : undefined;
      const branch = { cond, items: [] as Item[] };
      top.block.branches.push(branch);
      top.items = branch.items;
      cur = branch.items;
    } else if (kw === 'end') {
      if (!stack.pop()) return undefined;
      const top = [...stack].reverse().find((f): f is Exclude<Frame, { define: true }> => !('define' in f));
      cur = top ? top.items : root;
    } else push({ action: body });
  }
  if (stack.length) return undefined;
  if (texts[actions.length]) push({ text: texts[actions.length] });
  return root;
}

/** The named templates a .tpl file defines, their bodies trimmed as their delimiters say. */
export function extractDefines(src: string): Record<string, string> {
  const out: Record<string, string> = {};
  const actions = actionsOf(src);
  let count = 0;
  let total = 0;
  for (let i = 0; i < actions.length && count < MAX_DEFINES; i++) {
    const name = /^define\s+"((?:[^"\\]|\\.)*)"$/.exec(actions[i].body)?.[1];
    if (name === undefined) continue;
    // Its matching end: blocks that open inside it close before it.
    let depth = 0;
    let j = i + 1;
    for (; j < actions.length; j++) {
      const kw = keyword(actions[j].body);
      if (kw === 'if' || kw === 'with' || kw === 'range' || kw === 'define' || kw === 'block') depth++;
      else if (kw === 'end' && depth-- === 0) break;
    }
    if (j === actions.length) break;
    let body = src.slice(actions[i].end, actions[j].start);
    if (actions[i].trimRight) body = body.replace(/^\s+/, '');
    if (actions[j].trimLeft) body = body.replace(/\s+$/, '');
    if (body.length <= MAX_BODY_CHARS && total + body.length <= MAX_TOTAL_CHARS && !(name in out)) {
      out[name] = body;
      count++;
      total += body.length;
    }
    i = j;
  }
  return out;
}

// ---- Expressions ------------------------------------------------------------------------------------------------

/** A token, and where it starts and ends in its action (`(.global).imageRegistry`: a field right after a group). */
type Tok = { t: 'str' | 'num' | 'field' | 'var' | 'id' | '(' | ')' | '|' | ':=' | '='; v: string; at?: number; end?: number };

function lex(s: string): Tok[] | undefined {
  const out: Tok[] = [];
  const re =
    /\s+|("(?:[^"\\]|\\.)*"|`[^`]*`)|(-?\d+(?:\.\d+)?)(?![\w.])|(\$[\w]*(?:\.[\w]+)*)|(\.(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)?)|([A-Za-z_]\w*)|(:=|=|\(|\)|\|)/y;
  let i = 0;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return undefined;
    const at = i;
    i = re.lastIndex;
    const before = out.length;
    if (m[1])
      out.push({ t: 'str', v: m[1][0] === '`' ? m[1].slice(1, -1) : m[1].slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t' })[c] ?? c) });
    else if (m[2]) out.push({ t: 'num', v: m[2] });
    else if (m[3]) out.push({ t: 'var', v: m[3] });
    else if (m[4]) out.push({ t: 'field', v: m[4] });
    else if (m[5]) out.push({ t: 'id', v: m[5] });
    else if (m[6]) out.push({ t: m[6] as Tok['t'], v: m[6] });
    if (out.length > before) Object.assign(out[out.length - 1], { at, end: i });
  }
  return out;
}

interface Scope {
  data: ChartData;
  dot: Val;
  vars: Map<string, Val>;
  depth: number;
  steps: { n: number };
}

function lookup(cur: unknown, path: string[]): Val {
  for (const seg of path) {
    if (cur === undefined || cur === null) return undefined;
    if (typeof cur !== 'object' || Array.isArray(cur)) return UNKNOWN;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur as Val;
}

/** `.A.B` from a context: the chart's root (Values, Chart, Release…) or a value. */
function fieldOf(ctx: Val, path: string[], data: ChartData): Val {
  if (ctx === UNKNOWN) return UNKNOWN;
  if (ctx !== ROOT) {
    // A map built with `dict` may hold the root (`dict "context" $`): the rest of the path is read from it.
    let cur: unknown = ctx;
    for (let i = 0; i < path.length; i++) {
      if (cur === ROOT) return fieldOf(ROOT, path.slice(i), data);
      if (cur === undefined || cur === null) return undefined;
      if (typeof cur !== 'object' || Array.isArray(cur)) return UNKNOWN;
      cur = (cur as Record<string, unknown>)[path[i]];
    }
    return cur as Val;
  }
  if (!path.length) return ROOT;
  const [head, ...rest] = path;
  if (head === 'Values') return lookup(data.values, rest);
  if (head === 'Chart' && rest.length === 1) {
    const key = { Name: 'name', AppVersion: 'appVersion', Version: 'version' }[rest[0]] as keyof ChartData['chart'] | undefined;
    return key ? (data.chart[key] ?? UNKNOWN) : UNKNOWN;
  }
  if (head === 'Release' && rest.length === 1 && rest[0] === 'Service') return 'Helm';
  return UNKNOWN;
}

const truthy = (v: Val): boolean | typeof UNKNOWN => {
  if (v === UNKNOWN) return UNKNOWN;
  if (v === ROOT) return true;
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
};

const scalar = (v: Val): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const text = (v: Val): string | typeof UNKNOWN => (scalar(v) ? String(v) : UNKNOWN);

function printf(format: string, args: Val[]): Val {
  let k = 0;
  let unknown = false;
  const out = format.replace(/%([%sdvq])/g, (_, c: string) => {
    if (c === '%') return '%';
    const a = args[k++];
    if (!scalar(a)) unknown = true;
    return c === 'q' ? JSON.stringify(String(a)) : String(a);
  });
  return unknown || k !== args.length ? UNKNOWN : out;
}

type Fn = (args: Val[], scope: Scope) => Val;

const str2 =
  (f: (a: string, b: string) => Val): Fn =>
  (a) =>
    a.length === 2 && scalar(a[0]) && scalar(a[1]) ? f(String(a[0]), String(a[1])) : UNKNOWN;
const str1 =
  (f: (a: string) => Val): Fn =>
  (a) =>
    a.length === 1 && scalar(a[0]) ? f(String(a[0])) : UNKNOWN;

const FUNCTIONS: Record<string, Fn> = {
  quote: str1((s) => s),
  squote: str1((s) => s),
  lower: str1((s) => s.toLowerCase()),
  upper: str1((s) => s.toUpperCase()),
  trim: str1((s) => s.trim()),
  toString: str1((s) => s),
  print: (a) => (a.every(scalar) ? a.map(String).join('') : UNKNOWN),
  printf: (a) => (typeof a[0] === 'string' ? printf(a[0], a.slice(1)) : UNKNOWN),
  required: (a) => (a.length === 2 ? (truthy(a[1]) === true ? a[1] : UNKNOWN) : UNKNOWN),
  trunc: (a) => (a.length === 2 && typeof a[0] === 'number' && scalar(a[1]) ? String(a[1]).slice(0, a[0] >= 0 ? a[0] : undefined) : UNKNOWN),
  trimSuffix: str2((suffix, s) => (suffix && s.endsWith(suffix) ? s.slice(0, -suffix.length) : s)),
  trimPrefix: str2((prefix, s) => (prefix && s.startsWith(prefix) ? s.slice(prefix.length) : s)),
  contains: str2((sub, s) => s.includes(sub)),
  hasPrefix: str2((p, s) => s.startsWith(p)),
  hasSuffix: str2((p, s) => s.endsWith(p)),
  replace: (a) => (a.length === 3 && a.every(scalar) ? String(a[2]).split(String(a[0])).join(String(a[1])) : UNKNOWN),
  eq: (a) => (a.length >= 2 && a.every(scalar) ? a.slice(1).some((x) => x === a[0]) : UNKNOWN),
  ne: (a) => (a.length === 2 && a.every(scalar) ? a[0] !== a[1] : UNKNOWN),
  not: (a) => {
    const t = a.length === 1 ? truthy(a[0]) : UNKNOWN;
    return t === UNKNOWN ? UNKNOWN : !t;
  },
  empty: (a) => {
    const t = a.length === 1 ? truthy(a[0]) : UNKNOWN;
    return t === UNKNOWN ? UNKNOWN : !t;
  },
  include: (a, scope) => (typeof a[0] === 'string' && a.length === 2 ? includeTemplate(a[0], a[1], scope) : UNKNOWN),
  // `dict "imageRoot" .Values.image "global" .Values.global`: a map of its key/value pairs.
  dict: (a) => {
    if (a.length % 2 || a.length > 40) return UNKNOWN;
    const o: Record<string, unknown> = {};
    for (let i = 0; i < a.length; i += 2) {
      if (typeof a[i] !== 'string') return UNKNOWN;
      o[a[i] as string] = a[i + 1];
    }
    return o;
  },
};

/** `default D V` is V when V is set (D then does not matter, known or not), else D. */
function callDefault(args: Val[]): Val {
  if (args.length !== 2) return UNKNOWN;
  const set = truthy(args[1]);
  if (set === UNKNOWN) return UNKNOWN;
  return set ? args[1] : args[0];
}

/** `and`/`or` as Go evaluates them: the first argument that decides, else the last. */
function callLogic(fn: 'and' | 'or', args: Val[]): Val {
  for (const a of args) {
    const t = truthy(a);
    if (t === UNKNOWN) return UNKNOWN;
    if (fn === 'and' ? !t : t) return a;
  }
  return args[args.length - 1];
}

function includeTemplate(name: string, dot: Val, scope: Scope): Val {
  const body = scope.data.defines?.[name];
  if (body === undefined || scope.depth >= MAX_DEPTH) return UNKNOWN;
  return renderItems(body, { data: scope.data, dot, vars: new Map([['$', dot]]), depth: scope.depth + 1, steps: scope.steps });
}

/** Evaluates a pipeline (`a | f b | g`), a parenthesised one inside. */
function evalPipeline(toks: Tok[], scope: Scope): Val {
  // Split on top-level pipes.
  const cmds: Tok[][] = [[]];
  let depth = 0;
  for (const t of toks) {
    if (t.t === '(') depth++;
    if (t.t === ')') depth--;
    if (t.t === '|' && depth === 0) cmds.push([]);
    else cmds[cmds.length - 1].push(t);
  }
  if (depth !== 0) return UNKNOWN;
  let piped: Val | typeof NONE = NONE;
  for (const cmd of cmds) {
    if (!cmd.length) return UNKNOWN;
    piped = evalCommand(cmd, piped, scope);
    if (piped === UNKNOWN) return UNKNOWN;
  }
  return piped as Val;
}

const NONE = Symbol('none');

function evalOperands(toks: Tok[], scope: Scope): Val[] | undefined {
  const out: Val[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.t === '(') {
      let depth = 1;
      let j = i + 1;
      for (; j < toks.length && depth; j++) {
        if (toks[j].t === '(') depth++;
        else if (toks[j].t === ')') depth--;
      }
      if (depth) return undefined;
      let v = evalPipeline(toks.slice(i + 1, j - 1), scope);
      // `(.global).imageRegistry`: a field written right after the group reads it from the group's value.
      const next = toks[j];
      if (next?.t === 'field' && next.at !== undefined && next.at === toks[j - 1].end) {
        v = v === null || v === undefined ? undefined : fieldOf(v, next.v.split('.').filter(Boolean), scope.data);
        j++;
      }
      out.push(v);
      i = j - 1;
      continue;
    }
    out.push(operand(t, scope));
  }
  return out;
}

function operand(t: Tok, scope: Scope): Val {
  switch (t.t) {
    case 'str':
      return t.v;
    case 'num':
      return Number(t.v);
    case 'field':
      return fieldOf(scope.dot, t.v.split('.').filter(Boolean), scope.data);
    case 'var': {
      const [name, ...path] = t.v.split('.');
      if (!scope.vars.has(name)) return UNKNOWN;
      return fieldOf(scope.vars.get(name) as Val, path, scope.data);
    }
    case 'id':
      if (t.v === 'true' || t.v === 'false') return t.v === 'true';
      if (t.v === 'nil') return null;
      return UNKNOWN;
    default:
      return UNKNOWN;
  }
}

function evalCommand(cmd: Tok[], piped: Val | typeof NONE, scope: Scope): Val {
  const [head, ...rest] = cmd;
  if (head.t !== 'id' || head.v === 'true' || head.v === 'false' || head.v === 'nil') {
    if (cmd.length !== 1 && head.t !== '(') return UNKNOWN;
    if (piped !== NONE) return UNKNOWN;
    const vals = evalOperands(cmd, scope);
    return vals && vals.length === 1 ? vals[0] : UNKNOWN;
  }
  const args = evalOperands(rest, scope);
  if (!args) return UNKNOWN;
  if (piped !== NONE) args.push(piped as Val);
  if (head.v === 'default') return callDefault(args);
  if (head.v === 'and' || head.v === 'or') return callLogic(head.v, args);
  const fn = FUNCTIONS[head.v];
  if (!fn || args.includes(UNKNOWN)) return UNKNOWN;
  return fn(args, scope);
}

/** One action's value; assignments set their variable and print nothing. */
function evalAction(body: string, scope: Scope): Val {
  const toks = lex(body);
  if (!toks?.length) return UNKNOWN;
  if (toks.length >= 2 && toks[0].t === 'var' && (toks[1].t === ':=' || toks[1].t === '=') && !toks[0].v.includes('.')) {
    const v = evalPipeline(toks.slice(2), scope);
    scope.vars.set(toks[0].v, v);
    return '';
  }
  if (toks[0].t === 'id' && toks[0].v === 'template') {
    // `template "name" ARG`, as `include`.
    if (toks[1]?.t !== 'str') return UNKNOWN;
    const arg = toks.length > 2 ? evalPipeline(toks.slice(2), scope) : null;
    return arg === UNKNOWN ? UNKNOWN : includeTemplate(toks[1].v, arg, scope);
  }
  return evalPipeline(toks, scope);
}

function exec(items: Item[], scope: Scope, out: string[]): boolean {
  for (const item of items) {
    if (++scope.steps.n > MAX_STEPS) return false;
    if ('text' in item) out.push(item.text);
    else if ('action' in item) {
      const v = evalAction(item.action, scope);
      // A value missing from values.yaml prints `<no value>` in Helm: unknown here, as every non-scalar is.
      const s = text(v);
      if (s === UNKNOWN) return false;
      out.push(s);
    } else {
      let taken = false;
      for (const branch of item.branches) {
        let dot = scope.dot;
        if (branch.cond !== undefined) {
          const v = evalAction(branch.cond, scope);
          const t = truthy(v);
          if (t === UNKNOWN) return false;
          if (!t) continue;
          // A range over something not empty would repeat its body: not known here.
          if (item.block === 'range') return false;
          if (item.block === 'with') dot = v;
        }
        taken = true;
        if (!exec(branch.items, { ...scope, dot }, out)) return false;
        break;
      }
      if (!taken) continue;
    }
  }
  return true;
}

function renderItems(src: string, scope: Scope): Val {
  const items = parseItems(src);
  if (!items) return UNKNOWN;
  const out: string[] = [];
  return exec(items, scope, out) ? out.join('') : UNKNOWN;
}

/** A template text rendered with the chart's defaults; undefined when any part of it cannot be known. */
export function renderTemplate(src: string, data: ChartData): string | undefined {
  const v = renderItems(src, { data, dot: ROOT, vars: new Map([['$', ROOT]]), depth: 0, steps: { n: 0 } });
  return typeof v === 'string' ? v : undefined;
}

/**
 * The conditions under which the text at `offset` of a template is written, as a template that renders `1` when it is
 * and `0` when it is not (`{{ if .Values.grpc.enabled }}1{{ else }}0{{ end }}` for a port inside that `if`). Undefined
 * when no `if` encloses it inside the document that starts at `from`, or when a `with` or `range` does (its conditions
 * read another context).
 */
export function conditionAt(src: string, offset: number, from = 0): string | undefined {
  type Frame = { kind: string; prior: string[]; cur: string | undefined };
  const stack: Frame[] = [];
  for (const a of actionsOf(src)) {
    if (a.start >= offset) break;
    // Blocks around the whole document decide whether the workload is written at all, not what it exposes.
    if (a.start < from) continue;
    const kw = keyword(a.body);
    if (kw === 'if' || kw === 'with' || kw === 'range' || kw === 'define' || kw === 'block')
      stack.push({ kind: kw, prior: [], cur: a.body.slice(kw.length).trim() });
    else if (kw === 'else') {
      const top = stack[stack.length - 1];
      if (!top) return undefined;
      if (top.cur !== undefined) top.prior.push(top.cur);
      const rest = a.body.slice(4).trim();
      top.cur = /^if\b/.test(rest) ? rest.slice(2).trim() : undefined;
    } else if (kw === 'end') stack.pop();
  }
  if (!stack.length || stack.some((f) => f.kind !== 'if')) return undefined;
  let inner = '1';
  for (let i = stack.length - 1; i >= 0; i--) {
    const f = stack[i];
    const chain = f.prior.map((c, k) => `{{ ${k ? 'else if' : 'if'} ${c} }}0`).join('');
    inner =
      f.cur !== undefined ? `${chain}{{ ${f.prior.length ? 'else if' : 'if'} ${f.cur} }}${inner}{{ else }}0{{ end }}` : `${chain}{{ else }}${inner}{{ end }}`;
  }
  return inner;
}
