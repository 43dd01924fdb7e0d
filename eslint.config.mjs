// ESLint 9 flat config for Toguna (type-aware typescript-eslint + prettier).
// Run with: npm run lint  (eslint . --max-warnings 0)
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

export default defineConfig(
  globalIgnores([
    'dist/',
    'node_modules/',
    'coverage/',
    '.toguna/',
    '.scratch/',
    'test-output/',
    'web/dist/',
    'web/src/api/schema.d.ts',
    'openapi/',
    'eslint.config.mjs',
  ]),

  {
    linterOptions: {
      // Stale eslint-disable comments fail the build rather than pile up.
      reportUnusedDisableDirectives: 'error',
    },
  },

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,

  {
    languageOptions: {
      globals: {
        ...globals.node,
      },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },

  // Plain JavaScript files (e.g. scripts/*.js, a root jest.config.js) and root-level
  // *.config.ts files are not part of tsconfig.json, so the project service cannot
  // type-check them: lint them without type information.
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs', '*.config.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
    },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
    },
  },

  // Console output is fine for CLI scripts, tests and the bootstrap entry point.
  {
    files: ['scripts/**', 'test/**', 'src/main.ts', 'src/cli/**'],
    rules: {
      'no-console': 'off',
    },
  },

  // Tests: supertest response bodies are `any`, and jest's expect(obj.method)
  // patterns trip unbound-method.
  {
    files: ['**/*.spec.ts', 'test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },

  // The web app: browser globals, React's rules of hooks, console allowed only in its build script.
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: {
      globals: { ...globals.browser },
    },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['web/vite.config.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['web/sw/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { ...globals.serviceworker, __PRECACHE__: 'readonly' },
    },
  },

  // Must stay last: turns off stylistic rules that conflict with prettier.
  prettier,
);
