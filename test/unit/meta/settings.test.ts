// package.json's `lambdashift.rules` setting lists every rule id (completion, and a misspelt id flagged in
// settings.json); `npm run docs:settings` writes it from the registry.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { allRuleMetas } from '../../../src/core/rules';
import { rulesSettingSchema } from '../../../src/core/rules/settingsSchema';

const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
const setting = pkg.contributes.configuration.properties['lambdashift.rules'];

describe('lambdashift.rules setting', () => {
  it('package.json holds what the registry generates (run `npm run docs:settings` after adding a rule)', () => {
    assert.deepEqual(setting, rulesSettingSchema());
  });

  it('offers every rule id and no other, each with the four severities, and rejects unknown ids', () => {
    assert.deepEqual(Object.keys(setting.properties).sort(), allRuleMetas.map((m) => m.id).sort());
    assert.ok(Object.keys(setting.properties).includes('handler/listening-server'));
    assert.ok(Object.keys(setting.properties).includes('go/listening-server'));
    for (const p of Object.values(setting.properties) as { enum: string[] }[]) assert.deepEqual(p.enum, ['error', 'warning', 'info', 'off']);
    assert.equal(setting.additionalProperties, false);
  });
});

describe('walkthrough and icon', () => {
  it('every walkthrough step names a command or setting the extension contributes, and its page ships', () => {
    const commands = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    const [walk] = pkg.contributes.walkthroughs;
    assert.equal(walk.steps.length, 4);
    for (const step of walk.steps) {
      const page = path.resolve(__dirname, '../../..', step.media.markdown);
      assert.ok(readFileSync(page, 'utf8').startsWith('# '), page);
      for (const ev of step.completionEvents as string[]) {
        const [kind, id] = ev.split(':');
        if (kind === 'onCommand') assert.ok(commands.has(id), `${step.id}: ${id} is contributed`);
        else assert.ok(pkg.contributes.configuration.properties[id], `${step.id}: ${id} is a setting`);
      }
    }
  });

  it('the extension icon is a 128×128 PNG inside media/ (shipped by .vscodeignore)', () => {
    const png = readFileSync(path.resolve(__dirname, '../../..', pkg.icon));
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.equal(png.readUInt32BE(16), 128);
    assert.equal(png.readUInt32BE(20), 128);
    assert.match(pkg.icon, /^media\//);
  });
});
