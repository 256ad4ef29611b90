import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The core and io layers run unchanged in Node (CLI), a Web Worker and the browser,
// so they must not reach for React, maplibre, zustand or DOM globals.
const pureLayerImports = {
  patterns: [
    {
      group: ['react', 'react-*', 'react/*', 'react-dom', 'react-dom/*'],
      message: 'src/core and src/io are pure: no React.',
    },
    {
      group: ['maplibre-gl', 'maplibre-gl/*', '@vis.gl/*'],
      message: 'src/core and src/io are pure: no maplibre.',
    },
    { group: ['zustand', 'zustand/*'], message: 'src/core and src/io are pure: no zustand.' },
    {
      group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads'],
      message:
        'src/core and src/io run in the browser too: file and process access belongs in src/cli.',
    },
    {
      group: ['**/store/*', '**/map/*', '**/components/*', '**/worker/*', '**/i18n/*'],
      message: 'src/core and src/io may not import UI layers.',
    },
  ],
};
const domGlobals = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'location',
  'history',
  'HTMLElement',
  'Element',
  'DOMParser',
  'FileReader',
  'XMLHttpRequest',
  'requestAnimationFrame',
  'indexedDB',
  'alert',
  'confirm',
  'prompt',
  'self',
]
  .map((name) => ({ name, message: `src/core and src/io are pure: no DOM global '${name}'.` }))
  .concat(
    ['process', 'Buffer', 'require', '__dirname', '__filename'].map((name) => ({
      name,
      message: `src/core and src/io run in the browser too: no Node global '${name}'.`,
    })),
  );

export default tseslint.config(
  {
    ignores: [
      '.tmp/**',
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'geo/**',
      'public/**',
      'tests/e2e/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/core/**', 'src/io/**', 'src/cli/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['src/core/**/*.ts', 'src/io/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': ['error', pureLayerImports],
      'no-restricted-globals': ['error', ...domGlobals],
    },
  },
  {
    files: ['tests/dom/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
