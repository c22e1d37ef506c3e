// `assess --repos` (a fleet: one repository per sub-folder) and the measured-usage steps of `assess`: CloudWatch for
// the functions the AWS inventory listed (--metrics), Prometheus for the Kubernetes workloads (--prometheus-url).
// The clients live in src/node/metrics; this file decides which unit each measurement belongs to.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { LambdaShiftConfig } from '../../core/config';
import type { AwsInventory } from '../../core/model/aws';
import { plural } from '../../core/report/terminal';
import type { AssessResult, Unit } from '../../core/types';
import { metricsConfigOf, prometheusTargets, usageKey, type UnitUsage } from '../../core/usage';
import { scanPaths, type ScanOptions } from '../../node/scan';
import { shown, UsageError } from '../io';
import type { Progress } from '../progress';

/** The repositories of a fleet folder: its sub-folders, hidden ones and node_modules aside, in name order. */
export async function repositoriesIn(dir: string, display: string): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    throw new UsageError(`--repos ${shown(display)} is not a readable folder. Pass the folder that holds one repository per sub-folder.`);
  }
  // Symbolic links are not followed: a link could lead outside the fleet folder.
  const repos = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules').map((e) => e.name);
  if (!repos.length) throw new UsageError(`--repos ${shown(display)} has no sub-folders. Pass the folder that holds one repository per sub-folder.`);
  return repos.sort((a, b) => a.localeCompare(b));
}

/**
 * Scans each repository on its own (so nothing is joined across repositories), with paths relative to the fleet
 * folder: every path starts with its repository's folder name, and every unit carries `repository`.
 */
export async function scanRepos(dir: string, repos: string[], options: ScanOptions, progress: Progress): Promise<AssessResult> {
  const startedAt = Date.now();
  const out: AssessResult = { schemaVersion: 1, tool: { name: 'lambdashift', version: '' }, findings: [], units: [], errors: [], stats: { files: 0, analyzed: 0, skipped: 0, ms: 0 } };
  let filesSoFar = 0;
  for (let i = 0; i < repos.length; i++) {
    const repo = repos[i];
    const head = `[${i + 1}/${repos.length}] ${repo}`;
    progress.update(`${head}: reading files · ${plural(filesSoFar, 'file')} in all so far`);
    const r = await scanPaths(dir, [repo], {
      ...options,
      onProgress: (done, total) => progress.update(`${head}: ${done}/${total} files · ${filesSoFar + done} files in all`),
    });
    out.tool = r.tool;
    out.findings.push(...r.findings);
    out.units.push(...r.units.map((u) => (u.file.startsWith(`${repo}/`) ? { ...u, repository: repo } : u)));
    out.errors.push(...r.errors);
    out.stats.files += r.stats.files;
    out.stats.analyzed += r.stats.analyzed;
    out.stats.skipped += r.stats.skipped;
    filesSoFar += r.stats.files;
    progress.log(`${head}: ${plural(r.stats.files, 'file')}, ${plural(r.units.length, 'unit')}, ${plural(r.findings.length, 'finding')}`);
  }
  out.stats.ms = Date.now() - startedAt;
  return out;
}

function withUsage(result: AssessResult, usageOf: (u: Unit) => UnitUsage | undefined): AssessResult {
  return { ...result, units: result.units.map((u) => ((usage) => (usage ? { ...u, usage } : u))(usageOf(u))) };
}

/** What measureLambda needs from the lazily loaded AWS bundle (dist/awsInventory.js). */
type LambdaMetricsStep = Pick<typeof import('../../node/aws/inventory'), 'fetchLambdaMetrics' | 'matchAwsUnits'>;

/**
 * Measures every function the inventory listed and gives each its figures: a deployed-only unit by its own name, a
 * workspace unit through the pairing the merge made (same name, or the generated physical name).
 */
export async function measureLambda(
  aws: LambdaMetricsStep,
  merged: AssessResult,
  workspaceUnits: Unit[],
  inv: AwsInventory,
  opts: { region: string; profile?: string; endpointUrl?: string; days: number; progress: Progress; warn(message: string): void },
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
  opts: { url: string; token?: string; tokenSource?: string; days: number; progress: Progress; warn(message: string): void },
): Promise<AssessResult> {
  const { fetchWorkloadMetrics } = await import('../../node/metrics/prometheus');
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
  if (pr.failed) opts.warn(`Prometheus: ${pr.failed} of ${pr.queries || pr.failed} queries failed; the figures they would have given stay on the estimate (notes per unit in the report).`);
  const measured = withUsage(result, (u) => (u.kind === 'k8s-workload' ? pr.usage.get(usageKey(u)) : undefined));
  const byName = new Map(result.units.map((u) => [u.name, u]));
  const notMeasured = skipped.map((s) => ({ file: byName.get(s.unit)?.file ?? s.unit, line: byName.get(s.unit)?.line, message: `${s.unit} was not measured: ${s.reason}.` }));
  return { ...measured, errors: [...measured.errors, ...pr.errors, ...notMeasured] };
}

/** `--metrics-days`: whole days from 1 to 455 (CloudWatch keeps hourly data that long). */
export function parseDays(value: string | undefined): number {
  if (value === undefined) return 14;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 455) throw new UsageError(`--metrics-days '${value}' must be a whole number of days from 1 to 455.`);
  return n;
}

/** `--prometheus-url`: an http(s) URL without credentials in it. */
export function parsePrometheusUrl(value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new UsageError(`--prometheus-url ${shown(value)} is not a URL. Pass e.g. http://prometheus.monitoring:9090.`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`--prometheus-url must be http:// or https://, got ${shown(u.protocol)}.`);
  if (u.username || u.password) throw new UsageError('--prometheus-url must not carry a user name or password; pass a bearer token with --prometheus-token-env <NAME>.');
  return u.toString();
}

/** The display form of a folder given on the command line. */
export function displayPath(cwd: string, abs: string): string {
  return path.relative(cwd, abs) || '.';
}
