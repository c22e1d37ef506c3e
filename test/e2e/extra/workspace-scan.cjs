// Assess Workspace in the editor runs the CLI's engine: .gitignore is honoured, a re-scan answered from the cache
// gives the same assessment, and unsaved editor text is what gets analysed, without leaking into the cache.
const fs = require('fs');
const path = require('path');

/** The assessment without its timing. */
const stable = (r) => JSON.stringify({ ...r, stats: { ...r.stats, ms: 0 } });

exports.run = async ({ vscode, test, waitForDiagnostics, ws, assert }) => {
  await test('Assess Workspace honours .gitignore and gives the same assessment again from its cache', async () => {
    const root = ws.fsPath;
    const ignoredDir = path.join(root, 'scratch-ignored');
    fs.mkdirSync(ignoredDir, { recursive: true });
    fs.writeFileSync(path.join(ignoredDir, 'server.js'), "const http = require('http');\nhttp.createServer(() => {}).listen(8080);\n");
    fs.writeFileSync(path.join(root, '.gitignore'), 'scratch-ignored/\n');
    const visibleDir = path.join(root, 'scratch-visible');
    fs.mkdirSync(visibleDir, { recursive: true });
    fs.writeFileSync(path.join(visibleDir, 'server.js'), "const http = require('http');\nhttp.createServer(() => {}).listen(8080);\n");
    try {
      const first = await vscode.commands.executeCommand('lambdashift.assessWorkspace');
      assert.ok(
        first.findings.some((f) => f.file === 'scratch-visible/server.js' && f.ruleId === 'handler/listening-server'),
        'the same file outside the ignored folder is analysed',
      );
      assert.ok(!first.findings.some((f) => f.file.startsWith('scratch-ignored/')), 'files under a .gitignore entry are not analysed');
      await waitForDiagnostics(vscode.Uri.file(path.join(visibleDir, 'server.js')), (d) =>
        d.some((x) => x.code && x.code.value === 'handler/listening-server'),
      );
      const again = await vscode.commands.executeCommand('lambdashift.assessWorkspace');
      assert.equal(stable(again), stable(first));
    } finally {
      fs.rmSync(ignoredDir, { recursive: true, force: true });
      fs.rmSync(visibleDir, { recursive: true, force: true });
      fs.rmSync(path.join(root, '.gitignore'), { force: true });
    }
    // The file that was scanned and then deleted loses its diagnostics on the next scan.
    const gone = vscode.Uri.file(path.join(visibleDir, 'server.js'));
    await vscode.commands.executeCommand('lambdashift.assessWorkspace');
    await waitForDiagnostics(gone, (d) => d.length === 0);
  });

  await test('Assess Workspace analyses a larger workspace on worker threads inside the extension host', async () => {
    const os = require('os');
    const ext = vscode.extensions.all.find((e) => e.id.toLowerCase() === 'lambdashift.lambdashift');
    // The extension's own instance of its scan engine (same file, same module), to read what the last scan did.
    const scanner = require(path.join(ext.extensionPath, 'dist', 'scanner.js'));
    const dir = path.join(ws.fsPath, 'scratch-many');
    fs.mkdirSync(dir, { recursive: true });
    // More files than the engine's threshold for starting threads (48).
    for (let i = 0; i < 60; i++)
      fs.writeFileSync(path.join(dir, `h${i}.js`), `setInterval(() => undefined, ${1000 + i});\nexports.handler = async () => ${i};\n`);
    try {
      const result = await vscode.commands.executeCommand('lambdashift.assessWorkspace');
      const stats = scanner.lastScanStats();
      const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
      assert.ok(stats.analysed >= 60, `files analysed (not from the cache): ${stats.analysed}`);
      // Every analysis came back from a thread (a thread that fails to start or dies falls back to this one).
      if (cores > 1) assert.equal(stats.threaded, stats.analysed, `threads: ${stats.workers}, analyses from threads: ${stats.threaded} of ${stats.analysed}`);
      const found = new Set(result.findings.filter((f) => f.file.startsWith('scratch-many/') && f.ruleId === 'handler/background-work').map((f) => f.file));
      assert.equal(found.size, 60, 'every file analysed on a thread reports its setInterval');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  await test('Assess Workspace analyses the unsaved text of an open document, and the saved file again once reverted', async () => {
    const uri = vscode.Uri.joinPath(ws, 'orders-sam/src/handlers/nightly-cleanup.ts');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    // The line the edit below adds (1-based): one past the current last line.
    const added = doc.lineCount + 1;
    // A to-kubernetes finding: the file is NightlyCleanupFunction's code, which direction auto assesses for Kubernetes.
    const isTicker = (f) => f.file === 'orders-sam/src/handlers/nightly-cleanup.ts' && f.ruleId === 'handler/runtime-coupling' && f.line === added;
    const before = await vscode.commands.executeCommand('lambdashift.assessWorkspace');
    assert.ok(!before.findings.some(isTicker));
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, '\nconsole.log(process.env.AWS_LAMBDA_FUNCTION_NAME);'));
    assert.ok(doc.isDirty);
    const dirty = await vscode.commands.executeCommand('lambdashift.assessWorkspace');
    assert.ok(dirty.findings.some(isTicker), 'the unsaved line is found where it was typed');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.ok(!doc.isDirty);
    const reverted = await vscode.commands.executeCommand('lambdashift.assessWorkspace');
    // The assessment itself must match; stats only count work (a file analysed in-process instead of from the cache).
    const assessment = (r) => JSON.stringify({ findings: r.findings, units: r.units, errors: r.errors });
    const changed = ['findings', 'units', 'errors', 'stats'].filter((k) =>
      JSON.stringify(reverted[k]) !== JSON.stringify(before[k]) && k !== 'stats' ? true : k === 'stats' && reverted.stats.files !== before.stats.files,
    );
    assert.equal(
      assessment(reverted),
      assessment(before),
      `after reverting, the scan matches the saved file (the unsaved text never reached the cache); differs in: ${changed.join(', ')}`,
    );
  });
};
