// For contributors with internet access: downloads VS Code through @vscode/test-electron and runs the same
// extension-host suite as the code-server tests (test/e2e/suite.cjs). CI uses `npm run test:e2e` instead, because
// this machine class cannot reach Microsoft's download service.
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const workspace = path.join(mkdtempSync(path.join(os.tmpdir(), 'lambdashift-electron-')), 'workspace');
cpSync(path.join(root, 'examples'), workspace, { recursive: true });

try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'test/electron/index.cjs'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error(`electron tests failed: ${e?.message ?? e}`);
  process.exit(1);
}
