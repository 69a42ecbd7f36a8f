// DHIS2 pushes (see schema-dhis2.ts): the attempts, the values DHIS2 accepted and the desa it holds as complete, to
// send only what changed.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { dhis2Pushes, dhis2Registrations, dhis2SentValues, type Dhis2PushStatus } from '../schema.js';

export type Dhis2PushRow = typeof dhis2Pushes.$inferSelect;

/** A value at its DHIS2 coordinates (the shape of a dataValueSets entry). */
export interface SentValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  value: string;
  comment?: string | undefined;
}

const keyOf = (v: Pick<SentValue, 'orgUnit' | 'dataElement'>) => `${v.orgUnit}\u0000${v.dataElement}`;

/**
 * The values not yet in that DHIS2 server as they are now: never accepted there, or accepted with another value or
 * comment. Reads the periods the values are in (one, for a month's push).
 */
export function changedSinceLastPush<V extends SentValue>(db: DbOrTx, server: string, values: readonly V[]): V[] {
  const periods = [...new Set(values.map((v) => v.period))];
  if (periods.length === 0) return [];
  const sent = new Map<string, { value: string; comment: string | null }>();
  for (const row of db
    .select({ period: dhis2SentValues.period, orgUnit: dhis2SentValues.orgUnit, dataElement: dhis2SentValues.dataElement, value: dhis2SentValues.value, comment: dhis2SentValues.comment })
    .from(dhis2SentValues)
    .where(and(eq(dhis2SentValues.server, server), inArray(dhis2SentValues.period, periods)))
    .all()) {
    sent.set(`${row.period}\u0000${keyOf(row)}`, { value: row.value, comment: row.comment });
  }
  return values.filter((v) => {
    const last = sent.get(`${v.period}\u0000${keyOf(v)}`);
    return !last || last.value !== v.value || last.comment !== (v.comment ?? null);
  });
}

/** A completeness registration as sent (the shape of a completeDataSetRegistrations entry). */
export interface SentRegistration {
  dataSet: string;
  period: string;
  organisationUnit: string;
  date: string;
}

/** The registrations that DHIS2 server does not hold yet (never accepted for that period, data set and desa). */
export function unregistered<R extends SentRegistration>(db: DbOrTx, server: string, registrations: readonly R[]): R[] {
  const periods = [...new Set(registrations.map((r) => r.period))];
  if (periods.length === 0) return [];
  const held = new Set(
    db
      .select({ period: dhis2Registrations.period, dataSet: dhis2Registrations.dataSet, orgUnit: dhis2Registrations.orgUnit })
      .from(dhis2Registrations)
      .where(and(eq(dhis2Registrations.server, server), inArray(dhis2Registrations.period, periods)))
      .all()
      .map((r) => `${r.period}\u0000${r.dataSet}\u0000${r.orgUnit}`),
  );
  return registrations.filter((r) => !held.has(`${r.period}\u0000${r.dataSet}\u0000${r.organisationUnit}`));
}

export interface PushRecord {
  server: string;
  period: string;
  kecamatanCode: string | null;
  at: Date;
  trigger: 'cli' | 'job';
  dryRun: boolean;
  includeUnverified: boolean;
  status: Dhis2PushStatus;
  sent: number;
  counts: { imported: number; updated: number; ignored: number; deleted: number } | null;
  /** Registrations accepted; null when none was sent. */
  registered: number | null;
  conflicts: readonly unknown[] | null;
  message: string | null;
}

/**
 * Records a push and, with it, the values and registrations DHIS2 accepted (a value replaces the one at its
 * coordinates). Call it inside one transaction.
 */
export function recordPush(db: DbOrTx, push: PushRecord, accepted: readonly SentValue[], registered: readonly SentRegistration[] = []): number {
  const at = push.at.toISOString();
  const { id } = db
    .insert(dhis2Pushes)
    .values({
      server: push.server,
      period: push.period,
      kecamatanCode: push.kecamatanCode,
      at,
      trigger: push.trigger,
      dryRun: push.dryRun,
      includeUnverified: push.includeUnverified,
      status: push.status,
      sent: push.sent,
      imported: push.counts?.imported ?? null,
      updated: push.counts?.updated ?? null,
      ignored: push.counts?.ignored ?? null,
      deleted: push.counts?.deleted ?? null,
      registered: push.registered,
      conflictsJson: push.conflicts && push.conflicts.length > 0 ? JSON.stringify(push.conflicts) : null,
      message: push.message,
    })
    .returning({ id: dhis2Pushes.id })
    .get();
  for (const v of accepted) {
    const row = { value: v.value, comment: v.comment ?? null, sentAt: at, pushId: id };
    db.insert(dhis2SentValues)
      .values({ server: push.server, period: v.period, orgUnit: v.orgUnit, dataElement: v.dataElement, ...row })
      .onConflictDoUpdate({ target: [dhis2SentValues.server, dhis2SentValues.period, dhis2SentValues.orgUnit, dhis2SentValues.dataElement], set: row })
      .run();
  }
  for (const r of registered) {
    db.insert(dhis2Registrations)
      .values({ server: push.server, period: r.period, dataSet: r.dataSet, orgUnit: r.organisationUnit, date: r.date, sentAt: at, pushId: id })
      .onConflictDoUpdate({
        target: [dhis2Registrations.server, dhis2Registrations.period, dhis2Registrations.dataSet, dhis2Registrations.orgUnit],
        set: { date: r.date, sentAt: at, pushId: id },
      })
      .run();
  }
  return id;
}

/** The latest pushes, newest first (imp-smart dhis2 status). */
export function recentPushes(db: DbOrTx, limit = 10, period?: string): Dhis2PushRow[] {
  return db
    .select()
    .from(dhis2Pushes)
    .where(period ? eq(dhis2Pushes.period, period) : undefined)
    .orderBy(desc(dhis2Pushes.at), desc(dhis2Pushes.id))
    .limit(limit)
    .all();
}

/** The last push of a period to that server that got something accepted (ok or partial, not a dry run). */
export function lastSuccessfulPush(db: DbOrTx, server: string, period: string): Dhis2PushRow | undefined {
  return db
    .select()
    .from(dhis2Pushes)
    .where(and(eq(dhis2Pushes.server, server), eq(dhis2Pushes.period, period), eq(dhis2Pushes.dryRun, false), inArray(dhis2Pushes.status, ['ok', 'partial'])))
    .orderBy(desc(dhis2Pushes.at), desc(dhis2Pushes.id))
    .limit(1)
    .get();
}
