import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '.next/**', 'src/generated/**', '.data/**', '**/reports/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/packages/*/src/**', '../../packages/**'], message: 'Import a package through its name, as a user would.' }] },
      ],
    },
  },
  {
    // Source functions stay short; a longer one says why in its `eslint-disable-next-line … -- reason`.
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', '**/testing/**', '**/test-utils/**'],
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['**/*.test.ts', 'e2e/**'],
    rules: { 'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='only']", message: 'No focused tests.' }] },
  },
);
