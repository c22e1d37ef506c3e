import * as vscode from 'vscode';
import type { AssessResult, Finding, Unit } from '../../core/types';
import { getCore } from '../core';
import type { FeatureContext } from './types';
import { CommandId, ContextValue, ViewId } from '../ids';

const REFRESH = CommandId.RefreshUnits;
const TO_K8S = CommandId.ConvertToKubernetes;
const TO_LAMBDA = CommandId.ConvertToLambda;
const SOURCE_LABEL: Record<string, string> = { sam: 'SAM', cloudformation: 'CloudFormation', serverless: 'Serverless Framework', terraform: 'Terraform', cdk: 'CDK', kubernetes: 'Kubernetes', helm: 'Helm', aws: 'AWS account' };

function verdictOf(u: Unit): string | undefined {
  return u.kind === 'lambda-function' ? u.readiness?.toKubernetes : u.readiness?.toLambda;
}

/** `Lambda · 900 s · 1024 MB · schedule rate(1 hour) — 2 blockers` (pure, in the core). */
function unitSummary(u: Unit, findings: readonly Finding[]): string {
  return getCore().unitSummary(u, findings);
}

function convertCommand(u: Unit): vscode.Command {
  return u.kind === 'lambda-function'
    ? { title: 'Convert…', command: TO_K8S, arguments: [u.name], tooltip: `Convert ${u.name} to Kubernetes` }
    : { title: 'Convert…', command: TO_LAMBDA, arguments: [u.name], tooltip: `Convert ${u.name} to Lambda` };
}

/** The line of a handler export in code (`export const handler`, `exports.handler =`, `def handler(`). */
function handlerLine(doc: vscode.TextDocument, name: string | undefined): number | undefined {
  if (!name) return undefined;
  const esc = name.replace(/[$]/g, '\\$');
  const re = new RegExp(`^\\s*(export\\s+(async\\s+)?(const|let|var|function\\*?|class)\\s+${esc}\\b|(module\\.)?exports\\.${esc}\\s*=|(async\\s+)?def\\s+${esc}\\s*\\(|export\\s*\\{[^}]*\\b${esc}\\b)`, 'm');
  const m = re.exec(doc.getText());
  return m ? doc.positionAt(m.index + (m[0].length - m[0].trimStart().length)).line : undefined;
}

class UnitLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  constructor(private readonly ctx: FeatureContext) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const rel = vscode.workspace.asRelativePath(doc.uri, false);
    const scan = this.ctx.lastScan()?.result;
    let units: Unit[] = [];
    let findings: readonly Finding[] = [];
    if (scan) {
      units = scan.units;
      findings = scan.findings;
    } else {
      // No workspace scan yet: a template's own units still get lenses (handler lenses need the join).
      const core = getCore();
      const kind = core.detectKind(rel, doc.getText());
      if (kind === 'unknown' || (core.isCodeKind(kind) && !/aws-cdk-lib|@aws-cdk\//.test(doc.getText()))) return [];
      units = this.ctx.analysisOf(doc).units;
    }
    const lenses: vscode.CodeLens[] = [];
    for (const u of units) {
      let line: number | undefined;
      const described = u.describedIn?.find((d) => d.file === rel && d.file !== u.file);
      if (u.file === rel) line = Math.max(0, u.line - 1);
      else if (u.codeFile === rel) line = handlerLine(doc, u.handlerExport) ?? 0;
      // The same service in a Helm template or Kustomize overlay, and the entry file a workload's image starts.
      else if (described) line = Math.max(0, described.line - 1);
      else if (u.kind === 'k8s-workload' && u.codeFiles?.[0] === rel) line = 0;
      else continue;
      const range = new vscode.Range(line, 0, line, 0);
      lenses.push(new vscode.CodeLens(range, { title: unitSummary(u, findings), command: 'workbench.view.extension.lambdashift', tooltip: `${u.name} (${SOURCE_LABEL[u.source] ?? u.source})` }));
      lenses.push(new vscode.CodeLens(range, convertCommand(u)));
    }
    return lenses;
  }
}

