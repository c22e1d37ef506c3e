// The layer rules in eslint.config.mjs, checked the way `npx eslint .` applies them: a file in one layer that imports
// across the boundary is an error, and the allowed directions are not.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('layer rules', () => {
  const cases: [string, string, boolean][] = [
    ['src/core/report/x.ts', `import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n`, true],
    ['src/core/report/x.ts', `import * as vscode from 'vscode';\nexport const x = vscode;\n`, true],
    ['src/core/report/x.ts', `import { scanPaths } from '../../node/scan';\nexport const x = scanPaths;\n`, true],
    ['src/core/report/x.ts', `export const x = process.cwd();\n`, true],
    ['src/core/report/x.ts', `import { formatText } from './text';\nexport const x = formatText;\n`, false],
    ['src/node/x.ts', `import { main } from '../cli/main';\nexport const x = main;\n`, true],
    [
      'src/node/x.ts',
      `import { analyzeFile } from '../core/analyze';\nimport { promises } from 'node:fs';\nexport const x = [analyzeFile, promises];\n`,
      false,
    ],
    ['src/extension/x.ts', `import { main } from '../cli/main';\nexport const x = main;\n`, true],
    ['src/extension/features/x.ts', `import type { CliIO } from '../../cli/io';\nexport type X = CliIO;\n`, true],
    ['src/extension/x.ts', `import { scanPaths } from '../node/scan';\nexport const x = scanPaths;\n`, false],
    ['src/cli/commands/x.ts', `import * as vscode from 'vscode';\nexport const x = vscode;\n`, true],
    ['src/cli/commands/x.ts', `import { x as y } from '../../extension/core';\nexport const x = y;\n`, true],
  ];
  for (const [file, code, bad] of cases) {
    it(`${bad ? 'refuses' : 'allows'} ${code.split('\n')[0]} in ${file}`, async () => {
      const messages = await restricted(file, code);
      assert.equal(messages.length > 0, bad, messages.join('\n'));
    });
  }
});
