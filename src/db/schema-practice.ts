// Practice mode (LATIHAN) tables (part of schema.ts). A practice stores nothing of what was typed and no report:
// only who practised, what, how long and what the bot caught, so a trainer sees who finished.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { people } from './schema.js';

export const PRACTICE_KINDS = ['guided', 'fast', 'case'] as const;

/** A finished practice of one person (the made-up report itself is never kept). */
export const practiceRuns = sqliteTable(
  'practice_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    kind: text('kind', { enum: PRACTICE_KINDS }).notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at').notNull(),
    durationSeconds: integer('duration_seconds').notNull(),
    /** Answers the bot could not read. */
    invalidCount: integer('invalid_count').notNull().default(0),
    /** Numbers that broke a hard rule (KIRIM refused, or the PUS balance told). */
    hardCount: integer('hard_count').notNull().default(0),
    /** Soft warnings asked (the sheet raises one on purpose). */
    softCount: integer('soft_count').notNull().default(0),
    /** Answers that differ from the practice sheet. */
    differenceCount: integer('difference_count').notNull().default(0),
    /** JSON array of what the mistakes concerned ("rule:C3", "node:…"): the "what to watch" of the feedback. */
    topics: text('topics').notNull().default('[]'),
  },
  (t) => [index('practice_runs_person_finished_idx').on(t.personId, t.finishedAt), index('practice_runs_finished_idx').on(t.finishedAt)],
);

/**
 * A practice round opened by a trainer for a group of cadres (LATIHAN KELOMPOK): the cadres of these desa were
 * invited; every practice one of them finishes while it is open counts for it (by time, so two trainers' rounds may
 * overlap).
 */
export const practiceRounds = sqliteTable(
  'practice_rounds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Short code shown to the trainer (e.g. "K7Q2"). */
    code: text('code').notNull(),
    trainerId: integer('trainer_id')
      .notNull()
      .references(() => people.id),
    /** JSON array of the desa codes whose cadres it covers: the trainer's area when it opened. */
    desaCodes: text('desa_codes').notNull(),
    /** Cadres sent the invitation. */
    invited: integer('invited').notNull().default(0),
    openedAt: text('opened_at').notNull(),
    /** It ends by itself then (a few days after opening), or earlier with LATIHAN TUTUP. */
    expiresAt: text('expires_at').notNull(),
    closedAt: text('closed_at'),
  },
  (t) => [uniqueIndex('practice_rounds_code_idx').on(t.code), index('practice_rounds_trainer_idx').on(t.trainerId, t.openedAt)],
);
