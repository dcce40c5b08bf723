// Lint rules, including the layering the design asks for: services/ never imports dialogs/ or bots/ or a bot
// framework; dialogs/ never imports bots/ or channel/HTTP libraries; mongodb stays in services/ (and composition).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const channelLibs = ['grammy', '@grammyjs/*', 'restify', 'ws', '@microsoft/teams-ai'];

// The services/ layering rules (services never import dialogs/, bots/ or a bot framework).
const servicesLayering = [
  {
    group: ['**/dialogs/**', '**/bots/**', '../dialogs', '../bots'],
    message: 'services/ must not import dialogs/ or bots/.',
  },
  {
    group: ['botbuilder', 'botbuilder-*', 'botframework-*', ...channelLibs],
    message: 'Keep bot and channel frameworks out of services/.',
  },
];

// `mongodb` is imported only by repository/store modules and the composition root. Everything else takes a
// repository (or a narrow interface of one): the `feedback` collection belongs to services/feedback/ alone.
const noMongo = {
  name: 'mongodb',
  message:
    'Only repository/store modules and the composition root import mongodb: take a repository (e.g. FeedbackRepository) instead.',
};

// Modules allowed to import `mongodb`, each for a stated reason.
const mongoAllowed = [
  // Repositories and stores: the modules that own a collection.
  'services/**/repository.ts',
  'services/**/*Store.ts',
  'tools/mongo/**',
  'services/feedback/outbox.ts', // the delivery outbox inside the feedback collection (FeedbackRepository.outbox)
  'services/feedback/citizenRecords.ts', // a citizen's part of the feedback collection (FeedbackRepository.citizens)
  'services/feedback/nearby.ts', // "me too" look-ups in the feedback collection (FeedbackRepository.nearby)
  'services/feedback/supporters.ts', // supporters in the feedback collection (FeedbackRepository.supporters)
  'services/channels/processedUpdates.ts', // store: processedUpdates
  'services/directline/activities.ts', // store: dlActivities
  'services/directline/conversations.ts', // store: dlConversations
  'services/directline/indexes.ts', // TTL index helper of the Direct Line stores
  'services/directline/rateLimits.ts', // store: dlRateLimits
  'services/directline/uploads.ts', // store: dlUploads
  'services/staff/audit.ts', // store: auditLog
  'services/staff/loginLimiter.ts', // store: loginAttempts
  'services/staff/sessions.ts', // store: sessions
  'services/status/replayGuard.ts', // store: agency update nonces
  'bots/channels/teams/links.ts', // store: Teams staff links
  'bots/channels/teams/channelLinks.ts', // store: which Teams channel gets a body's cards (teamsChannelLinks)
  'bots/channels/teams/cardQueue.ts', // store: durable queue of Teams channel cards (teamsCards)
  'bots/channels/telegram/callbackData.ts', // store: Telegram callback payloads
  'bots/http/demoAgency/inbox.ts', // store: the demo agency's inbox
  // Composition: builds stores on a Db, or pings the server.
  'services/staff/index.ts',
  'services/staff/cli.ts',
  'services/ops/readiness.ts',
  'services/ops/seedKeeper.ts',
  'bots/compose/core.ts',
  'bots/http/server.ts',
  'bots/http/dashboard/index.ts',
  'bots/channels/teams/index.ts',
  'bots/channels/teams/app.ts', // composition of the Teams app (links store, scoped queries)
  'bots/channels/telegram/channel.ts',
  'bots/channels/webchat/index.ts',
  'bots/compose/**', // the composition root shared by npm start, npm run worker and the benches
  'bin/**',
  'bench/**',
];

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
    rules: { 'no-restricted-imports': ['error', { patterns: servicesLayering }] },
  },
  {
    files: ['services/**/*.ts'],
    ignores: mongoAllowed,
    rules: { 'no-restricted-imports': ['error', { paths: [noMongo], patterns: servicesLayering }] },
  },
  {
    files: ['bots/**/*.ts', 'bin/**/*.ts', 'bench/**/*.ts'],
    ignores: mongoAllowed,
    rules: { 'no-restricted-imports': ['error', { paths: [noMongo] }] },
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
  // bots/: the shared bot (bots/bot) knows no channel; channels and HTTP APIs never reach into each other or into
  // the wiring; only bots/compose (and the entry points) see everything. (typescript-eslint's rule, so these add to
  // the mongodb rule above instead of replacing it.)
  {
    files: ['bots/bot/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/channels/**', '**/http/**', '**/compose/**'],
              message:
                'bots/bot is shared by every channel: it must not import a channel, an HTTP API or the wiring.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bots/channels/**/*.ts', 'bots/http/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/compose/**', '../compose', '../../compose'],
              message: 'Channels and HTTP APIs take their dependencies; only bots/compose wires them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bots/http/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/channels/**', '**/compose/**'],
              message: 'HTTP APIs do not import channels or the wiring.',
            },
          ],
        },
      ],
    },
  },
  // No function over ~80 lines: a longer one needs an eslint-disable-next-line with the reason written above it.
  {
    files: [
      'bots/**/*.ts',
      'dialogs/**/*.ts',
      'services/**/*.ts',
      'tools/**/*.ts',
      'bin/**/*.ts',
      'web/**/*.ts',
      'web/**/*.tsx',
      'index.ts',
    ],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
