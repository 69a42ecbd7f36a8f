// Monthly recap tables (part of schema.ts).
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { areas, areaUnits, people } from './schema.js';

// ---- The monthly village recap (docs/domain.md §5).

export const RECAP_STATUSES = ['submitted', 'returned', 'verified'] as const;

/**
 * One recap per desa, period and unit: the desa record (unit_key '') or a dusun part (unit_key = the unit id).
 * Drafts live in the cadre's conversation; a row exists from the first submission. Values are never adjusted.
 */
export const recaps = sqliteTable(
  'recaps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    desaCode: text('desa_code')
      .notNull()
      .references(() => areas.code),
    /** YYYY-MM (WITA). */
    period: text('period').notNull(),
    unitId: integer('unit_id').references(() => areaUnits.id),
    /** '' for the desa record, else the unit id: SQLite treats NULLs as distinct in unique indexes. */
    unitKey: text('unit_key').notNull(),
    status: text('status', { enum: RECAP_STATUSES }).notNull(),
    /** The current version number (1 at first submission). */
    version: integer('version').notNull(),
    /** JSON: field id → count, as the cadre confirmed them. */
    values: text('values').notNull(),
    /** JSON: soft-rule warnings raised and the cadre's answer ({ rule, message, answer }). */
    warnings: text('warnings').notNull(),
    reporterId: integer('reporter_id')
      .notNull()
      .references(() => people.id),
    receiptCode: text('receipt_code').notNull(),
    submittedAt: text('submitted_at').notNull(),
    late: integer('late', { mode: 'boolean' }).notNull(),
    verifiedAt: text('verified_at'),
    verifiedBy: integer('verified_by').references(() => people.id),
    returnedReason: text('returned_reason'),
    updatedAt: text('updated_at').notNull(),
    // The headline counts of `values` (domain/recap/headline-counts.ts: null when not answered), written with them
    // (recaps.repo recapValueColumns), so the roll-up of many areas sums columns instead of parsing JSON. The keys
    // are the field ids, so the derived counts spread straight into an insert.
    pus: integer('pus'),
    pa_iud: integer('pa_iud'),
    pa_mow: integer('pa_mow'),
    pa_mop: integer('pa_mop'),
    pa_implan: integer('pa_implan'),
    pa_suntik: integer('pa_suntik'),
    pa_pil: integer('pa_pil'),
    pa_kondom: integer('pa_kondom'),
    pa_mal: integer('pa_mal'),
    pa_lain: integer('pa_lain'),
    iat: integer('iat'),
    tial: integer('tial'),
  },
  (t) => [
    uniqueIndex('recaps_desa_code_period_unit_key_idx').on(t.desaCode, t.period, t.unitKey),
    uniqueIndex('recaps_receipt_code_idx').on(t.receiptCode),
    index('recaps_period_idx').on(t.period, t.status),
    // Covers the roll-up (reports/rollup.ts): the desa records of a month in desa order with everything it sums, so
    // SQLite reads this index (≈ 60 bytes a recap) and never the table's rows (≈ 1 KB of JSON each).
    index('recaps_rollup_idx').on(
      t.period,
      t.unitKey,
      t.desaCode,
      t.status,
      t.late,
      t.pus,
      t.pa_iud,
      t.pa_mow,
      t.pa_mop,
      t.pa_implan,
      t.pa_suntik,
      t.pa_pil,
      t.pa_kondom,
      t.pa_mal,
      t.pa_lain,
      t.iat,
      t.tial,
    ),
  ],
);

/** Every submitted version and every status change of a recap, kept for good. */
export const recapEvents = sqliteTable(
  'recap_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recapId: integer('recap_id')
      .notNull()
      .references(() => recaps.id),
    version: integer('version').notNull(),
    change: text('change', { enum: ['submitted', 'corrected', 'returned', 'verified', 'reopened'] }).notNull(),
    /** JSON of the values at this version (for submitted/corrected). */
    values: text('values'),
    warnings: text('warnings'),
    note: text('note'),
    byPersonId: integer('by_person_id')
      .notNull()
      .references(() => people.id),
    at: text('at').notNull(),
  },
  (t) => [index('recap_events_recap_id_idx').on(t.recapId)],
);

/** A PKB reopened a closed period for one desa, until a date (the late recap is then accepted, marked late). */
export const recapReopenings = sqliteTable(
  'recap_reopenings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    desaCode: text('desa_code')
      .notNull()
      .references(() => areas.code),
    period: text('period').notNull(),
    byPersonId: integer('by_person_id')
      .notNull()
      .references(() => people.id),
    at: text('at').notNull(),
    until: text('until').notNull(),
  },
  (t) => [index('recap_reopenings_desa_code_period_idx').on(t.desaCode, t.period)],
);
