import type { Unit } from '../../types';

type Range = [number, number];

/** Where a model finding about `field` points: the value that set it, else the unit's declaration. */
export function at(unit: Unit, field?: string): Range {
  return (field ? unit.fieldRanges?.[field] : undefined) ?? unit.range ?? [0, 0];
}

/** Kubernetes memory quantity → MiB (`16Gi` → 16384, `512Mi` → 512, `1G` → 953.67…). Unknown → undefined. */
export function memoryMiB(q: string | undefined): number | undefined {
  if (q === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|K|M|G|T|m)?$/.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const f: Record<string, number> = { Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 * 1024, k: 1000 / 1048576, K: 1000 / 1048576, M: 1e6 / 1048576, G: 1e9 / 1048576, T: 1e12 / 1048576, m: 0.001 / 1048576 };
  return m[2] ? n * f[m[2]] : n / 1048576;
}

/** Kubernetes CPU quantity → cores (`500m` → 0.5). */
export function cpuCores(q: string | undefined): number | undefined {
  if (q === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(m)?$/.exec(q.trim());
  if (!m) return undefined;
  return m[2] ? Number(m[1]) / 1000 : Number(m[1]);
}
