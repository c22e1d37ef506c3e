// The fleet view of the report: every unit ranked by what the choice of platform is worth a month (the 80/20 split),
// and, with `assess --repos`, one row per application. Built from the report's unit rows, so it rests on the same
// figures as the per-unit details (measured where measurements exist, estimated elsewhere).
import type { Verdict } from '../types';
import type { UsageBasis } from '../usage';
import type { UnitRow } from './model';

type Side = 'lambda' | 'kubernetes';

interface SplitRow {
  /** The unit row's id. */
  id: string;
  name: string;
  application?: string;
  basis: UsageBasis;
  /** Where the unit runs today. */
  current: Side;
  lambda: number;
  kubernetes: number;
  /** Kubernetes minus Lambda per month: positive when Lambda is cheaper. */
  difference: number;
  cheaper: Side;
  /** The estimate (default or configured traffic) said the other platform was cheaper. */
  flipped: boolean;
  /** Share of the fleet's summed |difference| carried by this row and every row above it. */
  cumulativeShare: number;
}

export interface FleetSplit {
  /** Every unit, largest |difference| first. */
  rows: SplitRow[];
  lambdaCheaper: { units: number; saving: number };
  kubernetesCheaper: { units: number; saving: number };
  /** Monthly totals: everything on Lambda, everything on Kubernetes, as the units run today, each on its cheaper side. */
  totals: { lambda: number; kubernetes: number; current: number; best: number };
  /** The fewest units that carry at least 80% of the summed difference. */
  pareto: { units: number; share: number; difference: number };
  /** Units on the dearer side today, and what moving all of them saves a month. */
  moves: { toLambda: number; toKubernetes: number; saving: number };
  basis: Record<UsageBasis, number>;
}

export interface ApplicationRow {
  name: string;
  units: number;
  measured: number;
  verdicts: Record<Verdict, number>;
  blockers: number;
  /** Monthly cost with every unit on Lambda, on Kubernetes, as it runs today, and each unit on its cheaper side. */
  lambda: number;
  kubernetes: number;
  current: number;
  best: number;
  cheaperOn: Record<Side, number>;
}

/** Units found outside every repository folder (deployed functions no repository declares). */
const NO_APPLICATION = '(deployed, no repository)';

const PARETO = 0.8;

function currentSide(u: UnitRow): Side {
  return u.kind === 'lambda-function' ? 'lambda' : 'kubernetes';
}

export function buildSplit(units: readonly UnitRow[]): FleetSplit {
  const rows = units.map((u) => {
    const lambda = u.cost.lambda.total;
    const kubernetes = u.cost.kubernetes.total;
    const cheaper: Side = kubernetes < lambda ? 'kubernetes' : 'lambda';
    const flipped = u.estimate !== undefined && u.estimate.cheaper !== cheaper;
    return {
      id: u.id,
      name: u.name,
      ...(u.application !== undefined ? { application: u.application } : {}),
      basis: u.basis,
      current: currentSide(u),
      lambda,
      kubernetes,
      difference: kubernetes - lambda,
      cheaper,
      flipped,
      cumulativeShare: 0,
    };
  });
  rows.sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference) || a.name.localeCompare(b.name));
  const total = rows.reduce((s, r) => s + Math.abs(r.difference), 0);
  let cum = 0;
  let paretoUnits = 0;
  for (const r of rows) {
    cum += Math.abs(r.difference);
    r.cumulativeShare = total > 0 ? cum / total : 0;
    if (!paretoUnits && total > 0 && r.cumulativeShare >= PARETO - 1e-12) paretoUnits = rows.indexOf(r) + 1;
  }
  const side = (s: Side) => {
    const list = rows.filter((r) => r.cheaper === s);
    return { units: list.length, saving: list.reduce((acc, r) => acc + Math.abs(r.difference), 0) };
  };
  const sum = (pick: (r: SplitRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const dearer = rows.filter((r) => r.cheaper !== r.current);
  const basis: Record<UsageBasis, number> = { measured: 0, 'partly measured': 0, estimated: 0 };
  for (const r of rows) basis[r.basis]++;
  return {
    rows,
    lambdaCheaper: side('lambda'),
    kubernetesCheaper: side('kubernetes'),
    totals: {
      lambda: sum((r) => r.lambda),
      kubernetes: sum((r) => r.kubernetes),
      current: sum((r) => (r.current === 'lambda' ? r.lambda : r.kubernetes)),
      best: sum((r) => Math.min(r.lambda, r.kubernetes)),
    },
    pareto: { units: paretoUnits, share: rows.length ? paretoUnits / rows.length : 0, difference: PARETO },
    moves: {
      toLambda: dearer.filter((r) => r.cheaper === 'lambda').length,
      toKubernetes: dearer.filter((r) => r.cheaper === 'kubernetes').length,
      saving: dearer.reduce((s, r) => s + Math.abs(r.difference), 0),
    },
    basis,
  };
}

/** One row per application (repository), in name order; undefined when no unit carries one. */
export function buildApplications(units: readonly UnitRow[]): ApplicationRow[] | undefined {
  if (!units.some((u) => u.application !== undefined)) return undefined;
  const groups = new Map<string, UnitRow[]>();
  for (const u of units) {
    const name = u.application ?? NO_APPLICATION;
    const list = groups.get(name) ?? [];
    list.push(u);
    groups.set(name, list);
  }
  const rows: ApplicationRow[] = [];
  for (const [name, list] of groups) {
    const verdicts: Record<Verdict, number> = { ready: 0, changes: 0, blocked: 0 };
    const cheaperOn: Record<Side, number> = { lambda: 0, kubernetes: 0 };
    let lambda = 0;
    let kubernetes = 0;
    let current = 0;
    let best = 0;
    for (const u of list) {
      verdicts[u.verdict]++;
      const l = u.cost.lambda.total;
      const k = u.cost.kubernetes.total;
      lambda += l;
      kubernetes += k;
      current += currentSide(u) === 'lambda' ? l : k;
      best += Math.min(l, k);
      cheaperOn[k < l ? 'kubernetes' : 'lambda']++;
    }
    rows.push({
      name,
      units: list.length,
      measured: list.filter((u) => u.basis !== 'estimated').length,
      verdicts,
      blockers: list.reduce((s, u) => s + u.blockers, 0),
      lambda,
      kubernetes,
      current,
      best,
      cheaperOn,
    });
  }
  return rows.sort((a, b) => (a.name === NO_APPLICATION ? 1 : b.name === NO_APPLICATION ? -1 : a.name.localeCompare(b.name)));
}
