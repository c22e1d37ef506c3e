// Best-effort Helm rendering for the join: `{{ .Values.x }}`, `.Chart.*`, `default`, `quote` and friends filled from
// the chart's values.yaml defaults and Chart.yaml. Anything else (`include`, `.Release.*`, `printf`, control flow)
// stays unknown and keeps its "template not rendered" note. No template is executed.
import type { FileAnalysis, Unit } from '../types';

export interface ChartData {
  values: Record<string, unknown>;
  chart: { name?: string; appVersion?: string; version?: string };
}

/** The chart folder of a template: the folder that holds its `templates/` folder. */
function chartRootOf(file: string): string | undefined {
  const m = /^(.*?)(?:^|\/)templates\//.exec(file);
  return m ? m[1] : undefined;
}

/** Values and Chart.yaml facts per chart folder. */
export function chartsOf(analyses: readonly FileAnalysis[]): Map<string, ChartData> {
  const charts = new Map<string, ChartData>();
  const get = (dir: string) => {
    let c = charts.get(dir);
    if (!c) charts.set(dir, (c = { values: {}, chart: {} }));
    return c;
  };
  for (const a of analyses) {
    const dir = a.file.includes('/') ? a.file.slice(0, a.file.lastIndexOf('/')) : '';
    if (a.kind === 'helm-values' && a.facts?.values && /(^|\/)values\.ya?ml$/.test(a.file)) get(dir).values = a.facts.values;
    if (a.kind === 'helm-chart' && a.facts?.chart) get(dir).chart = a.facts.chart;
  }
  return charts;
}

/** Words of a template command, keeping quoted strings whole. */
function words(expr: string): string[] {
  return expr.match(/"(?:[^"\\]|\\.)*"|`[^`]*`|\S+/g) ?? [];
}

function lookup(root: unknown, path: string[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

const UNKNOWN = Symbol('unknown');
type Val = string | number | boolean | null | undefined | typeof UNKNOWN;

function term(t: string, data: ChartData): Val {
  if (/^".*"$/.test(t)) return t.slice(1, -1).replace(/\\(.)/g, '$1');
  if (/^`.*`$/.test(t)) return t.slice(1, -1);
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  const path = t.replace(/^\$/, '').split('.').filter(Boolean);
  if (path[0] === 'Values') {
    const v = lookup(data.values, path.slice(1));
    return v === null || typeof v !== 'object' ? (v as Val) : UNKNOWN;
  }
  if (path[0] === 'Chart' && path.length === 2) {
    const key = { Name: 'name', AppVersion: 'appVersion', Version: 'version' }[path[1]] as keyof ChartData['chart'] | undefined;
    return key ? (data.chart[key] ?? UNKNOWN) : UNKNOWN;
  }
  return UNKNOWN;
}

const empty = (v: Val) => v === undefined || v === null || v === '' || v === false || v === 0;

const FUNCTIONS = new Set(['default', 'quote', 'squote', 'lower', 'upper', 'trim', 'toString', 'required']);
const NONE = Symbol('none');

/** One pipeline stage: a term, or `default X`, `quote`, `lower`… with the piped value as last argument. */
function command(ws: string[], piped: Val | typeof NONE, data: ChartData): Val {
  const [fn, ...rest] = ws;
  if (!FUNCTIONS.has(fn)) return ws.length === 1 && piped === NONE ? term(fn, data) : UNKNOWN;
  const all: Val[] = rest.map((a) => term(a, data));
  if (piped !== NONE) all.push(piped);
  if (all.includes(UNKNOWN) && fn !== 'default') return UNKNOWN;
  switch (fn) {
    case 'default':
      // `default D V`: V when set (D is then not needed, known or not), else D.
      if (all.length !== 2 || all[1] === UNKNOWN) return UNKNOWN;
      return empty(all[1]) ? all[0] : all[1];
    case 'lower':
    case 'upper':
    case 'trim': {
      const v = all[0];
      if (typeof v !== 'string') return UNKNOWN;
      return fn === 'lower' ? v.toLowerCase() : fn === 'upper' ? v.toUpperCase() : v.trim();
    }
    case 'required':
      return all[1] ?? UNKNOWN;
    default:
      return all[0] === undefined || all[0] === null ? UNKNOWN : String(all[0]);
  }
}

/** One `{{ … }}` directive's value, or UNKNOWN. A missing value renders as Helm's `<no value>`: unknown here too. */
export function renderDirective(directive: string, data: ChartData): string | undefined {
  const inner = directive.replace(/^\{\{-?\s*|\s*-?\}\}$/g, '');
  let v: Val | typeof NONE = NONE;
  for (const stage of inner.split(/\|(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    const ws = words(stage.trim());
    if (!ws.length) return undefined;
    v = command(ws, v, data);
    if (v === UNKNOWN) return undefined;
  }
  return v === undefined || v === null || typeof v === 'symbol' ? undefined : String(v);
}

/** A value with directives in it, rendered; undefined when any directive stays unknown. */
export function renderValue(raw: string, data: ChartData): string | undefined {
  let ok = true;
  const out = raw.replace(/\{\{-?[\s\S]*?-?\}\}/g, (d) => {
    const r = renderDirective(d, data);
    if (r === undefined) ok = false;
    return r ?? '';
  });
  return ok ? out : undefined;
}

/**
 * Fills a Helm unit's templated name, images and replicas from its chart's defaults. Returns the old name when the
 * unit was renamed, so findings that named it can follow.
 */
export function renderHelmUnit(u: Unit, charts: Map<string, ChartData>): string | undefined {
  if (u.source !== 'helm' || !u.templated) return undefined;
  const root = chartRootOf(u.file);
  const data = root !== undefined ? charts.get(root) : undefined;
  if (!data) return undefined;
  const rendered = new Set<string>();
  let oldName: string | undefined;
  for (const [field, raw] of Object.entries(u.templated)) {
    const v = renderValue(raw, data);
    if (v === undefined || v === '') continue;
    for (const d of raw.match(/\{\{-?[\s\S]*?-?\}\}/g) ?? []) rendered.add(`template not rendered: ${d.replace(/\s+/g, ' ')}`);
    if (field === 'name') {
      oldName = u.name;
      u.name = v;
    } else if (field === 'replicas') {
      if (/^\d+$/.test(v)) u.replicas = Number(v);
    } else {
      const i = Number(/^containers\.(\d+)\.image$/.exec(field)?.[1]);
      const c = u.containers?.[i];
      if (c) {
        c.image = v;
        if (i === 0) u.image = v;
      }
    }
  }
  if (u.unresolved) {
    u.unresolved = u.unresolved.filter((n) => !rendered.has(n));
    if (!u.unresolved.length) delete u.unresolved;
  }
  // A templated name that stays unknown is the chart's folder and the template's path (kubernetes.ts); a chart scanned
  // from its own folder has no folder name there, so its Chart.yaml name stands in (the folder's name, by Helm's
  // convention): `helm-guestbook/deployment` from the chart folder as from the repository root.
  const fallback = /(?:^|\/)templates\/(.+)\.ya?ml$/i.exec(u.file)?.[1];
  if (
    oldName === undefined &&
    u.templated.name &&
    root === '' &&
    data.chart.name &&
    fallback &&
    u.name === `${(u.workloadKind ?? '').toLowerCase()}/${fallback}`
  ) {
    oldName = u.name;
    u.name = `${data.chart.name}/${fallback}`;
  }
  return oldName;
}
