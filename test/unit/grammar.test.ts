import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = path.resolve(__dirname, '../..');
const GRAMMAR_PATH = 'syntaxes/lambdashift-suppression.injection.json';
const INJECTION = 'lambdashift.suppression.injection';
const grammarJson = JSON.parse(readFileSync(path.join(root, GRAMMAR_PATH), 'utf8'));

/**
 * Stand-in host grammars: just enough comment and string rules of each language for the injection selector
 * (`L:comment`) to have comments to attach to. Like the real TypeScript, YAML and Python grammars, line comments are
 * begin/end rules (an injection cannot reach inside a single `match` token) with the scope names those grammars use.
 */
const hosts: Record<string, object> = {
  'source.ts': {
    scopeName: 'source.ts',
    patterns: [
      { name: 'string.quoted.single.ts', match: "'[^']*'" },
      { name: 'comment.block.ts', begin: '/\\*', end: '\\*/' },
      { name: 'comment.line.double-slash.ts', begin: '//', end: '(?=$)' },
    ],
  },
  'source.yaml': {
    scopeName: 'source.yaml',
    patterns: [{ name: 'comment.line.number-sign.yaml', begin: '#', end: '\\n' }],
  },
  'source.python': {
    scopeName: 'source.python',
    patterns: [
      { name: 'string.quoted.single.python', match: "'[^']*'" },
      { name: 'comment.line.number-sign.python', begin: '#', end: '$' },
    ],
  },
};

let registry: textmate.Registry;

before(async () => {
  const wasm = readFileSync(path.join(root, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => {
      if (scope === INJECTION) return textmate.parseRawGrammar(JSON.stringify(grammarJson), 'injection.json');
      const host = hosts[scope];
      return host ? textmate.parseRawGrammar(JSON.stringify(host), `${scope}.json`) : null;
    },
    getInjections: (scope) => (hosts[scope] ? [INJECTION] : undefined),
  });
});

/** Tokenises one line and returns [text, innermost LambdaShift scope] for tokens that got one. */
async function tokens(scope: string, line: string): Promise<[string, string][]> {
  const g = await registry.loadGrammar(scope);
  assert.ok(g, `grammar ${scope}`);
  const r = g.tokenizeLine(line, textmate.INITIAL);
  return r.tokens
    .map((t): [string, string | undefined] => [line.slice(t.startIndex, t.endIndex), t.scopes.filter((s) => s.endsWith('.lambdashift')).pop()])
    .filter((t): t is [string, string] => t[1] !== undefined);
}

const KW = 'keyword.control.directive.suppression.lambdashift';
const ID = 'entity.name.tag.rule-id.lambdashift';
const SEP = 'punctuation.separator.reason.lambdashift';
const REASON = 'string.unquoted.reason.lambdashift';

describe('suppression injection grammar', () => {
  it('is contributed in package.json for JS/TS, YAML, Python and HCL', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const entry = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === INJECTION);
    assert.ok(entry, 'contributes.grammars entry');
    assert.equal(path.normalize(entry.path), path.normalize(`./${GRAMMAR_PATH}`));
    for (const s of ['source.js', 'source.ts', 'source.tsx', 'source.js.jsx', 'source.yaml', 'source.python', 'source.hcl'])
      assert.ok(entry.injectTo.includes(s), s);
    assert.equal(grammarJson.scopeName, INJECTION);
    assert.match(grammarJson.injectionSelector, /^L:comment/);
  });

  it('highlights keyword, each rule id and the reason in a // comment', async () => {
    assert.deepEqual(await tokens('source.ts', 'foo(); // lambdashift-ignore-next-line handler/background-work, listening-server -- dev only'), [
      ['lambdashift-ignore-next-line', KW],
      ['handler/background-work', ID],
      [',', 'punctuation.separator.comma.lambdashift'],
      ['listening-server', ID],
      ['--', SEP],
      ['dev only', REASON],
    ]);
  });

  it('stops the reason before the end of a block comment', async () => {
    const got = await tokens('source.ts', '/* lambdashift-ignore-file handler/runtime-coupling -- runner supplies a context */ const x = 1;');
    assert.deepEqual(got, [
      ['lambdashift-ignore-file', KW],
      ['handler/runtime-coupling', ID],
      ['--', SEP],
      ['runner supplies a context', REASON],
    ]);
  });

  it('works in YAML and Python # comments, with and without a reason', async () => {
    assert.deepEqual(await tokens('source.yaml', '      # lambdashift-ignore-next-line iac/timeout-limit'), [
      ['lambdashift-ignore-next-line', KW],
      ['iac/timeout-limit', ID],
    ]);
    assert.deepEqual(await tokens('source.python', 'x = 1  # lambdashift-ignore-file background-work -- joined before return'), [
      ['lambdashift-ignore-file', KW],
      ['background-work', ID],
      ['--', SEP],
      ['joined before return', REASON],
    ]);
  });

  it('leaves strings and ordinary comments alone', async () => {
    assert.deepEqual(await tokens('source.ts', "const s = 'lambdashift-ignore-file handler/x -- no';"), []);
    assert.deepEqual(await tokens('source.python', "s = 'lambdashift-ignore-next-line x -- no'"), []);
    assert.deepEqual(await tokens('source.ts', '// lambdashift is great -- really'), []);
  });
});
