import * as vscode from 'vscode';
import { REPORT_VIEW_TYPE, ReportPanel } from '../report/ReportPanel';
import type { FeatureContext } from './types';
import { CommandId } from '../ids';

export const OPEN_REPORT = CommandId.OpenReport;

/** Registers the report feature (commands, providers). Wiring only. */
export function register(ctx: FeatureContext): void {
  ctx.context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_REPORT, () => ReportPanel.show(ctx)),
    // A report tab left open is restored after a reload or restart, with a fresh assessment.
    vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, { deserializeWebviewPanel: (panel) => ReportPanel.revive(panel, ctx) }),
  );
}
