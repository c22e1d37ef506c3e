import * as vscode from 'vscode';
import type { LambdaShiftConfig } from '../../core/config';
import type { CostInputs } from '../../core/report/cost';
import type { AssessResult } from '../../core/types';
import { reportPage } from '../../shared/reportPage';
import { parseWebviewMessage, type ExportFormat, type HostToWebview, type WebviewToHost } from '../../shared/reportProtocol';
import { getCore } from '../core';
import { CONFIG_NAMES } from '../projectConfig';
import { readSettings } from '../settings';
import type { FeatureContext } from '../features/types';
import type { WorkspaceScan } from '../workspaceScan';
import { InternalCommandId, ViewId } from '../ids';

export const REPORT_VIEW_TYPE = ViewId.Report;
const EXT: Record<ExportFormat, [string, string]> = { html: ['html', 'HTML'], markdown: ['md', 'Markdown'], sarif: ['sarif', 'SARIF'], json: ['json', 'JSON'] };

function nonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

/** The migration report webview. One at a time; it re-renders after every workspace scan and on input edits. */
export class ReportPanel {
  private static current: ReportPanel | undefined;
  private edits: Record<string, Partial<CostInputs>> = {};
  private config: LambdaShiftConfig | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  static async show(ctx: FeatureContext): Promise<void> {
    if (ReportPanel.current) {
      ReportPanel.current.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'LambdaShift Migration Report', vscode.ViewColumn.Active, ReportPanel.options(ctx));
    await ReportPanel.adopt(panel, ctx);
  }

  /** A report tab VS Code restored after a reload or restart (its webview serializer): render it afresh. */
  static async revive(panel: vscode.WebviewPanel, ctx: FeatureContext): Promise<void> {
    if (ReportPanel.current) {
      // One report at a time: a second restored tab is closed rather than left blank.
      panel.dispose();
      ReportPanel.current.panel.reveal();
      return;
    }
    panel.webview.options = ReportPanel.options(ctx);
    await ReportPanel.adopt(panel, ctx);
  }

