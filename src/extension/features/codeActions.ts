import * as vscode from 'vscode';
import type { ContractFix, Finding } from '../../core/types';
import { getCore } from '../core';
import { SOURCE, type LambdaShiftDiagnostic } from '../diagnostics';
import type { FeatureContext } from './types';
import { CommandId } from '../ids';

export const SUPPRESS_WITH_REASON = CommandId.SuppressWithReason;

/** Documents LambdaShift analyses and where a comment can carry a suppression (JSON templates cannot). */
const SELECTOR: vscode.DocumentSelector = [
  ...['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'yaml', 'python', 'terraform', 'hcl'].map((language) => ({ language })),
  // Without a Terraform/HCL extension, `.tf` files open as plain text.
  { pattern: '**/*.{tf,tfvars,hcl}' },
];

function codeValue(code: vscode.Diagnostic['code']): string | undefined {
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/**
 * The diagnostic as we created it. VS Code hands providers copies rebuilt from its markers, which lose the `finding`
 * property, so the original is looked up in our collection by range, rule id and message.
 */
function originalFinding(collection: vscode.DiagnosticCollection, uri: vscode.Uri, d: vscode.Diagnostic): Finding | undefined {
  const own = (d as LambdaShiftDiagnostic).finding;
  if (own) return own;
  const id = codeValue(d.code);
  for (const c of (collection.get(uri) ?? []) as readonly LambdaShiftDiagnostic[]) {
    if (c.finding && c.range.isEqual(d.range) && c.message === d.message && codeValue(c.code) === id) return c.finding;
  }
  return undefined;
}

function toWorkspaceEdit(uri: vscode.Uri, fix: ContractFix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of getCore().zeroBasedEdits(fix)) {
    edit.replace(uri, new vscode.Range(e.startLine, e.startCharacter, e.endLine, e.endCharacter), e.newText);
  }
  return edit;
}

/** `source.fixAll.lambdashift`: what "Fix All" and `editor.codeActionsOnSave` run for LambdaShift. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('lambdashift');

/** Every fix (never a suggestion: those change behaviour and want a look) of `ruleId` (or all rules) in the document. */
function fixAllEdit(collection: vscode.DiagnosticCollection, doc: vscode.TextDocument, ruleId?: string): { edit: vscode.WorkspaceEdit; count: number } {
  const edit = new vscode.WorkspaceEdit();
  const taken: vscode.Range[] = [];
  let count = 0;
  for (const d of (collection.get(doc.uri) ?? []) as readonly LambdaShiftDiagnostic[]) {
    const fix = d.finding?.fix;
    if (!fix || (ruleId !== undefined && d.finding!.ruleId !== ruleId)) continue;
    const edits = getCore()
      .zeroBasedEdits(fix)
      .map((e) => ({ range: new vscode.Range(e.startLine, e.startCharacter, e.endLine, e.endCharacter), newText: e.newText }));
    // Two fixes touching the same text cannot both apply: the first wins, the next run of Fix All takes the other.
    if (edits.some((e) => taken.some((t) => t.intersection(e.range) && !(t.isEmpty && e.range.isEmpty && !t.isEqual(e.range))))) continue;
    for (const e of edits) {
      edit.replace(doc.uri, e.range, e.newText);
      taken.push(e.range);
    }
    count++;
  }
  return { edit, count };
}

class LambdaShiftCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly collection: vscode.DiagnosticCollection) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    // Asked for source.fixAll (Fix All, or on save) or for our own kind: the one action that applies every fix.
    if (context.only?.contains(FIX_ALL_KIND)) {
      const { edit, count } = fixAllEdit(this.collection, doc);
      if (!count) return [];
      const a = new vscode.CodeAction(`Fix all LambdaShift problems that have a fix (${count})`, FIX_ALL_KIND);
      a.edit = edit;
      return [a];
    }
    const fixes: vscode.CodeAction[] = [];
    const perRule: vscode.CodeAction[] = [];
    const core = getCore();
    const marker = core.commentMarker(doc.languageId, doc.fileName);
    // One entry per rule and line (or per rule), however many diagnostics the range holds.
    const seen = new Set<string>();
    const once = (key: string) => !seen.has(key) && Boolean(seen.add(key));
    for (const d of context.diagnostics) {
      if (d.source !== SOURCE) continue;
      const ruleId = codeValue(d.code);
      if (!ruleId) continue;
      const finding = originalFinding(this.collection, doc.uri, d);
      if (finding?.fix) {
        const a = new vscode.CodeAction(finding.fix.description, vscode.CodeActionKind.QuickFix);
        a.edit = toWorkspaceEdit(doc.uri, finding.fix);
        a.diagnostics = [d];
        a.isPreferred = true;
        fixes.push(a);
      }
      for (const s of finding?.suggestions ?? []) {
        if (!once(`suggest\0${s.description}\0${d.range.start.line}`)) continue;
        const a = new vscode.CodeAction(s.description, vscode.CodeActionKind.QuickFix);
        a.edit = toWorkspaceEdit(doc.uri, s);
        a.diagnostics = [d];
        fixes.push(a);
      }
      if (finding?.fix && once(`fixall\0${ruleId}`)) {
        const { edit, count } = fixAllEdit(this.collection, doc, ruleId);
        if (count > 1) {
          const a = new vscode.CodeAction(`Fix all ${ruleId} problems in this file (${count})`, vscode.CodeActionKind.QuickFix);
          a.edit = edit;
          perRule.push(a);
        }
      }
      if (core.canSuppress(ruleId) && marker) {
        if (once(`line\0${ruleId}\0${d.range.start.line}`)) {
          const a = new vscode.CodeAction(`Suppress ${ruleId} on this line…`, vscode.CodeActionKind.QuickFix);
          a.diagnostics = [d];
          a.command = { command: SUPPRESS_WITH_REASON, title: 'Suppress with reason…', arguments: [doc.uri, d.range.start.line, ruleId] };
          perRule.push(a);
        }
        if (once(`file\0${ruleId}`)) {
          const a = new vscode.CodeAction(`Suppress ${ruleId} in this file…`, vscode.CodeActionKind.QuickFix);
          a.diagnostics = [d];
          a.command = { command: CommandId.SuppressInFile, title: 'Suppress in this file…', arguments: [doc.uri, ruleId] };
          perRule.push(a);
        }
      }
      if (once(`docs\0${ruleId}`)) {
        const a = new vscode.CodeAction(`Show documentation for ${ruleId}`, vscode.CodeActionKind.QuickFix);
        a.command = { command: CommandId.ShowRuleDocs, title: 'Show rule documentation', arguments: [ruleId] };
        perRule.push(a);
      }
    }
    return [...fixes, ...perRule];
  }
}

