import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseConfig, type LambdaShiftConfig } from '../../core/config';
import { DIRECTION_SETTINGS, isDirectionSetting, type DirectionSetting } from '../../core/direction';
import { applyBaseline, parseBaseline } from '../../core/report/baseline';
import { formatHtml, type HtmlAssets } from '../../core/report/html';
import { formatJson } from '../../core/report/json';
import { formatMarkdown } from '../../core/report/markdown';
import { buildReportModel, withReportFindings } from '../../core/report/model';
import { formatSarif } from '../../core/report/sarif';
import { terminalSafe } from '../../core/report/terminal';
import { formatText } from '../../core/report/text';
import type { AnalysisError, AssessResult, Severity } from '../../core/types';
import { UnsafeWriteError, writeUserFile } from '../../node/safeWrite';
import { defaultCacheDir } from '../../node/cache';
import { readTextFile } from '../../node/files';
import { scanPaths, scanRoot, toRel, type ScanOptions } from '../../node/scan';
import { defaultJobs } from '../../node/workers';
import { knownRuleIds } from '../../node/analyzer';
import { didYouMean, parseCommand, parseRuleOverrides, shown, UsageError, type CliIO, type RuleLevel } from '../io';
import { progressFor } from '../progress';
import { displayPath, measureLambda, measureWorkloads, parseDays, parsePrometheusUrl, repositoriesIn, scanRepos } from './measure';
import { ASSESS, helpText } from './specs';

interface FormatContext {
  color: boolean;
  /** Columns to wrap text output to. */
  width?: number;
  config: LambdaShiftConfig;
  /** Severity overrides, for the findings the report itself adds. */
  rules: Record<string, RuleLevel>;
  assets(): Promise<HtmlAssets>;
}

const FORMATS: Record<string, (r: AssessResult, ctx: FormatContext) => string | Promise<string>> = {
  text: (r, ctx) => formatText(r, { color: ctx.color, width: ctx.width, config: ctx.config, rules: ctx.rules }),
  json: (r) => formatJson(r),
  sarif: (r) => formatSarif(r),
  html: async (r, ctx) => formatHtml(buildReportModel(r, ctx.config, ctx.rules), await ctx.assets()),
  markdown: (r, ctx) => formatMarkdown(buildReportModel(r, ctx.config, ctx.rules)),
};

const CONFIG_NAMES = ['lambdashift.yaml', 'lambdashift.yml', '.lambdashift.yaml'];

/**
 * The explicit --config, else the first lambdashift.yaml in the first scanned folder, then the current folder. A bad
 * --config is a usage error. A found config that cannot be read as YAML at all (a binary or oversized file, broken
 * syntax, an alias bomb, nesting too deep) comes back as `problem` (its `file` absolute) with the defaults instead:
 * it is one of the scanned folder's files, and one bad file does not stop the scan.
 */
async function loadConfig(io: CliIO, explicit: string | undefined, positionals: string[]): Promise<{ config?: LambdaShiftConfig; problem?: AnalysisError }> {
  const candidates: string[] = [];
  if (explicit) candidates.push(path.resolve(io.cwd, explicit));
  else {
    const first = positionals[0] ? path.resolve(io.cwd, positionals[0]) : io.cwd;
    const dir = (await fs.stat(first).catch(() => undefined))?.isDirectory() ? first : path.dirname(first);
    for (const d of new Set([dir, io.cwd])) for (const n of CONFIG_NAMES) candidates.push(path.join(d, n));
  }
  for (const file of candidates) {
    if (!explicit && !(await fs.lstat(file).catch(() => undefined))) continue;
    // Regular files under 2 MB only (a FIFO would block the read), UTF-16 decoded.
    const read = await readTextFile(file);
    if ('error' in read) {
      if (explicit) throw new UsageError(`cannot read --config '${explicit}' (${read.error.replace(/\.$/, '')}). Pass the path of a lambdashift.yaml file.`);
      return { problem: { file, message: `${read.error} Default cost inputs were used.` } };
    }
    const { config, errors } = parseConfig(read.text);
    if (errors.length && !explicit && errors.every((e) => e.path === '(yaml)')) {
      const e = errors[0];
      return { problem: { file, ...(e.line ? { line: e.line } : {}), message: `cost config not read, default cost inputs used: ${e.message}` } };
    }
    const shown = path.relative(io.cwd, file) || file;
    if (errors.length)
      throw new UsageError(
        `${shown} has ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n${errors.map((e) => `  ${shown}${e.line ? `:${e.line}` : ''} ${e.path}: ${e.message}`).join('\n')}\nFix them (see docs/cost-model.md) or pass --config with another file.`,
      );
    return { config };
  }
  return {};
}

