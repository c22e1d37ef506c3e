import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { awsRuleMetas } from '../../../src/core/model/aws';
import { allRuleMetas } from '../../../src/core/rules';
import { CATEGORIES } from '../../../src/core/types';

const root = path.resolve(__dirname, '../../..');

/** The shared meta-test walks `allRules`; the aws/* metas have no per-file check(), so they get the same checks here. */
describe('aws/* rule metadata', () => {
  it('is registered with every rule meta (so SARIF lists it) and sorted', () => {
    for (const m of awsRuleMetas) assert.ok(allRuleMetas.includes(m), `${m.id} missing from allRuleMetas`);
    assert.deepEqual(awsRuleMetas.map((m) => m.id), awsRuleMetas.map((m) => m.id).sort());
  });
  for (const meta of awsRuleMetas) {
    it(`${meta.id}: id, category, docs page, test file, messages`, () => {
      assert.match(meta.id, /^aws\/[a-z0-9-]+$/);
      assert.ok((CATEGORIES as readonly string[]).includes(meta.category));
      const page = path.join(root, 'docs/rules', `${meta.id.replace('/', '-')}.md`);
      assert.ok(existsSync(page), `missing ${page}`);
      const text = readFileSync(page, 'utf8');
      assert.ok(text.startsWith(`# ${meta.id}`));
      for (const h of ['## Why', '## Bad', '## Good', '## Fix', '## Source']) assert.ok(text.includes(h), `${page} lacks ${h}`);
      assert.ok(text.includes(meta.docs.reference));
      assert.ok(existsSync(path.join(root, 'test/unit/rules', `${meta.id.replace('/', '-')}.test.ts`)));
      for (const [id, m] of Object.entries(meta.messages)) assert.ok(m.split(/[.!]\s/).length >= 2, `${meta.id}.${id} should say what breaks and what to do`);
    });
  }
});
