// Operational alerts: one open alert per kind; the health check lists them, admins are told on WhatsApp.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { alerts } from '../schema.js';

export type AlertRow = typeof alerts.$inferSelect;

/** Opens an alert of this kind unless one is already open; returns true when a new one was opened. */
export function raiseAlert(db: DbOrTx, kind: string, message: string, now: Date): boolean {
  const open = db.select({ id: alerts.id }).from(alerts).where(and(eq(alerts.kind, kind), isNull(alerts.resolvedAt))).get();
  if (open) return false;
  db.insert(alerts).values({ kind, message, raisedAt: now.toISOString() }).run();
  return true;
}

export function resolveAlerts(db: DbOrTx, kinds: readonly string[], now: Date): void {
  for (const kind of kinds) {
    db.update(alerts).set({ resolvedAt: now.toISOString() }).where(and(eq(alerts.kind, kind), isNull(alerts.resolvedAt))).run();
  }
}

export function openAlerts(db: DbOrTx): AlertRow[] {
  return db.select().from(alerts).where(isNull(alerts.resolvedAt)).orderBy(asc(alerts.id)).all();
}

/** Alerts (open or resolved) that admins have not been told about yet. */
export function unnotifiedAlerts(db: DbOrTx): AlertRow[] {
  return db.select().from(alerts).where(isNull(alerts.notifiedAt)).orderBy(asc(alerts.id)).all();
}

export function markAlertsNotified(db: DbOrTx, ids: readonly number[], now: Date): void {
  for (const id of ids) db.update(alerts).set({ notifiedAt: now.toISOString() }).where(eq(alerts.id, id)).run();
}
