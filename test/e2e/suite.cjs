// Runs inside the real VS Code extension host (code-server), loaded by the e2e-runner extension.
// Uses the full `vscode` API; waits on events, never on fixed sleeps. Writes results to $LAMBDASHIFT_E2E_RESULTS.
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');
const assert = require('assert');

const results = [];

// LAMBDASHIFT_E2E_ONLY=<regexp>: run only the tests whose names match (the activation check always runs), for a
// targeted run while working on one feature; the full suite runs without it.
const only = process.env.LAMBDASHIFT_E2E_ONLY ? new RegExp(process.env.LAMBDASHIFT_E2E_ONLY) : undefined;

async function test(name, fn) {
  if (only && !only.test(name) && !/installed and activates/.test(name)) return;
  const started = Date.now();
  // One line per check as it starts and ends, so a check that hangs is named even if the suite never finishes.
  const progress = (line) => fs.appendFileSync(`${process.env.LAMBDASHIFT_E2E_RESULTS}.progress`, `${line}\n`);
  progress(`start ${name}`);
  try {
    await fn();
    results.push({ name, ok: true, ms: Date.now() - started });
  } catch (e) {
    results.push({ name, ok: false, ms: Date.now() - started, error: String((e && e.stack) || e) });
  }
  progress(`${results[results.length - 1].ok ? 'ok' : 'FAIL'} ${name} (${Date.now() - started} ms)`);
}

/** Resolves when `predicate(diagnostics)` holds for `uri`, checking on every onDidChangeDiagnostics event. */
function waitForDiagnostics(uri, predicate, timeoutMs = 60000) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const diags = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'LambdaShift');
      if (predicate(diags)) {
        sub.dispose();
        clearTimeout(timer);
        resolve(diags);
        return true;
      }
      return false;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      const got = vscode.languages.getDiagnostics(uri).map((d) => `${d.source}: ${d.message}`);
      reject(new Error(`timed out waiting for diagnostics on ${uri.fsPath}; have: ${JSON.stringify(got)}`));
    }, timeoutMs);
    check();
  });
}