  private static options(ctx: FeatureContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(ctx.context.extensionUri, 'media')] };
  }

  private static async adopt(panel: vscode.WebviewPanel, ctx: FeatureContext): Promise<void> {
    ReportPanel.current = new ReportPanel(panel, vscode.Uri.joinPath(ctx.context.extensionUri, 'media'), ctx);
    if (!ctx.lastScan()) await ctx.assessWorkspace();
    else await ReportPanel.current.update();
  }

  static async refresh(): Promise<void> {
    await ReportPanel.current?.update();
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly media: vscode.Uri,
    private readonly ctx: FeatureContext,
  ) {
    panel.iconPath = vscode.Uri.joinPath(media, 'icon.svg');
    panel.webview.html = this.html();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw)),
      ctx.onDidScan(() => void this.update()),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (CONFIG_NAMES.some((n) => doc.uri.path.endsWith(`/${n}`))) {
          this.config = undefined;
          void this.update();
        }
      }),
    );
    panel.onDidDispose(() => {
      ReportPanel.current = undefined;
      for (const d of this.disposables) d.dispose();
    });
  }

  private html(): string {
    const webview = this.panel.webview;
    const n = nonce();
    const css = webview.asWebviewUri(vscode.Uri.joinPath(this.media, 'report.css'));
    const js = webview.asWebviewUri(vscode.Uri.joinPath(this.media, 'report.js'));
    const csp = `default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${n}'; img-src ${webview.cspSource} data:; font-src ${webview.cspSource}`;
    return reportPage({
      csp,
      style: `<link rel="stylesheet" href="${css.toString()}">`,
      mode: 'webview',
      scripts: `<script nonce="${n}" src="${js.toString()}"></script>`,
    });
  }

  /** lambdashift.yaml at the root of the first workspace folder that has one; errors are shown, defaults kept. */
  private async loadConfig(): Promise<LambdaShiftConfig> {
    if (this.config) return this.config;
    const core = getCore();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const name of CONFIG_NAMES) {
        const uri = vscode.Uri.joinPath(folder.uri, name);
        let text: string;
        try {
          text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
        } catch {
          continue;
        }
        const { config, errors } = core.parseConfig(text);
        if (errors.length) {
          const first = errors[0];
          void vscode.window.showWarningMessage(
            `LambdaShift: ${name}${first.line ? `:${first.line}` : ''} ${first.path}: ${first.message}${errors.length > 1 ? ` (+${errors.length - 1} more)` : ''} Using defaults for those values.`,
          );
        }
        this.config = config;
        return config;
      }
    }
    this.config = core.defaultConfig();
    return this.config;
  }

  private async effectiveConfig(): Promise<LambdaShiftConfig> {
    const base = await this.loadConfig();
    const { config, errors } = getCore().withOverrides({ ...base, direction: readSettings().direction }, this.edits);
    if (errors.length) void vscode.window.setStatusBarMessage(`LambdaShift: ${errors[0].path}: ${errors[0].message}`, 6000);
    return config;
  }

  private async result(): Promise<AssessResult | undefined> {
    const scan: WorkspaceScan | undefined = this.ctx.lastScan() ?? (await this.ctx.assessWorkspace());
    if (!scan) return undefined;
    // With *Measure Usage* run, the measured figures replace the estimate, as with `assess --metrics`.
    const measured = await vscode.commands.executeCommand<AssessResult | undefined>(InternalCommandId.MeasuredResult, scan.result);
    return getCore().withReportFindings(measured ?? scan.result, await this.effectiveConfig(), readSettings().options.rules);
  }

  async update(): Promise<void> {
    const result = await this.result();
    if (!result) return;
    const msg: HostToWebview = {
      type: 'model',
      model: getCore().buildReportModel(result, await this.effectiveConfig(), readSettings().options.rules),
      editable: true,
    };
    await this.panel.webview.postMessage(msg);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const msg: WebviewToHost | undefined = parseWebviewMessage(raw);
    if (!msg) return;
    switch (msg.type) {
      case 'ready':
        this.edits = { ...msg.edits };
        return this.update();
      case 'setInputs':
        if (msg.inputs === null) delete this.edits[msg.unit];
        else this.edits[msg.unit] = msg.inputs;
        return this.update();
      case 'refresh':
        await this.ctx.assessWorkspace();
        return;
      case 'open':
        return this.open(msg.file, msg.line, msg.column);
      case 'export':
        return this.export(msg.format);
    }
  }

  private async open(file: string, line: number, column: number): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const uri = this.ctx.lastScan()?.uris.get(file) ?? (folder ? vscode.Uri.joinPath(folder.uri, file) : undefined);
    if (!uri) return;
    try {
      const pos = new vscode.Position(line - 1, column - 1);
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos), preview: true, viewColumn: vscode.ViewColumn.Beside });
    } catch (e) {
      void vscode.window.showWarningMessage(`LambdaShift: cannot open ${file}: ${(e as Error).message}`);
    }
  }

  private async export(format: ExportFormat): Promise<void> {
    const result = await this.result();
    if (!result) return;
    const core = getCore();
    const [ext, label] = EXT[format];
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    // The save dialog asks before replacing an existing file; nothing is written without it.
    const target = await vscode.window.showSaveDialog({
      title: `Export LambdaShift report as ${label}`,
      defaultUri: folder ? vscode.Uri.joinPath(folder, `lambdashift-report.${ext}`) : undefined,
      filters: { [label]: [ext] },
    });
    if (!target) return;
    let text: string;
    if (format === 'json') text = core.formatJson(result);
    else if (format === 'sarif') text = core.formatSarif(result);
    else {
      const model = core.buildReportModel(result, await this.effectiveConfig(), readSettings().options.rules);
      if (format === 'markdown') text = core.formatMarkdown(model);
      else {
        const read = async (name: string) => new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.media, name)));
        text = core.formatHtml(model, { css: await read('report.css'), js: await read('report.js') });
      }
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    const open = await vscode.window.showInformationMessage(`LambdaShift: exported the report to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
    if (open) await vscode.commands.executeCommand('vscode.open', target);
  }
}