/** The LambdaShift diagnostic under the cursor, for the command run without arguments (keybinding). */
function diagnosticAtCursor(collection: vscode.DiagnosticCollection): { uri: vscode.Uri; line: number; ruleId: string } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const pos = editor.selection.active;
  const d = (collection.get(editor.document.uri) ?? []).find((x) => x.range.contains(pos) || x.range.start.line === pos.line);
  const ruleId = d && codeValue(d.code);
  return d && ruleId ? { uri: editor.document.uri, line: d.range.start.line, ruleId } : undefined;
}

/**
 * Asks for a reason and inserts `// lambdashift-ignore-next-line <id> -- <reason>` (or `#`) above the line. An empty
 * or cancelled reason changes nothing: a suppression without a reason would only be reported again.
 */
export async function suppressWithReason(
  collection: vscode.DiagnosticCollection,
  uri?: vscode.Uri,
  line?: number,
  ruleId?: string,
  reasonArg?: string,
): Promise<boolean> {
  if (!uri || line === undefined || !ruleId) {
    const here = diagnosticAtCursor(collection);
    if (!here) {
      void vscode.window.showInformationMessage('Place the cursor on a LambdaShift diagnostic to suppress it.');
      return false;
    }
    ({ uri, line, ruleId } = here);
  }
  const reason =
    reasonArg ??
    (await vscode.window.showInputBox({
      title: `Suppress ${ruleId}`,
      prompt: 'Why does this finding not apply here? The reason is kept in the comment for reviewers.',
      placeHolder: 'e.g. only runs in the local dev server',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'A reason is required.'),
    }));
  if (!reason?.trim()) return false;
  const doc = await vscode.workspace.openTextDocument(uri);
  if (line >= doc.lineCount) return false;
  const plan = getCore().planSuppression({
    languageId: doc.languageId,
    fileName: doc.fileName,
    targetLineText: doc.lineAt(line).text,
    previousLineText: line > 0 ? doc.lineAt(line - 1).text : undefined,
    ruleId,
    reason,
    eol: doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
  });
  if (!plan) return false;
  const edit = new vscode.WorkspaceEdit();
  if (plan.kind === 'insert') edit.insert(uri, new vscode.Position(line, 0), plan.text);
  else edit.replace(uri, doc.lineAt(line - 1).range, plan.text);
  return vscode.workspace.applyEdit(edit);
}

/**
 * Asks for a reason and inserts `// lambdashift-ignore-file <id> -- <reason>` (or `#`) at the top of the file. An empty
 * or cancelled reason changes nothing.
 */
export async function suppressInFile(uri?: vscode.Uri, ruleId?: string, reasonArg?: string): Promise<boolean> {
  if (!uri || !ruleId) return false;
  const reason =
    reasonArg ??
    (await vscode.window.showInputBox({
      title: `Suppress ${ruleId} in this file`,
      prompt: 'Why does this rule not apply anywhere in this file? The reason is kept in the comment for reviewers.',
      placeHolder: 'e.g. local development server, never deployed',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'A reason is required.'),
    }));
  if (!reason?.trim()) return false;
  const doc = await vscode.workspace.openTextDocument(uri);
  const plan = getCore().planFileSuppression({
    languageId: doc.languageId,
    fileName: doc.fileName,
    text: doc.getText(),
    ruleId,
    reason,
    eol: doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
  });
  if (!plan) return false;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(plan.line, 0), plan.text);
  return vscode.workspace.applyEdit(edit);
}

/** Registers the quick fixes (fix, suggestions, fix all of a rule, suppressions, rule docs), source.fixAll.lambdashift and the suppress commands. */
export function register(ctx: FeatureContext): void {
  ctx.context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(SELECTOR, new LambdaShiftCodeActions(ctx.collection), {
      providedCodeActionKinds: LambdaShiftCodeActions.kinds,
    }),
    vscode.commands.registerCommand(SUPPRESS_WITH_REASON, (uri?: vscode.Uri, line?: number, ruleId?: string, reason?: string) =>
      suppressWithReason(ctx.collection, uri, line, ruleId, reason),
    ),
    vscode.commands.registerCommand(CommandId.SuppressInFile, (uri?: vscode.Uri, ruleId?: string, reason?: string) => suppressInFile(uri, ruleId, reason)),
  );
}
