import type { Finding, Readiness, Unit, UnitEvent, Verdict } from '../types';

/** Effort weights per finding severity; see docs/readiness.md. */
export const EFFORT_WEIGHTS = { error: 8, warning: 3, info: 1 } as const;

/** Effort size from points: S < 3 ≤ M < 10 ≤ L < 20 ≤ XL. */
export function effortSize(points: number): 'S' | 'M' | 'L' | 'XL' {
  return points < 3 ? 'S' : points < 10 ? 'M' : points < 20 ? 'L' : 'XL';
}

/**
 * Readiness of one unit for its migration direction (a Lambda function → Kubernetes, a workload → Lambda), from the
 * findings attributed to it: any error → blocked, else any warning → changes, else ready. Effort is the weighted
 * sum of those findings (error 8, warning 3, info 1) mapped to S/M/L/XL. Formula documented in docs/readiness.md.
 */
export function computeReadiness(unit: Unit, findings: Finding[], sameName = 1): Readiness {
  const dir = unit.kind === 'lambda-function' ? 'to-kubernetes' : 'to-lambda';
  // When two units share a name (two templates, two charts), only findings in the unit's own files count.
  const mine = findings.filter((f) => f.unit === unit.name && (sameName <= 1 || f.file === unit.file || f.file === unit.codeFile));
  const relevant = mine.filter((f) => f.direction === dir || f.direction === 'both');
  const errors = relevant.filter((f) => f.severity === 'error').length;
  const warnings = relevant.filter((f) => f.severity === 'warning').length;
  const infos = relevant.length - errors - warnings;
  const verdict: Verdict = errors ? 'blocked' : warnings ? 'changes' : 'ready';
  const points = errors * EFFORT_WEIGHTS.error + warnings * EFFORT_WEIGHTS.warning + infos * EFFORT_WEIGHTS.info;
  const effort = effortSize(points);
  return unit.kind === 'lambda-function' ? { toKubernetes: verdict, effort, effortPoints: points } : { toLambda: verdict, effort, effortPoints: points };
}

/** Blocking findings of a unit in its direction (for the CodeLens summary). */
export function blockerCount(unit: Unit, findings: readonly Finding[]): number {
  const dir = unit.kind === 'lambda-function' ? 'to-kubernetes' : 'to-lambda';
  return findings.filter((f) => f.unit === unit.name && f.severity === 'error' && (f.direction === dir || f.direction === 'both')).length;
}

function eventText(e: UnitEvent): string {
  return e.detail ? `${e.type} ${e.detail}` : e.type;
}

/** One-line unit summary for editors: `Lambda · 900 s · 1024 MB · schedule rate(1 hour) — 2 blockers`. */
export function unitSummary(u: Unit, findings: readonly Finding[]): string {
  const parts: string[] = [];
  if (u.kind === 'lambda-function') {
    parts.push('Lambda');
    if (u.timeoutSeconds !== undefined) parts.push(`${u.timeoutSeconds} s`);
    if (u.memoryMB !== undefined) parts.push(`${u.memoryMB} MB`);
  } else {
    parts.push(`Kubernetes ${u.workloadKind ?? 'workload'}`);
    if (u.activeDeadlineSeconds !== undefined) parts.push(`${u.activeDeadlineSeconds} s deadline`);
    if (u.replicas !== undefined) parts.push(`${u.replicas} replicas`);
  }
  const first = u.events[0];
  if (first) parts.push(eventText(first).slice(0, 60) + (u.events.length > 1 ? ` +${u.events.length - 1}` : ''));
  const n = blockerCount(u, findings);
  const verdict = u.kind === 'lambda-function' ? u.readiness?.toKubernetes : u.readiness?.toLambda;
  const tail = n ? `${n} blocker${n === 1 ? '' : 's'}` : verdict === 'changes' ? 'changes needed' : verdict === 'ready' ? 'ready' : '';
  return parts.join(' · ') + (tail ? ` — ${tail}` : '');
}
