// The measured-usage steps of `assess` and of the editor's *Measure Usage* command: CloudWatch for the functions the
// AWS inventory listed, Prometheus for the Kubernetes workloads. The clients live beside this file; this one decides
// which unit each measurement belongs to. One path, so the CLI and the editor show the same figures.
import type { LambdaShiftConfig } from '../../core/config';
import type { AwsInventory } from '../../core/model/aws';
import type { AssessResult, Unit } from '../../core/types';
import { metricsConfigOf, prometheusTargets, usageKey, type UnitUsage } from '../../core/usage';

/** Where progress goes: the terminal's live line, or the editor's progress notification. */
export interface MeasureProgress {
  update(text: string): void;
  done(): void;
}

function withUsage(result: AssessResult, usageOf: (u: Unit) => UnitUsage | undefined): AssessResult {
  return { ...result, units: result.units.map((u) => ((usage) => (usage ? { ...u, usage } : u))(usageOf(u))) };
}

/** What measureLambda needs from the lazily loaded AWS bundle (dist/awsInventory.js). */
export type LambdaMetricsStep = Pick<typeof import('../aws/inventory'), 'fetchLambdaMetrics' | 'matchAwsUnits'>;

/**
 * Measures every function the inventory listed and gives each its figures: a deployed-only unit by its own name, a
 * workspace unit through the pairing the merge made (same name, or the generated physical name).
 */
export async function measureLambda(
  aws: LambdaMetricsStep,
  merged: AssessResult,
  workspaceUnits: Unit[],
  inv: AwsInventory,
  opts: { region: string; profile?: string; endpointUrl?: string; days: number; progress: MeasureProgress; warn(message: string): void },
): Promise<AssessResult> {
  const deployed = new Map<string, string>();
  for (const m of aws.matchAwsUnits(workspaceUnits, inv.units).matches) deployed.set(usageKey(m.workspace), m.aws.name);
  const functions = inv.units.map((a) => ({ functionName: a.name, timeoutSeconds: a.timeoutSeconds, memoryMB: a.memoryMB }));
  const cw = await aws.fetchLambdaMetrics({
    region: opts.region,
    profile: opts.profile,
    endpointUrl: opts.endpointUrl,
    functions,
    days: opts.days,
    onProgress: (p) => opts.progress.update(`CloudWatch: ${p.done}/${p.total} GetMetricData batches · ${p.message}`),
  });
  opts.progress.done();
  if (cw.denied) opts.warn(`CloudWatch GetMetricData was denied: every function stays on the estimate (grant cloudwatch:GetMetricData, see README).`);
  const result = withUsage(merged, (u) => {
    if (u.kind !== 'lambda-function') return undefined;
    const name = u.source === 'aws' ? u.name : deployed.get(usageKey(u));
    return name === undefined ? undefined : cw.usage.get(name);
  });
  return { ...result, errors: [...result.errors, ...cw.errors], ...(cw.account ? { accountUsage: cw.account } : {}) };
}

/** Measures the Kubernetes workloads with the queries of `lambdashift.yaml` (or the defaults). */
export async function measureWorkloads(
  result: AssessResult,
  config: LambdaShiftConfig,
  opts: { url: string; token?: string; tokenSource?: string; days: number; progress: MeasureProgress; warn(message: string): void },
): Promise<AssessResult> {
  const { fetchWorkloadMetrics } = await import('./prometheus');
  const { targets, skipped } = prometheusTargets(result.units, metricsConfigOf(config));
  const pr = await fetchWorkloadMetrics({
    url: opts.url,
    token: opts.token,
    tokenSource: opts.tokenSource,
    targets,
    days: opts.days,
    onProgress: (p) => opts.progress.update(`Prometheus: ${p.done}/${p.total} queries · ${p.message}`),
  });
  opts.progress.done();
  if (pr.failed)
    opts.warn(
      `Prometheus: ${pr.failed} of ${pr.queries || pr.failed} queries failed; the figures they would have given stay on the estimate (notes per unit in the report).`,
    );
  const measured = withUsage(result, (u) => (u.kind === 'k8s-workload' ? pr.usage.get(usageKey(u)) : undefined));
  const byName = new Map(result.units.map((u) => [u.name, u]));
  const notMeasured = skipped.map((s) => ({
    file: byName.get(s.unit)?.file ?? s.unit,
    line: byName.get(s.unit)?.line,
    message: `${s.unit} was not measured: ${s.reason}.`,
  }));
  return { ...measured, errors: [...measured.errors, ...pr.errors, ...notMeasured] };
}