type Node = { group: string; units: Unit[] } | { unit: Unit };

const VERDICT_ICON: Record<string, [string, string]> = {
  ready: ['pass', 'testing.iconPassed'],
  changes: ['warning', 'list.warningForeground'],
  blocked: ['error', 'list.errorForeground'],
};

class UnitTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  constructor(private readonly ctx: FeatureContext) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  private result(): AssessResult | undefined {
    return this.ctx.lastScan()?.result;
  }

  getChildren(node?: Node): Node[] {
    const r = this.result();
    if (!r) return [];
    if (!node) {
      const groups = new Map<string, Unit[]>();
      for (const u of r.units) {
        const key = `${u.kind === 'lambda-function' ? 'Lambda functions' : 'Kubernetes workloads'} · ${SOURCE_LABEL[u.source] ?? u.source}`;
        groups.set(key, [...(groups.get(key) ?? []), u]);
      }
      return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([group, units]) => ({ group, units }));
    }
    return 'group' in node ? node.units.map((unit) => ({ unit })) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('group' in node) {
      const item = new vscode.TreeItem(node.group, vscode.TreeItemCollapsibleState.Expanded);
      const blocked = node.units.filter((u) => verdictOf(u) === 'blocked').length;
      item.description = `${node.units.length}${blocked ? ` · ${blocked} blocked` : ''}`;
      return item;
    }
    const u = node.unit;
    const item = new vscode.TreeItem(u.name, vscode.TreeItemCollapsibleState.None);
    const verdict = verdictOf(u) ?? 'ready';
    const [icon, color] = VERDICT_ICON[verdict] ?? VERDICT_ICON.ready;
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.description = `${verdict}${u.readiness?.effort ? ` · effort ${u.readiness.effort}` : ''} · ${u.file}`;
    const code = u.codeFiles?.length ? `\n\ncode: ${u.codeFiles[0]}${u.codeFiles.length > 1 ? ` (+${u.codeFiles.length - 1})` : ''}${u.joinedBy ? `, ${u.joinedBy}` : ''}` : u.codeFile ? `\n\nhandler: ${u.codeFile}` : '';
    const places = u.describedIn?.length ? `\n\nalso described in: ${u.describedIn.filter((d) => d.file !== u.file).map((d) => d.file).join(', ')}` : '';
    const why = u.decidedBy?.length ? `\n\n${u.decidedBy.map((r) => `- ${r.message}`).join('\n')}` : '';
    item.tooltip = new vscode.MarkdownString(`**${u.name}** — ${unitSummary(u, this.result()?.findings ?? [])}\n\n${u.file}:${u.line}${code}${places}${why}`);
    item.contextValue = u.kind === 'lambda-function' ? ContextValue.Function : ContextValue.Workload;
    const uri = this.ctx.lastScan()?.uris.get(u.file);
    if (uri) item.command = { title: 'Open', command: 'vscode.open', arguments: [uri, { selection: new vscode.Range(u.line - 1, 0, u.line - 1, 0) }] };
    return item;
  }
}

/** Registers the units feature: CodeLens above functions/workloads and handler exports, and the units tree view. */
export function register(ctx: FeatureContext): void {
  const lenses = new UnitLenses(ctx);
  const tree = new UnitTree(ctx);
  const selector: vscode.DocumentSelector = [
    { scheme: 'file', pattern: '**/*.{yaml,yml,json,tf}' },
    { scheme: 'file', language: 'javascript' },
    { scheme: 'file', language: 'typescript' },
    { scheme: 'file', language: 'python' },
  ];
  ctx.context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(selector, lenses),
    vscode.window.registerTreeDataProvider(ViewId.Units, tree),
    vscode.commands.registerCommand(REFRESH, async () => {
      await ctx.assessWorkspace();
    }),
    ctx.onDidScan(() => {
      lenses.refresh();
      tree.refresh();
    }),
  );
}
