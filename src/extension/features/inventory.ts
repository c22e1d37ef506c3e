import * as vscode from 'vscode';
import type { FetchAwsResult } from '../../node/aws/inventory';
import { emptyAssessResult } from '../../core/emptyResult';
import type { AnalysisError, AssessResult } from '../../core/types';
import { usageKey, type UnitUsage } from '../../core/usage';
import { measureLambda, measureWorkloads } from '../../node/metrics/measure';
import { getCore } from '../core';
import { measurePlan, type MeasureSource } from '../measureOptions';
import { CONFIG_NAMES } from '../projectConfig';
import { getAwsInventory } from '../aws/load';
import { COMMON_REGIONS, readProfileNames } from '../aws/profiles';
import type { FeatureContext } from './types';
import { CommandId, ConfigKey, ConfigSection, InternalCommandId } from '../ids';

export const IMPORT_FROM_AWS = CommandId.ImportFromAws;
/** Internal (not in the palette): the last workspace scan with the last AWS import merged in, for the report. */
export const AWS_MERGED_RESULT = InternalCommandId.AwsMergedResult;

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

interface Imported {
  inventory: FetchAwsResult;
  profile?: string;
  region: string;
}

/** The last *Measure Usage* figures, by unit, re-applied to every later scan until measured again. */
interface Measured {
  usage: Map<string, UnitUsage>;
  accountUsage?: AssessResult['accountUsage'];
  errors: AnalysisError[];
  /** CloudWatch was read: the report lists the imported functions too, as `assess --include-aws --metrics` does. */
  aws: boolean;
}

/** lambdashift.yaml of the first workspace folder that has one (its Prometheus queries), else the defaults. */
async function projectConfig() {
  const core = getCore();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const name of CONFIG_NAMES) {
      try {
        return core.parseConfig(new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, name)))).config;
      } catch {
        continue;
      }
    }
  }
  return core.defaultConfig();
}

async function pickProfile(): Promise<{ profile?: string } | undefined> {
  const names = await readProfileNames();
  const items: (vscode.QuickPickItem & { profile?: string })[] = [
    { label: '$(key) Default credential chain', description: 'environment variables, AWS_PROFILE, SSO, instance role', profile: undefined },
    ...names.map((n) => ({ label: n, description: 'profile', profile: n })),
  ];
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Import from AWS (1/2): credentials',
    placeHolder: 'Profile names from ~/.aws/config and ~/.aws/credentials (only names are read)',
    ignoreFocusOut: true,
  });
  return pick ? { profile: pick.profile } : undefined;
}

async function pickRegion(): Promise<string | undefined> {
  const preferred = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  const regions = [...new Set([...(preferred && REGION.test(preferred) ? [preferred] : []), ...COMMON_REGIONS])];
  const other = '$(edit) Other region…';
  const pick = await vscode.window.showQuickPick([...regions, other], { title: 'Import from AWS (2/2): region', ignoreFocusOut: true });
  if (pick !== other) return pick;
  return vscode.window.showInputBox({
    title: 'Import from AWS: region',
    prompt: 'AWS region name, e.g. eu-west-1',
    ignoreFocusOut: true,
    validateInput: (v) => (REGION.test(v.trim()) ? undefined : 'Not a region name like eu-west-1 or us-gov-west-1.'),
  });
}

