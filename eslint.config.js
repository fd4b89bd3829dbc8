import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // test/docs/generated/ holds the docs' snippets as written for readers; tsc type-checks them.
  { ignores: ['dist/', 'docs/', 'node_modules/', 'coverage/', 'test/docs/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    // The plain-JavaScript launchers run on Node: its globals are theirs.
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } },
  },
);
