// Lint plus the import boundaries of docs/ARCHITECTURE.md, enforced with no-restricted-imports per layer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const IO = ['better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', '@whiskeysockets/baileys', 'fastify', 'pino', 'node-cron', 'exceljs'];
const NODE_IO = ['node:fs', 'node:fs/promises', 'node:net', 'node:http', 'node:child_process', 'fs', 'net', 'http'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'drizzle/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['src/flows/**/*.ts', 'src/areas/directory.ts', 'src/areas/name-key.ts', 'src/areas/types.ts', 'src/domain/**/*.ts'],
    rules: restrict([...IO, ...NODE_IO, '**/db/**', '**/bot/**', '**/http/**', '**/reports/**', '**/main.js'], 'flows and the domain are pure: no I/O, no db, no transports (docs/ARCHITECTURE.md)'),
  },
  {
    // The engine gets `now` from the host; reading the clock inside a flow would make it untestable.
    files: ['src/flows/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'flows get the time from env.now' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'flows get the time from env.now' }],
    },
  },
  {
    files: ['src/bot/**/*.ts'],
    ignores: ['src/bot/adapters/**'],
    rules: restrict(['@whiskeysockets/baileys', 'fastify', '**/http/**', '**/main.js', '**/adapters/**'], 'the router does not know vendor SDKs or adapters; only main.ts picks a transport'),
  },
  {
    files: ['src/bot/adapters/**/*.ts'],
    rules: restrict(['**/flows/**', '**/db/**', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', '**/http/**'], 'adapters translate vendor objects; they know nothing of flows or the database'),
  },
  {
    files: ['src/db/**/*.ts'],
    rules: restrict(['**/bot/**', '**/http/**', '**/reports/**', '**/main.js', 'fastify', '@whiskeysockets/baileys'], 'the db layer sits below everything else'),
  },
  {
    files: ['src/media/**/*.ts'],
    rules: restrict(['**/bot/**', '**/flows/**', '**/http/**', '**/reports/**', '**/main.js', 'fastify', '@whiskeysockets/baileys'], 'the media store keeps files for the outbox: it sits beside db, below everything else'),
  },
  {
    files: ['src/http/**/*.ts'],
    rules: restrict(['**/bot/**', 'better-sqlite3', '@whiskeysockets/baileys', '**/main.js'], 'http reads through db/index and reports only'),
  },
  {
    files: ['src/reports/**/*.ts'],
    rules: restrict(['**/bot/**', '**/flows/engine/**', '**/http/**', '**/main.js'], 'reports read the db; they do not reach into the bot or the engine'),
  },
  {
    // The aggregation core is rows in, summary out, so it can be tested without a database; aggregate-data.ts loads.
    // The texts and chart bars made from it (the PKB digest, summaries, REKAP, BELUM) are pure the same way.
    files: ['src/reports/aggregate.ts', 'src/reports/aggregate-meetings.ts', 'src/reports/pkb-digest-text.ts', 'src/reports/summary-text.ts', 'src/reports/missing-text.ts', 'src/reports/chart-bars.ts'],
    rules: restrict([...IO, ...NODE_IO, '**/db/**', '**/bot/**', '**/flows/engine/**', '**/http/**', '**/main.js'], 'the aggregation core and its texts are pure: the loader is aggregate-data.ts'),
  },
  {
    // The DHIS2 builders are areas, settings and rows in, DHIS2 JSON out; data-values.ts holds the one reader and
    // mapping-file.ts the one file read.
    files: ['src/reports/dhis2/**/*.ts'],
    ignores: ['src/reports/dhis2/data-values.ts', 'src/reports/dhis2/mapping-file.ts'],
    rules: restrict([...IO, ...NODE_IO, '**/db/**', '**/bot/**', '**/flows/engine/**', '**/http/**', '**/main.js'], 'the DHIS2 builders are pure: the reader is data-values.ts loadDhis2Recaps'),
  },
);
