// The direction setting (#19): auto assesses each unit for the move away from what deploys it today; a fixed direction
// assesses only the units that can make that move; both keeps everything. One filter (src/core/direction.ts), applied
// by the join for the CLI and the workspace scan, and to an open document's findings in the editor.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../src/core/analyze';
import { parseConfig } from '../../src/core/config';
import { keepsFinding, type DirectionSetting } from '../../src/core/direction';
import { buildReportModel } from '../../src/core/report/model';
import { documentFindings, joinAnalyses } from '../../src/core/api';
import { tempDir } from '../helpers/tmp';

const FILES: Record<string, string> = {
  // A SAM function whose code both listens on a port (to-lambda) and reads the Lambda context (to-kubernetes).
  'svc/template.yaml':
    "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      Runtime: nodejs24.x\n      Timeout: 900\n",
  'svc/app.ts':
    "import express from 'express';\nconst app = express();\napp.listen(3000);\nexport const handler = async (event: unknown, context: { getRemainingTimeInMillis(): number }) => context.getRemainingTimeInMillis();\n",
  // A web Deployment with a persistent volume (to-lambda).
  'k8s/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web:1\n          ports:\n            - containerPort: 8080\n          volumeMounts:\n            - name: data\n              mountPath: /data\n      volumes:\n        - name: data\n          persistentVolumeClaim:\n            claimName: data\n',
  // Code no unit reaches: one finding each way.
  'loose/tool.ts':
    'setInterval(() => undefined, 1000);\nexport const handler = async (event: unknown, context: { awsRequestId: string }) => context.awsRequestId;\n',
};

