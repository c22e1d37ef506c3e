// The identifiers in src/extension/ids.ts and package.json's `contributes` name the same things, both ways.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CommandId, ConfigKey, ConfigSection, ContextValue, ViewId } from '../../src/extension/ids';

const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
const c = pkg.contributes;

describe('extension identifiers', () => {
  it('commands: every contributed command has a CommandId and every CommandId is contributed', () => {
    assert.deepEqual(c.commands.map((x: { command: string }) => x.command).sort(), Object.values(CommandId).sort());
  });
  it('settings: every contributed setting has a ConfigKey and every ConfigKey is contributed', () => {
    assert.deepEqual(
      Object.keys(c.configuration.properties).sort(),
      Object.values(ConfigKey)
        .map((k) => `${ConfigSection}.${k}`)
        .sort(),
    );
  });
  it('views, menus and activation events name known ids', () => {
    assert.ok(c.views.lambdashift.some((v: { id: string }) => v.id === ViewId.Units));
    assert.ok(pkg.activationEvents.includes(`onWebviewPanel:${ViewId.Report}`));
    const menuWhens = JSON.stringify(c.menus);
    for (const v of Object.values(ContextValue)) assert.ok(menuWhens.includes(`viewItem == ${v}`), v);
    for (const m of [...c.menus['view/item/context'], ...c.menus['view/title'], ...c.menus.commandPalette])
      assert.ok((Object.values(CommandId) as string[]).includes(m.command), m.command);
  });
});
