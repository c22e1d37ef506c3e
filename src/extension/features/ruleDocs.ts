import * as vscode from 'vscode';
import { getCore } from '../core';
import { ruleDocsTarget, setDocsRoot } from '../diagnostics';
import { CommandId } from '../ids';
import type { FeatureContext } from './types';

/**
 * Opens a rule's page: the copy bundled in the extension (docs/rules, shipped in the .vsix) rendered with the built-in
 * Markdown preview, or the web page when there is no bundled copy. Without an id, asks which rule.
 */
export async function showRuleDocs(ruleId?: string): Promise<boolean> {
  if (!ruleId) {
    const pick = await vscode.window.showQuickPick(
      getCore().allRuleMetas.map((m) => ({ label: m.id, detail: m.docs.description })),
      { title: 'LambdaShift rule documentation', matchOnDetail: true },
    );
    if (!pick) return false;
    ruleId = pick.label;
  }
  const target = ruleDocsTarget(ruleId);
  if (target.scheme === 'file') {
    await vscode.commands.executeCommand('markdown.showPreview', target);
    return true;
  }
  return vscode.env.openExternal(target);
}

/** Registers Show Rule Documentation and the hand-over of bundled pages opened as text (a Problems code link). */
export function register(ctx: FeatureContext): void {
  const root = vscode.Uri.joinPath(ctx.context.extensionUri, 'docs', 'rules');
  setDocsRoot(root);
  const isRulePage = (uri: vscode.Uri) => uri.scheme === 'file' && uri.path.startsWith(`${root.path}/`) && uri.path.endsWith('.md');
  ctx.context.subscriptions.push(
    vscode.commands.registerCommand(CommandId.ShowRuleDocs, (ruleId?: unknown) => showRuleDocs(typeof ruleId === 'string' ? ruleId : undefined)),
    // A diagnostic's code link opens its target as a text editor (the workbench allows no command links there): show a
    // bundled page rendered instead, and close the raw text it opened.
    vscode.window.onDidChangeActiveTextEditor(async (editor) => {
      if (!editor || !isRulePage(editor.document.uri)) return;
      const uri = editor.document.uri;
      await vscode.commands.executeCommand('markdown.showPreview', uri);
      const tabs = vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
      if (tabs.length) await vscode.window.tabGroups.close(tabs);
    }),
  );
}
