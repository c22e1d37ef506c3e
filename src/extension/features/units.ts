import * as vscode from 'vscode';
import type { Finding, Unit } from '../../core/types';
import { getCore } from '../core';
import type { FeatureContext } from './types';
import { CommandId, ContextValue, ViewId } from '../ids';

const REFRESH = CommandId.RefreshUnits;
const TO_K8S = CommandId.ConvertToKubernetes;
const TO_LAMBDA = CommandId.ConvertToLambda;
const SOURCE_LABEL: Record<string, string> = {
  sam: 'SAM',
  cloudformation: 'CloudFormation',
  serverless: 'Serverless Framework',
  'dotnet-lambda-tools': 'Amazon.Lambda.Tools',
  terraform: 'Terraform',
  cdk: 'CDK',
  kubernetes: 'Kubernetes',
  helm: 'Helm',
  aws: 'AWS account',
};

function verdictOf(u: Unit): string | undefined {
  return u.kind === 'lambda-function' ? u.readiness?.toKubernetes : u.readiness?.toLambda;
}

/** `Lambda · 900 s · 1024 MB · schedule rate(1 hour) — 2 blockers` (pure, in the core). */
function unitSummary(u: Unit, findings: readonly Finding[]): string {
  return getCore().unitSummary(u, findings);
}

function convertCommand(u: Unit): vscode.Command {
  return u.kind === 'lambda-function'
    ? { title: 'Convert…', command: TO_K8S, arguments: [getCore().unitKey(u)], tooltip: `Convert ${u.name} to Kubernetes` }
    : { title: 'Convert…', command: TO_LAMBDA, arguments: [getCore().unitKey(u)], tooltip: `Convert ${u.name} to Lambda` };
}

/** The line of a handler export in code (`export const handler`, `exports.handler =`, `def handler(`). */
function handlerLine(doc: vscode.TextDocument, name: string | undefined): number | undefined {
  if (!name) return undefined;
  const esc = name.replace(/[$]/g, '\\$');
  const re = new RegExp(
    `^\\s*(export\\s+(async\\s+)?(const|let|var|function\\*?|class)\\s+${esc}\\b|(module\\.)?exports\\.${esc}\\s*=|(async\\s+)?def\\s+${esc}\\s*\\(|export\\s*\\{[^}]*\\b${esc}\\b)`,
    'm',
  );
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
      lenses.push(
        new vscode.CodeLens(range, {
          title: unitSummary(u, findings),
          command: CommandId.RevealUnit,
          arguments: [getCore().unitKey(u)],
          tooltip: `Reveal ${u.name} (${SOURCE_LABEL[u.source] ?? u.source}) in Functions & Workloads`,
        }),
      );
      lenses.push(new vscode.CodeLens(range, convertCommand(u)));
    }
    return lenses;
  }
}

type UnitNode = { type: 'unit'; unit: Unit; parent: VerdictNode };
type Node =
  | { type: 'folder'; folder: string; units: Unit[]; children: VerdictNode[] }
  | VerdictNode
  | UnitNode
  | { type: 'finding'; finding: Finding; parent: UnitNode }
  | { type: 'more'; count: number; parent: UnitNode };
type VerdictNode = { type: 'verdict'; verdict: string; units: Unit[]; parent: Extract<Node, { type: 'folder' }>; children: UnitNode[] };

const VERDICT_ICON: Record<string, [string, string]> = {
  ready: ['pass', 'testing.iconPassed'],
  changes: ['warning', 'list.warningForeground'],
  blocked: ['error', 'list.errorForeground'],
  'not assessed': ['circle-outline', 'disabledForeground'],
};
const VERDICT_ORDER = ['blocked', 'changes', 'ready', 'not assessed'];
const SEVERITY_ICON: Record<string, [string, string]> = {
  error: ['error', 'list.errorForeground'],
  warning: ['warning', 'list.warningForeground'],
  info: ['info', 'list.highlightForeground'],
};
const SEVERITY_RANK: Record<string, number> = { error: 0, warning: 1, info: 2 };
/** Findings a unit shows when expanded; the rest are counted (the report lists them all). */
const TOP_FINDINGS = 5;

function folderOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i > 0 ? file.slice(0, i) : '.';
}

/**
 * The Functions & Workloads tree: folders (where units are declared), then verdicts, then units, which expand to their
 * top findings. Built once per assessment, with parents, so a unit can be revealed (from a CodeLens).
 */
class UnitTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly rootsGiven = new vscode.EventEmitter<void>();
  /** Fires when the view asked for the top level: it has nodes a reveal can expand into. */
  readonly onDidGiveRoots = this.rootsGiven.event;
  private roots: Extract<Node, { type: 'folder' }>[] = [];
  private readonly byKey = new Map<string, UnitNode>();
  private readonly findingsByUnit = new Map<string, Finding[]>();
  constructor(private readonly ctx: FeatureContext) {}

  /** Rebuilt since the view last asked for its top level. */
  stale = true;

  refresh(): void {
    this.build();
    this.stale = true;
    this.changed.fire(undefined);
  }

  private build(): void {
    this.roots = [];
    this.byKey.clear();
    this.findingsByUnit.clear();
    const r = this.ctx.lastScan()?.result;
    if (!r) return;
    const core = getCore();
    for (const f of r.findings) {
      for (const id of f.unitIds ?? []) this.findingsByUnit.set(id, [...(this.findingsByUnit.get(id) ?? []), f]);
    }
    // Findings stamped with no identity (the report's own, the AWS inventory's) are matched by name.
    for (const u of r.units) {
      const key = core.unitKey(u);
      if (!this.findingsByUnit.has(key))
        this.findingsByUnit.set(
          key,
          core.findingsOf(
            u,
            r.findings.filter((f) => !f.unitIds),
            r.units,
          ),
        );
    }
    const byFolder = new Map<string, Unit[]>();
    for (const u of r.units) byFolder.set(folderOf(u.file), [...(byFolder.get(folderOf(u.file)) ?? []), u]);
    for (const [folder, units] of [...byFolder].sort(([a], [b]) => a.localeCompare(b))) {
      const node: Extract<Node, { type: 'folder' }> = { type: 'folder', folder, units, children: [] };
      for (const verdict of VERDICT_ORDER) {
        const these = units.filter((u) => (verdictOf(u) ?? 'not assessed') === verdict).sort((a, b) => a.name.localeCompare(b.name));
        if (!these.length) continue;
        const v: VerdictNode = { type: 'verdict', verdict, units: these, parent: node, children: [] };
        v.children = these.map((unit) => {
          const n: UnitNode = { type: 'unit', unit, parent: v };
          this.byKey.set(core.unitKey(unit), n);
          return n;
        });
        node.children.push(v);
      }
      this.roots.push(node);
    }
  }

  private findings(u: Unit): Finding[] {
    return this.findingsByUnit.get(getCore().unitKey(u)) ?? [];
  }

  /** The node of a unit, by identity (src/core/identity.ts unitKey). */
  nodeOf(key: string): UnitNode | undefined {
    return this.byKey.get(key);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      // After the view has the list (queueMicrotask: VS Code takes it when this returns).
      this.stale = false;
      queueMicrotask(() => this.rootsGiven.fire());
      return this.roots;
    }
    if (node.type === 'folder' || node.type === 'verdict') return node.children;
    if (node.type !== 'unit') return [];
    const all = [...this.findings(node.unit)].sort(
      (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.file.localeCompare(b.file) || a.line - b.line,
    );
    const top: Node[] = all.slice(0, TOP_FINDINGS).map((finding) => ({ type: 'finding', finding, parent: node }));
    if (all.length > TOP_FINDINGS) top.push({ type: 'more', count: all.length - TOP_FINDINGS, parent: node });
    return top;
  }

  getParent(node: Node): Node | undefined {
    return node.type === 'folder' ? undefined : node.parent;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const scan = this.ctx.lastScan();
    switch (node.type) {
      case 'folder': {
        const item = new vscode.TreeItem(
          node.folder,
          this.roots.length > 20 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded,
        );
        item.id = `folder:${node.folder}`;
        const blocked = node.units.filter((u) => verdictOf(u) === 'blocked').length;
        item.description = `${node.units.length} unit${node.units.length === 1 ? '' : 's'}${blocked ? ` · ${blocked} blocked` : ''}`;
        item.iconPath = vscode.ThemeIcon.Folder;
        return item;
      }
      case 'verdict': {
        const item = new vscode.TreeItem(
          `${node.verdict[0].toUpperCase()}${node.verdict.slice(1)}`,
          node.verdict === 'ready' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded,
        );
        item.id = `verdict:${node.parent.folder}:${node.verdict}`;
        item.description = String(node.units.length);
        const [icon, color] = VERDICT_ICON[node.verdict];
        item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
        return item;
      }
      case 'unit': {
        const u = node.unit;
        const own = this.findings(u);
        const item = new vscode.TreeItem(u.name, own.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `unit:${getCore().unitKey(u)}`;
        const verdict = verdictOf(u) ?? 'not assessed';
        const [icon, color] = VERDICT_ICON[verdict] ?? VERDICT_ICON.ready;
        item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
        const kind = u.kind === 'lambda-function' ? 'Lambda' : (u.workloadKind ?? 'workload');
        item.description = `${kind} · ${SOURCE_LABEL[u.source] ?? u.source}${u.readiness?.effort ? ` · effort ${u.readiness.effort}` : ''} · ${u.file.slice(u.file.lastIndexOf('/') + 1)}:${u.line}`;
        const code = u.codeFiles?.length
          ? `\n\ncode: ${u.codeFiles[0]}${u.codeFiles.length > 1 ? ` (+${u.codeFiles.length - 1})` : ''}${u.joinedBy ? `, ${u.joinedBy}` : ''}`
          : u.codeFile
            ? `\n\nhandler: ${u.codeFile}`
            : '';
        const places = u.describedIn?.length
          ? `\n\nalso described in: ${u.describedIn
              .filter((d) => d.file !== u.file)
              .map((d) => d.file)
              .join(', ')}`
          : '';
        const why = u.decidedBy?.length ? `\n\n${u.decidedBy.map((r) => `- ${r.message}`).join('\n')}` : '';
        item.tooltip = new vscode.MarkdownString(`**${u.name}** — ${unitSummary(u, own)}\n\n${u.file}:${u.line}${code}${places}${why}`);
        item.contextValue = u.kind === 'lambda-function' ? ContextValue.Function : ContextValue.Workload;
        const uri = scan?.uris.get(u.file);
        if (uri) item.command = { title: 'Open', command: 'vscode.open', arguments: [uri, { selection: new vscode.Range(u.line - 1, 0, u.line - 1, 0) }] };
        return item;
      }
      case 'finding': {
        const f = node.finding;
        const first = /^(.+?[.!?])(\s|$)/.exec(f.message)?.[1] ?? f.message;
        const item = new vscode.TreeItem(first.length > 120 ? `${first.slice(0, 119)}…` : first, vscode.TreeItemCollapsibleState.None);
        item.id = `finding:${getCore().unitKey(node.parent.unit)}:${f.file}:${f.line}:${f.column}:${f.ruleId}`;
        const [icon, color] = SEVERITY_ICON[f.severity];
        item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
        item.description = `${f.ruleId} · ${f.file.slice(f.file.lastIndexOf('/') + 1)}:${f.line}`;
        item.tooltip = new vscode.MarkdownString().appendText(f.message);
        const uri = scan?.uris.get(f.file);
        if (uri)
          item.command = {
            title: 'Open',
            command: 'vscode.open',
            arguments: [uri, { selection: new vscode.Range(f.line - 1, f.column - 1, f.line - 1, f.column - 1) }],
          };
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(`${node.count} more finding${node.count === 1 ? '' : 's'} in the report`, vscode.TreeItemCollapsibleState.None);
        item.command = { title: 'Open Migration Report', command: CommandId.OpenReport };
        return item;
      }
    }
  }
}

