import * as vscode from 'vscode';
import type { AssessResult } from '../../core/types';
import { CommandId } from '../ids';
import { readSettings } from '../settings';
import type { FeatureContext } from './types';

const MOVE_LABEL = { 'to-kubernetes': 'Lambda → Kubernetes', 'to-lambda': 'Kubernetes → Lambda' } as const;

/** Verdict counts per move and findings per severity, as the report's summary counts them. */
function statusCounts(r: AssessResult): {
  findings: Record<'error' | 'warning' | 'info', number>;
  moves: Record<'to-kubernetes' | 'to-lambda', Record<'ready' | 'changes' | 'blocked', number>>;
} {
  const findings = { error: 0, warning: 0, info: 0 };
  for (const f of r.findings) findings[f.severity]++;
  const moves = { 'to-kubernetes': { ready: 0, changes: 0, blocked: 0 }, 'to-lambda': { ready: 0, changes: 0, blocked: 0 } };
  for (const u of r.units) {
    const move = u.kind === 'lambda-function' ? 'to-kubernetes' : 'to-lambda';
    const verdict = move === 'to-kubernetes' ? u.readiness.toKubernetes : u.readiness.toLambda;
    if (verdict) moves[move][verdict]++;
  }
  return { findings, moves };
}

/** The status bar item: scan state, then the last assessment's counts in the chosen direction; a click opens the report. */
export function register(ctx: FeatureContext): void {
  const item = vscode.window.createStatusBarItem('lambdashift.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'LambdaShift';
  item.command = { command: CommandId.OpenReport, title: 'Open Migration Report' };
  let scanning = false;
  const render = () => {
    const scan = ctx.lastScan();
    const direction = readSettings().direction;
    const dir = direction === 'auto' ? '' : ` (${direction})`;
    if (scanning) {
      item.text = '$(sync~spin) LambdaShift';
      item.tooltip = 'LambdaShift: assessing the workspace…';
    } else if (!scan) {
      item.text = '$(circle-outline) LambdaShift';
      item.tooltip = 'LambdaShift: not assessed yet. Click to assess the workspace and open the migration report.';
    } else {
      const { findings, moves } = statusCounts(scan.result);
      item.text = `$(error) ${findings.error} $(warning) ${findings.warning} LambdaShift${dir}`;
      const md = new vscode.MarkdownString(undefined, true);
      md.appendMarkdown(`**LambdaShift** — direction \`${direction}\`\n\n`);
      md.appendMarkdown(`${scan.result.units.length} units · ${findings.error} errors, ${findings.warning} warnings, ${findings.info} info\n\n`);
      md.appendMarkdown('| Move | Ready | Changes | Blocked |\n|---|---:|---:|---:|\n');
      for (const m of ['to-kubernetes', 'to-lambda'] as const) {
        const c = moves[m];
        if (c.ready + c.changes + c.blocked) md.appendMarkdown(`| ${MOVE_LABEL[m]} | ${c.ready} | ${c.changes} | ${c.blocked} |\n`);
      }
      if (scan.result.errors.length)
        md.appendMarkdown(
          `\n$(warning) ${scan.result.errors.length} file${scan.result.errors.length === 1 ? '' : 's'} could not be analysed (LambdaShift: Show Log)\n`,
        );
      md.appendMarkdown('\nClick to open the migration report.');
      item.tooltip = md;
    }
    item.show();
  };
  render();
  ctx.context.subscriptions.push(
    item,
    ctx.onDidChangeScanning((on) => {
      scanning = on;
      render();
    }),
    ctx.onDidScan(render),
  );
}
