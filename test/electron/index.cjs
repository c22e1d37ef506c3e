// Entry point for @vscode/test-electron: runs the shared extension-host suite and fails when any test failed.
const fs = require('fs');
const os = require('os');
const path = require('path');

exports.run = async function run() {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lambdashift-results-')), 'results.json');
  process.env.LAMBDASHIFT_E2E_RESULTS = out;
  await require('../e2e/suite.cjs').run();
  const { results } = JSON.parse(fs.readFileSync(out, 'utf8'));
  for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.ok ? '' : `\n     ${r.error}`}`);
  const failed = results.filter((r) => !r.ok);
  if (failed.length) throw new Error(`${failed.length} of ${results.length} editor tests failed`);
};
