// Flat ESLint config. Type-aware rules run on every TypeScript file so that a
// forgotten `await` (no-floating-promises) is caught everywhere, including tests.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

const electronOnlyInShell = {
  paths: [
    {
      name: 'electron',
      message:
        'Only the desktop shell (src/main/desktop, src/preload) may import electron; everything else runs under plain Node.',
    },
  ],
}

// Layering kept by lint, not by habit: SQLite belongs to src/main/database alone, and the
// engine reaches VOD, HLS, services and the shell only through the ports they implement.
const sqliteOnlyInDatabase = {
  name: 'better-sqlite3',
  message: 'Only src/main/database may use SQLite; go through its repositories.',
}
const engineLayers = {
  group: ['../vod/*', '../hls/*', '../services/*', '../desktop/*', '../runtime/*'],
  message:
    'The engine never imports VOD, HLS, services, runtime or the desktop: they plug into its ports (source.ts, job-transfer.ts).',
}
// src/main/common is the vocabulary every main-side folder shares (clock, logger, disposables,
// typed events, backoff), so it may lean on src/shared and Node only, never on a folder above it.
const commonLayers = {
  group: [
    '../backup/*',
    '../database/*',
    '../desktop/*',
    '../diagnostics/*',
    '../engine/*',
    '../hls/*',
    '../lists/*',
    '../network/*',
    '../runtime/*',
    '../services/*',
    '../vod/*',
  ],
  message:
    'src/main/common is shared vocabulary: it imports src/shared and Node only, never the folders that use it.',
}

export default tseslint.config(
  // resources/ holds media (MPEG-TS segments end in .ts too), never code.
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.bench/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx', 'test/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src/main/desktop/**', 'src/main/index.ts', 'src/preload/**', 'test/desktop/**'],
    rules: { 'no-restricted-imports': ['error', electronOnlyInShell] },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: [
      'src/main/database/**',
      'src/main/desktop/**',
      'src/main/index.ts',
      'src/preload/**',
      'src/shared/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [...electronOnlyInShell.paths, sqliteOnlyInDatabase] },
      ],
    },
  },
  {
    files: ['src/main/desktop/**/*.ts', 'src/main/index.ts', 'src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [sqliteOnlyInDatabase] }] },
  },
  {
    files: ['src/main/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...electronOnlyInShell.paths, sqliteOnlyInDatabase],
          patterns: [engineLayers],
        },
      ],
    },
  },
  {
    files: ['src/main/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...electronOnlyInShell.paths, sqliteOnlyInDatabase],
          patterns: [commonLayers],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...electronOnlyInShell.paths, sqliteOnlyInDatabase],
          patterns: [
            {
              group: ['node:*', '../main/*', '../renderer/*'],
              message: 'src/shared is runtime-neutral.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/renderer/**/*.ts',
      'src/renderer/**/*.tsx',
      'test/renderer/**/*.tsx',
      'test/renderer/**/*.ts',
    ],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [...electronOnlyInShell.paths, sqliteOnlyInDatabase],
          patterns: [
            {
              group: ['node:*', '**/main/**'],
              message: 'The renderer talks to main only through the contract.',
            },
          ],
        },
      ],
    },
  },
  prettier,
)
