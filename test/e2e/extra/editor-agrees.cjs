// The editor and the CLI say the same thing for the same text (#18): an open document's diagnostics are finalised with
// what the last Assess Workspace found about the file (its function's timeout), so typing after a scan shows what the
// scan showed. A 60 s wait is too long for a 30 s function (flagged, naming the timeout) and fits a 120 s one (silent):
// before, the second was flagged while typing, vanished after Assess Workspace and came back on the next keystroke.
const fs = require('fs');
const path = require('path');

const TEMPLATE = [
  "AWSTemplateFormatVersion: '2010-09-09'",
  'Transform: AWS::Serverless-2016-10-31',
  'Resources:',
  ...[
    ['Short', 30],
    ['Long', 120],
  ].flatMap(([name, timeout]) => [
    `  ${name}:`,
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    `      Handler: ${name.toLowerCase()}.handler`,
    '      Runtime: nodejs24.x',
    `      Timeout: ${timeout}`,
  ]),
  '',
].join('\n');
const SLEEP = "export const handler = async () => {\n  await new Promise((resolve) => setTimeout(resolve, 60_000));\n  return 'done';\n};\n";

exports.run = async ({ vscode, test, waitForDiagnostics, ws, assert }) => {
  await test('a 60 s wait: the diagnostics while typing are the workspace scan’s, before and after Assess Workspace', async () => {
    const dir = path.join(ws.fsPath, 'scratch-timeouts');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'template.yaml'), TEMPLATE);
    fs.writeFileSync(path.join(dir, 'short.ts'), SLEEP);
    fs.writeFileSync(path.join(dir, 'long.ts'), SLEEP);
    const short = vscode.Uri.file(path.join(dir, 'short.ts'));
    const long = vscode.Uri.file(path.join(dir, 'long.ts'));
    const cfg = vscode.workspace.getConfiguration('lambdashift');
    // The wait is a finding for a move to Lambda: code that already runs on Lambda shows it with direction both.
    await cfg.update('direction', 'both', vscode.ConfigurationTarget.Workspace);
    const id = (x) => x.code && x.code.value;
    const rows = (diags) => diags.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${id(d)} ${d.message}`).sort();
    const scanRows = (result, rel) =>
      result.findings
        .filter((f) => f.file === rel)
        .map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`)
        .sort();
    const typeLine = async (uri) => {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      // A finding of its own, so the re-analysis of this keystroke is what the wait below sees.
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'setInterval(() => undefined, 1000);\n'));
      return waitForDiagnostics(uri, (d) => d.some((x) => id(x) === 'handler/background-work'));
    };
    try {
      for (const uri of [short, long]) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
      const scanned = await vscode.commands.executeCommand('lambdashift.assessWorkspace');
      assert.deepEqual(scanRows(scanned, 'scratch-timeouts/long.ts'), [], 'the CLI path: a 60 s wait fits a 120 s timeout');
      assert.match(scanRows(scanned, 'scratch-timeouts/short.ts').join('\n'), /^2:3 handler\/long-running .*\(Short is configured with a 30 s timeout\.\)$/);
      // After the scan, the open documents show exactly what it found.
      for (const [uri, rel] of [
        [short, 'scratch-timeouts/short.ts'],
        [long, 'scratch-timeouts/long.ts'],
      ]) {
        const want = scanRows(scanned, rel);
        await waitForDiagnostics(uri, (d) => JSON.stringify(rows(d)) === JSON.stringify(want));
      }
      // Typing: each document is analysed again, and still agrees with the scan.
      const typedShort = await typeLine(short);
      const typedLong = await typeLine(long);
      assert.ok(
        !typedLong.some((x) => id(x) === 'handler/long-running'),
        `while typing, the 120 s function's wait stays silent: ${rows(typedLong).join(' | ')}`,
      );
      assert.match(rows(typedShort).join('\n'), /^3:3 handler\/long-running .*\(Short is configured with a 30 s timeout\.\)$/m);
      // The unsaved text assessed again: the same as the editor shows.
      const again = await vscode.commands.executeCommand('lambdashift.assessWorkspace');
      for (const [uri, rel] of [
        [short, 'scratch-timeouts/short.ts'],
        [long, 'scratch-timeouts/long.ts'],
      ]) {
        const want = scanRows(again, rel);
        assert.ok(
          want.some((r) => / handler\/background-work /.test(r)),
          `the scan read the unsaved text of ${rel}`,
        );
        await waitForDiagnostics(uri, (d) => JSON.stringify(rows(d)) === JSON.stringify(want));
      }
    } finally {
      for (const uri of [short, long]) {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
      fs.rmSync(dir, { recursive: true, force: true });
      await cfg.update('direction', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
};
