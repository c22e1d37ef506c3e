// Rewrites test/golden/units/*.json from the current model: `npm run golden:units`. Read the diff before committing;
// the golden test itself never writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GOLDEN_FOLDERS, goldenDir, goldenParsers, unitsOf } from '../test/helpers/unitsGolden';

void goldenParsers().then(() => {
  mkdirSync(goldenDir, { recursive: true });
  for (const folder of GOLDEN_FOLDERS) {
    const file = path.join(goldenDir, `${folder}.json`);
    writeFileSync(file, `${JSON.stringify(JSON.parse(JSON.stringify(unitsOf(folder).units)), null, 2)}\n`);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
});
