import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', '.tools/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Tests read API answers as plain JSON and assert on their exact shape.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['scripts/**', 'src/main.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no I/O, no clocks, no randomness.
    files: ['src/workflows/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../db/*', '../jira/*', '../activities/*', 'pg', 'undici', 'kysely', 'node:*'],
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Checks are pure functions of synced data.
    files: ['src/checks/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../db/*', '../activities/*', 'pg', 'undici', 'kysely', 'node:*'],
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
