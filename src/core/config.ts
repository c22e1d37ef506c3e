// `lambdashift.yaml`: cost inputs per unit, per-trigger defaults and rates. Parsed from text (the caller reads the
// file), validated by hand so every mistake names its key path and line and says what to write instead.
// schemas/lambdashift.schema.json describes the same shape for the editor; test/unit/report/config.test.ts keeps them in step.
import { isMap, LineCounter, parseDocument, Parser, type Node } from 'yaml';
import { TooDeepError, tooDeepMessage } from './limits';
import { checkYamlNesting, yamlNestingBeyond } from './parsers/yaml';
import { DEFAULT_RATES, type CostInputs, type Rates, type Tier } from './report/cost';
import { DIRECTION_SETTINGS, isDirectionSetting, type DirectionSetting } from './direction';
import type { EventType } from './types';
import { defaultMetricsConfig, PROMETHEUS_QUERY_KEYS, type MetricsConfig, type PrometheusUnitSettings } from './usage';

type UnitCostOverrides = Partial<CostInputs>;

export interface LambdaShiftConfig {
  rates: Rates;
  /** Per trigger type (`http`, `sqs`, `schedule`, …, plus `none` for units without events). */
  defaults: Partial<Record<EventType | 'none', UnitCostOverrides>>;
  /** Per unit name. */
  units: Record<string, UnitCostOverrides>;
  /** Where measured usage comes from (`metrics.prometheus`: queries, per-unit namespace/workload/queries). */
  metrics: MetricsConfig;
  /** Which moves are assessed (src/core/direction.ts); absent: the caller's default (`auto`). */
  direction?: DirectionSetting;
}

export interface ConfigError {
  /** Dotted key path, e.g. `units.OrdersApi.memoryMB`. */
  path: string;
  line?: number;
  message: string;
}

const TRIGGER_KEYS = ['http', 'sqs', 'sns', 's3', 'schedule', 'stream', 'eventbridge', 'direct', 'other', 'none'] as const;

/** Inputs a unit or trigger default may set, with how to check each. */
const INPUT_FIELDS: Record<keyof CostInputs, { kind: 'number' | 'int' | 'enum'; min?: number; max?: number; values?: string[]; hint: string }> = {
  requestsPerMonth: { kind: 'number', min: 0, hint: 'invocations per month, e.g. 2500000' },
  avgDurationMs: { kind: 'number', min: 1, max: 900_000, hint: 'average duration in milliseconds, 1–900000' },
  memoryMB: { kind: 'int', min: 128, max: 10_240, hint: 'Lambda memory in MB, 128–10240' },
  architecture: { kind: 'enum', values: ['x86_64', 'arm64'], hint: 'x86_64 or arm64' },
  peakRps: { kind: 'number', min: 0, hint: 'peak requests per second' },
  provisionedConcurrency: { kind: 'int', min: 0, hint: 'provisioned-concurrency environments, 0 for none' },
  mode: { kind: 'enum', values: ['always-on', 'scheduled'], hint: 'always-on (Deployment) or scheduled (a Job per run)' },
  minReplicas: { kind: 'number', min: 0, hint: 'replicas kept when idle, e.g. 1' },
  podCpu: { kind: 'number', min: 0.01, max: 16, hint: 'pod CPU request in vCPU, e.g. 0.5' },
  podMemoryGiB: { kind: 'number', min: 0.0625, max: 120, hint: 'pod memory request in GiB, e.g. 1' },
};

export function defaultConfig(): LambdaShiftConfig {
  return { rates: structuredClone(DEFAULT_RATES), defaults: {}, units: {}, metrics: defaultMetricsConfig() };
}

class Checker {
  errors: ConfigError[] = [];
  constructor(
    private readonly doc: ReturnType<typeof parseDocument>,
    private readonly lines: LineCounter,
  ) {}

