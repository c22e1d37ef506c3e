// Helm templates filled for the join: workloads' names, images, replicas and ports rendered from the chart's values.yaml
// defaults, Chart.yaml and its named templates (src/core/helmTemplate.ts). What cannot be known (`.Release.*`, `range`,
// `lookup`) stays unknown and keeps its "template not rendered" note. No template is executed.
import { renderTemplate, type ChartData } from '../helmTemplate';
import { resourcesOf } from '../model/kubernetes';
import type { FileAnalysis, Unit } from '../types';

/** The chart folder of a template: the folder that holds its `templates/` folder. */
function chartRootOf(file: string): string | undefined {
  const m = /^(.*?)(?:^|\/)templates\//.exec(file);
  return m ? m[1] : undefined;
}

/** Values, Chart.yaml facts and named templates per chart folder. */
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
    const root = a.kind === 'helm-helpers' && a.facts?.helmDefines ? chartRootOf(a.file) : undefined;
    if (root !== undefined) {
      const c = get(root);
      c.defines = { ...a.facts!.helmDefines, ...c.defines };
    }
  }
  // A dependency's named templates (a library chart such as Bitnami's `common`), where the chart's own do not define
  // them: the dependency vendored under the chart's `charts/`, else the one chart of the workspace of that name.
  const byName = new Map<string, string[]>();
  for (const [dir, c] of charts) if (c.chart.name) byName.set(c.chart.name, [...(byName.get(c.chart.name) ?? []), dir]);
  for (const [dir, c] of charts) {
    for (const dep of c.chart.dependencies ?? []) {
      const vendored = `${dir ? `${dir}/` : ''}charts/${dep}`;
      const found = charts.has(vendored) ? vendored : byName.get(dep)?.length === 1 ? byName.get(dep)![0] : undefined;
      const lib = found !== undefined && found !== dir ? charts.get(found) : undefined;
      if (lib) {
        const section = c.values[dep];
        const global = c.values.global;
        const over = { ...(isMap(section) ? section : {}), ...(isMap(global) ? { global } : {}) };
        (lib.asDependency ??= []).push(mergeValues(lib.values, over));
      }
      if (lib?.defines) c.defines = { ...lib.defines, ...c.defines };
    }
  }
  return charts;
}

/** One `{{ … }}` directive's value, or undefined when it cannot be known. */
export function renderDirective(directive: string, data: ChartData): string | undefined {
  return renderTemplate(directive, data);
}

/** A value with directives in it, rendered; undefined when any directive stays unknown. */
export function renderValue(raw: string, data: ChartData): string | undefined {
  return renderTemplate(raw, data)?.trim();
}

/** What rendering did to a unit: its name before (when renamed), and whether what REJUDGED_RULES judge changed. */
export interface Rendered {
  oldName?: string;
  /** An image, a port or resources were filled in, or a port left out: judged again as rendered (join/index.ts). */
  rejudge: boolean;
  /** The whole document is written under a condition the chart's defaults make false: no workload of the fleet. */
  unrendered?: true;
}

/**
 * Fills a Helm unit's templated name, images, replicas, ports and resources from its chart's defaults. A name that stays unknown
 * is the chart's name (Chart.yaml) and the template's path under templates/.
 */
/** Kinds a pod template written with a templated kind can be rendered as. */
const HELM_WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

