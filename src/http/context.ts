// What the HTTP routes work with: the database, the areas, the clock, the reporting settings, and the few actions
// that belong to the bot's features (passed in by main.ts, since http/ does not import bot/).
import type { AreaDirectory } from '../areas/directory.js';
import type { Db } from '../db/client.js';
import type { AggregateSettings } from '../reports/aggregate.js';

/** A verification or return asked through the API, checked and stored by the same code as the WhatsApp review. */
export interface RecapReviewRequest {
  recapId: number;
  /** The version the client saw: a newer one (or a review meanwhile) refuses, as in WhatsApp. */
  version: number;
  decision: 'verified' | 'returned';
  reason: string | null;
  /** The role of the token asking; the review is recorded for the registered reviewer of that role for the desa. */
  role: 'pkb' | 'koordinator' | 'dinas';
  /** The desa the token may see. */
  allowedDesa: ReadonlySet<string> | null;
}

export type RecapReviewOutcome =
  | { ok: true; status: 'verified' | 'returned'; reviewerName: string; cadreNotified: boolean }
  | { ok: false; reason: 'not_found' | 'out_of_scope' | 'not_reviewer' | 'no_reviewer' | 'changed' | 'dusun_mismatch'; detail: string };

/** Runs in its own transaction (the review, the cadre's notice in the outbox). */
export type RecapReviewPort = (request: RecapReviewRequest) => RecapReviewOutcome;

/** An action on a case asked through the API, checked and stored by the same code as `KASUS <kode>` in WhatsApp. */
export interface CaseActionRequest {
  code: string;
  action: 'follow_up' | 'serve' | 'decline' | 'refer' | 'invalid' | 'lost' | 'reassign';
  method?: string | undefined;
  /** serve: the service date, YYYY-MM-DD (WITA). */
  date?: string | undefined;
  /** decline / invalid: the reason's key. */
  reason?: string | undefined;
  /** refer: the kind of facility's key. */
  facility?: string | undefined;
  /** reassign: the person id of the PKB who gets the case. */
  assignTo?: number | undefined;
  note?: string | null | undefined;
  role: 'pkb' | 'koordinator' | 'dinas' | 'admin';
  allowedDesa: ReadonlySet<string> | null;
  /** For the audit row. */
  tokenId: number;
}

export type CaseActionOutcome =
  | { ok: true; status: string; actedAsName: string; actedAsRole: string; residentNotified: boolean }
  | { ok: false; reason: 'not_found' | 'out_of_scope' | 'role' | 'no_person' | 'status' | 'invalid'; detail: string; field?: string; status?: string };

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
}
