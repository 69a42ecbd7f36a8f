// What the HTTP routes work with: the database, the areas, the clock, the reporting settings, and the few actions
// that belong to the bot's features (passed in by main.ts, since http/ does not import bot/).
import type { AreaDirectory } from '../areas/directory.js';
import type { Db } from '../db/client.js';
import type { AggregateSettings } from '../reports/aggregate.js';
import type { QuizBankCatalogue } from '../domain/quiz/quiz-bank.js';

import type { CaseActionOutcome, CaseActionRequest, RecapReviewOutcome, RecapReviewRequest } from '../domain/api-ports.js';

export type { CaseActionOutcome, CaseActionRequest, RecapReviewOutcome, RecapReviewRequest } from '../domain/api-ports.js';

/** Runs in its own transaction (the review, the cadre's notice in the outbox). */
export type RecapReviewPort = (request: RecapReviewRequest) => RecapReviewOutcome;

/** Runs in its own transaction (the change, its history, the notices in the outbox, the audit row). */
export type CaseActionPort = (request: CaseActionRequest) => CaseActionOutcome;

export interface ApiContext {
  db: Db;
  areas: AreaDirectory;
  now: () => Date;
  settings: AggregateSettings;
  reviewRecap: RecapReviewPort;
  actOnCase: CaseActionPort;
  /** Tells the bot that outbox rows were queued (it sends them after the commit); a no-op in tests. */
  kick: () => void;
  /** The quiz banks read at start (IMP_QUIZ_BANK_DIR); default the bundled ones. */
  quizBanks?: QuizBankCatalogue;
}
