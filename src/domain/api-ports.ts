// What the HTTP API asks of the bot's features (a recap review, a case action) and what it gets back. Types only:
// the API (http/) and the features that answer it (bot/features/api-*.ts) may not import each other, so the shapes
// they share live here, once.

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
