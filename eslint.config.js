// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'build/', '.tsbuild/', 'coverage/', 'demo-output/', 'bench/results/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  noUnsanitized.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Render text, never HTML.',
        },
        {
          selector: "MemberExpression[property.name='innerHTML']",
          message: 'Build DOM nodes; never innerHTML.',
        },
        {
          selector: "MemberExpression[property.name='outerHTML']",
          message: 'Build DOM nodes; never outerHTML.',
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'Never insert HTML strings.',
        },
        { selector: "NewExpression[callee.name='Function']", message: 'No code from strings.' },
        { selector: "CallExpression[callee.name='eval']", message: 'No code from strings.' },
      ],
    },
  },
  {
    // The stand-in serves Phorge's captured HTML pages; it edits them with linkedom on the server, never in
    // the extension. Test code in a real browser may load fixture HTML into detached documents.
    files: ['test/standin/**', 'test/browser/**', 'test/unit/standin/**'],
    rules: {
      'no-restricted-syntax': 'off',
      'no-unsanitized/property': 'off',
      'no-unsanitized/method': 'off',
    },
  },
  prettier,
);
