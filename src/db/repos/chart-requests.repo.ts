// GRAFIK requests waiting for the chart worker: recorded in the command's transaction, deleted when answered.
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { chartRequests } from '../schema.js';

export type ChartRequestRow = typeof chartRequests.$inferSelect;

export interface NewChartRequest {
  toAddress: string;
  period: string;
  areaCode: string;
  onlyDesa: readonly string[] | null;
  label: string;
}

export function requestChart(db: DbOrTx, request: NewChartRequest, now: Date): number {
  return db
    .insert(chartRequests)
    .values({
      toAddress: request.toAddress,
      period: request.period,
      areaCode: request.areaCode,
      onlyDesa: request.onlyDesa === null ? null : JSON.stringify(request.onlyDesa),
      label: request.label,
      requestedAt: now.toISOString(),
    })
    .returning({ id: chartRequests.id })
    .get().id;
}

/** The oldest waiting request, or undefined. */
export function nextChartRequest(db: DbOrTx, skip: ReadonlySet<number> = new Set()): ChartRequestRow | undefined {
  const rows = db.select().from(chartRequests).orderBy(asc(chartRequests.id)).limit(skip.size + 1).all();
  return rows.find((r) => !skip.has(r.id));
}

export function onlyDesaOf(row: ChartRequestRow): string[] | null {
  if (row.onlyDesa === null) return null;
  const parsed: unknown = JSON.parse(row.onlyDesa);
  return Array.isArray(parsed) ? parsed.map(String) : null;
}

/** Removes an answered (or given-up) request; false when another run already did. */
export function finishChartRequest(db: DbOrTx, id: number): boolean {
  return db.delete(chartRequests).where(eq(chartRequests.id, id)).run().changes > 0;
}

/** Counts a failed drawing; returns the attempts so far. */
export function noteChartAttempt(db: DbOrTx, id: number): number {
  return (
    db
      .update(chartRequests)
      .set({ attempts: sql`${chartRequests.attempts} + 1` })
      .where(eq(chartRequests.id, id))
      .returning({ attempts: chartRequests.attempts })
      .get()?.attempts ?? 0
  );
}

export function pendingChartRequests(db: DbOrTx): number {
  return db.select({ n: sql<number>`count(*)` }).from(chartRequests).get()?.n ?? 0;
}
