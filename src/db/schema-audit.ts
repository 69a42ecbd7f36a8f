// The audit log (part of schema.ts): who exported data, opened a case or changed the people register, and when.
// Rows hold no personal data: people are named by id, a phone only as a hash, the scope as area codes, periods, ids.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const AUDIT_ACTORS = ['person', 'token', 'cli'] as const;

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** When it happened (ISO UTC). */
    at: text('at').notNull(),
    /** Who: a registered person (via WhatsApp), an API token, or the operator at the command line. */
    actorKind: text('actor_kind', { enum: AUDIT_ACTORS }).notNull(),
    /** people.id or api_tokens.id; null for the command line. No foreign key: the log outlives what it names. */
    actorId: integer('actor_id'),
    /** What, as a dotted verb: `export.recap`, `case.view`, `people.import`, `people.forget`, … */
    action: text('action').notNull(),
    /** The area the action covered (desa, kecamatan or kabupaten code), when it had one. */
    areaCode: text('area_code'),
    /** The period (YYYY-MM) it covered, when it had one. */
    period: text('period'),
    /** Ids it touched (case code, person ids…), comma-separated. */
    targets: text('targets'),
    /** JSON: the action's details (format, counts, changes); never a name, a phone number or message text. */
    detail: text('detail'),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action, t.at)],
);
