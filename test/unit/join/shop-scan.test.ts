import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanPaths } from '../../../src/node/scan';
import { assessFolder, shopRoot } from '../../helpers/shop';
import { tempDir } from '../../helpers/tmp';

const comparable = (r: { units: unknown[]; findings: { range?: unknown }[] }) =>
  JSON.parse(JSON.stringify({ units: r.units, findings: r.findings.map(({ range: _r, ...f }) => f) }));

describe('the scan reads the build files the join needs', () => {
  it('scanning the shop gives what the join of every file gives (Dockerfiles, Procfiles, package.json, .proto and scripts read)', async () => {
    const scanned = await scanPaths(shopRoot, ['.'], { today: '2026-11-22' });
    assert.deepEqual(comparable(scanned), comparable(await assessFolder(shopRoot)));
  });
  it('a warm cache gives the same result: line starts are kept for findings the join places (a .proto service, a patch)', async () => {
    const cacheDir = tempDir('lambdashift-shop-cache-');
    const cold = await scanPaths(shopRoot, ['.'], { today: '2026-11-22', cacheDir });
    const warm = await scanPaths(shopRoot, ['.'], { today: '2026-11-22', cacheDir });
    assert.deepEqual(comparable(warm), comparable(cold));
    assert.ok(warm.findings.some((f) => f.file.endsWith('.proto') && f.line > 1));
  });
});