export function renderHelmUnit(u: Unit, charts: Map<string, ChartData>): Rendered {
  const out: Rendered = { rejudge: false };
  if (u.source !== 'helm' || !u.templated) return out;
  const root = chartRootOf(u.file);
  const data = root !== undefined ? charts.get(root) : undefined;
  if (!data) return out;
  const rendered = new Set<string>();
  const unwritten: [number, number][] = [];
  const unwrittenContainers: number[] = [];
  const unwrittenVolumes: number[] = [];
  for (const [field, raw] of Object.entries(u.templated)) {
    // Resources are recorded as the values path the chart's `toYaml` writes them from (kubernetes.ts).
    const res = /^containers\.(\d+)\.resources$/.exec(field);
    if (res) {
      const c = u.containers?.[Number(res[1])];
      const resources = resourcesOf(lookupValues(data.values, raw.replace(/^\.Values\./, '').split('.')));
      if (c && resources && (resources.requests || resources.limits)) {
        c.resources = resources;
        out.rejudge = true;
      }
      continue;
    }
    // Ports a directive writes are only a marker for routesTo (model/kubernetes.ts).
    if (/^containers\.\d+\.ports$/.test(field)) continue;
    // An image per if/else branch: the one whose condition the values make true.
    const alternative = /^containers\.(\d+)\.image\.(\d+)$/.exec(field);
    if (alternative) {
      const c = u.containers?.[Number(alternative[1])];
      if (c && renderValue(u.templated[`${field}.when`] ?? '', data) === '1') {
        const image = raw.includes('{{') ? renderValue(raw, data) : raw;
        if (image) {
          c.image = image;
          if (alternative[1] === '0') u.image = image;
          out.rejudge = true;
        }
      }
      continue;
    }
    if (/^containers\.\d+\.image\.\d+\.when$/.test(field)) continue;
    // A container with an image per branch takes it from its branches (above), not from the one YAML kept.
    if (/^containers\.\d+\.image$/.test(field) && u.templated[`${field}.0`] !== undefined) continue;
    const v = renderValue(raw, data);
    if (v === undefined || v === '') continue;
    const when = /^containers\.(\d+)\.ports\.(\d+)\.when$/.exec(field);
    if (when) {
      // A port under a condition the values leave false is not written: the workload does not expose it.
      if (v === '0') unwritten.push([Number(when[1]), Number(when[2])]);
      continue;
    }
    if (field === 'when') {
      if (!writtenByDefault(u.file, raw, charts)) out.unrendered = true;
      continue;
    }
    const volumeWhen = /^volumes\.(\d+)\.when$/.exec(field);
    if (volumeWhen) {
      // A volume in a branch the values do not choose (an existing claim when none is given) is not mounted.
      if (v === '0') unwrittenVolumes.push(Number(volumeWhen[1]));
      continue;
    }
    const containerWhen = /^containers\.(\d+)\.when$/.exec(field);
    if (containerWhen) {
      // Likewise a container: the chart does not run it.
      if (v === '0') unwrittenContainers.push(Number(containerWhen[1]));
      continue;
    }
    for (const d of raw.match(/\{\{-?[\s\S]*?-?\}\}/g) ?? []) rendered.add(`template not rendered: ${d.replace(/\s+/g, ' ')}`);
    if (field === 'name') {
      out.oldName = u.name;
      u.name = v;
      continue;
    }
    // A CronJob's schedule from the values (`schedule: {{ .Values.cleanup.schedule | quote }}`), and its event's.
    if (field === 'schedule') {
      const previous = u.schedule;
      u.schedule = v;
      for (const e of u.events) if (e.type === 'schedule' && e.detail === previous) e.detail = v;
      out.rejudge = true;
      continue;
    }
    if (field === 'replicas') {
      if (/^\d+$/.test(v)) u.replicas = Number(v);
      continue;
    }
    // A kind the values choose (`kind: {{ .Values.master.kind }}`): the workload is judged again as that kind.
    if (field === 'workloadKind') {
      if (HELM_WORKLOAD_KINDS.has(v) && v !== u.workloadKind) {
        u.workloadKind = v;
        out.rejudge = true;
      }
      continue;
    }
    const port = /^containers\.(\d+)\.ports\.(\d+)\.containerPort$/.exec(field);
    if (port) {
      const p = u.containers?.[Number(port[1])]?.ports?.[Number(port[2])];
      if (p && /^\d+$/.test(v)) {
        p.containerPort = Number(v);
        out.rejudge = true;
      }
      continue;
    }
    const i = Number(/^containers\.(\d+)\.image$/.exec(field)?.[1]);
    const c = u.containers?.[i];
    if (c) {
      c.image = v;
      if (i === 0) u.image = v;
      out.rejudge = true;
    }
  }
  for (const [i, j] of unwritten.sort((a, b) => b[1] - a[1])) {
    if (dropPort(u, i, j)) out.rejudge = true;
  }
  for (const j of [...new Set(unwrittenVolumes)].sort((a, b) => b - a)) if (dropVolume(u, j)) out.rejudge = true;
  // Never every container: a workload whose only containers are conditional stays as written.
  const dropped = [...new Set(unwrittenContainers)].sort((a, b) => b - a);
  if (dropped.length && dropped.length < (u.containers?.length ?? 0)) {
    for (const i of dropped) dropContainer(u, i);
    u.image = u.containers?.[0]?.image;
    out.rejudge = true;
  }
  if (u.unresolved) {
    u.unresolved = u.unresolved.filter((n) => !rendered.has(n));
    if (!u.unresolved.length) delete u.unresolved;
  }
  // A templated name that stays unknown was named after the chart's folder (or the workload's kind, for a chart scanned
  // from its own folder) and the template's path (kubernetes.ts). Chart.yaml's name is the chart's own: it tells apart
  // charts kept in folders of one name (`src/cart/chart`, `src/orders/chart`), and names a chart scanned from its own
  // folder as from the repository root.
  const fallback = /(?:^|\/)templates\/(.+)\.ya?ml$/i.exec(u.file)?.[1];
  const folder = root ? root.slice(root.lastIndexOf('/') + 1) : (u.workloadKind ?? '').toLowerCase();
  if (out.oldName === undefined && u.templated.name && data.chart.name && fallback && u.name === `${folder}/${fallback}` && folder !== data.chart.name) {
    out.oldName = u.name;
    u.name = `${data.chart.name}/${fallback}`;
  }
  return out;
}

