import type * as vscode from 'vscode';
import type { FileAnalysis } from '../../core/types';
import type { WorkspaceScan } from '../workspaceScan';

/** What extension.ts hands each feature's register(): shared services, no feature-to-feature imports. */
export interface FeatureContext {
  context: vscode.ExtensionContext;
  collection: vscode.DiagnosticCollection;
  /** Runs (or re-runs) the workspace assessment with progress; fills the Problems panel. */
  assessWorkspace(): Promise<WorkspaceScan | undefined>;
  /** The last completed workspace scan, if any. */
  lastScan(): WorkspaceScan | undefined;
  /** The analysis of an open document's current version (shared with the diagnostics: parsed once per edit). */
  analysisOf(doc: vscode.TextDocument): FileAnalysis;
  /** Fires after every completed workspace scan. */
  onDidScan: vscode.Event<WorkspaceScan>;
  /** Fires true when a workspace scan starts and false when it ends (completed, cancelled or failed). */
  onDidChangeScanning: vscode.Event<boolean>;
}
