import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { FileAnalysis, FileJoinRecord, Finding, Severity, Unit } from '../core/types';
import type { JsParseState } from '../core/parsers/typescript';
import { terminalSafe } from '../core/report/terminal';
import { afterAnalysis, getCore } from './core';
import { liveFindings } from './liveFindings';
import { readSettings } from './settings';
import { ConfigSection } from './ids';

export const SOURCE = 'LambdaShift';
const DEBOUNCE_MS = 250;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Findings keep their contract shape on the diagnostic so code actions can read fixes back. */
export interface LambdaShiftDiagnostic extends vscode.Diagnostic {
  finding?: Finding;
}

/**
 * For a finding about several units (a runtime set once for many functions): each unit's declaration, so the hover and
 * the Problems panel list every function the one finding is about.
 */
export function relatedUnits(
  f: Finding,
  uri: vscode.Uri,
  unitsInFile: readonly Pick<Unit, 'name' | 'line'>[],
): vscode.DiagnosticRelatedInformation[] | undefined {
  if (!f.units || f.units.length < 2) return undefined;
  const line = new Map(unitsInFile.map((u) => [u.name, u.line]));
  return f.units.map((name) => {
    const at = Math.max(0, (line.get(name) ?? f.line) - 1);
    return new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, new vscode.Range(at, 0, at, 0)), `affects function ${terminalSafe(name)}`);
  });
}

let docsRoot: vscode.Uri | undefined;
/** Where the bundled rule pages are (the extension's docs/rules); set at activation. */
export function setDocsRoot(root: vscode.Uri): void {
  docsRoot = root;
}

/** The rule's page: the copy bundled with the extension when there is one, else the web page. */
export function ruleDocsTarget(ruleId: string): vscode.Uri {
  const name = `${ruleId.replace('/', '-')}.md`;
  if (docsRoot?.scheme === 'file' && existsSync(path.join(docsRoot.fsPath, name))) return vscode.Uri.joinPath(docsRoot, name);
  return vscode.Uri.parse(getCore().docsUrl(ruleId));
}

export function toDiagnostic(f: Finding, doc?: vscode.TextDocument, related?: vscode.DiagnosticRelatedInformation[]): LambdaShiftDiagnostic {
  const range =
    doc && f.range
      ? new vscode.Range(doc.positionAt(f.range[0]), doc.positionAt(Math.max(f.range[1], f.range[0])))
      : new vscode.Range(f.line - 1, f.column - 1, f.endLine - 1, f.endColumn - 1);
  const d: LambdaShiftDiagnostic = new vscode.Diagnostic(range, terminalSafe(f.message), SEVERITY[f.severity]);
  d.source = SOURCE;
  d.code = { value: f.ruleId, target: ruleDocsTarget(f.ruleId) };
  if (related) d.relatedInformation = related;
  d.finding = f;
  return d;
}

const ANALYSED_LANGUAGES = new Set([
  'javascript',
  'typescript',
  'javascriptreact',
  'typescriptreact',
  'yaml',
  'json',
  'jsonc',
  'terraform',
  'python',
  'go',
  'java',
  'csharp',
  'hcl',
]);

/** Languages parsed with tree-sitter, whose grammar loads (asynchronously, once) on the first such document. */
const TREE_SITTER_KINDS: Record<string, 'python' | 'go' | 'java' | 'csharp'> = { python: 'python', go: 'go', java: 'java', csharp: 'csharp' };
const TREE_SITTER_EXT: Record<string, 'python' | 'go' | 'java' | 'csharp'> = { '.py': 'python', '.go': 'go', '.java': 'java', '.cs': 'csharp' };

function treeSitterKind(doc: vscode.TextDocument): 'python' | 'go' | 'java' | 'csharp' | undefined {
  return TREE_SITTER_KINDS[doc.languageId] ?? TREE_SITTER_EXT[/\.[a-z]+$/i.exec(doc.fileName)?.[0].toLowerCase() ?? ''];
}

/**
 * Per-document analysis: debounced on change, immediate on open/save. Results are keyed by document version, so a
 * result computed for an older version is dropped, and an unchanged version is never analysed twice.
 */