  lineOf(path: (string | number)[]): number | undefined {
    const node = path.length ? (this.doc.getIn(path, true) as Node | undefined) : (this.doc.contents as Node | null);
    const offset = node?.range?.[0];
    if (offset === undefined) {
      // Point at the parent when the key exists but the value is null.
      return path.length > 1 ? this.lineOf(path.slice(0, -1)) : undefined;
    }
    return this.lines.linePos(offset).line;
  }

  fail(path: (string | number)[], message: string): void {
    this.errors.push({ path: path.join('.') || '(root)', line: this.lineOf(path), message });
  }

  object(value: unknown, path: (string | number)[]): value is Record<string, unknown> {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return true;
    this.fail(path, `must be a mapping of keys to values, not ${describe(value)}.`);
    return false;
  }

  number(value: unknown, path: (string | number)[], min = 0, max = Infinity, int = false, hint = ''): value is number {
    const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!int || Number.isInteger(value));
    if (!ok)
      this.fail(
        path,
        `must be ${int ? 'a whole number' : 'a number'}${max === Infinity ? ` ≥ ${min}` : ` from ${min} to ${max}`}${hint ? ` (${hint})` : ''}, not ${describe(value)}.`,
      );
    return ok;
  }
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  return `${typeof v} ${String(v)}`;
}

function unknownKey(c: Checker, path: (string | number)[], key: string, known: readonly string[]): void {
  c.fail([...path, key], `unknown key '${key}'${path.length ? ` under ${path.join('.')}` : ''}. Known keys: ${known.join(', ')}.`);
}

function checkInputs(c: Checker, value: unknown, path: (string | number)[]): UnitCostOverrides {
  const out: Record<string, unknown> = {};
  if (!c.object(value, path)) return out;
  for (const [key, v] of Object.entries(value)) {
    const spec = INPUT_FIELDS[key as keyof CostInputs];
    if (!spec) {
      unknownKey(c, path, key, Object.keys(INPUT_FIELDS));
      continue;
    }
    if (spec.kind === 'enum') {
      if (typeof v === 'string' && spec.values!.includes(v)) out[key] = v;
      else c.fail([...path, key], `must be ${spec.hint}, not ${describe(v)}.`);
    } else if (c.number(v, [...path, key], spec.min, spec.max, spec.kind === 'int', spec.hint)) {
      out[key] = v;
    }
  }
  return out as UnitCostOverrides;
}

function checkTiers(c: Checker, value: unknown, path: (string | number)[]): Tier[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    c.fail(path, `must be a list of tiers like [{ upTo: 6000000000, perGbSecond: 0.0000166667 }, { perGbSecond: 0.000015 }], not ${describe(value)}.`);
    return undefined;
  }
  const tiers: Tier[] = [];
  let last = 0;
  value.forEach((t, k) => {
    const p = [...path, k];
    if (!c.object(t, p)) return;
    const isLast = k === value.length - 1;
    if (c.number(t.perGbSecond, [...p, 'perGbSecond'])) {
      if (isLast) {
        if (t.upTo !== undefined && t.upTo !== null) c.fail([...p, 'upTo'], 'the last tier has no upper bound: remove upTo.');
        tiers.push({ upTo: null, perGbSecond: t.perGbSecond });
      } else if (c.number(t.upTo, [...p, 'upTo'], last + 1, Infinity, false, 'GB-seconds per month where this tier ends')) {
        last = t.upTo;
        tiers.push({ upTo: t.upTo, perGbSecond: t.perGbSecond });
      }
    }
  });
  return tiers.length === value.length ? tiers : undefined;
}

const PROMETHEUS_UNIT_KEYS = ['namespace', 'workload', 'pod', ...PROMETHEUS_QUERY_KEYS] as const;

function checkString(c: Checker, value: unknown, path: (string | number)[], hint: string): value is string {
  if (typeof value === 'string' && value.trim() !== '') return true;
  c.fail(path, `must be ${hint}, not ${describe(value)}.`);
  return false;
}

