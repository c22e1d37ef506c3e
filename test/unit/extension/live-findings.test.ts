// The editor and the CLI say the same thing for the same text (#18): an open document's findings are finalised by the
// core step the join uses (src/core/workspace.ts finaliseFindings), with what the last workspace scan knew about the
// file. Each file below is read as the editor reads it (analyzeFile on its text, then src/extension/liveFindings.ts
// with the scan's record of the file) and held against `lambdashift assess --format json` for the same folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import * as core from '../../../src/core/api';
import type { DirectionSetting } from '../../../src/core/direction';
import type { Finding } from '../../../src/core/types';
import { liveFindings } from '../../../src/extension/liveFindings';
import { scanPaths } from '../../../src/node/scan';
import { tempDir } from '../../helpers/tmp';

const sam = (fns: [name: string, handler: string, timeout: number][]) =>
  "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n" +
  fns
    .map(
      ([name, handler, timeout]) =>
        `  ${name}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: ${handler}\n      Runtime: nodejs22.x\n      Timeout: ${timeout}\n`,
    )
    .join('');
const sleep60 = "export const handler = async () => {\n  await new Promise((resolve) => setTimeout(resolve, 60_000));\n  return 'done';\n};\n";

const FILES: Record<string, string> = {
  // The same 60 s wait under a 30 s timeout (too long: flagged, naming the timeout) and under a 120 s one (fits: silent).
  'fns/template.yaml': sam([
    ['Short', 'short.handler', 30],
    ['Long', 'long.handler', 120],
    ['Web', 'web.handler', 30],
  ]),
  'fns/short.ts': sleep60,
  'fns/long.ts': sleep60,
  // Listening on a port is a finding for a move to Lambda: this code already runs on Lambda, so `auto` leaves it out.
  'fns/web.ts': "import http from 'node:http';\nhttp.createServer((q, s) => s.end()).listen(8080);\nexport const handler = async () => 'ok';\n",
  // A workload whose image starts worker.py: its main block runs there; the module it imports has one that never runs.
  'k8s/worker.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\nspec:\n  template:\n    spec:\n      containers:\n        - name: main\n          image: acme/worker:1\n',
  'worker/Dockerfile': 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["python", "worker.py"]\n',
  'worker/worker.py':
    'import threading\nfrom lib import refresh\n\nif __name__ == "__main__":\n    threading.Thread(target=refresh).start()\n    open("state.json", "w").write("{}")\n',
  'worker/lib.py':
    'import time\n\ndef refresh():\n    while True:\n        time.sleep(60)\n\nif __name__ == "__main__":\n    open("debug.log", "w").write("{}")\n',
};
const CODE = Object.keys(FILES)
  .filter((f) => /\.(ts|py)$/.test(f))
  .sort();

const key = (f: Finding) => `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.ruleId} ${f.severity} [${f.unit ?? ''}] ${f.message}`;

let root: string;
before(async () => {
  await core.ensureParser('python');
  root = tempDir('lambdashift-live-');
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
});

function cli(direction: DirectionSetting): Finding[] {
  const r = spawnSync(
    process.execPath,
    [path.resolve(__dirname, '../../../dist/cli.js'), 'assess', '.', '--format', 'json', '--fail-on', 'never', '--no-cache', '--direction', direction],
    { cwd: root, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
}

/** Every code file as the editor shows it after Assess Workspace (the scan the extension runs, then each open document). */
async function editor(direction: DirectionSetting): Promise<Finding[]> {
  const scan = await scanPaths(root, ['.'], { direction });
  return CODE.flatMap((rel) => liveFindings(core, core.analyzeFile(FILES[rel], rel), scan.fileJoins?.[rel], direction));
}

describe('the editor’s diagnostics equal the CLI’s findings for joined code', () => {
  for (const direction of ['auto', 'both'] as const) {
    it(`direction ${direction}`, async () => {
      const fromCli = cli(direction)
        .filter((f) => CODE.includes(f.file))
        .map(key);
      assert.deepEqual((await editor(direction)).map(key), fromCli);
      // What agreeing means here, so the comparison cannot pass on two empty lists.
      const at = (file: string) => fromCli.filter((k) => k.startsWith(`${file}:`)).map((k) => k.replace(/^(\S+?:\d+):\S+ (\S+) \S+ (\[\w*\]).*$/, '$1 $2 $3'));
      // The wait is a finding for a move to Lambda: code already on Lambda shows it only with `both`, then by its timeout.
      assert.deepEqual(at('fns/short.ts'), direction === 'both' ? ['fns/short.ts:2 handler/long-running [Short]'] : []);
      if (direction === 'both') assert.ok(fromCli.some((k) => k.endsWith('(Short is configured with a 30 s timeout.)')));
      assert.deepEqual(at('fns/long.ts'), [], 'a 60 s wait fits a 120 s timeout');
      assert.deepEqual(at('fns/web.ts'), direction === 'both' ? ['fns/web.ts:2 handler/listening-server [Web]'] : []);
      assert.deepEqual(
        at('worker/worker.py'),
        ['worker/worker.py:5 python/threads-or-processes [worker]', 'worker/worker.py:6 python/local-disk-write [worker]'],
        'the main block the image starts',
      );
      assert.deepEqual(at('worker/lib.py'), ['worker/lib.py:4 python/long-running [worker]'], 'not the main block of an imported module');
    });
  }

  it('before any scan an open document has no owner, as a file no unit reaches has none in the CLI', () => {
    const [short] = liveFindings(core, core.analyzeFile(FILES['fns/short.ts'], 'fns/short.ts'), undefined, 'auto');
    // Nothing says which timeout applies: a 60 s wait is within Lambda's 900 s ceiling.
    assert.equal(short, undefined);
    const main = liveFindings(core, core.analyzeFile(FILES['worker/worker.py'], 'worker/worker.py'), undefined, 'auto');
    assert.deepEqual(main, [], 'a main block counts only where an image is known to start the file');
    // The same file with the record the scan keeps for it: the main block's findings, for the workload.
    const record = { owners: [{ kind: 'k8s-workload' as const, name: 'worker', file: 'k8s/worker.yaml', workloadKind: 'Deployment', entry: true as const }] };
    const joined = liveFindings(core, core.analyzeFile(FILES['worker/worker.py'], 'worker/worker.py'), record, 'auto');
    assert.deepEqual(
      joined.map((f) => `${f.line} ${f.ruleId} ${f.unitIds?.join()}`),
      ['5 python/threads-or-processes k8s/worker.yaml#Deployment//worker', '6 python/local-disk-write k8s/worker.yaml#Deployment//worker'],
    );
  });
});
