// Writes the rule ids into package.json's `lambdashift.rules` setting, so the settings editor and settings.json
// complete them and flag a misspelt id: `npm run docs:settings`. test/unit/meta/settings.test.ts fails when
// package.json and the rule registry disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rulesSettingSchema } from '../src/core/rules/settingsSchema';

const file = path.resolve(__dirname, '..', 'package.json');
const before = readFileSync(file, 'utf8');
const pkg = JSON.parse(before);
pkg.contributes.configuration.properties['lambdashift.rules'] = rulesSettingSchema();
const after = `${JSON.stringify(pkg, null, 2)}\n`;
if (after === before) console.log('package.json lambdashift.rules is up to date.');
else {
  writeFileSync(file, after);
  console.log('package.json lambdashift.rules rewritten from the rule registry.');
}