/** `metrics.prometheus.queries` and `metrics.prometheus.units.<name>` (docs/cost-model.md, "Measured usage"). */
function checkMetrics(c: Checker, target: MetricsConfig, value: unknown): void {
  if (!c.object(value, ['metrics'])) return;
  for (const [key, v] of Object.entries(value)) {
    if (key !== 'prometheus') {
      unknownKey(c, ['metrics'], key, ['prometheus']);
      continue;
    }
    if (!c.object(v, ['metrics', 'prometheus'])) continue;
    for (const [pk, pv] of Object.entries(v)) {
      const path = ['metrics', 'prometheus', pk];
      if (pk === 'queries') {
        if (!c.object(pv, path)) continue;
        for (const [q, text] of Object.entries(pv)) {
          if (!(PROMETHEUS_QUERY_KEYS as readonly string[]).includes(q)) unknownKey(c, path, q, PROMETHEUS_QUERY_KEYS);
          else if (checkString(c, text, [...path, q], 'a PromQL query (placeholders {{namespace}}, {{workload}}, {{pod}}, {{range}})'))
            target.prometheus.queries[q as keyof MetricsConfig['prometheus']['queries']] = text;
        }
      } else if (pk === 'units') {
        if (!c.object(pv, path)) continue;
        for (const [name, settings] of Object.entries(pv)) {
          if (!c.object(settings, [...path, name])) continue;
          const out: PrometheusUnitSettings = {};
          for (const [k, text] of Object.entries(settings)) {
            if (!(PROMETHEUS_UNIT_KEYS as readonly string[]).includes(k)) unknownKey(c, [...path, name], k, PROMETHEUS_UNIT_KEYS);
            else if (
              checkString(
                c,
                text,
                [...path, name, k],
                k === 'pod' ? 'a regular expression for the pod names' : k === 'namespace' || k === 'workload' ? `the deployed ${k} name` : 'a PromQL query',
              )
            )
              out[k as keyof PrometheusUnitSettings] = text;
          }
          target.prometheus.units[name] = out;
        }
      } else unknownKey(c, ['metrics', 'prometheus'], pk, ['queries', 'units']);
    }
  }
}

/** Merges user rates over the defaults, checking each leaf against the default's type. */
function mergeRates(c: Checker, target: Record<string, unknown>, value: unknown, path: (string | number)[]): void {
  if (!c.object(value, path)) return;
  for (const [key, v] of Object.entries(value)) {
    const p = [...path, key];
    if (!(key in target)) {
      unknownKey(c, path, key, Object.keys(target));
      continue;
    }
    const current = target[key];
    if (key === 'x86' || key === 'arm64') {
      if (Array.isArray(current)) {
        const tiers = checkTiers(c, v, p);
        if (tiers) target[key] = tiers;
        continue;
      }
    }
    if (typeof current === 'boolean') {
      if (typeof v === 'boolean') target[key] = v;
      else c.fail(p, `must be true or false, not ${describe(v)}.`);
    } else if (typeof current === 'number') {
      const min =
        key === 'targetUtilization' ? 0.05 : key === 'hoursPerMonth' || key === 'nodeVcpu' || key === 'nodeMemoryGiB' || key === 'cpuToRamRatio' ? 0.001 : 0;
      const max = key === 'targetUtilization' ? 1 : key === 'hoursPerMonth' ? 744 : Infinity;
      if (c.number(v, p, min, max)) target[key] = v;
    } else if (current && typeof current === 'object') {
      mergeRates(c, current as Record<string, unknown>, v, p);
    }
  }
}

/**
 * Parses `lambdashift.yaml` text. Never throws: a bad value is reported and its default kept, so one typo does not
 * cost the user the whole report.
 */