/** Registers the units feature: CodeLens above functions/workloads and handler exports, and the units tree view. */
export function register(ctx: FeatureContext): void {
  const lenses = new UnitLenses(ctx);
  const tree = new UnitTree(ctx);
  const view = vscode.window.createTreeView(ViewId.Units, { treeDataProvider: tree, showCollapseAll: true });
  const selector: vscode.DocumentSelector = [
    { scheme: 'file', pattern: '**/*.{yaml,yml,json,tf}' },
    { scheme: 'file', language: 'javascript' },
    { scheme: 'file', language: 'typescript' },
    { scheme: 'file', language: 'python' },
  ];
  ctx.context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(selector, lenses),
    view,
    vscode.commands.registerCommand(REFRESH, async () => {
      await ctx.assessWorkspace();
    }),
    // From a CodeLens: show the unit in the tree, expanded to its top findings.
    vscode.commands.registerCommand(CommandId.RevealUnit, async (key?: unknown) => {
      if (typeof key !== 'string') return false;
      if (!ctx.lastScan()) await ctx.assessWorkspace();
      const node = tree.nodeOf(key);
      if (!node) return false;
      // A view that was never shown (or was just refreshed) has no nodes to reveal into yet: show it and wait until it
      // has asked for its top level, or a short while for a view that had it already.
      const given = new Promise<void>((resolve) => {
        const sub = tree.onDidGiveRoots(() => {
          sub.dispose();
          resolve();
        });
        setTimeout(() => {
          sub.dispose();
          resolve();
        }, 3000);
      });
      if (!view.visible) await vscode.commands.executeCommand(`${ViewId.Units}.focus`);
      if (!view.visible || tree.stale) await given;
      try {
        await view.reveal(node, { select: true, focus: true, expand: 1 });
      } catch {
        // The view was still loading its nodes: once more, after it has.
        await given;
        await view.reveal(node, { select: true, focus: true, expand: 1 });
      }
      return true;
    }),
    ctx.onDidScan(() => {
      lenses.refresh();
      tree.refresh();
    }),
  );
}
