import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/**
 * Packages the bundle loads on first use with `import()`, never at start-up: a run that fails
 * validation, or never reports, must not pay for loading them.
 */
const LOADED_ON_DEMAND = [
  {
    group: ['@aws-sdk/*'],
    message: 'Load the AWS SDK through ecs/client.ts or logs/client.ts, which are imported lazily.'
  },
  {
    group: [
      '@octokit/*',
      '@actions/github',
      '@actions/http-client',
      '@actions/http-client/*',
      'node-fetch',
      'https-proxy-agent',
      'undici'
    ],
    message: 'Import GitHub clients with import() where a client is created.'
  },
  {
    group: ['yaml'],
    message: 'Import the YAML parser with import() (inputs/structured-text.ts).'
  }
]

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'coverage/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: 'tsconfig.test.json', tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Numbers read as themselves in messages; `undefined` or an object would not.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `value => log.info(value)` is how a callback hands a line on.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      'no-console': 'error'
    }
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/ecs/client.ts', 'src/logs/client.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: LOADED_ON_DEMAND.map(pattern => ({ ...pattern, allowTypeImports: true })) }
      ]
    }
  },
  {
    // Tests state what they expect to be there, fake async ports, reset the environment and
    // read back the JSON the action wrote.
    files: ['__tests__/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-dynamic-delete': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off'
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
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked
  }
)
