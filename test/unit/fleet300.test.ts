// The 300-function workspace of #19 through the CLI's engine: the diagnostics count under `direction: auto` is the one
// worked out by hand in test/e2e/fleet300.cjs (the real-editor suite checks the same number in the Problems data), and
// repeated function names across folders never add up each other's blockers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unitKey } from '../../src/core/identity';
import { blockerCount, unitSummary } from '../../src/core/report/verdict';
import { buildReportModel } from '../../src/core/report/model';
import { parseConfig } from '../../src/core/config';
import { scanPaths } from '../../src/node/scan';
import { tempDir } from '../helpers/tmp';

const fleet = require('../e2e/fleet300.cjs') as { writeFleet(root: string): string[]; EXPECTED: Record<string, number>; SERVICES: number; FUNCTIONS: number };

describe('300-function workspace', () => {
  const root = tempDir('lambdashift-fleet300-');
  fleet.writeFleet(root);

  it('direction auto: as many findings as worked out by hand; both: the Lambda code’s to-lambda findings come back', async () => {
    const auto = await scanPaths(root, ['.'], { direction: 'auto' });
    assert.equal(auto.units.length, fleet.EXPECTED.units);
    assert.equal(auto.findings.length, fleet.EXPECTED.auto);
    assert.equal(
      auto.findings.filter((f) => f.ruleId === 'iac/deprecated-runtime').length,
      fleet.EXPECTED.deprecatedRuntime,
      'one runtime finding per serverless.yml',
    );
    const both = await scanPaths(root, ['.'], { direction: 'both' });
    assert.equal(both.findings.length, fleet.EXPECTED.both);
    assert.equal((await scanPaths(root, ['.'], { direction: 'to-lambda' })).findings.length, fleet.EXPECTED.toLambda);
    assert.equal((await scanPaths(root, ['.'], { direction: 'to-kubernetes' })).findings.length, fleet.EXPECTED.toKubernetes);
  });

  it('same-named functions in ten folders: each has its own blockers, by identity', async () => {
    const r = await scanPaths(root, ['.'], { direction: 'auto' });
    const fn00 = r.units.filter((u) => u.name === 'fn00');
    assert.equal(fn00.length, fleet.SERVICES);
    assert.equal(new Set(fn00.map(unitKey)).size, fleet.SERVICES);
    for (const u of fn00) {
      assert.equal(blockerCount(u, r.findings), 1, `${u.file}: its own timeout, not the ten folders' together`);
      assert.equal(u.readiness.toKubernetes, 'blocked');
      assert.match(unitSummary(u, r.findings), / — 1 blocker: Function fn00 asks for a 1000 s timeout/);
    }
    // fn01 shares the name across folders too, but has no blocker of its own.
    for (const u of r.units.filter((x) => x.name === 'fn01')) assert.equal(blockerCount(u, r.findings), 0);
    const model = buildReportModel(r, { ...parseConfig('').config, direction: 'auto' });
    for (const row of model.units.filter((x) => x.name === 'fn00')) assert.equal(row.blockers, 1);
    // The report counts what the editor shows.
    assert.equal(model.summary.findings.error + model.summary.findings.warning + model.summary.findings.info, fleet.EXPECTED.auto);
  });
});
