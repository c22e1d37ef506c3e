// Which moves are assessed (`lambdashift.direction`, `direction:` in lambdashift.yaml, `--direction`), and the one
// filter that applies it to findings and units. Pure; the join (src/core/workspace.ts) and the editor's live analysis
// of an open document both call it, so every surface shows and counts the same findings.
//
//   auto           each unit is assessed for the move away from what deploys it today: a Lambda function for the move
//                  to Kubernetes, a Kubernetes workload for the move to Lambda. A finding is kept when its direction is
//                  `both` or the move of one of the units that own it. Findings no unit owns (code no handler or
//                  workload reaches, a template without functions) are kept in both directions: nothing says which
//                  way that code would move.
//   to-kubernetes  only Lambda functions are assessed (for the move to Kubernetes), with the findings of that direction
//   to-lambda      only Kubernetes workloads are assessed (for the move to Lambda), with the findings of that direction
//   both           every finding of every unit (what LambdaShift did before the setting existed)
import type { Direction, RawFinding, Unit } from './types';

export const DIRECTION_SETTINGS = ['auto', 'to-lambda', 'to-kubernetes', 'both'] as const;
export type DirectionSetting = (typeof DIRECTION_SETTINGS)[number];
type Move = 'to-lambda' | 'to-kubernetes';
export type UnitKind = Unit['kind'];

export function isDirectionSetting(v: unknown): v is DirectionSetting {
  return typeof v === 'string' && (DIRECTION_SETTINGS as readonly string[]).includes(v);
}

/** The move a unit is assessed for: away from the platform that deploys it today. */
function moveOf(kind: UnitKind): Move {
  return kind === 'lambda-function' ? 'to-kubernetes' : 'to-lambda';
}

/** Whether units of this kind are assessed at all under the setting. */
export function assessesKind(setting: DirectionSetting, kind: UnitKind): boolean {
  return setting === 'auto' || setting === 'both' || moveOf(kind) === setting;
}

/**
 * Whether a finding of `direction` is shown and counted, given the kinds of the units that own it (none: code or IaC
 * no unit owns).
 */
export function keepsFinding(setting: DirectionSetting, direction: Direction, ownerKinds: readonly UnitKind[]): boolean {
  if (setting === 'both') return true;
  const owners = ownerKinds.filter((k) => assessesKind(setting, k));
  // Every owner is a unit this setting does not assess: its findings go with it.
  if (ownerKinds.length && !owners.length) return false;
  if (direction === 'both') return true;
  if (setting !== 'auto') return direction === setting;
  return owners.length === 0 || owners.some((k) => moveOf(k) === direction);
}

/**
 * Whether findings about these units are LambdaShift's own output: every one was written by an earlier `convert`
 * (CONVERTED_FROM annotation or resource Metadata). Such files are listed as units but never assessed.
 */
export function generatedOnly(units: readonly Pick<Unit, 'generatedFrom'>[]): boolean {
  return units.length > 0 && units.every((u) => u.generatedFrom !== undefined);
}

/** The units an IaC finding is about: those it names, else the one whose declaration contains it. */
export function declaredOwners(raw: Pick<RawFinding, 'unit' | 'units' | 'start'>, units: readonly Unit[]): Unit[] {
  const names = raw.units ?? (raw.unit !== undefined ? [raw.unit] : []);
  if (names.length) {
    const named = units.filter((u) => names.includes(u.name));
    if (named.length) return named;
  }
  const at = units.find((u) => [u.range, ...Object.values(u.fieldRanges ?? {})].some((r) => r && raw.start >= r[0] && raw.start <= r[1]));
  return at ? [at] : [];
}
