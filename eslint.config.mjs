// The import boundaries of docs/architecture.md, made mechanical.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'crypto',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'url',
  'util',
  'stream',
  'stream/*',
  'events',
  'worker_threads',
  'process',
  'buffer',
  'dns',
  'zlib',
];

const restrict = (patterns, message) => ({ group: patterns, message });

const workflowModules = ['**/workflows', '**/workflows/*'];
const aboveShared = ['**/activities/*', '**/activities', '**/api/*', '**/worker/*'];
const SHARED_IS_BELOW = 'shared/ imports none of the layers above it.';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'web/dist/**',
      '.data/**',
      '.venv/**',
      'coverage/**',
      'bench/results/**',
      'bench/tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Fastify plugins and hooks are async by contract, awaited or not.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(nodeBuiltins, 'Workflow code is sandboxed and deterministic: no Node built-ins.'),
            restrict(
              ['postgres', 'fastify', 'fastify-*', '@fastify/*', 'pino', 'zod'],
              'Workflow code does no I/O and builds no zod schemas.',
            ),
            restrict(
              ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'],
              'Workflows import only @temporalio/workflow and @temporalio/common.',
            ),
            restrict(
              ['**/api', '**/api/*', '**/worker/*', '**/shared/db/*', '**/shared/config', '**/shared/logger'],
              'Workflows never reach the API, the worker or the database.',
            ),
            {
              ...restrict(['**/activities', '**/activities/*'], 'Workflows import activity types only: `import type`.'),
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['activities/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(
              ['../workflows/*', '../workflows', '../api/*', '../../api/*', '../../workflows/*'],
              'Activities never import workflows or the API.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(
              ['**/activities/*', '**/activities', '@temporalio/worker', '@temporalio/activity'],
              'The API talks to Temporal through @temporalio/client only.',
            ),
            restrict(
              workflowModules,
              'The API never loads workflow code: it starts workflows by name through shared/contracts/workflow-starts.ts.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [restrict([...workflowModules, ...aboveShared], SHARED_IS_BELOW)],
        },
      ],
    },
  },
  {
    // The one exception: the typed door to starting workflows by name reads their signatures, so that a
    // changed signature fails tsc at every start. A type-only import is erased at build: the API and the
    // activities that use the door still load no workflow code.
    files: ['shared/contracts/workflow-starts.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [restrict(aboveShared, SHARED_IS_BELOW)] }],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { ...restrict(workflowModules, "Only the workflows' types: `import type`."), allowTypeImports: true },
          ],
        },
      ],
    },
  },
);