/** Registers "Import Functions from AWS…" and the internal command that hands the merged result to the report. */
export function register(ctx: FeatureContext): void {
  const channel = vscode.window.createOutputChannel('LambdaShift: AWS inventory');
  let last: Imported | undefined;

  const importFromAws = async (): Promise<FetchAwsResult | undefined> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage(
        'LambdaShift: importing from AWS calls AWS with your credentials, so it only runs in a trusted workspace. Trust this workspace (Workspaces: Manage Workspace Trust) and run the command again.',
      );
      return undefined;
    }
    const who = await pickProfile();
    if (!who) return undefined;
    const region = (await pickRegion())?.trim();
    if (!region) return undefined;
    const api = getAwsInventory();
    let inventory: FetchAwsResult;
    try {
      inventory = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `LambdaShift: importing Lambda functions from ${region}`, cancellable: true },
        async (progress, token) => {
          const ac = new AbortController();
          const sub = token.onCancellationRequested(() => ac.abort());
          let reported = 0;
          try {
            // Machine-scoped setting (user settings only): a workspace cannot point signed requests elsewhere.
            const endpointUrl = vscode.workspace.getConfiguration(ConfigSection).get<string>(ConfigKey.AwsEndpointUrl)?.trim() || undefined;
            return await api.fetchAwsUnits({
              region,
              profile: who.profile,
              endpointUrl,
              signal: ac.signal,
              onProgress: ({ done, total, message }) => {
                const pct = total ? Math.floor((done / total) * 100) : 0;
                progress.report({ message, increment: Math.max(0, pct - reported) });
                reported = Math.max(reported, pct);
              },
            });
          } finally {
            sub.dispose();
          }
        },
      );
    } catch (e) {
      if ((e as Error).name === 'AbortError') {
        void vscode.window.showInformationMessage('LambdaShift: AWS import cancelled; nothing was imported.');
        return undefined;
      }
      void vscode.window.showErrorMessage(`LambdaShift: AWS import failed: ${(e as Error).message}`);
      return undefined;
    }
    channel.clear();
    channel.append(api.formatInventoryText(inventory));
    channel.show(true);
    if (!inventory.listed) {
      void vscode.window.showErrorMessage(
        `LambdaShift: no functions could be listed in ${region}. ${inventory.denied.length ? 'lambda:ListFunctions was denied.' : (inventory.errors[0]?.message ?? '')} See the output for details.`,
      );
      return inventory;
    }
    last = { inventory, profile: who.profile, region };
    const gaps = inventory.denied.length + inventory.errors.length;
    void vscode.window.showInformationMessage(
      `LambdaShift: imported ${inventory.units.length} functions from ${region} (${inventory.findings.length} findings${gaps ? `, ${gaps} calls denied or failed: see the output` : ''}).`,
    );
    return inventory;
  };

  let measured: Measured | undefined;
  /** *Measure Usage*: the same CloudWatch / Prometheus reads as `assess --metrics` / `--prometheus-url`. */
  const measureUsage = async (): Promise<number | undefined> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage(
        'LambdaShift: measuring usage calls CloudWatch or Prometheus with your credentials, so it only runs in a trusted workspace.',
      );
      return undefined;
    }
    const cfg = vscode.workspace.getConfiguration(ConfigSection);
    const url = cfg.get<string>(ConfigKey.MetricsPrometheusUrl)?.trim();
    const items: (vscode.QuickPickItem & { source: MeasureSource })[] = [
      {
        label: 'CloudWatch',
        description: last ? `the ${last.inventory.units.length} functions imported from ${last.region}` : 'imports functions from AWS first',
        source: 'cloudwatch',
        picked: Boolean(last),
      },
      { label: 'Prometheus', description: url || 'set lambdashift.metrics.prometheusUrl first', source: 'prometheus', picked: Boolean(url) },
    ];
    const picks = await vscode.window.showQuickPick(items, {
      title: 'Measure usage: sources',
      placeHolder: 'Measured traffic replaces the estimate in the report (assess --metrics / --prometheus-url)',
      canPickMany: true,
      ignoreFocusOut: true,
    });
    if (!picks?.length) return undefined;
    const sources = picks.map((p) => p.source);
    if (sources.includes('cloudwatch') && !last) await importFromAws();
    const settings = {
      days: cfg.get<unknown>(ConfigKey.MetricsDays),
      prometheusUrl: url,
      prometheusTokenEnv: cfg.get<string>(ConfigKey.MetricsPrometheusTokenEnv),
      awsEndpointUrl: cfg.get<string>(ConfigKey.AwsEndpointUrl),
    };
    const { plan, problem } = measurePlan(sources, settings, last && { region: last.region, profile: last.profile }, process.env);
    if (!plan) {
      void vscode.window.showErrorMessage(`LambdaShift: ${problem}`);
      return undefined;
    }
    const scan = ctx.lastScan() ?? (await ctx.assessWorkspace());
    if (!scan) return undefined;
    const imported = last;
    const base = plan.cloudWatch && imported ? getAwsInventory().mergeAwsIntoResult(scan.result, imported.inventory) : scan.result;
    const warnings: string[] = [];
    let result = base;
    try {
      result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'LambdaShift: measuring usage' }, async (progress) => {
        const prog = { update: (message: string) => progress.report({ message }), done: () => undefined };
        let r = base;
        if (plan.cloudWatch && imported)
          r = await measureLambda(getAwsInventory(), r, scan.result.units, imported.inventory, {
            ...plan.cloudWatch,
            progress: prog,
            warn: (m) => warnings.push(m),
          });
        if (plan.prometheus) r = await measureWorkloads(r, await projectConfig(), { ...plan.prometheus, progress: prog, warn: (m) => warnings.push(m) });
        return r;
      });
    } catch (e) {
      void vscode.window.showErrorMessage(`LambdaShift: measuring usage failed: ${(e as Error).message}`);
      return undefined;
    }
    const usage = new Map<string, UnitUsage>();
    for (const u of result.units) if (u.usage) usage.set(usageKey(u), u.usage);
    measured = { usage, accountUsage: result.accountUsage, errors: result.errors.slice(base.errors.length), aws: Boolean(plan.cloudWatch) };
    channel.clear();
    for (const w of [...warnings, ...measured.errors.map((e) => `${e.file}: ${e.message}`)]) channel.appendLine(w);
    if (warnings.length || measured.errors.length) channel.show(true);
    const from = [plan.cloudWatch ? 'CloudWatch' : '', plan.prometheus ? 'Prometheus' : ''].filter(Boolean).join(' and ');
    void vscode.window
      .showInformationMessage(
        `LambdaShift: measured usage for ${usage.size} units from ${from} over ${plan.days} days${measured.errors.length ? ` (${measured.errors.length} notes in the output)` : ''}.`,
        'Open Report',
      )
      .then((choice) => (choice === 'Open Report' ? vscode.commands.executeCommand(CommandId.OpenReport) : undefined));
    return usage.size;
  };

  ctx.context.subscriptions.push(
    channel,
    vscode.commands.registerCommand(IMPORT_FROM_AWS, importFromAws),
    vscode.commands.registerCommand(CommandId.MeasureUsage, measureUsage),
    // The report asks for its workspace result with the measured figures applied (undefined: nothing measured).
    vscode.commands.registerCommand(InternalCommandId.MeasuredResult, (result: AssessResult): AssessResult | undefined => {
      if (!measured) return undefined;
      const m = measured;
      const base = m.aws && last ? getAwsInventory().mergeAwsIntoResult(result, last.inventory) : result;
      return {
        ...base,
        units: base.units.map((u) => ((usage) => (usage ? { ...u, usage } : u))(m.usage.get(usageKey(u)))),
        errors: [...base.errors, ...m.errors],
        ...(m.accountUsage ? { accountUsage: m.accountUsage } : {}),
      };
    }),
    // The report (or a test) asks for the workspace scan with the imported functions merged in: units paired by
    // name/ARN, drift findings, denied calls as errors.
    vscode.commands.registerCommand(AWS_MERGED_RESULT, (): AssessResult | undefined => {
      if (!last) return undefined;
      return getAwsInventory().mergeAwsIntoResult(ctx.lastScan()?.result ?? emptyAssessResult(), last.inventory);
    }),
  );
}
