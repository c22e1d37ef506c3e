// The editor's *Measure Usage* options, from its settings and the last AWS import, mapped to what `assess --metrics` /
// `--prometheus-url` pass to the same measuring code (src/node/metrics/measure.ts). Pure (no vscode import) so it is
// unit-tested; the same checks and messages as the CLI's options.

export type MeasureSource = 'cloudwatch' | 'prometheus';

export interface MeasureSettings {
  /** `lambdashift.metrics.days` (the CLI's --metrics-days). */
  days?: unknown;
  /** `lambdashift.metrics.prometheusUrl` (--prometheus-url); machine-scoped. */
  prometheusUrl?: string;
  /** `lambdashift.metrics.prometheusTokenEnv` (--prometheus-token-env): the variable's name, never the token. */
  prometheusTokenEnv?: string;
  /** `lambdashift.aws.endpointUrl` (--endpoint-url): the Lambda API and CloudWatch endpoint. */
  awsEndpointUrl?: string;
}

export interface MeasurePlan {
  days: number;
  cloudWatch?: { region: string; profile?: string; endpointUrl?: string; days: number };
  prometheus?: { url: string; token?: string; tokenSource?: string; days: number };
}

/** The credentials and region of the last *Import Functions from AWS…*: CloudWatch is read with the same ones. */
export interface LastImport {
  region: string;
  profile?: string;
}

/** Builds the plan, or the first problem as a sentence naming the setting and what to do. */
export function measurePlan(
  sources: readonly MeasureSource[],
  settings: MeasureSettings,
  lastImport: LastImport | undefined,
  env: Record<string, string | undefined>,
): { plan?: MeasurePlan; problem?: string } {
  if (!sources.length) return { problem: 'pick CloudWatch, Prometheus or both.' };
  const rawDays = settings.days ?? 14;
  const days = typeof rawDays === 'number' ? rawDays : Number.NaN;
  // CloudWatch keeps hourly data 455 days (as --metrics-days).
  if (!Number.isInteger(days) || days < 1 || days > 455)
    return { problem: `lambdashift.metrics.days must be a whole number of days from 1 to 455, got ${JSON.stringify(rawDays)}.` };
  const plan: MeasurePlan = { days };
  if (sources.includes('cloudwatch')) {
    if (!lastImport)
      return {
        problem: 'CloudWatch measures the functions of an AWS import: run "LambdaShift: Import Functions from AWS…" first (its profile and region are used).',
      };
    const endpointUrl = settings.awsEndpointUrl?.trim() || undefined;
    plan.cloudWatch = {
      region: lastImport.region,
      ...(lastImport.profile ? { profile: lastImport.profile } : {}),
      ...(endpointUrl ? { endpointUrl } : {}),
      days,
    };
  }
  if (sources.includes('prometheus')) {
    const raw = settings.prometheusUrl?.trim();
    if (!raw)
      return { problem: 'Prometheus needs its URL: set lambdashift.metrics.prometheusUrl in your user settings (e.g. http://prometheus.monitoring:9090).' };
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      return { problem: `lambdashift.metrics.prometheusUrl ${JSON.stringify(raw)} is not a URL. Set e.g. http://prometheus.monitoring:9090.` };
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      return { problem: `lambdashift.metrics.prometheusUrl must be http:// or https://, got ${u.protocol}` };
    if (u.username || u.password)
      return {
        problem:
          'lambdashift.metrics.prometheusUrl must not carry a user name or password; put a bearer token in an environment variable and name it in lambdashift.metrics.prometheusTokenEnv.',
      };
    const tokenEnv = settings.prometheusTokenEnv?.trim();
    let token: string | undefined;
    if (tokenEnv) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(tokenEnv))
        return { problem: 'lambdashift.metrics.prometheusTokenEnv is not an environment variable name. Give the name (e.g. PROM_TOKEN), not the token.' };
      token = env[tokenEnv];
      if (!token)
        return {
          problem: `lambdashift.metrics.prometheusTokenEnv ${tokenEnv}: the environment variable ${tokenEnv} is not set or empty in the editor's environment.`,
        };
    }
    plan.prometheus = { url: u.toString(), ...(token ? { token, tokenSource: `$${tokenEnv} (lambdashift.metrics.prometheusTokenEnv)` } : {}), days };
  }
  return { plan };
}
