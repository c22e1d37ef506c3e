// Real-editor checks for #19 (the editor at size): the direction setting, one finding per shared setting with its
// upgrade, unit identity in CodeLens, rule docs in the Markdown preview, fix-all and suppress-in-file quick fixes.
// Runs inside the extension host on a 300-function workspace generated here (test/e2e/fleet300.cjs), removed after.
const fs = require('fs');
const path = require('path');
const fleet = require('../fleet300.cjs');

module.exports.run = async function ({ vscode, test, waitForDiagnostics, ws, assert }) {
  const root = path.join(ws.fsPath, 'fleet300');
  fleet.writeFleet(root);
  const cfg = () => vscode.workspace.getConfiguration('lambdashift');
  const inFleet = (uri) => uri.fsPath.startsWith(root + path.sep);
  const fleetCount = () =>
    vscode.languages.getDiagnostics().reduce((n, [uri, ds]) => n + (inFleet(uri) ? ds.filter((d) => d.source === 'LambdaShift').length : 0), 0);
  /** Resolves when the fleet's diagnostics number `want`, checked on every onDidChangeDiagnostics event. */
  const untilFleetCount = (want, timeoutMs = 180000) =>
    new Promise((resolve, reject) => {
      const done = () => {
        if (fleetCount() !== want) return false;
        sub.dispose();
        clearTimeout(timer);
        resolve();
        return true;
      };
      const sub = vscode.languages.onDidChangeDiagnostics(() => done());
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`the fleet has ${fleetCount()} LambdaShift diagnostics, not ${want}`));
      }, timeoutMs);
      done();
    });
  const svc = (n, file) => vscode.Uri.file(path.join(root, 'services', `svc${String(n).padStart(2, '0')}`, file));
  const has = (id) => (d) => d.some((x) => x.code && x.code.value === id);
  const actionsAt = async (uri, d) => (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range)) || [];

  // Close-all asks whether to save a modified editor and waits for an answer no test gives: revert them first.
  const revertDirty = async () => {
    for (const d of vscode.workspace.textDocuments.filter((x) => x.isDirty && x.uri.scheme === 'file')) {
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  };

  await test('direction auto: the 300-function workspace shows exactly the diagnostics worked out by hand', async () => {
    const result = await vscode.commands.executeCommand('lambdashift.assessWorkspace');
    assert.equal(result.units.filter((u) => u.file.startsWith('fleet300/')).length, fleet.EXPECTED.units);
    assert.equal(fleetCount(), fleet.EXPECTED.auto);
    assert.equal(
      result.findings.filter((f) => f.file.startsWith('fleet300/')).length,
      fleet.EXPECTED.auto,
      'the assessment counts what the Problems panel shows',
    );
  });

  await test('direction: changing the setting re-assesses (both, to-lambda, to-kubernetes), and back to auto', async () => {
    try {
      for (const [value, want] of [
        ['both', fleet.EXPECTED.both],
        ['to-lambda', fleet.EXPECTED.toLambda],
        ['to-kubernetes', fleet.EXPECTED.toKubernetes],
      ]) {
        await cfg().update('direction', value, vscode.ConfigurationTarget.Workspace);
        await untilFleetCount(want);
      }
    } finally {
      await cfg().update('direction', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await untilFleetCount(fleet.EXPECTED.auto);
  });

  await test('direction: lambdashift.yaml sets it when the setting does not', async () => {
    const file = path.join(ws.fsPath, 'lambdashift.yaml');
    fs.writeFileSync(file, 'direction: to-lambda\n');
    try {
      await untilFleetCount(fleet.EXPECTED.toLambda);
    } finally {
      fs.rmSync(file, { force: true });
    }
    await untilFleetCount(fleet.EXPECTED.auto);
  });

  await test('one finding per shared runtime: one diagnostic naming all 30 functions, one Suppress entry, an upgrade quick fix', async () => {
    const uri = svc(0, 'serverless.yml');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.all.find((e) => e.id.toLowerCase() === 'lambdashift.lambdashift');
    const diags = await waitForDiagnostics(uri, has('iac/deprecated-runtime')).catch((e) => {
      const scan = ext.exports.lastScan();
      const core = require(path.join(ext.extensionPath, 'dist', 'analyzer.js'));
      const a = core.analyzeFile(doc.getText(), 'fleet300/services/svc00/serverless.yml', { today: new Date().toISOString().slice(0, 10) });
      throw new Error(
        `${e.message}\nscan: ${JSON.stringify(scan && scan.result.findings.filter((f) => f.file.endsWith('svc00/serverless.yml')).map((f) => f.ruleId))}\nanalysis: ${JSON.stringify(a.findings.map((f) => f.ruleId))} live: ${JSON.stringify(core.documentFindings(a, scan && scan.fileJoins.get(uri.toString()), 'auto').map((f) => f.ruleId))} direction: ${vscode.workspace.getConfiguration('lambdashift').inspect('direction').workspaceValue}`,
      );
    });
    const runtime = diags.filter((x) => x.code.value === 'iac/deprecated-runtime');
    assert.equal(runtime.length, 1);
    const d = runtime[0];
    assert.equal(doc.lineAt(d.range.start.line).text, '  runtime: nodejs18.x');
    assert.match(d.message, /^nodejs18\.x, the runtime of the 30 functions set here \(fn00, fn01, .* and 10 more\)/);
    assert.doesNotMatch(d.message, /a supported runtime \(a supported runtime\)/);
    assert.equal((d.relatedInformation || []).length, 30, 'every function is listed in the related information');
    const actions = await actionsAt(uri, d);
    const titles = actions.map((a) => a.title);
    assert.equal(titles.filter((t) => t === 'Suppress iac/deprecated-runtime on this line…').length, 1, titles.join(' | '));
    const upgrade = actions.find((a) => a.title === 'Upgrade the runtime to nodejs24.x');
    assert.ok(upgrade && upgrade.edit, titles.join(' | '));
    assert.ok(await vscode.workspace.applyEdit(upgrade.edit));
    assert.equal(doc.lineAt(d.range.start.line).text, '  runtime: nodejs24.x');
    await waitForDiagnostics(uri, (x) => !has('iac/deprecated-runtime')(x));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitForDiagnostics(uri, has('iac/deprecated-runtime'));
  });

  await test('unit identity: fn00 in every folder shows its own single blocker, and its CodeLens reveals it in the tree', async () => {
    await vscode.commands.executeCommand('lambdashift.assessWorkspace');
    for (const n of [0, 3, 9]) {
      const uri = svc(n, 'serverless.yml');
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const lenses = ((await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri, 100)) || []).filter((l) => l.command);
      const line = doc.getText().split('\n').indexOf('  fn00:');
      const lens = lenses.find((l) => l.range.start.line === line && l.command.command === 'lambdashift.revealUnit');
      assert.ok(lens, JSON.stringify(lenses.map((l) => [l.range.start.line, l.command.title])));
      assert.match(lens.command.title, / — 1 blocker(:|$)/, lens.command.title);
      assert.deepEqual(lens.command.arguments, [`fleet300/services/svc${String(n).padStart(2, '0')}/serverless.yml#fn00`]);
      assert.equal(await vscode.commands.executeCommand(lens.command.command, ...lens.command.arguments), true);
    }
  });

  const previewTab = (name) =>
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType) && t.label.includes(name));
  const untilTab = (pred, what) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const t = pred();
        if (!t) return;
        sub.dispose();
        clearTimeout(timer);
        resolve(t);
      };
      const sub = vscode.window.tabGroups.onDidChangeTabs(check);
      const timer = setTimeout(() => {
        sub.dispose();
        reject(
          new Error(
            `timed out waiting for ${what}; tabs: ${vscode.window.tabGroups.all
              .flatMap((g) => g.tabs)
              .map((t) => t.label)
              .join(', ')}`,
          ),
        );
      }, 30000);
      check();
    });

  await test('rule docs: the code link is the bundled page, and Show documentation opens it in the Markdown preview', async () => {
    const ext = vscode.extensions.all.find((e) => e.id.toLowerCase() === 'lambdashift.lambdashift');
    const uri = svc(1, 'serverless.yml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const d = (await waitForDiagnostics(uri, has('iac/deprecated-runtime'))).find((x) => x.code.value === 'iac/deprecated-runtime');
    const target = d.code.target;
    assert.equal(target.scheme, 'file');
    assert.equal(target.fsPath, path.join(ext.extensionPath, 'docs', 'rules', 'iac-deprecated-runtime.md'));
    assert.ok(fs.existsSync(target.fsPath), 'the page ships in the .vsix');
    const show = (await actionsAt(uri, d)).find((a) => a.title === 'Show documentation for iac/deprecated-runtime');
    assert.ok(show && show.command);
    await vscode.commands.executeCommand(show.command.command, ...show.command.arguments);
    await untilTab(() => previewTab('iac-deprecated-runtime'), 'the rule page in the Markdown preview');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    // The Problems panel opens the code link as a plain editor: it is handed over to the preview, the text tab closed.
    await vscode.commands.executeCommand('vscode.open', target);
    await untilTab(() => previewTab('iac-deprecated-runtime'), 'the code link handed over to the preview');
    await untilTab(
      () =>
        !vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputText && t.input.uri.fsPath === target.fsPath) && true,
      'the raw page to close',
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  await test('quick fixes: fix all of a rule in the file, source.fixAll.lambdashift, suppress in this file', async () => {
    const uri = vscode.Uri.file(path.join(root, 'fixme.ts'));
    fs.writeFileSync(
      uri.fsPath,
      "export const handler = async () => {\n  fetch('https://example.com/a');\n  fetch('https://example.com/b');\n  return 1;\n};\n",
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diags = await waitForDiagnostics(uri, (d) => d.filter((x) => x.code && x.code.value === 'handler/background-work').length === 2);
    const first = diags.find((x) => x.code.value === 'handler/background-work');
    const actions = await actionsAt(uri, first);
    const titles = actions.map((a) => a.title);
    const all = actions.find((a) => a.title === 'Fix all handler/background-work problems in this file (2)');
    assert.ok(all && all.edit, titles.join(' | '));
    assert.ok(titles.includes('Suppress handler/background-work in this file…'), titles.join(' | '));
    assert.ok(titles.includes('Show documentation for handler/background-work'), titles.join(' | '));
    assert.ok(await vscode.workspace.applyEdit(all.edit));
    assert.deepEqual([doc.lineAt(1).text, doc.lineAt(2).text], ["  await fetch('https://example.com/a');", "  await fetch('https://example.com/b');"]);
    await waitForDiagnostics(uri, (d) => !has('handler/background-work')(d));
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitForDiagnostics(uri, (d) => d.filter((x) => x.code && x.code.value === 'handler/background-work').length === 2);
    // What Fix All (and editor.codeActionsOnSave) asks for.
    const source =
      (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, doc.lineCount, 0), 'source.fixAll')) || [];
    const fixAll = source.find((a) => a.kind && a.kind.value === 'source.fixAll.lambdashift');
    assert.ok(fixAll && fixAll.edit, source.map((a) => `${a.title} [${a.kind && a.kind.value}]`).join(' | '));
    // Suppress in this file, with a reason.
    assert.equal(await vscode.commands.executeCommand('lambdashift.suppressInFile', uri, 'handler/background-work', 'a test fixture'), true);
    assert.equal(doc.lineAt(0).text, '// lambdashift-ignore-file handler/background-work -- a test fixture');
    await waitForDiagnostics(uri, (d) => !has('handler/background-work')(d));
    // Revert reverts the active editor: make it this one, and check, or a later close-all waits on a save dialog.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(doc.isDirty, false, 'fixme.ts is left unsaved');
  });

  await test('a file that cannot be read is an error of the assessment, with the reason', async () => {
    const bad = path.join(root, 'broken.js');
    fs.writeFileSync(bad, Buffer.from([0x65, 0x78, 0x00, 0x01, 0x02, 0x00, 0xff, 0x00]));
    try {
      const result = await vscode.commands.executeCommand('lambdashift.assessWorkspace');
      const e = result.errors.find((x) => x.file === 'fleet300/broken.js');
      assert.ok(e, JSON.stringify(result.errors));
      assert.match(e.message, /binary/i);
    } finally {
      fs.rmSync(bad, { force: true });
    }
  });

  await test('clean-up: without the fleet, the workspace is assessed as before', async () => {
    await revertDirty();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(root, { recursive: true, force: true });
    await vscode.commands.executeCommand('lambdashift.assessWorkspace');
    assert.equal(fleetCount(), 0);
  });
  // Also when a targeted run (LAMBDASHIFT_E2E_ONLY) skipped the check above: the checks after this file expect the
  // examples alone.
  if (fs.existsSync(root)) {
    await revertDirty();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(root, { recursive: true, force: true });
    await vscode.commands.executeCommand('lambdashift.assessWorkspace');
  }
};