export class DocumentDiagnostics implements vscode.Disposable {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly analysedVersion = new Map<string, number>();
  /** The last analysis of each open document, by version: shared with CodeLens so a document is parsed once per edit. */
  private readonly latest = new Map<string, { version: number; analysis: FileAnalysis }>();
  /** Per open document, what lets the next analysis re-parse only what an edit changed (see parseJsIncremental). */
  private readonly parseStates = new Map<string, JsParseState>();
  private readonly disposables: vscode.Disposable[] = [];

  /**
   * @param fileJoin what the last workspace assessment found about a document (its units, undefined before one): an
   * open document's findings are finalised by the same core step as the scan's (timeouts, main blocks, direction).
   */
  constructor(
    readonly collection: vscode.DiagnosticCollection,
    private readonly fileJoin: (uri: vscode.Uri) => FileJoinRecord | undefined = () => undefined,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidSaveTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(ConfigSection)) this.refreshAll();
      }),
    );
  }

  /** Analyse what is open now (called once after activation, off the activation path). */
  refreshAll(): void {
    this.analysedVersion.clear();
    this.latest.clear();
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  /** Shows the open documents' analyses again (kept per version) after what filters them changed: a scan's owners. */
  reapply(): void {
    this.analysedVersion.clear();
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  schedule(doc: vscode.TextDocument, delay: number): void {
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled' && doc.uri.scheme !== 'vscode-remote') return;
    if (!ANALYSED_LANGUAGES.has(doc.languageId) && !/\.(tf|ya?ml|py|go|java|cs|template)$/.test(doc.fileName)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        // tree-sitter (Python, Go, Java, C#) starts asynchronously, once per language; a failed load shows up as the
        // file's analysis error.
        // A template whose functions are written inline in Python has that code read too: core says which parsers.
        const core = getCore();
        const template = /\.(ya?ml|template)$/i.test(doc.fileName);
        const kind = treeSitterKind(doc) ?? (template ? core.detectKind(doc.fileName, doc.getText()) : undefined);
        if (kind)
          void core
            .ensureParsers(kind, doc.getText())
            .catch(() => undefined)
            .then(() => this.analyse(doc));
        else this.analyse(doc);
      }, delay),
    );
  }

  private analyse(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    if (doc.isClosed) return;
    const settings = readSettings(doc.uri);
    if (!settings.enable || settings.isExcluded(doc.uri)) {
      this.collection.delete(doc.uri);
      return;
    }
    // A document VS Code still holds for a file deleted since (closed editors linger): nothing to show for it.
    if (doc.uri.scheme === 'file' && !doc.isDirty && !existsSync(doc.uri.fsPath)) {
      this.collection.delete(doc.uri);
      return;
    }
    const version = doc.version;
    if (this.analysedVersion.get(key) === version) return;
    const analysis = this.analysisOf(doc);
    // The document may have moved on while we worked (a later change event re-schedules it).
    if (doc.version !== version || doc.isClosed) return;
    this.analysedVersion.set(key, version);
    const findings = liveFindings(getCore(), analysis, this.fileJoin(doc.uri), settings.direction);
    this.collection.set(
      doc.uri,
      findings.map((f) => toDiagnostic(f, doc, relatedUnits(f, doc.uri, analysis.units))),
    );
    afterAnalysis();
  }

  /** The analysis of the document's current version, computed at most once per version. */
  analysisOf(doc: vscode.TextDocument): FileAnalysis {
    const key = doc.uri.toString();
    const hit = this.latest.get(key);
    if (hit && hit.version === doc.version) return hit.analysis;
    // One parse state per open document: an edit re-parses only the top-level statements it touched.
    let parseState = this.parseStates.get(key);
    if (!parseState) this.parseStates.set(key, (parseState = {}));
    const analysis = getCore().analyzeFile(
      doc.getText(),
      vscode.workspace.asRelativePath(doc.uri, false),
      readSettings(doc.uri).options,
      undefined,
      parseState,
    );
    this.latest.set(key, { version: doc.version, analysis });
    return analysis;
  }

  private forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.analysedVersion.delete(key);
    this.latest.delete(key);
    this.parseStates.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
