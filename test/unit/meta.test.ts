import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../src/core/rules';
import { CATEGORIES } from '../../src/core/types';

const root = path.resolve(__dirname, '../..');

/** Keeps every rule's id, docs page, test file and registry entry in step. */
describe('rule registry', () => {
  it('is sorted by id and has no duplicates', () => {
    const ids = allRules.map((r) => r.meta.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
  });
  for (const rule of allRules) {
    const { id, category, docs, messages } = rule.meta;
    describe(id, () => {
      it('has a kebab-case id and a contract category', () => {
        assert.match(id, /^[a-z]+\/[a-z0-9-]+$/);
        assert.ok((CATEGORIES as readonly string[]).includes(category), `category ${category} is not in the contract vocabulary`);
      });
      it('has a docs page with why, bad/good examples, fix and its source', () => {
        const page = path.join(root, 'docs/rules', `${id.replace('/', '-')}.md`);
        assert.ok(existsSync(page), `missing ${page}`);
        const text = readFileSync(page, 'utf8');
        assert.ok(text.startsWith(`# ${id}`), 'page starts with the rule id');
        for (const heading of ['## Why', '## Bad', '## Good', '## Fix', '## Source']) assert.ok(text.includes(heading), `docs page lacks "${heading}"`);
        assert.ok(text.includes(docs.reference), 'docs page cites the reference the rule rests on');
      });
      it('has a test file', () => {
        const name = id.split('/')[1];
        const dir = path.join(root, 'test/unit/rules');
        const files = readdirSync(dir, { recursive: true }).map(String);
        assert.ok(files.some((f) => f.endsWith(`${name}.test.ts`) || f.endsWith(`${id.replace('/', '-')}.test.ts`)), `no test file for ${id} in test/unit/rules`);
      });
      it('has messages that say what to do', () => {
        for (const [mid, text] of Object.entries(messages)) assert.ok(text.split(/[.!]\s/).length >= 2, `message ${mid} should say what breaks and what to do`);
      });
    });
  }
});
