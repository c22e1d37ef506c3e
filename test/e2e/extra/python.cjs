// Real-editor check for Python analysis: the tree-sitter parser loads inside the extension host on first use.
module.exports.run = async function ({ vscode, test, waitForDiagnostics, ws, assert }) {
  await test('a Python handler gets its diagnostics (web-tree-sitter loaded lazily in the extension host)', async () => {
    const uri = vscode.Uri.joinPath(ws, 'billing-terraform/src/invoices.py');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diags = await waitForDiagnostics(uri, (d) => d.some((x) => x.code && x.code.value === 'python/runtime-coupling'));
    const d = diags.find((x) => x.code.value === 'python/runtime-coupling');
    assert.equal(doc.lineAt(d.range.start.line).text.includes('context.aws_request_id'), true);
    assert.deepEqual(
      diags.map((x) => x.code.value),
      ['python/runtime-coupling'],
      'no other findings on a well-written handler',
    );
  });
};
