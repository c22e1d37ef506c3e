// Real-editor checks for the unit model surfaces: CodeLens above template functions and handler exports.
module.exports.run = async function ({ vscode, test, ws, assert }) {
  const lensTitles = async (uri) => {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri, 100)) || [];
    return lenses
      .filter((l) => l.command)
      .map((l) => ({ line: l.range.start.line + 1, title: l.command.title, command: l.command.command, args: l.command.arguments }));
  };

  await test('CodeLens: each template function shows its timeout, memory and trigger, with Convert…', async () => {
    const uri = vscode.Uri.joinPath(ws, 'orders-sam/template.yaml');
    const lenses = await lensTitles(uri);
    const poller = lenses.find((l) => /^Lambda · 900 s · 1024 MB/.test(l.title));
    assert.ok(poller, `lenses: ${JSON.stringify(lenses.map((l) => l.title))}`);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.lineAt(poller.line - 1).text.trim(), 'ExportPollerFunction:');
    const convert = lenses.find((l) => l.line === poller.line && l.command === 'lambdashift.convertToKubernetes');
    assert.ok(convert, 'a Convert… lens on the same line');
    // By identity: a name can repeat across folders.
    assert.deepEqual(convert.args, ['orders-sam/template.yaml#ExportPollerFunction']);
  });

  await test('CodeLens: a handler export shows the function it belongs to', async () => {
    const uri = vscode.Uri.joinPath(ws, 'orders-sam/src/handlers/export-poller.ts');
    const lenses = await lensTitles(uri);
    assert.ok(
      lenses.some((l) => /^Lambda · 900 s/.test(l.title)),
      `lenses: ${JSON.stringify(lenses.map((l) => l.title))}`,
    );
  });
};
