// The audit log: one row per export, case view and change to the people register, written in the same transaction
// as what it records (or right after a read-only export). Rows name people by id only; see schema-audit.ts.
import { and, asc, gte, lt, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { auditLog } from '../schema.js';

/** Who did it: a registered person (WhatsApp), an API token, or the operator at the command line. */
export type AuditActor = { kind: 'person'; id: number } | { kind: 'token'; id: number } | { kind: 'cli' };

export interface AuditEntry {
  actor: AuditActor;
  /** A dotted verb: `export.recap`, `export.cases`, `case.view`, `people.import`, `people.deactivate`, `people.forget`… */
  action: string;
  at: Date;
  /** The area covered (desa, kecamatan or kabupaten code). */
  areaCode?: string | null;
  /** The period covered (YYYY-MM). */
  period?: string | null;
  /** Ids touched: a case code, person ids… */
  targets?: readonly (string | number)[];
  /** Details without personal data: format, counts, changed fields, a phone's hash. */
  detail?: Readonly<Record<string, unknown>>;
}

export type AuditRow = typeof auditLog.$inferSelect;

export function recordAudit(tx: DbOrTx, entry: AuditEntry): void {
  tx.insert(auditLog)
    .values({
      at: entry.at.toISOString(),
      actorKind: entry.actor.kind,
      actorId: entry.actor.kind === 'cli' ? null : entry.actor.id,
      action: entry.action,
      areaCode: entry.areaCode ?? null,
      period: entry.period ?? null,
      targets: entry.targets && entry.targets.length > 0 ? entry.targets.join(',') : null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .run();
}

/** Entries with `from <= at < to` (either bound optional), oldest first. */
export function auditEntries(db: DbOrTx, range: { from?: Date; to?: Date } = {}): AuditRow[] {
  const where: SQL[] = [];
  if (range.from) where.push(gte(auditLog.at, range.from.toISOString()));
  if (range.to) where.push(lt(auditLog.at, range.to.toISOString()));
  return db
    .select()
    .from(auditLog)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(asc(auditLog.at), asc(auditLog.id))
    .all();
}
