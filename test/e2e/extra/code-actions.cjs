// Real-editor checks for quick fixes, suggestions, suppression and the grammar. Runs inside the extension host.
const fs = require('fs');

module.exports.run = async function ({ vscode, test, waitForDiagnostics, ws, assert }) {
  const file = vscode.Uri.joinPath(ws, 'orders-sam/src/handlers/quickfix-check.ts');
  fs.writeFileSync(
    file.fsPath,
    [
      "import express from 'express';",
      'const app = express();',
      'export const handler = async (event: { id: string }) => {',
      "  fetch('https://example.com/ping');",
      '  return event.id;',
      '};',
      'app.listen(3000);',
      '',
    ].join('\n'),
  );
  const doc = await vscode.workspace.openTextDocument(file);
  await vscode.window.showTextDocument(doc);
  const has = (id) => (d) => d.some((x) => x.code && x.code.value === id);
  const actionsFor = async (id) => {
    const diags = await waitForDiagnostics(file, has(id));
    const d = diags.find((x) => x.code.value === id);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', file, d.range);
    return {
      d,
      actions: actions.filter(
        (a) => (a.diagnostics || []).some((x) => x.code && x.code.value === id) || /lambdashift|Suppress|serverless-http|Await/.test(a.title),
      ),
    };
  };

  await test('code actions: the finding fix is a preferred quick fix with a working edit', async () => {
    const { actions } = await actionsFor('handler/background-work');
    const fix = actions.find((a) => /^Await/.test(a.title));
    assert.ok(fix, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(fix.edit, 'the fix carries an edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(3).text, "  await fetch('https://example.com/ping');");
    await waitForDiagnostics(file, (d) => !has('handler/background-work')(d));
  });

  await test('code actions: suggestions are offered and not preferred', async () => {
    const { actions } = await actionsFor('handler/listening-server');
    const s = actions.find((a) => /serverless-http/.test(a.title));
    assert.ok(s, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(!s.isPreferred);
    assert.ok(s.edit);
  });

  await test('code actions: "Suppress with reason…" runs the command, which inserts an indented directive', async () => {
    const { d, actions } = await actionsFor('handler/listening-server');
    const sup = actions.find((a) => /^Suppress handler\/listening-server/.test(a.title));
    assert.ok(sup && sup.command, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(sup.command.command, 'lambdashift.suppressWithReason');
    // Empty reason: nothing happens.
    assert.equal(await vscode.commands.executeCommand(sup.command.command, ...sup.command.arguments, '   '), false);
    assert.equal(doc.lineAt(d.range.start.line).text, 'app.listen(3000);');
    assert.equal(await vscode.commands.executeCommand(sup.command.command, ...sup.command.arguments, 'local dev only'), true);
    assert.equal(doc.lineAt(d.range.start.line).text, '// lambdashift-ignore-next-line handler/listening-server -- local dev only');
    await waitForDiagnostics(file, (x) => !has('handler/listening-server')(x));
  });

  await test('code actions: a YAML finding gets a # suppression', async () => {
    const uri = vscode.Uri.joinPath(ws, 'orders-sam/template.yaml');
    const ydoc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(ydoc);
    const diags = await waitForDiagnostics(uri, has('iac/timeout-limit'));
    const d = diags.find((x) => x.code.value === 'iac/timeout-limit');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range);
    const sup = actions.find((a) => /^Suppress iac\/timeout-limit/.test(a.title));
    assert.ok(sup, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    const line = d.range.start.line;
    const indent = /^\s*/.exec(ydoc.lineAt(line).text)[0];
    assert.equal(await vscode.commands.executeCommand(sup.command.command, ...sup.command.arguments, 'moving to a Job'), true);
    assert.equal(ydoc.lineAt(line).text, `${indent}# lambdashift-ignore-next-line iac/timeout-limit -- moving to a Job`);
    await waitForDiagnostics(uri, (x) => !x.some((y) => y.code && y.code.value === 'iac/timeout-limit' && y.range.start.line === line + 1));
    // Leave the template as it was: the UI checks that run later look for this finding.
    await vscode.window.showTextDocument(ydoc);
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(uri, has('iac/timeout-limit'));
  });

  await test('grammar: the injection grammar is contributed', async () => {
    const ext = vscode.extensions.all.find((e) => e.id.toLowerCase() === 'lambdashift.lambdashift');
    const g = ext.packageJSON.contributes.grammars.find((x) => x.scopeName === 'lambdashift.suppression.injection');
    assert.ok(g);
    assert.ok(fs.existsSync(require('path').join(ext.extensionPath, g.path)), 'grammar file is packaged');
  });
};