const analyses = () => Object.entries(FILES).map(([f, t]) => analyzeFile(t, f));
const shown = (direction: DirectionSetting) => {
  const r = joinAnalyses({ analyses: analyses(), direction });
  return { units: r.units.map((u) => u.name).sort(), findings: r.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`), result: r };
};

describe('direction', () => {
  it('keepsFinding: auto follows the owners, fixed directions keep their own units, both keeps all', () => {
    const L = 'lambda-function' as const;
    const K = 'k8s-workload' as const;
    const table: [DirectionSetting, 'to-lambda' | 'to-kubernetes' | 'both', ('lambda-function' | 'k8s-workload')[], boolean][] = [
      ['auto', 'to-kubernetes', [L], true],
      ['auto', 'to-lambda', [L], false],
      ['auto', 'to-lambda', [K], true],
      ['auto', 'to-kubernetes', [K], false],
      ['auto', 'both', [L], true],
      ['auto', 'to-lambda', [], true],
      ['auto', 'to-kubernetes', [], true],
      ['auto', 'to-lambda', [L, K], true],
      ['to-lambda', 'to-lambda', [K], true],
      ['to-lambda', 'to-lambda', [L], false],
      ['to-lambda', 'both', [L], false],
      ['to-lambda', 'to-kubernetes', [], false],
      ['to-lambda', 'to-lambda', [], true],
      ['to-kubernetes', 'both', [L], true],
      ['to-kubernetes', 'to-lambda', [L], false],
      ['both', 'to-lambda', [L], true],
      ['both', 'to-kubernetes', [K], true],
    ];
    for (const [setting, dir, owners, want] of table) assert.equal(keepsFinding(setting, dir, owners), want, `${setting} ${dir} [${owners.join(',')}]`);
  });

  it('the join: both keeps every finding; auto drops the Lambda code’s to-lambda finding and keeps unowned code’s', () => {
    const both = shown('both');
    assert.deepEqual(both.units, ['Fn', 'web']);
    assert.deepEqual(both.findings, [
      'k8s/deployment.yaml:12 iac/listening-server',
      'k8s/deployment.yaml:17 iac/stateful-storage',
      'loose/tool.ts:1 handler/background-work',
      'loose/tool.ts:2 handler/runtime-coupling',
      'svc/app.ts:3 handler/listening-server',
      'svc/app.ts:4 handler/runtime-coupling',
      'svc/template.yaml:9 iac/timeout-limit',
    ]);
    const auto = shown('auto');
    assert.deepEqual(auto.units, ['Fn', 'web']);
    assert.deepEqual(
      auto.findings,
      both.findings.filter((f) => f !== 'svc/app.ts:3 handler/listening-server'),
    );
    // Verdicts are unchanged: they only ever counted the unit's own direction.
    assert.deepEqual(
      auto.result.units.map((u) => u.readiness),
      both.result.units.map((u) => u.readiness),
    );
  });

  it('the join: a fixed direction assesses only the units that can make that move', () => {
    const toLambda = shown('to-lambda');
    assert.deepEqual(toLambda.units, ['web']);
    assert.deepEqual(toLambda.findings, [
      'k8s/deployment.yaml:12 iac/listening-server',
      'k8s/deployment.yaml:17 iac/stateful-storage',
      'loose/tool.ts:1 handler/background-work',
    ]);
    const toK8s = shown('to-kubernetes');
    assert.deepEqual(toK8s.units, ['Fn']);
    assert.deepEqual(toK8s.findings, [
      'loose/tool.ts:2 handler/runtime-coupling',
      'svc/app.ts:4 handler/runtime-coupling',
      'svc/template.yaml:9 iac/timeout-limit',
    ]);
  });

  it('the report counts what the join kept, in the summary and in the table', () => {
    const model = buildReportModel(shown('auto').result, { ...parseConfig('').config, direction: 'auto' });
    const total = model.findings.reduce((n, g) => n + g.findings.length, 0);
    assert.equal(total, model.summary.findings.error + model.summary.findings.warning + model.summary.findings.info);
    assert.ok(!model.findings.some((g) => g.findings.some((f) => f.file === 'svc/app.ts' && f.ruleId === 'handler/listening-server')));
  });

  it('an open document in the editor: IaC findings follow the file’s units, code findings the owners the last scan found', () => {
    const app = analyzeFile(FILES['svc/app.ts'], 'svc/app.ts');
    const ids = (xs: { ruleId: string }[]) => xs.map((f) => f.ruleId);
    const fn = { kind: 'lambda-function' as const, name: 'Fn', file: 'svc/template.yaml' };
    const web = { kind: 'k8s-workload' as const, name: 'web', file: 'k8s/deployment.yaml' };
    assert.deepEqual(
      ids(documentFindings(app, undefined, 'auto')),
      ['handler/listening-server', 'handler/runtime-coupling'],
      'no scan yet: nothing owns the file, both directions',
    );
    assert.deepEqual(ids(documentFindings(app, { owners: [fn] }, 'auto')), ['handler/runtime-coupling']);
    assert.deepEqual(ids(documentFindings(app, { owners: [web] }, 'auto')), ['handler/listening-server']);
    assert.deepEqual(ids(documentFindings(app, undefined, 'to-lambda')), ['handler/listening-server']);
    const dep = analyzeFile(FILES['k8s/deployment.yaml'], 'k8s/deployment.yaml');
    assert.deepEqual(ids(documentFindings(dep, undefined, 'auto')), ['iac/listening-server', 'iac/stateful-storage']);
    assert.deepEqual(ids(documentFindings(dep, undefined, 'to-kubernetes')), []);
    // What the join recorded for the editor: the units whose code reaches each file, as plain data.
    assert.deepEqual(shown('both').result.fileJoins, {
      'svc/app.ts': { owners: [{ kind: 'lambda-function', name: 'Fn', file: 'svc/template.yaml', timeoutSeconds: 900, handlerExport: 'handler' }] },
    });
  });

  it('lambdashift.yaml: direction is read and checked', () => {
    assert.equal(parseConfig('direction: to-lambda\n').config.direction, 'to-lambda');
    assert.equal(parseConfig('version: 1\n').config.direction, undefined);
    const bad = parseConfig('direction: sideways\n');
    assert.equal(bad.errors.length, 1);
    assert.match(bad.errors[0].message, /must be one of auto, to-lambda, to-kubernetes, both, not the text "sideways"/);
    assert.equal(bad.errors[0].line, 1);
  });

  it('CLI: --direction, else lambdashift.yaml, else auto; a bad value is a usage error', () => {
    const cli = path.resolve(__dirname, '../../dist/cli.js');
    const dir = tempDir('lambdashift-direction-');
    for (const [rel, text] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [cli, 'assess', '.', '--format', 'json', '--fail-on', 'never', '--no-cache', ...args], { cwd: dir, encoding: 'utf8' });
    const rules = (...args: string[]) => {
      const r = run(...args);
      assert.equal(r.status, 0, r.stderr);
      return (JSON.parse(r.stdout) as { findings: { file: string; line: number; ruleId: string }[] }).findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`);
    };
    assert.deepEqual(rules(), shown('auto').findings, 'default: auto');
    assert.deepEqual(rules('--direction', 'both'), shown('both').findings);
    writeFileSync(path.join(dir, 'lambdashift.yaml'), 'direction: to-lambda\n');
    assert.deepEqual(rules(), shown('to-lambda').findings, 'lambdashift.yaml');
    assert.deepEqual(rules('--direction', 'to-kubernetes'), shown('to-kubernetes').findings, 'the flag wins over the file');
    const bad = run('--direction', 'to-lamda');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^lambdashift: unknown --direction 'to-lamda'\. Did you mean 'to-lambda'\? Use one of: auto, to-lambda, to-kubernetes, both\.\n$/);
  });
});

describe('generated output', () => {
  it('files an earlier convert wrote (converted-from) are listed as units, but nothing in them is reported', () => {
    const cronjob = (annotated: boolean) =>
      `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\n${annotated ? '  annotations:\n    lambdashift.dev/converted-from: orders/template.yaml#Nightly\n' : ''}spec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: job\n              image: job:1\n              volumeMounts:\n                - name: data\n                  mountPath: /data\n          volumes:\n            - name: data\n              persistentVolumeClaim:\n                claimName: data\n`;
    const mine = joinAnalyses({ analyses: [analyzeFile(cronjob(false), 'k8s/cronjob.yaml')] });
    assert.ok(mine.findings.length > 0, 'the same CronJob written by hand has findings');
    const generated = joinAnalyses({ analyses: [analyzeFile(cronjob(true), 'k8s/cronjob.yaml')] });
    assert.deepEqual(generated.findings, []);
    assert.equal(generated.units[0].generatedFrom, 'orders/template.yaml#Nightly');
    // The editor's live analysis of the open file says the same.
    assert.deepEqual(documentFindings(analyzeFile(cronjob(true), 'k8s/cronjob.yaml'), undefined, 'auto'), []);
    assert.deepEqual(documentFindings(analyzeFile(cronjob(true), 'k8s/cronjob.yaml'), undefined, 'both'), []);
  });
});