/** media/ next to dist/ when bundled, or at the repository root when run from source. */
async function readAssets(): Promise<HtmlAssets> {
  for (const base of [path.resolve(__dirname, '..'), path.resolve(__dirname, '../../..')]) {
    try {
      const [css, js] = await Promise.all([fs.readFile(path.join(base, 'media/report.css'), 'utf8'), fs.readFile(path.join(base, 'media/report.js'), 'utf8')]);
      return { css, js };
    } catch {
      // try the next layout
    }
  }
  throw new Error(`cannot find media/report.js and media/report.css next to ${__dirname}. Reinstall lambdashift.`);
}

/** Turns --no-cache, --cache-dir and --jobs into scan options; bad values are usage errors. */
async function perfOptions(
  values: { 'no-cache'?: boolean; 'cache-dir'?: string; jobs?: string },
  cwd: string,
): Promise<Pick<ScanOptions, 'jobs' | 'cacheDir' | 'codeCacheDir'>> {
  let jobs = defaultJobs();
  if (values.jobs !== undefined) {
    if (!/^\d+$/.test(values.jobs) || Number(values.jobs) < 1 || Number(values.jobs) > 256) {
      throw new UsageError(`--jobs '${values.jobs}' is not a number of threads from 1 to 256. Use --jobs 1 to analyse in one thread.`);
    }
    jobs = Number(values.jobs);
  }
  if (values['no-cache'] && values['cache-dir'] !== undefined) throw new UsageError('--no-cache and --cache-dir contradict each other. Pass one of them.');
  const cacheDir = values['no-cache'] ? false : values['cache-dir'] !== undefined ? path.resolve(cwd, values['cache-dir']) : await defaultCacheDir(cwd);
  // The analyser's V8 code cache lives beside the analysis cache; --no-cache writes neither.
  return { jobs, cacheDir: cacheDir ?? false, codeCacheDir: cacheDir ?? false };
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export async function runAssess(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand(ASSESS, argv);
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${helpText(ASSESS)}\n`);
    return 0;
  }
  const format = values.format!;
  if (!FORMATS[format])
    throw new UsageError(`unknown --format ${shown(format)}.${didYouMean(format, Object.keys(FORMATS))} Use one of: ${Object.keys(FORMATS).join(', ')}.`);
  const failOn = values['fail-on']!;
  if (!['error', 'warning', 'never'].includes(failOn))
    throw new UsageError(`unknown --fail-on ${shown(failOn)}.${didYouMean(failOn, ['error', 'warning', 'never'])} Use error, warning or never.`);
  const rules = parseRuleOverrides(values.rule, knownRuleIds);
  if (values.metrics && !values['include-aws'])
    throw new UsageError('--metrics reads CloudWatch for the functions --include-aws lists: add --include-aws --region <region>.');
  if (values['prometheus-token-env'] !== undefined && values['prometheus-url'] === undefined)
    throw new UsageError('--prometheus-token-env only applies with --prometheus-url.');
  if (values['metrics-days'] !== undefined && !values.metrics && values['prometheus-url'] === undefined)
    throw new UsageError('--metrics-days only applies with --metrics or --prometheus-url.');
  const days = parseDays(values['metrics-days']);
  const prometheusUrl = values['prometheus-url'] !== undefined ? parsePrometheusUrl(values['prometheus-url']) : undefined;
  let token: string | undefined;
  const tokenEnv = values['prometheus-token-env'];
  if (tokenEnv !== undefined) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(tokenEnv))
      throw new UsageError(`--prometheus-token-env ${shown(tokenEnv)} is not an environment variable name. Pass the name (e.g. PROM_TOKEN), not the token.`);
    token = io.env[tokenEnv];
    if (!token)
      throw new UsageError(`--prometheus-token-env ${tokenEnv}: the environment variable ${tokenEnv} is not set or empty. Export the token in it first.`);
  }
  let reposDir: string | undefined;
  if (values.repos !== undefined) {
    if (positionals.length) throw new UsageError('--repos takes the folder of repositories: pass no other paths with it.');
    reposDir = path.resolve(io.cwd, values.repos);
  }
  for (const p of positionals) {
    try {
      await fs.stat(path.resolve(io.cwd, p));
    } catch {
      throw new UsageError(`path ${shown(p)} does not exist. Pass folders or files to assess.`);
    }
  }
  let baseline;
  if (values.baseline) {
    let text: string;
    try {
      text = await fs.readFile(path.resolve(io.cwd, values.baseline), 'utf8');
    } catch {
      throw new UsageError(`cannot read --baseline '${values.baseline}'. Pass a file written earlier with --format json or --format sarif.`);
    }
    try {
      baseline = parseBaseline(text, values.baseline);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  if (values.direction !== undefined && !isDirectionSetting(values.direction)) {
    throw new UsageError(
      `unknown --direction ${shown(values.direction)}.${didYouMean(values.direction, DIRECTION_SETTINGS)} Use one of: ${DIRECTION_SETTINGS.join(', ')}.`,
    );
  }
  const repos = reposDir ? await repositoriesIn(reposDir, values.repos!) : undefined;
  const { config, problem: configProblem } = await loadConfig(io, values.config, reposDir ? [displayPath(io.cwd, reposDir)] : positionals);
  // --direction, else lambdashift.yaml's, else auto; the report's own findings follow the same setting.
  const direction: DirectionSetting = (values.direction as DirectionSetting | undefined) ?? config?.direction ?? 'auto';
  if (values['include-aws'] && direction === 'to-lambda')
    throw new UsageError('--include-aws adds deployed Lambda functions, which --direction to-lambda does not assess. Drop one of them.');
  const costConfig = { ...(config ?? parseConfig('').config), direction };
  // Runtime deprecation dates are compared with today's date, read here at the edge (core never reads the clock).
  const today = new Date().toISOString().slice(0, 10);
  const progress = progressFor(io);
  const warn = (m: string) => {
    progress.done();
    io.stderr(`lambdashift: ${m}\n`);
  };
  const scanOptions = { exclude: values.exclude, rules, today, direction, ...(await perfOptions(values, io.cwd)), onWarning: warn };
  let scanned: AssessResult;
  // Paths in the report are relative to this folder.
  let reportRoot: string;
  if (reposDir && repos) {
    reportRoot = reposDir;
    scanned = await scanRepos(reposDir, repos, scanOptions, progress);
  } else {
    const scan = await scanRoot(io.cwd, positionals);
    reportRoot = scan.root;
    scanned = await scanPaths(scan.root, scan.paths, { ...scanOptions, onProgress: (done, total) => progress.update(`${done}/${total} files`) });
    progress.done();
  }
  if (configProblem) scanned = { ...scanned, errors: [{ ...configProblem, file: toRel(reportRoot, configProblem.file) }, ...scanned.errors] };
  let result = withReportFindings(scanned, costConfig, rules);
  if (values['include-aws']) {
    const region = values.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
    if (!region) throw new UsageError('--include-aws needs --region (or AWS_REGION). Example: --include-aws --region eu-west-1.');
    // Loaded only when asked for: the AWS SDK stays out of ordinary assessments.
    const aws = await import('../../node/aws/inventory');
    const inv = await aws.fetchAwsUnits({
      region,
      profile: values.profile,
      endpointUrl: values['endpoint-url'],
      rules,
      onProgress: (p) => progress.update(`AWS inventory: ${p.total ? `${p.done}/${p.total} calls` : p.message}`),
    });
    progress.done();
    if (!inv.listed)
      throw new UsageError(
        `--include-aws could not list the functions in ${region}: ${inv.errors[0]?.message ?? (inv.denied.length ? 'ListFunctions was denied' : 'no answer')}. Check credentials and permissions (docs/inventory.md) or drop --include-aws.`,
      );
    const workspaceUnits = result.units;
    result = aws.mergeAwsIntoResult(result, inv, rules);
    if (values.metrics)
      result = await measureLambda(aws, result, workspaceUnits, inv, {
        region,
        profile: values.profile,
        endpointUrl: values['endpoint-url'],
        days,
        progress,
        warn,
      });
  } else if (values.region || values.profile || values['endpoint-url']) {
    throw new UsageError('--region, --profile and --endpoint-url only apply with --include-aws.');
  }
  if (prometheusUrl)
    result = await measureWorkloads(result, costConfig, {
      url: prometheusUrl,
      token,
      tokenSource: tokenEnv ? `$${tokenEnv} (--prometheus-token-env)` : undefined,
      days,
      progress,
      warn,
    });
  // Measurements change peaks and add the timeout wall: the report findings are worked out again.
  if (values.metrics || prometheusUrl) result = withReportFindings(result, costConfig, rules);
  if (baseline) result = applyBaseline(result, baseline);
  const output = await FORMATS[format](result, {
    color: !values.output && io.isTTY,
    width: values.output ? undefined : io.columns,
    config: costConfig,
    rules,
    assets: readAssets,
  });
  if (values.output) {
    try {
      await writeUserFile(io.cwd, values.output, output);
    } catch (e) {
      if (!(e instanceof UnsafeWriteError)) throw e;
      const show = (abs: string) => terminalSafe(path.relative(io.cwd, abs) || abs);
      const through = e.reason === 'link' || e.reason === 'outside';
      throw new UsageError(
        `not writing the report to ${shown(values.output)}: ${e.describe(show, terminalSafe)}${through ? ', and LambdaShift never writes through symbolic links' : ''}. ${through ? 'Remove the link, or pass' : e.reason === 'missing-folder' ? 'Create the folder, or pass' : 'Pass'} another --output.`,
      );
    }
    io.stderr(`Wrote ${format} report to ${values.output} (${result.findings.length} findings, ${result.units.length} units).\n`);
  } else {
    io.stdout(output);
  }
  if (failOn === 'never') return 0;
  const threshold = RANK[failOn as Severity];
  return result.findings.some((f) => RANK[f.severity] >= threshold) ? 1 : 0;
}
