import type { Finding, Readiness, Unit, Verdict } from '../types';

/**
 * Readiness per direction from the unit's own findings: any error → blocked, any warning → changes, else ready.
 * Effort (documented in the README): S when ready, M for up to 3 warnings and no errors, L for more, XL when blocked
 * by 3 or more errors.
 */
export function computeReadiness(unit: Unit, findings: Finding[]): Readiness {
  const mine = findings.filter((f) => f.unit === unit.name && (f.file === unit.file || f.file === unit.codeFile || f.unit !== undefined));
  const verdictFor = (dir: 'to-lambda' | 'to-kubernetes'): Verdict => {
    const relevant = mine.filter((f) => f.direction === dir || f.direction === 'both');
    if (relevant.some((f) => f.severity === 'error')) return 'blocked';
    if (relevant.some((f) => f.severity === 'warning')) return 'changes';
    return 'ready';
  };
  const dir = unit.kind === 'lambda-function' ? 'to-kubernetes' : 'to-lambda';
  const verdict = verdictFor(dir);
  const relevant = mine.filter((f) => f.direction === dir || f.direction === 'both');
  const errors = relevant.filter((f) => f.severity === 'error').length;
  const warnings = relevant.filter((f) => f.severity === 'warning').length;
  const effort = verdict === 'ready' ? 'S' : errors >= 3 ? 'XL' : errors > 0 || warnings > 3 ? 'L' : 'M';
  return unit.kind === 'lambda-function' ? { toKubernetes: verdict, effort } : { toLambda: verdict, effort };
}
