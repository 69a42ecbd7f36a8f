// Unmet-need case tables (part of schema.ts).
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { areas, people } from './schema.js';

// ---- Unmet-need and unserved-acceptor cases (docs/domain.md §6). No name, NIK, phone, address or birth date.

export const cases = sqliteTable(
  'cases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    desaCode: text('desa_code')
      .notNull()
      .references(() => areas.code),
    /** Dusun/RT chosen or typed as a short code (screened for personal data), optional. */
    place: text('place'),
    category: text('category', { enum: ['IAT', 'TIAL', 'CALON_AKSEPTOR'] }).notNull(),
    methodWanted: text('method_wanted').notNull(),
    /** JSON array of reason keys. */
    reasons: text('reasons').notNull(),
    stockOutMethod: text('stock_out_method'),
    stockOutFacility: text('stock_out_facility'),
    consentToContact: integer('consent_to_contact', { mode: 'boolean' }).notNull(),
    /** Cadre path only: pointer to the register row / KKI, age band, living children, post-partum. */
    refRegister: text('ref_register'),
    ageBand: text('age_band'),
    children: text('children'),
    postPartum: integer('post_partum', { mode: 'boolean' }),
    status: text('status', { enum: ['reported', 'assigned', 'followed_up', 'served', 'declined', 'referred', 'lost', 'closed_invalid'] }).notNull(),
    /**
     * Who reported: a registered person, and a keyed hash of the sender (never the number itself) so STATUS and the
     * limit of open cases per number work. Emptied when the case is de-identified.
     */
    reporterPersonId: integer('reporter_person_id').references(() => people.id),
    reporterKey: text('reporter_key').notNull(),
    /** Where a resident who agreed to be contacted is told the case closed (their chat address); null otherwise and once closed. */
    reporterAddress: text('reporter_address'),
    assigneeId: integer('assignee_id').references(() => people.id),
    /** When the current assignee got the case (the SLA counts from here). */
    assignedAt: text('assigned_at'),
    outcomeMethod: text('outcome_method'),
    outcomeDate: text('outcome_date'),
    /** Why declined or closed as invalid. */
    outcomeNote: text('outcome_note'),
    /** Where the couple was referred (a kind of facility); kept when the case is later served. */
    referredTo: text('referred_to'),
    referredAt: text('referred_at'),
    reportedAt: text('reported_at').notNull(),
    followedUpAt: text('followed_up_at'),
    closedAt: text('closed_at'),
    remindedAt: text('reminded_at'),
    escalatedAt: text('escalated_at'),
    /** Set 12 months after closure, when the place, register pointer, notes and reporter were removed (UU PDP). */
    deidentifiedAt: text('deidentified_at'),
  },
  (t) => [
    uniqueIndex('cases_code_idx').on(t.code),
    index('cases_desa_code_status_idx').on(t.desaCode, t.status),
    index('cases_reporter_key_idx').on(t.reporterKey),
    index('cases_assignee_id_idx').on(t.assigneeId),
  ],
);

/** Every change of a case, with who and when. */
export const caseEvents = sqliteTable(
  'case_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: text('note'),
    byPersonId: integer('by_person_id').references(() => people.id),
    at: text('at').notNull(),
  },
  (t) => [index('case_events_case_id_idx').on(t.caseId)],
);
