// The README's synopsis, `--help` and the parser come from one option table per command (src/cli/commands/specs.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { COMMAND_SPECS, helpText } from '../../../src/cli/commands/specs';
import { replaceSynopsis } from '../../../src/cli/commands/synopsisBlock';

const root = path.resolve(__dirname, '../../..');

describe('CLI synopsis', () => {
  it('the README shows exactly what the option tables say (run `npm run docs:cli` after changing an option)', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.equal(replaceSynopsis(readme), readme);
  });

  it('every command prints its generated help, listing every option the parser accepts', () => {
    for (const spec of COMMAND_SPECS) {
      const r = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), spec.name, '--help'], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, `${helpText(spec)}\n`);
      for (const [name, o] of Object.entries(spec.options)) {
        assert.ok(r.stdout.includes(`--${name}`), `${spec.name} --help lists --${name}`);
        if (o.short) assert.ok(r.stdout.includes(`-${o.short}, --${name}`));
      }
    }
  });

  it('help lines fit in 100 columns', () => {
    for (const spec of COMMAND_SPECS) for (const line of helpText(spec).split('\n')) assert.ok(line.length <= 100, `${spec.name}: ${line}`);
  });
});
