// Writes the README's CLI synopsis from the commands' option tables (src/cli/commands/specs.ts):
// `npm run docs:cli`. test/unit/cli/synopsis.test.ts fails when the README and the tables disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { replaceSynopsis } from '../src/cli/commands/synopsisBlock';

const readme = path.resolve(__dirname, '..', 'README.md');
const before = readFileSync(readme, 'utf8');
const after = replaceSynopsis(before);
if (after === before) console.log('README.md synopsis is up to date.');
else {
  writeFileSync(readme, after);
  console.log('README.md synopsis rewritten from src/cli/commands/specs.ts.');
}
