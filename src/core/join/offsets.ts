// Kept apart from the join itself so the CLI's cache can use it without loading the analyser.
import type { FileAnalysis } from '../types';

/**
 * The largest offset at which the join may place a finding in this file (a `.proto` service, a patched value, a unit's
 * field), so a cache that keeps line starts only as far as they are needed keeps these too.
 */
export function lastJoinOffset(a: Pick<FileAnalysis, 'facts' | 'units'>): number {
  let last = -1;
  const ranges = (r: Partial<Record<string, [number, number]>> | undefined) => {
    for (const v of Object.values(r ?? {})) if (v) last = Math.max(last, v[1]);
  };
  for (const s of a.facts?.grpcServices ?? []) last = Math.max(last, s.end);
  for (const p of [...(a.facts?.patches ?? []), ...(a.facts?.kustomization?.inlinePatches ?? [])]) ranges(p.fieldRanges);
  for (const u of a.units) ranges(u.fieldRanges);
  return last;
}
