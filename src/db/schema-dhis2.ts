// What was pushed to DHIS2 (part of schema.ts): every push attempt, the last value DHIS2 accepted at each of its
// coordinates and the desa it holds as complete, so a later push of the same period sends only what changed
// (reports/dhis2/push.ts).
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * How a push ended:
 * - ok: every value sent was accepted (a dry run: would be);
 * - partial: DHIS2 refused some of what was sent (the conflicts: sent with --force although the check found them,
 *   or the completeness registrations); the rest is recorded;
 * - stopped: the check (DHIS2's dry run) found conflicts, so nothing was sent (also a --dry-run with conflicts);
 * - error: DHIS2 answered with status ERROR (nothing recorded as sent);
 * - failed: no usable answer (unreachable, credentials refused, not a DHIS2 answer);
 * - nothing: no value changed since the last push; no request was made.
 */
export const DHIS2_PUSH_STATUSES = ['ok', 'partial', 'stopped', 'error', 'failed', 'nothing'] as const;
export type Dhis2PushStatus = (typeof DHIS2_PUSH_STATUSES)[number];

export const dhis2Pushes = sqliteTable(
  'dhis2_pushes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The DHIS2 base URL pushed to (IMP_DHIS2_URL; never holds credentials). */
    server: text('server').notNull(),
    /** YYYY-MM. */
    period: text('period').notNull(),
    /** The kecamatan pushed alone (--kecamatan), or null for the whole kabupaten. */
    kecamatanCode: text('kecamatan_code'),
    at: text('at').notNull(),
    /** Who started it: the operator's command or the monthly job. */
    trigger: text('trigger', { enum: ['cli', 'job'] }).notNull(),
    /** --dry-run: DHIS2 checked the values and stored nothing; nothing was recorded as sent. */
    dryRun: integer('dry_run', { mode: 'boolean' }).notNull(),
    includeUnverified: integer('include_unverified', { mode: 'boolean' }).notNull(),
    status: text('status', { enum: DHIS2_PUSH_STATUSES }).notNull(),
    /** Values in the request (those that changed since the last push). */
    sent: integer('sent').notNull(),
    /** DHIS2's import count (of the real import, else of its dry run); null without an answer. */
    imported: integer('imported'),
    updated: integer('updated'),
    ignored: integer('ignored'),
    deleted: integer('deleted'),
    /** Desa registered as complete by this push; null when no registration was sent. */
    registered: integer('registered'),
    /** JSON array of DHIS2's conflicts as it gave them (object, value, errorCode, property, indexes), or null. */
    conflictsJson: text('conflicts_json'),
    /** The one line saying why it failed or stopped; null when ok. Never holds a credential. */
    message: text('message'),
  },
  (t) => [index('dhis2_pushes_at_idx').on(t.at)],
);

/**
 * The last value a DHIS2 server accepted at each coordinate (DHIS2 period, org unit and data element codes), with the
 * push that sent it. Keyed by the server and DHIS2's coordinates, not ours: another server, or a changed mapping
 * (new coordinates), gets everything. A value DHIS2 refused (a conflict) is not written, so it goes again next time.
 */
export const dhis2SentValues = sqliteTable(
  'dhis2_sent_values',
  {
    server: text('server').notNull(),
    /** YYYYMM, as DHIS2 reads it. */
    period: text('period').notNull(),
    orgUnit: text('org_unit').notNull(),
    dataElement: text('data_element').notNull(),
    value: text('value').notNull(),
    comment: text('comment'),
    sentAt: text('sent_at').notNull(),
    pushId: integer('push_id')
      .notNull()
      .references(() => dhis2Pushes.id),
  },
  (t) => [primaryKey({ columns: [t.server, t.period, t.orgUnit, t.dataElement] })],
);

/**
 * The desa a DHIS2 server holds as complete for a period and data set (a completeDataSetRegistration accepted). A desa is
 * registered once all its values are in DHIS2, and only once: its date is the recap's first submission, which a
 * correction does not move.
 */
export const dhis2Registrations = sqliteTable(
  'dhis2_registrations',
  {
    server: text('server').notNull(),
    /** YYYYMM. */
    period: text('period').notNull(),
    dataSet: text('data_set').notNull(),
    orgUnit: text('org_unit').notNull(),
    /** The completion date sent (YYYY-MM-DD, WITA). */
    date: text('date').notNull(),
    sentAt: text('sent_at').notNull(),
    pushId: integer('push_id')
      .notNull()
      .references(() => dhis2Pushes.id),
  },
  (t) => [primaryKey({ columns: [t.server, t.period, t.dataSet, t.orgUnit] })],
);
