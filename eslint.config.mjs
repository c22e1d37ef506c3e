// Flat config. The boundary rule keeps src/core pure: no editor, file system or process APIs.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'examples/**', 'test/fixtures/**', 'bench/.work/**', '**/*.vsix', '.vscode-test/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process', 'worker_threads', 'node:worker_threads'].map((name) => ({
            name,
            message: 'src/core is pure: take text in, return data. Do I/O in src/cli or src/extension.',
          })),
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/core must not depend on the process; pass values in.' }],
    },
  },
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
