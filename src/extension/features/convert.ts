import * as vscode from 'vscode';
import { generatedPathProblem } from '../../core/convert/paths';
import type { ConvertOptions, ConvertResult, ConvertTarget, K8sFormat } from '../../core/convert/types';
import type { Unit } from '../../core/types';
import { inspectTargets, UnsafeWriteError, writeTarget } from '../../node/safeWrite';
import { getCore } from '../core';
import type { WorkspaceScan } from '../workspaceScan';
import type { FeatureContext } from './types';
import { CommandId } from '../ids';
import { runSteps } from '../multiStep';

export const CONVERT_TO_KUBERNETES = CommandId.ConvertToKubernetes;
export const CONVERT_TO_LAMBDA = CommandId.ConvertToLambda;
const PREVIEW_SCHEME = 'lambdashift-preview';

/** Read-only virtual documents holding generated files until the user agrees to write them. */
class PreviewProvider implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  set(uri: vscode.Uri, content: string): void {
    this.docs.set(uri.toString(), content);
    this.changed.fire(uri);
  }
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '';
  }
  dispose(): void {
    this.changed.dispose();
  }
}

/** Registers the two convert commands: pick a unit and options, preview the files, write them with consent. */
export function register(ctx: FeatureContext): void {
  const preview = new PreviewProvider();
  ctx.context.subscriptions.push(
    preview,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, preview),
    vscode.commands.registerCommand(CONVERT_TO_KUBERNETES, (arg?: unknown) => convertCommand(ctx, preview, 'kubernetes', arg)),
    vscode.commands.registerCommand(CONVERT_TO_LAMBDA, (arg?: unknown) => convertCommand(ctx, preview, 'lambda', arg)),
  );
}

/**
 * The unit a command was started for: by identity (a CodeLens passes `file#name`, the tree its node), else by name
 * (the command run by hand or from older callers), preferring the unit an earlier conversion was made from.
 */
function givenUnit(arg: unknown, candidates: readonly Unit[]): Unit | undefined {
  const core = getCore();
  let name: string | undefined;
  if (typeof arg === 'string') name = arg;
  else if (arg && typeof arg === 'object') {
    const node = arg as { unit?: Unit; name?: unknown };
    if (node.unit) return candidates.find((u) => core.unitKey(u) === core.unitKey(node.unit!));
    if (typeof node.name === 'string') name = node.name;
  }
  if (name === undefined) return undefined;
  const byKey = candidates.find((u) => core.unitKey(u) === name);
  if (byKey) return byKey;
  return candidates.find((u) => u.name === name && !u.generatedFrom) ?? candidates.find((u) => u.name === name);
}

