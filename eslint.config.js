import { builtinModules } from 'node:module';
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/html-indent': 'off',
      'vue/first-attribute-linebreak': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  // Processes kept apart by construction: only the Electron adapter touches 'electron' in main.
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/index.ts', 'src-main/ipc/electron.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: "Only src-main/index.ts and src-main/ipc/electron.ts may import 'electron'." },
          ],
        },
      ],
    },
  },
  // The page knows nothing of Node, Electron or main: it speaks only the contract.
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.vue'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer speaks only the contract (window.switchboard).' },
            ...nodeModules.map((name) => ({
              name,
              message: 'The renderer runs in a sandboxed page: no Node modules.',
            })),
          ],
          patterns: [
            {
              group: ['**/src-main/**', '../../src-main/*'],
              message: 'The renderer may not import main-process code.',
            },
          ],
        },
      ],
    },
  },
);
