// `assess --repos` (a fleet: one repository per sub-folder) and the measured-usage steps of `assess`: CloudWatch for
// the functions the AWS inventory listed (--metrics), Prometheus for the Kubernetes workloads (--prometheus-url).
// The clients live in src/node/metrics; this file decides which unit each measurement belongs to.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { emptyAssessResult } from '../../core/emptyResult';
import { plural } from '../../core/report/terminal';
import type { AssessResult } from '../../core/types';
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
  const out = emptyAssessResult();
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

export { measureLambda, measureWorkloads } from '../../node/metrics/measure';

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
  if (u.username || u.password)
    throw new UsageError('--prometheus-url must not carry a user name or password; pass a bearer token with --prometheus-token-env <NAME>.');
  return u.toString();
}

/** The display form of a folder given on the command line. */
export function displayPath(cwd: string, abs: string): string {
  return path.relative(cwd, abs) || '.';
}
