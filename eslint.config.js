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
    // The content script ships in every task page: the worker's libraries stay out of it, and it takes only
    // types from the message contract (whose schemas are zod). Its runtime checks are in message-checks.ts.
    files: ['src/content/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['zod', 'zod/mini', 'idb', 'yaml', 'webextension-polyfill'].map((name) => ({
            name,
            message:
              'The content script must stay small: no worker libraries (see content-script-size.test.ts).',
          })),
          patterns: [
            {
              group: ['**/messages', '**/shared/settings', '**/background/**'],
              allowTypeImports: true,
              message: 'Import only types from here in the content script; checks go in message-checks.ts.',
            },
          ],
        },
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
