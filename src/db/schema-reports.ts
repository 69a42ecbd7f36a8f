// Reports asked for on demand that are made after the message's transaction (part of schema.ts).
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { areas } from './schema.js';

/**
 * A chart someone asked for with GRAFIK, waiting to be drawn. Drawing is slow and asynchronous, so the command's
 * transaction only records the request; the chart worker (bot/chart-worker.ts) draws it after the commit and queues
 * the image in its own transaction, deleting the row. A restart finds the rows still here and finishes them; a row
 * older than an hour is dropped with an apology. Nothing is kept once a request is answered.
 */
export const chartRequests = sqliteTable(
  'chart_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Where the image goes: the group's id or the asker's phone. */
    toAddress: text('to_address').notNull(),
    /** YYYY-MM. */
    period: text('period').notNull(),
    /** A desa's kecamatan, a kecamatan or the kabupaten. */
    areaCode: text('area_code')
      .notNull()
      .references(() => areas.code),
    /** JSON array of desa codes (a PKB's binaan), or null for every desa of the area. */
    onlyDesa: text('only_desa'),
    /** The area as the chart's subtitle names it ("Kec. Bontomarannu", "Wilayah binaan, Kec. Bontomarannu"). */
    label: text('label').notNull(),
    requestedAt: text('requested_at').notNull(),
    /** Failed drawing attempts; the request is given up (with an apology) after a few. */
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [index('chart_requests_requested_at_idx').on(t.requestedAt)],
);
