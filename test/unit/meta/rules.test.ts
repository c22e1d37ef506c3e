// One meta-test for every rule of every kind (JS/TS, Python, IaC, AWS inventory, report, parse error): the registry,
// the rule's file, its docs page and its table test stay in step, both ways, and every message a rule declares is used.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { allRuleMetas } from '../../../src/core/rules';
import { CATEGORIES } from '../../../src/core/types';

const root = path.resolve(__dirname, '../../..');
const rulesDir = path.join(root, 'src/core/rules');
const docsDir = path.join(root, 'docs/rules');
const testsDir = path.join(root, 'test/unit/rules');
/** Files under src/core/rules/<area>/ that hold shared code, not a rule. */
const NOT_RULES = new Set(['index.ts', 'types.ts', 'util.ts', 'handlers.ts']);

const ids = allRuleMetas.map((m) => m.id);
const flat = (id: string) => id.replace('/', '-');
const sourceOf = (id: string) => path.join(rulesDir, `${id}.ts`);

/** Every .ts file of src/core (for where a rule's messages are used). */
const coreFiles = readdirSync(path.join(root, 'src/core'), { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => path.join(root, 'src/core', f));
const coreText = new Map(coreFiles.map((f) => [f, readFileSync(f, 'utf8')]));

describe('rule registry (src/core/rules/index.ts allRuleMetas)', () => {
  it('is sorted by id, without duplicates', () => {
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
  });
  it('holds every rule file under src/core/rules/<area>/', () => {
    const files = readdirSync(rulesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) =>
        readdirSync(path.join(rulesDir, d.name))
          .filter((f) => f.endsWith('.ts') && !NOT_RULES.has(f))
          .map((f) => `${d.name}/${f.replace(/\.ts$/, '')}`),
      );
    assert.deepEqual(
      files.filter((f) => !ids.includes(f)),
      [],
      'rule files whose rule is not registered',
    );
  });
  it('has a rule for every docs page', () => {
    const pages = readdirSync(docsDir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.replace(/\.md$/, ''));
    assert.deepEqual(
      pages.filter((p) => !ids.map(flat).includes(p)),
      [],
      'docs pages of no rule',
    );
  });
  it('has a rule for every table test (or the test extends one: <area>-<name>-<topic>.test.ts, fixtures-*.test.ts)', () => {
    const tests = readdirSync(testsDir)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => f.replace(/\.test\.ts$/, ''));
    const orphans = tests.filter((t) => !t.startsWith('fixtures-') && !ids.map(flat).some((r) => t === r || t.startsWith(`${r}-`)));
    assert.deepEqual(orphans, [], 'tests of no rule');
  });
});

for (const meta of allRuleMetas) {
  const { id, category, docs, messages } = meta;
  describe(id, () => {
    it('has a kebab-case <area>/<name> id and a contract category', () => {
      assert.match(id, /^[a-z]+\/[a-z0-9-]+$/);
      assert.ok((CATEGORIES as readonly string[]).includes(category), `category ${category} is not in the contract vocabulary`);
    });
    it(`is declared in src/core/rules/${id}.ts`, () => {
      assert.ok(existsSync(sourceOf(id)), `missing ${path.relative(root, sourceOf(id))}`);
      assert.ok(coreText.get(sourceOf(id))!.includes(`id: '${id}'`), `${path.relative(root, sourceOf(id))} does not declare id '${id}'`);
    });
    it(`has docs/rules/${flat(id)}.md with why, bad/good examples, fix and its source`, () => {
      const page = path.join(docsDir, `${flat(id)}.md`);
      assert.ok(existsSync(page), `missing ${page}`);
      const text = readFileSync(page, 'utf8');
      assert.ok(text.startsWith(`# ${id}\n`), 'page starts with the rule id');
      for (const heading of ['## Why', '## Bad', '## Good', '## Fix', '## Source']) assert.ok(text.includes(heading), `docs page lacks "${heading}"`);
      assert.ok(text.includes(docs.reference), 'docs page cites the reference the rule rests on');
    });
    it(`has test/unit/rules/${flat(id)}.test.ts`, () => {
      assert.ok(existsSync(path.join(testsDir, `${flat(id)}.test.ts`)), `no table test for ${id}`);
    });
    it('uses every message it declares, and each says what breaks and what to do', () => {
      // Where the rule is used: its own file, and the files that name what it exports (rules checked elsewhere).
      const own = coreText.get(sourceOf(id)) ?? '';
      const exported = [...own.matchAll(/export const (\w+)/g)].map((m) => m[1]);
      const users = [
        own,
        ...[...coreText].filter(([f, t]) => f !== sourceOf(id) && exported.some((e) => new RegExp(`\\b${e}\\b`).test(t))).map(([, t]) => t),
      ].join('\n');
      for (const [mid, text] of Object.entries(messages)) {
        const used = new RegExp(`(['"\`])${mid}\\1|messages\\.${mid}\\b|messages\\[['"]${mid}['"]\\]`).test(
          users.replace(/messages:\s*\{[\s\S]*?\n {2}\},/, ''),
        );
        assert.ok(used, `message '${mid}' is declared but never reported`);
        assert.ok(text.split(/[.!]\s/).length >= 2, `message ${mid} should say what breaks and what to do`);
      }
    });
  });
}
