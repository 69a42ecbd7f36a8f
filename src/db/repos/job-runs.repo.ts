// Scheduled job runs (see src/bot/jobs): one row per job and period key.
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { jobRuns } from '../schema.js';

export type JobRunRow = typeof jobRuns.$inferSelect;

export function hasJobRun(db: DbOrTx, job: string, periodKey: string): boolean {
  return db.select({ id: jobRuns.id }).from(jobRuns).where(and(eq(jobRuns.job, job), eq(jobRuns.periodKey, periodKey))).get() !== undefined;
}

export function recordJobRun(db: DbOrTx, run: { job: string; periodKey: string; scheduledAt: Date; ranAt: Date; queued: number | null }): void {
  db.insert(jobRuns)
    .values({ job: run.job, periodKey: run.periodKey, scheduledAt: run.scheduledAt.toISOString(), ranAt: run.ranAt.toISOString(), queued: run.queued })
    .run();
}

/** The latest runs of a job, newest first (for status and tests). */
export function recentJobRuns(db: DbOrTx, job: string, limit = 10): JobRunRow[] {
  return db.select().from(jobRuns).where(eq(jobRuns.job, job)).orderBy(desc(jobRuns.scheduledAt)).limit(limit).all();
}
