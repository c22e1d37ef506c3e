// The "LambdaShift" output channel: what each workspace scan did, what it skipped and why, what it could not read.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The channel, created on first use (a log line, or Show Log). */
export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('LambdaShift', { log: true });
  return channel;
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