async function run() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const ws = folder.uri;
  const ext = vscode.extensions.all.find((e) => e.id.toLowerCase() === 'lambdashift.lambdashift');

  await test('the LambdaShift extension is installed and activates', async () => {
    assert.ok(ext, 'extension lambdashift.lambdashift is installed');
    await ext.activate();
    assert.ok(ext.isActive);
  });

  await test('a handler that starts an Express server gets a listening-server diagnostic while open', async () => {
    const uri = vscode.Uri.joinPath(ws, 'orders-sam/src/handlers/api.ts');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diags = await waitForDiagnostics(uri, (d) => d.some((x) => x.code && x.code.value === 'handler/listening-server'));
    const d = diags.find((x) => x.code.value === 'handler/listening-server');
    // An HTTP app moves behind an adapter without a redesign, so it is a warning (docs/readiness.md).
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(
      d.range.start.line + 1,
      doc
        .getText()
        .split('\n')
        .findIndex((l) => l.startsWith('app.listen(')) + 1,
    );
    assert.match(String(d.code.target), /docs\/rules\/handler-listening-server\.md$/);
  });

  await test('editing the document re-analyses it; the stale finding disappears', async () => {
    const uri = vscode.Uri.joinPath(ws, 'orders-sam/src/handlers/api.ts');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('app.listen('));
    await editor.edit((b) => b.insert(new vscode.Position(line, 0), '// '));
    await waitForDiagnostics(uri, (d) => !d.some((x) => x.code && x.code.value === 'handler/listening-server'));
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(uri, (d) => d.some((x) => x.code && x.code.value === 'handler/listening-server'));
  });

  await test('a SAM template at the 900 s wall gets a timeout-limit diagnostic', async () => {
    const uri = vscode.Uri.joinPath(ws, 'orders-sam/template.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diags = await waitForDiagnostics(uri, (d) => d.some((x) => x.code && x.code.value === 'iac/timeout-limit'));
    assert.ok(diags.every((x) => x.source === 'LambdaShift'));
  });

  await test('Go, Java and C# documents get diagnostics while open, and // suppressions hold', async () => {
    const code = (d) => d.map((x) => x.code && x.code.value);
    // A Go Lambda function (direction auto: its move to Kubernetes): lambda.Start serves the Runtime API only.
    const go = vscode.Uri.joinPath(ws, 'labels-go/labels/main.go');
    const goDoc = await vscode.workspace.openTextDocument(go);
    await vscode.window.showTextDocument(goDoc);
    const goDiags = await waitForDiagnostics(go, (d) => code(d).includes('go/runtime-coupling'));
    const start = goDiags.find((x) => x.code.value === 'go/runtime-coupling' && /lambda\.Start/.test(x.message));
    assert.ok(start, JSON.stringify(goDiags.map((x) => x.message)));
    assert.equal(
      start.range.start.line,
      goDoc
        .getText()
        .split('\n')
        .findIndex((l) => l.includes('lambda.Start(')),
    );
    assert.match(String(start.code.target), /docs\/rules\/go-runtime-coupling\.md$/);
    // A Spring Boot service run by a Deployment (its move to Lambda): the embedded server and the framework's init.
    const java = vscode.Uri.joinPath(ws, 'catalog-api/src/main/java/com/acme/catalog/CatalogApplication.java');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(java));
    const javaDiags = await waitForDiagnostics(java, (d) => code(d).includes('java/listening-server') && code(d).includes('java/cold-start-import'));
    assert.ok(
      javaDiags.every((x) => String(x.code.value).startsWith('java/')),
      JSON.stringify(code(javaDiags)),
    );
    // A C# ASP.NET Core host that no unit reaches: both moves; the suppressed line stays silent, the other is reported.
    const cs = vscode.Uri.joinPath(ws, 'e2e-dotnet/Program.cs');
    const text = [
      'var app = WebApplication.CreateBuilder(args).Build();',
      '// lambdashift-ignore-next-line csharp/local-disk-write -- a writable volume in the image',
      'File.WriteAllText("/data/ready", "1");',
      'File.WriteAllText("/data/started", "1");',
      'app.Run();',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(cs, Buffer.from(text));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(cs));
    const csDiags = await waitForDiagnostics(cs, (d) => code(d).includes('csharp/listening-server') && code(d).includes('csharp/local-disk-write'));
    const writes = csDiags.filter((x) => x.code.value === 'csharp/local-disk-write');
    assert.deepEqual(
      writes.map((x) => x.range.start.line),
      [3],
    );
    assert.equal(csDiags.find((x) => x.code.value === 'csharp/listening-server').range.start.line, 4);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(ws, 'e2e-dotnet'), { recursive: true });
  });

  await test('Assess Workspace scans every file and fills the Problems panel', async () => {
    const result = await vscode.commands.executeCommand('lambdashift.assessWorkspace');
    assert.ok(result, 'the command returns the assessment');
    assert.equal(result.schemaVersion, 1);
    assert.ok(result.units.length >= 3, `units: ${result.units.length}`);
    // A file that is not open gets diagnostics from the workspace scan.
    const server = vscode.Uri.joinPath(ws, 'inventory-k8s/src/server.ts');
    await waitForDiagnostics(server, (d) => d.some((x) => x.code && x.code.value === 'handler/listening-server'));
  });

  await test('settings: turning a rule off removes its diagnostics', async () => {
    // The inventory service's code (a Kubernetes workload's: direction auto keeps its to-lambda findings), open so it is analysed live.
    const uri = vscode.Uri.joinPath(ws, 'inventory-k8s/src/server.ts');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const cfg = vscode.workspace.getConfiguration('lambdashift');
    await cfg.update('rules', { 'handler/listening-server': 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitForDiagnostics(uri, (d) => !d.some((x) => x.code && x.code.value === 'handler/listening-server'));
    } finally {
      await cfg.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, (d) => d.some((x) => x.code && x.code.value === 'handler/listening-server'));
  });

  // Each capability adds its editor checks as a file in extra/ (same `test` helper, same results file).
  const extraDir = path.join(__dirname, 'extra');
  for (const name of fs
    .readdirSync(extraDir)
    .filter((n) => n.endsWith('.cjs'))
    .sort()) {
    await require(path.join(extraDir, name)).run({ vscode, test, waitForDiagnostics, ws, assert });
  }
}

module.exports.run = async function () {
  const out = process.env.LAMBDASHIFT_E2E_RESULTS;
  try {
    await run();
  } catch (e) {
    results.push({ name: 'suite crashed', ok: false, error: String((e && e.stack) || e) });
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out + '.tmp', JSON.stringify({ vscodeVersion: vscode.version, results }, null, 2));
  fs.renameSync(out + '.tmp', out);
};