async function convertCommand(ctx: FeatureContext, preview: PreviewProvider, to: ConvertTarget, arg: unknown): Promise<void> {
  // Converting writes files into the workspace; restricted mode must not allow that.
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      'LambdaShift: converting writes files, so it needs a trusted workspace. Trust this folder (Manage Workspace Trust) and try again.',
    );
    return;
  }
  const scan: WorkspaceScan | undefined = ctx.lastScan() ?? (await ctx.assessWorkspace());
  if (!scan) return;
  const wanted = to === 'kubernetes' ? 'lambda-function' : 'k8s-workload';
  const candidates = scan.result.units.filter((u) => u.kind === wanted);
  if (!candidates.length) {
    void vscode.window.showInformationMessage(
      `LambdaShift: no ${to === 'kubernetes' ? 'Lambda functions' : 'Kubernetes workloads'} found in the last assessment.`,
    );
    return;
  }
  const given = givenUnit(arg, candidates);
  // One wizard: each step shows n/total and Back keeps the answers given so far.
  type UnitItem = vscode.QuickPickItem & { unit: Unit };
  const answers = await runSteps<{ unit: Unit; format: K8sFormat; identity: 'irsa' | 'pod-identity'; namespace: string; outDir: string }>(
    [
      {
        key: 'unit',
        make: () =>
          given
            ? null
            : {
                kind: 'pick',
                title: to === 'kubernetes' ? 'Convert which function to Kubernetes?' : 'Convert which workload to Lambda?',
                matchOnDetail: true,
                items: candidates.map((u): UnitItem => ({
                  label: u.name,
                  description: u.kind === 'lambda-function' ? (u.runtime ?? 'Lambda') : (u.workloadKind ?? 'workload'),
                  detail: `${u.file}:${u.line}${u.generatedFrom ? ` (generated from ${u.generatedFrom})` : ''}`,
                  unit: u,
                })),
              },
        value: (item) => (item as UnitItem).unit,
      },
      {
        key: 'format',
        make: (a) => (to === 'kubernetes' ? { kind: 'pick', title: 'Output format', active: a.format, items: FORMAT_ITEMS } : null),
        value: (item) => (item as vscode.QuickPickItem).label,
      },
      {
        key: 'identity',
        make: (a) => (to === 'kubernetes' ? { kind: 'pick', title: 'How Pods get the function role', active: a.identity, items: IDENTITY_ITEMS } : null),
        value: (item) => (item as vscode.QuickPickItem).label,
      },
      {
        key: 'namespace',
        make: (a) =>
          to === 'kubernetes'
            ? {
                kind: 'input',
                title: 'Kubernetes namespace',
                value: a.namespace ?? (a.unit ?? given)?.namespace ?? 'default',
                validate: (v) => (/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(v) ? undefined : 'lowercase letters, digits and -, at most 63'),
              }
            : null,
      },
      {
        key: 'outDir',
        make: (a) => {
          // Also asked for before a unit is picked, to count the steps: the default needs the unit's name only when shown.
          const u = a.unit ?? given;
          return {
            kind: 'input',
            title: 'Output folder (relative to the workspace folder)',
            value: a.outDir ?? `${to === 'kubernetes' ? 'k8s' : 'lambda'}/${kebab(u?.name ?? '')}`,
            validate: (v) =>
              generatedPathProblem(v.trim().replace(/\/+$/, ''))
                ? 'Use a folder inside the workspace, e.g. k8s/my-function (forward slashes, no ..)'
                : undefined,
          };
        },
        value: (v) => String(v).trim().replace(/\/+$/, ''),
      },
    ],
    given ? { unit: given } : {},
  );
  if (!answers?.unit || !answers.outDir) return;
  const unit = answers.unit;
  const outDir = answers.outDir;
  const options: ConvertOptions = to === 'lambda' ? { to } : { to, format: answers.format, identity: answers.identity, namespace: answers.namespace };
  const uri = scan.uris.get(unit.file);
  const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : vscode.workspace.workspaceFolders?.[0];
  if (!folder) return;
  // Unit file paths from the scan are relative to their workspace folder, which is also the Docker build context.
  let result: ConvertResult;
  const convertOptions: ConvertOptions = { ...options, outDir, findings: getCore().findingsOf(unit, scan.result.findings, scan.result.units) };
  try {
    try {
      result = getCore().convertUnit(unit, convertOptions);
    } catch (e) {
      // Blockers stop a conversion unless the user consents explicitly, as --force-blockers does on the CLI.
      if (!(e instanceof Error) || e.name !== 'ConvertBlockedError' || !Array.isArray((e as { blockers?: unknown }).blockers)) throw e;
      const blockers = (e as unknown as { blockers: string[] }).blockers;
      const choice = await vscode.window.showWarningMessage(
        `LambdaShift: ${e.message}`,
        {
          modal: true,
          detail: `${blockers.map((b) => `• ${b}`).join('\n')}\n\nConvert anyway? The generated files will start with these blockers as comments.`,
        },
        'Convert Anyway',
      );
      if (choice !== 'Convert Anyway') return;
      result = getCore().convertUnit(unit, { ...convertOptions, forceBlockers: true });
    }
  } catch (e) {
    void vscode.window.showErrorMessage(`LambdaShift: cannot convert ${unit.name}: ${(e as Error).message}`);
    return;
  }
  await showPreview(preview, unit, result, outDir);
  // Not modal: the preview stays readable (and scrollable) while the question waits. Existing files are still only
  // replaced one confirmation at a time.
  const choice = await vscode.window.showInformationMessage(
    `LambdaShift: write ${result.files.length} files for ${unit.name} to ${outDir}? Review the preview first; existing files are only replaced if you confirm each one.${result.blockers.length ? ` ${result.blockers.length} blocker(s) are listed in the preview.` : ''}`,
    'Write Files',
    'Discard',
  );
  if (choice !== 'Write Files') return;
  const written = await writeFiles(folder.uri, outDir, result);
  if (written.length) {
    const readme = written.find((u) => /README\.md$|template\.yaml$/.test(u.path)) ?? written[0];
    await vscode.window.showTextDocument(readme, { preview: false });
  }
  void vscode.window.setStatusBarMessage(`LambdaShift: wrote ${written.length} of ${result.files.length} files to ${outDir}`, 6000);
}

const FORMAT_ITEMS: vscode.QuickPickItem[] = [
  { label: 'manifests', detail: 'Plain YAML files, one object each' },
  { label: 'helm', detail: 'A Helm chart with image, resources, schedule, env, identity and namespace in values.yaml' },
  { label: 'kustomize', detail: 'A kustomize base plus kustomization.yaml' },
];
const IDENTITY_ITEMS: vscode.QuickPickItem[] = [
  { label: 'irsa', detail: 'IAM Roles for Service Accounts: OIDC trust + ServiceAccount annotation' },
  { label: 'pod-identity', detail: 'EKS Pod Identity: pods.eks.amazonaws.com trust + an association to create' },
];

