import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { GOLDEN_FOLDERS, goldenDir, goldenParsers, unitsOf } from '../../helpers/unitsGolden';

before(goldenParsers);

// Goldens are written only by `npm run golden:units` (scripts/update-goldens.ts) and checked by hand in the diff;
// this test reads them and never writes.
describe('unit model goldens', () => {
  for (const folder of GOLDEN_FOLDERS) {
    it(`${folder} units match test/golden/units/${folder}.json`, () => {
      const got = JSON.parse(JSON.stringify(unitsOf(folder).units));
      const golden = path.join(goldenDir, `${folder}.json`);
      assert.ok(existsSync(golden), `${golden} is missing: run 'npm run golden:units', read the diff, and commit it`);
      assert.deepEqual(got, JSON.parse(readFileSync(golden, 'utf8')));
    });
  }
});
