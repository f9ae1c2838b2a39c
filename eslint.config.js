import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/**
 * Packages the bundle loads on first use with `import()`, never at start-up: a run that fails
 * validation, or never reports, must not pay for loading them.
 */
const LOADED_ON_DEMAND = [
  {
    group: ['@aws-sdk/*'],
    message: 'Load the AWS SDK through ecs/client.ts, which is imported lazily.'
  },
  {
    group: [
      '@octokit/*',
      '@actions/github',
      '@actions/http-client',
      '@actions/http-client/*',
      'node-fetch',
      'undici'
    ],
    message: 'Import GitHub clients with import() where a client is created.'
  },
  { group: ['yaml'], message: 'Import the YAML parser with import() (inputs/structured-text.ts).' }
]

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'coverage/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error'
    }
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/ecs/client.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: LOADED_ON_DEMAND.map(pattern => ({ ...pattern, allowTypeImports: true })) }
      ]
    }
  },
  {
    files: ['__tests__/e2e/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          name: '../../scripts/runner.js',
          importNames: ['runAction'],
          message: 'Import runAction from ../support/e2e.js: it runs the bundle built from src/.'
        }
      ]
    }
  },
  {
    files: ['scripts/**', 'sim/**', '*.js'],
    rules: { 'no-console': 'off' }
  }
)