/** Opens every generated file as a read-only virtual document and a summary beside the editor. */
async function showPreview(preview: PreviewProvider, unit: Unit, result: ConvertResult, outDir: string): Promise<vscode.TextDocument> {
  const base = `/${encodeURIComponent(unit.name)}/${Date.now()}`;
  for (const f of result.files) preview.set(vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `${base}/${f.path}` }), f.content);
  const summary = [
    `# Preview: ${unit.name} → ${outDir}`,
    '',
    'Nothing is written yet. Files:',
    '',
    ...result.files.map((f) => `- [${f.path}](${vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `${base}/${f.path}` }).toString()})`),
    '',
    ...(result.blockers.length ? ['## Blockers', '', ...result.blockers.map((b) => `- ${b}`), ''] : []),
    ...(result.warnings.length ? ['## Warnings', '', ...result.warnings.map((w) => `- ${w}`), ''] : []),
    '## Notes',
    '',
    ...result.notes.map((n) => `- ${n}`),
    '',
    ...result.files.flatMap((f) => [`## ${f.path}`, '', '````', f.content.trimEnd(), '````', '']),
  ].join('\n');
  // A read-only document of its own scheme (not an Untitled buffer that asks to be saved when closed).
  const summaryUri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `${base}/PREVIEW.md` });
  preview.set(summaryUri, summary);
  const doc = await vscode.workspace.openTextDocument(summaryUri);
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  return doc;
}

/** Overwrite prompt for one existing file or link; resolves to whether to replace it. */
async function confirmReplace(target: vscode.Uri, link: { to?: string } | undefined, state: { all: boolean }): Promise<boolean> {
  if (state.all) return true;
  const answer = await vscode.window.showWarningMessage(
    link
      ? `${vscode.workspace.asRelativePath(target)} already exists as a symbolic link${link.to !== undefined ? ` to ${link.to}` : ''}.`
      : `${vscode.workspace.asRelativePath(target)} already exists.`,
    {
      modal: true,
      detail: link
        ? 'Overwrite replaces the link itself with the generated file; whatever it points to is not changed. Skip keeps it.'
        : 'Overwrite replaces it with the generated file; Skip keeps yours.',
    },
    'Overwrite',
    'Overwrite All',
    'Skip',
  );
  if (answer === 'Overwrite All') state.all = true;
  return answer === 'Overwrite' || answer === 'Overwrite All';
}

function refuseMessage(e: UnsafeWriteError, outDir: string): string {
  const show = (abs: string) => vscode.workspace.asRelativePath(vscode.Uri.file(abs), false) || abs;
  const through = e.reason === 'link' || e.reason === 'outside';
  return `LambdaShift: nothing was written to ${outDir}: ${e.describe(show)}${through ? ', and LambdaShift never writes through symbolic links' : ''}. ${through ? 'Remove the link (or replace it with a real folder)' : 'Move it out of the way'}, or choose another output folder.`;
}

/**
 * Writes the generated files below `outDir` of the workspace folder. On disk (`file:`) the shared safe writer checks
 * every folder from the workspace folder down and never writes through a link; other schemes go through
 * vscode.workspace.fs, refusing anything it reports as a symbolic link.
 */
async function writeFiles(root: vscode.Uri, outDir: string, result: ConvertResult): Promise<vscode.Uri[]> {
  const rels = result.files.map((f) => `${outDir}/${f.path}`);
  const written: vscode.Uri[] = [];
  const state = { all: false };
  if (root.scheme === 'file') {
    const folder = { anchor: root.fsPath, dir: root.fsPath };
    try {
      const targets = await inspectTargets(folder, rels);
      for (const [i, t] of targets.entries()) {
        const target = vscode.Uri.file(t.abs);
        if (t.state !== 'missing' && !(await confirmReplace(target, t.state === 'link' ? { to: t.linkTarget } : undefined, state))) continue;
        // Only what was asked for: a file that appeared since the check is an error, not silently replaced.
        await writeTarget(folder, t.rel, result.files[i].content, { replaceFiles: t.state === 'file', replaceLinks: t.state === 'link' });
        written.push(target);
      }
    } catch (e) {
      if (!(e instanceof UnsafeWriteError)) throw e;
      void vscode.window.showErrorMessage(refuseMessage(e, outDir));
    }
    return written;
  }
  for (const [i, rel] of rels.entries()) {
    const target = vscode.Uri.joinPath(root, ...rel.split('/'));
    let parent = root;
    let linked: vscode.Uri | undefined;
    for (const seg of rel.split('/')) {
      parent = vscode.Uri.joinPath(parent, seg);
      const st = await vscode.workspace.fs.stat(parent).then(
        (s) => s,
        () => undefined,
      );
      if (!st) break;
      if (st.type & vscode.FileType.SymbolicLink) {
        linked = parent;
        break;
      }
    }
    if (linked) {
      void vscode.window.showErrorMessage(
        `LambdaShift: nothing more was written: ${vscode.workspace.asRelativePath(linked)} is a symbolic link, and LambdaShift never writes through symbolic links. Remove the link, or choose another output folder.`,
      );
      return written;
    }
    const exists = await vscode.workspace.fs.stat(target).then(
      () => true,
      () => false,
    );
    if (exists && !(await confirmReplace(target, undefined, state))) continue;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.files[i].content));
    written.push(target);
  }
  return written;
}

function kebab(name: string): string {
  return (
    name
      .replace(/Function$/, '')
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 52) || 'workload'
  );
}
