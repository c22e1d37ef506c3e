import type { Unit } from '../../types';

type Range = [number, number];

/** Where a model finding about `field` points: the value that set it, else the unit's declaration. */
export function at(unit: Unit, field?: string): Range {
  return (field ? unit.fieldRanges?.[field] : undefined) ?? unit.range ?? [0, 0];
}

/**
 * Units grouped by where `field` is written: units whose value comes from one shared place (a serverless.yml provider
 * default, SAM Globals, a Terraform local) form one group, in declaration order; a unit that sets
 * the field itself, or whose source position is unknown, is a group of its own.
 */
export function sharedSettings<U extends Unit>(units: readonly U[], field: string): U[][] {
  const groups = new Map<string, U[]>();
  const out: U[][] = [];
  for (const u of units) {
    const r = u.fieldRanges?.[field];
    const key = r ? `${r[0]}:${r[1]}` : undefined;
    const group = key !== undefined ? groups.get(key) : undefined;
    if (group) group.push(u);
    else {
      const fresh = [u];
      if (key !== undefined) groups.set(key, fresh);
      out.push(fresh);
    }
  }
  return out;
}

/** How many names a message lists before "and N more" (the finding's `units` always has them all). */
const LISTED_NAMES = 20;

/** `function a`, `2 functions set here (a and b)`, `25 functions set here (a, b, … and 5 more)`. */
export function unitList(noun: string, names: readonly string[]): string {
  if (names.length === 1) return `${noun} ${names[0]}`;
  const shown = names.slice(0, LISTED_NAMES);
  const rest = names.length - shown.length;
  const list = rest > 0 ? `${shown.join(', ')} and ${rest} more` : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  return `the ${names.length} ${noun}s set here (${list})`;
}

/** Kubernetes memory quantity → MiB (`16Gi` → 16384, `512Mi` → 512, `1G` → 953.67…). Unknown → undefined. */
export function memoryMiB(q: string | undefined): number | undefined {
  if (q === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|K|M|G|T|m)?$/.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const f: Record<string, number> = {
    Ki: 1 / 1024,
    Mi: 1,
    Gi: 1024,
    Ti: 1024 * 1024,
    k: 1000 / 1048576,
    K: 1000 / 1048576,
    M: 1e6 / 1048576,
    G: 1e9 / 1048576,
    T: 1e12 / 1048576,
    m: 0.001 / 1048576,
  };
  return m[2] ? n * f[m[2]] : n / 1048576;
}

/** Kubernetes CPU quantity → cores (`500m` → 0.5). */
export function cpuCores(q: string | undefined): number | undefined {
  if (q === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(m)?$/.exec(q.trim());
  if (!m) return undefined;
  return m[2] ? Number(m[1]) / 1000 : Number(m[1]);
}

/** `Function a runs` / `14 functions set here (a, b, …) run`, with the verb given in its singular and plural forms. */
export function subject(names: readonly string[], singular: string, plural: string): string {
  return names.length === 1 ? `Function ${names[0]} ${singular}` : `${unitList('function', names).replace(/^./, (c) => c.toUpperCase())} ${plural}`;
}
