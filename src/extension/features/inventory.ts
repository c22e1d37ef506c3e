import * as vscode from 'vscode';
import type { FetchAwsResult } from '../../node/aws/inventory';
import type { AssessResult } from '../../core/types';
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

function emptyResult(): AssessResult {
  return { schemaVersion: 1, tool: { name: 'lambdashift', version: '' }, findings: [], units: [], errors: [], stats: { files: 0, analyzed: 0, skipped: 0, ms: 0 } };
}

/** Registers "Import Functions from AWS…" and the internal command that hands the merged result to the report. */
export function register(ctx: FeatureContext): void {
  const channel = vscode.window.createOutputChannel('LambdaShift: AWS inventory');
  let last: Imported | undefined;

  const importFromAws = async (): Promise<FetchAwsResult | undefined> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage('LambdaShift: importing from AWS calls AWS with your credentials, so it only runs in a trusted workspace. Trust this workspace (Workspaces: Manage Workspace Trust) and run the command again.');
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
      void vscode.window.showErrorMessage(`LambdaShift: no functions could be listed in ${region}. ${inventory.denied.length ? 'lambda:ListFunctions was denied.' : (inventory.errors[0]?.message ?? '')} See the output for details.`);
      return inventory;
    }
    last = { inventory, profile: who.profile };
    const gaps = inventory.denied.length + inventory.errors.length;
    void vscode.window.showInformationMessage(
      `LambdaShift: imported ${inventory.units.length} functions from ${region} (${inventory.findings.length} findings${gaps ? `, ${gaps} calls denied or failed: see the output` : ''}).`,
    );
    return inventory;
  };

  ctx.context.subscriptions.push(
    channel,
    vscode.commands.registerCommand(IMPORT_FROM_AWS, importFromAws),
    // The report (or a test) asks for the workspace scan with the imported functions merged in: units paired by
    // name/ARN, drift findings, denied calls as errors.
    vscode.commands.registerCommand(AWS_MERGED_RESULT, (): AssessResult | undefined => {
      if (!last) return undefined;
      return getAwsInventory().mergeAwsIntoResult(ctx.lastScan()?.result ?? emptyResult(), last.inventory);
    }),
  );
}
