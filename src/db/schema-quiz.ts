// Workshop quizzes (part of schema.ts): a workshop with its questions, its paired pre- and post-test (each a short
// code), each cadre's one attempt per test and their answers. Cadres are referenced by id; no phone number.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { QUIZ_KINDS } from '../domain/quiz/quiz-rules.js';
import { areas, people } from './schema.js';

/** A workshop ("pelatihan"): its name, the bank its questions came from and those questions as they were asked. */
export const quizWorkshops = sqliteTable(
  'quiz_workshops',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** The name as compared (workshopNameKey): opening the same name again opens its post-test. */
    nameKey: text('name_key').notNull(),
    bankId: text('bank_id').notNull(),
    bankTitle: text('bank_title').notNull(),
    /**
     * JSON array of the questions (text, options, answer, explanation, topic) copied from the bank when the workshop
     * opened: the post-test asks exactly what the pre-test asked, even if the bank file changes meanwhile.
     */
    questions: text('questions').notNull(),
    /** Whose workshop it is, as an area spec: the kabupaten, a kecamatan, or desa codes separated by ";". */
    areaSpec: text('area_spec').notNull(),
    /** The officer who opened it on WhatsApp; null when opened from the command line or the API. */
    organiserId: integer('organiser_id').references(() => people.id),
    openedVia: text('opened_via', { enum: ['whatsapp', 'cli', 'api'] }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('quiz_workshops_name_key_idx').on(t.nameKey), index('quiz_workshops_organiser_idx').on(t.organiserId)],
);

/** One test of a workshop: its pre-test or its post-test, with the code cadres type (KUIS <kode>). */
export const quizzes = sqliteTable(
  'quizzes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workshopId: integer('workshop_id')
      .notNull()
      .references(() => quizWorkshops.id),
    kind: text('kind', { enum: QUIZ_KINDS }).notNull(),
    /** 4 characters, unique among all quizzes, never reused. */
    code: text('code').notNull(),
    openedAt: text('opened_at').notNull(),
    /** The end of the last WITA day it may be taken (quizExpiry). */
    expiresAt: text('expires_at').notNull(),
    /** Set by KUIS TUTUP, or for a pre-test when its post-test opens. */
    closedAt: text('closed_at'),
  },
  (t) => [uniqueIndex('quizzes_code_idx').on(t.code), uniqueIndex('quizzes_workshop_kind_idx').on(t.workshopId, t.kind)],
);

/** A cadre's one attempt at a test; finished once every question is answered (score = right answers). */
export const quizAttempts = sqliteTable(
  'quiz_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    quizId: integer('quiz_id')
      .notNull()
      .references(() => quizzes.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    /** The role and home desa when they joined: the per-desa report counts them there. */
    role: text('role').notNull(),
    desaCode: text('desa_code')
      .notNull()
      .references(() => areas.code),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    score: integer('score'),
  },
  (t) => [uniqueIndex('quiz_attempts_quiz_person_idx').on(t.quizId, t.personId), index('quiz_attempts_person_idx').on(t.personId)],
);

/** One answer: the question (0-based, in the workshop's order) and the option chosen (0-based). */
export const quizAnswers = sqliteTable(
  'quiz_answers',
  {
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => quizAttempts.id),
    question: integer('question').notNull(),
    choice: integer('choice').notNull(),
    correct: integer('correct', { mode: 'boolean' }).notNull(),
    answeredAt: text('answered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.question] })],
);
