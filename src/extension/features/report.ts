import * as vscode from 'vscode';
import { ReportPanel } from '../report/ReportPanel';
import type { FeatureContext } from './types';

export const OPEN_REPORT = 'lambdashift.openReport';

/** Registers the report feature (commands, providers). Wiring only. */
export function register(ctx: FeatureContext): void {
  ctx.context.subscriptions.push(vscode.commands.registerCommand(OPEN_REPORT, () => ReportPanel.show(ctx)));
}
