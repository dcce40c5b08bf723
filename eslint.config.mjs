// Lint rules, including the layering the design asks for: services/ never imports dialogs/ or bots/ or a bot
// framework; dialogs/ never imports bots/ or channel/HTTP libraries; mongodb stays in services/ (and composition).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const channelLibs = ['grammy', '@grammyjs/*', 'restify', 'ws', '@microsoft/teams-ai'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'public/build/**', 'coverage/**', '.data/**', 'web/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/dialogs/**', '**/bots/**', '../dialogs', '../bots'],
              message: 'services/ must not import dialogs/ or bots/.',
            },
            {
              group: ['botbuilder', 'botbuilder-*', 'botframework-*', ...channelLibs],
              message: 'Keep bot and channel frameworks out of services/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['dialogs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/bots/**', '../bots'], message: 'dialogs/ must not import bots/.' },
            {
              group: [...channelLibs, 'mongodb'],
              message: 'Dialogs are channel- and storage-blind: use the ports in dialogs/ports.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