export function parseConfig(text: string): { config: LambdaShiftConfig; errors: ConfigError[] } {
  const config = defaultConfig();
  const lines = new LineCounter();
  // yaml's composer recurses per level: a config nested past the limit is refused before it is composed.
  try {
    checkYamlNesting(text);
    for (const token of new Parser().parse(text)) {
      const at = yamlNestingBeyond(token);
      if (at >= 0) throw new TooDeepError(at);
    }
  } catch (e) {
    if (!(e instanceof TooDeepError)) throw e;
    const line = e.offset === undefined ? undefined : text.slice(0, e.offset).split('\n').length;
    return {
      config,
      errors: [{ path: '(yaml)', line, message: `${tooDeepMessage(e.limit).split(';')[0]}; a lambdashift.yaml is a few levels deep. Fix the file.` }],
    };
  }
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const c = new Checker(doc, lines);
  for (const e of doc.errors)
    c.errors.push({ path: '(yaml)', line: lines.linePos(e.pos[0]).line, message: `${e.message.split('\n')[0]}. Fix the YAML syntax.` });
  if (doc.errors.length) return { config, errors: c.errors };
  if (doc.contents === null) return { config, errors: [] };
  if (!isMap(doc.contents)) {
    c.fail([], 'the file must be a mapping with keys version, direction, rates, defaults, units and metrics.');
    return { config, errors: c.errors };
  }
  let raw: Record<string, unknown>;
  try {
    raw = doc.toJS({ maxAliasCount: 50 }) as Record<string, unknown>;
  } catch (e) {
    // yaml refuses to expand aliases past the count ("billion laughs"); anything else thrown here is a bad file too.
    const bomb = /alias/i.test((e as Error).message);
    c.errors.push({
      path: '(yaml)',
      message: bomb
        ? 'its aliases (*name) expand to too many nodes, as a "billion laughs" alias bomb does. Write the values out instead of aliasing them.'
        : `cannot read it: ${(e as Error).message}. Fix the YAML.`,
    });
    return { config, errors: c.errors };
  }
  const TOP = ['version', 'direction', 'rates', 'defaults', 'units', 'metrics'];
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'version') {
      if (value !== 1) c.fail(['version'], `must be 1 (the only config version), not ${describe(value)}.`);
    } else if (key === 'direction') {
      if (isDirectionSetting(value)) config.direction = value;
      else c.fail(['direction'], `must be one of ${DIRECTION_SETTINGS.join(', ')}, not ${describe(value)}.`);
    } else if (key === 'rates') {
      mergeRates(c, config.rates as unknown as Record<string, unknown>, value, ['rates']);
    } else if (key === 'defaults') {
      if (!c.object(value, ['defaults'])) continue;
      for (const [trigger, v] of Object.entries(value)) {
        if (!(TRIGGER_KEYS as readonly string[]).includes(trigger)) unknownKey(c, ['defaults'], trigger, TRIGGER_KEYS);
        else config.defaults[trigger as EventType] = checkInputs(c, v, ['defaults', trigger]);
      }
    } else if (key === 'units') {
      if (!c.object(value, ['units'])) continue;
      for (const [name, v] of Object.entries(value)) config.units[name] = checkInputs(c, v, ['units', name]);
    } else if (key === 'metrics') {
      checkMetrics(c, config.metrics, value);
    } else {
      unknownKey(c, [], key, TOP);
    }
  }
  return { config, errors: c.errors };
}

/** Applies inputs edited in the report (webview) over a config, validating them like the file. */
export function withOverrides(base: LambdaShiftConfig, units: Record<string, unknown>): { config: LambdaShiftConfig; errors: ConfigError[] } {
  const config: LambdaShiftConfig = { ...base, units: { ...base.units } };
  const c = new Checker(parseDocument(''), new LineCounter());
  for (const [name, v] of Object.entries(units)) config.units[name] = { ...base.units[name], ...checkInputs(c, v, ['units', name]) };
  return { config, errors: c.errors };
}
