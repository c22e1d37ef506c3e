import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { allRuleMetas } from '../../../src/core/rules';
import { pythonRules } from '../../../src/core/rules/python';
import { CATEGORIES } from '../../../src/core/types';

const root = path.resolve(__dirname, '../../..');
const ISSUE_CATEGORIES = ['listening-server', 'threads-or-processes', 'background-work', 'in-memory-state', 'local-disk-write', 'cold-start-import', 'long-running', 'long-lived-connection', 'runtime-coupling', 'event-source'];

/** The Python rules run outside the JS/IaC registry, so the shared meta-test does not see them: the same checks here. */
describe('python rule registry', () => {
  it('has one rule per category of the issue, id python/<category>, sorted, all in allRuleMetas', () => {
    const ids = pythonRules.map((r) => r.meta.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.deepEqual([...ids].sort(), ISSUE_CATEGORIES.map((c) => `python/${c}`).sort());
    for (const r of pythonRules) {
      assert.equal(r.meta.id, `python/${r.meta.category}`);
      assert.ok(allRuleMetas.some((m) => m.id === r.meta.id), `${r.meta.id} missing from allRuleMetas`);
    }
    assert.deepEqual(pythonRules.filter((r) => r.meta.direction === 'to-kubernetes').map((r) => r.meta.category).sort(), ['event-source', 'runtime-coupling']);
  });
  for (const { meta } of pythonRules) {
    describe(meta.id, () => {
      it('uses a contract category', () => assert.ok((CATEGORIES as readonly string[]).includes(meta.category)));
      it('has a docs page with why, bad/good, fix and its source', () => {
        const page = path.join(root, 'docs/rules', `${meta.id.replace('/', '-')}.md`);
        assert.ok(existsSync(page), `missing ${page}`);
        const text = readFileSync(page, 'utf8');
        assert.ok(text.startsWith(`# ${meta.id}\n`));
        for (const h of ['## Why', '## Bad', '## Good', '## Fix', '## Source']) assert.ok(text.includes(h), `lacks ${h}`);
        assert.ok(text.includes(meta.docs.reference), 'cites the reference');
      });
      it('has a table test file', () => {
        const files = readdirSync(path.join(root, 'test/unit/rules')).map(String);
        assert.ok(files.includes(`${meta.id.replace('/', '-')}.test.ts`));
      });
      it('has messages that say what breaks and what to do', () => {
        for (const [id, text] of Object.entries(meta.messages)) assert.ok(text.split(/[.!]\s/).length >= 2, `message ${id}`);
      });
    });
  }
});
