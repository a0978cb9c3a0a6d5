import vueI18n from '@intlify/eslint-plugin-vue-i18n';
import { builtinModules } from 'node:module';
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const mainCode = ['**/src-main', '**/src-main/**'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  ...pluginVue.configs['flat/recommended'],
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname, extraFileExtensions: ['.vue'] },
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
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
  // Every word in a template comes from the three languages' files (src-renderer/i18n/*.json), and
  // every literal key the renderer asks for must be in them.
  {
    files: ['src-renderer/**/*.{vue,ts}'],
    ignores: ['src-renderer/**/*.test.ts'],
    plugins: { '@intlify/vue-i18n': vueI18n },
    settings: { 'vue-i18n': { localeDir: 'src-renderer/i18n/*.json', messageSyntaxVersion: '^11.0.0' } },
    rules: { '@intlify/vue-i18n/no-missing-keys': 'error' },
  },
  {
    files: ['src-renderer/**/*.vue'],
    rules: {
      '@intlify/vue-i18n/no-raw-text': [
        'error',
        // Punctuation, marks such as ☎ or ●, digits and key caps are not words.
        { ignorePattern: '^[\\p{P}\\p{S}\\p{N}\\s]*$', ignoreNodes: ['kbd'] },
      ],
    },
  },
  // Processes kept apart by construction: only the Electron adapter touches 'electron' in main.
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/index.ts', 'src-main/ipc/electron.ts', 'src-main/desktop/electron.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                "Only src-main/index.ts and the adapters src-main/ipc/electron.ts and src-main/desktop/electron.ts may import 'electron'.",
            },
          ],
        },
      ],
    },
  },
  // The page knows nothing of Node, Electron or main: it speaks only the contract.
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.vue'],
    // The stores' own tests run in Node against the real main services (src-renderer/testing/).
    ignores: ['src-renderer/**/*.test.ts', 'src-renderer/testing/**'],
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
          patterns: [{ group: mainCode, message: 'The renderer may not import main-process code.' }],
        },
      ],
    },
  },
  // The preload builds window.switchboard from the contract; what it shares with main lives in src-shared.
  {
    files: ['src-preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: mainCode, message: 'The preload may not import main-process code; share it from src-shared.' },
          ],
        },
      ],
    },
  },
  // What every process shares runs in each of them: no Node, no Electron, and none of the three rooms.
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'src-shared runs in the page too: no Electron.' },
            ...nodeModules.map((name) => ({ name, message: 'src-shared runs in the page too: no Node modules.' })),
          ],
          patterns: [
            {
              group: [...mainCode, '**/src-renderer', '**/src-renderer/**', '**/src-preload', '**/src-preload/**'],
              message: 'src-shared imports only src-shared and packages.',
            },
          ],
        },
      ],
    },
  },
  // Tests: vitest's asymmetric matchers (expect.any, expect.stringContaining) are typed `any`, spies are
  // checked by passing methods to expect(), and stand-ins implement async interfaces synchronously.
  {
    files: ['**/*.test.ts', 'e2e/**/*.ts', '**/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  // The benchmark's peers are untyped npm packages: their values are `any` by nature.
  {
    files: ['bench/ami/clients.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  // Plain JavaScript config files carry no types to check.
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
