// Flat config. The layer rules keep src/core pure (no editor, file system or process APIs) and the imports between
// src/core, src/node, src/cli and src/extension pointing one way.
import tseslint from 'typescript-eslint';

const NODE_IO = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'child_process',
  'node:child_process',
  'worker_threads',
  'node:worker_threads',
  'net',
  'node:net',
  'http',
  'node:http',
  'https',
  'node:https',
];

/** No imports of `modules` or of the sibling `folders` under src/ from files matching `files`. */
function layer(files, message, { modules, folders, process = false }) {
  return {
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: modules.map((name) => ({ name, message })),
          patterns: [{ group: folders.flatMap((f) => [`../${f}/*`, `../../${f}/*`, `../../../${f}/*`, `../${f}`, `../../${f}`]), message }],
        },
      ],
      ...(process ? { 'no-restricted-globals': ['error', { name: 'process', message: 'src/core must not depend on the process; pass values in.' }] } : {}),
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'examples/**', 'test/fixtures/**', 'bench/.work/**', '**/*.vsix', '.vscode-test/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // The layers (ARCHITECTURE.md): core ← node ← cli, core ← node ← extension; imports never point the other way.
  layer('src/core/**/*.ts', 'src/core is pure: take text in, return data. Do I/O in src/node (shared by the CLI and the editor).', {
    modules: ['vscode', ...NODE_IO],
    folders: ['node', 'cli', 'extension'],
    process: true,
  }),
  layer('src/node/**/*.ts', 'src/node is the Node host layer shared by the CLI and the extension: it may use core, never the CLI or the editor.', {
    modules: ['vscode'],
    folders: ['cli', 'extension'],
  }),
  layer('src/cli/**/*.ts', 'src/cli parses arguments and prints; shared host code belongs in src/node, editor code in src/extension.', {
    modules: ['vscode'],
    folders: ['extension'],
  }),
  layer('src/extension/**/*.ts', 'src/extension may use src/core and src/node; what it needs from src/cli belongs in src/node.', {
    modules: [],
    folders: ['cli'],
  }),
  {
    // CommonJS helpers (extension-host suites, bench workers) and tests may use require().
    files: ['**/*.cjs', 'test/**/*.ts', 'bench/**'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['media/**/*.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', acquireVsCodeApi: 'readonly' } },
  },
);
