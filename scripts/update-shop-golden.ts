// Rewrites test/golden/shop/units.json from the current join: `npm run golden:shop`. Read the diff (or, the first
// time, the whole file) before committing; the shop test itself never writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { shopGolden, shopUnits } from '../test/helpers/shop';

void (async () => {
  mkdirSync(path.dirname(shopGolden), { recursive: true });
  writeFileSync(shopGolden, `${JSON.stringify(await shopUnits(), null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), shopGolden)}`);
})();