/**
 * False when a Helm document written under a condition (`when`, conditionAt) is not written with its chart's defaults,
 * nor with the values any chart of the workspace that depends on it gives it (ChartData.asDependency).
 */
export function writtenByDefault(file: string, when: string | undefined, charts: Map<string, ChartData>): boolean {
  if (!when) return true;
  const root = chartRootOf(file);
  const data = root !== undefined ? charts.get(root) : undefined;
  if (!data || renderValue(when, data) !== '0') return true;
  return (data.asDependency ?? []).some((values) => renderValue(when, { ...data, values }) !== '0');
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `over` merged into `base` as Helm merges a parent's values into a dependency's: maps key by key, anything else replaced. */
function mergeValues(base: Record<string, unknown>, over: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over))
    out[k] = isMap(v) && isMap(out[k]) && depth < 20 ? mergeValues(out[k] as Record<string, unknown>, v, depth + 1) : v;
  return out;
}

/** Removes the entries `prefix` + `j` (and below it) of a map keyed by field paths, and moves those after it down by one. */
function shiftDown<T>(map: Record<string, T | undefined> | undefined, prefix: string, j: number): void {
  if (!map) return;
  const moved: Record<string, T> = {};
  for (const key of Object.keys(map)) {
    if (!key.startsWith(prefix)) continue;
    const [n, ...rest] = key.slice(prefix.length).split('.');
    const k = Number(n);
    if (!(k >= j)) continue;
    const r = map[key];
    delete map[key];
    if (k > j && r !== undefined) moved[[`${prefix}${k - 1}`, ...rest].join('.')] = r;
  }
  Object.assign(map, moved);
}

/** Removes port `j` of container `i`, and moves the field ranges of the ports after it down by one. */
function dropPort(u: Unit, i: number, j: number): boolean {
  const ports = u.containers?.[i]?.ports;
  if (!ports || j >= ports.length) return false;
  ports.splice(j, 1);
  shiftDown(u.fieldRanges, `containers.${i}.ports.`, j);
  return true;
}

/** Removes volume `j`, and moves the field ranges and conditions of the volumes after it down by one. */
function dropVolume(u: Unit, j: number): boolean {
  if (!u.volumes || j >= u.volumes.length) return false;
  u.volumes.splice(j, 1);
  if (!u.volumes.length) delete u.volumes;
  shiftDown(u.fieldRanges, 'volumes.', j);
  shiftDown(u.templated, 'volumes.', j);
  return true;
}

/** Removes container `i`, and renumbers the field ranges and templated fields of the containers after it. */
function dropContainer(u: Unit, i: number): void {
  u.containers?.splice(i, 1);
  // The containers beside the first, as the manifest reader lists them (kubernetes.ts).
  const rest = (u.containers ?? []).slice(1).map((c) => c.name);
  if (rest.length) u.sidecars = rest;
  else delete u.sidecars;
  for (const map of [u.fieldRanges, u.templated] as (Record<string, unknown> | undefined)[]) {
    if (!map) continue;
    const moved: Record<string, unknown> = {};
    for (const key of Object.keys(map)) {
      const m = /^containers\.(\d+)(.*)$/.exec(key);
      if (!m || Number(m[1]) < i) continue;
      const v = map[key];
      delete map[key];
      if (Number(m[1]) > i) moved[`containers.${Number(m[1]) - 1}${m[2]}`] = v;
    }
    Object.assign(map, moved);
  }
}

function lookupValues(values: unknown, path: string[]): unknown {
  let cur = values;
  for (const seg of path) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}
