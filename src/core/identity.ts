// Unit identity. Names are not unique in a repository (every service folder has its `api` function, every chart its
// `worker`), so matching a finding to a unit by name adds up findings across folders. A unit is identified by where
// it is declared and what it is called there: file + logical id for a function, file + kind + namespace + name for a
// workload. The join stamps findings with the identities of the units they count for (`Finding.unitIds`); everything
// that matches findings to units (verdicts, CodeLens, the report, conversions) goes through `belongsTo`.
import type { Finding, Unit } from './types';

/** `file#LogicalId` for a function, `file#Kind/namespace/name` for a workload. */
export function unitKey(u: Pick<Unit, 'kind' | 'file' | 'name' | 'workloadKind' | 'namespace'>): string {
  return u.kind === 'lambda-function' ? `${u.file}#${u.name}` : `${u.file}#${u.workloadKind ?? 'workload'}/${u.namespace ?? ''}/${u.name}`;
}

/**
 * Whether a finding counts for a unit: by identity when the join stamped it; otherwise (findings made by hand, older
 * callers) by name, and when several units share the name (`ambiguous`) only findings in the unit's own files.
 */
export function belongsTo(u: Unit, f: Pick<Finding, 'unit' | 'unitIds' | 'file'>, ambiguous = false): boolean {
  if (f.unitIds) return f.unitIds.includes(unitKey(u));
  if (f.unit !== u.name) return false;
  return !ambiguous || unitFiles(u).has(f.file);
}

/** The files a unit is made of: where it is declared and described, and its code. */
function unitFiles(unit: Unit): Set<string> {
  return new Set([unit.file, ...(unit.codeFile ? [unit.codeFile] : []), ...(unit.codeFiles ?? []), ...(unit.describedIn ?? []).map((d) => d.file)]);
}

/** A unit's findings out of a list holding other units' too. */
export function findingsOf<F extends Pick<Finding, 'unit' | 'unitIds' | 'file'>>(u: Unit, findings: readonly F[], units?: readonly Unit[]): F[] {
  const ambiguous = units ? units.filter((x) => x.name === u.name).length > 1 : false;
  return findings.filter((f) => belongsTo(u, f, ambiguous));
}
