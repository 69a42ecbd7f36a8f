// Runs scheduled jobs exactly once per period: each run is one IMMEDIATE transaction that checks the job's period
// key in job_runs, does the job's work and records the run. A second fire of the same slot (node-cron catching up,
// a restart, an overlapping run, the simulator replaying a story with --db) finds the row and does nothing; a run
// that fails leaves no row, so it can be made up later.
import type { AreaDirectory } from '../../areas/directory.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { hasJobRun, recordJobRun } from '../../db/repos/job-runs.repo.js';
import type { Logger } from '../../logger.js';
import { witaDate } from '../../time/wita.js';
import { cronSlots, firesAtMostDaily, lastSlotAtOrBefore } from './cron.js';
import type { Job } from './job.js';

export type RunOutcome = 'ran' | 'already' | 'failed';

export interface JobRunnerDeps {
  db: Db;
  clock: Clock;
  areas: () => AreaDirectory;
  logger: Logger;
  /** After a run that may have queued messages (the dispatcher's kick). */
  onQueued?: () => void;
}

/** What one run covers: the job's own key, else the WITA date (daily jobs) or the slot's minute. */
export function periodKeyOf(job: Job, scheduledAt: Date): string {
  if (job.periodKey) return job.periodKey(scheduledAt);
  if (firesAtMostDaily(job.cron)) return witaDate(scheduledAt);
  return scheduledAt.toISOString().slice(0, 16);
}

export class JobRunner {
  constructor(private readonly deps: JobRunnerDeps) {}

  /** Runs the job for this slot unless its period has run already. Never throws: a failure is logged. */
  async runSlot(job: Job, scheduledAt: Date): Promise<RunOutcome> {
    const { db, clock, logger } = this.deps;
    const periodKey = periodKeyOf(job, scheduledAt);
    const context = { scheduledAt, now: clock.now(), areas: this.deps.areas(), logger };
    try {
      // Checked before the (possibly slow) preparation too, so a second fire does no work at all.
      if (job.prepare && hasJobRun(db, job.name, periodKey)) return 'already';
      const prepared = job.prepare ? await job.prepare(context) : undefined;
      const now = clock.now();
      const outcome = db.transaction((tx): RunOutcome => {
        if (hasJobRun(tx, job.name, periodKey)) return 'already';
        const queued = job.run(tx, { ...context, now }, prepared);
        recordJobRun(tx, { job: job.name, periodKey, scheduledAt, ranAt: now, queued: typeof queued === 'number' ? queued : null });
        return 'ran';
      });
      if (outcome === 'ran') {
        logger.info({ job: job.name, periodKey }, 'scheduled job ran');
        this.deps.onQueued?.();
      }
      return outcome;
    } catch (err) {
      logger.error({ err, job: job.name, periodKey }, 'scheduled job failed; it can be made up at the next start');
      return 'failed';
    }
  }

  /** Every slot of every job in (from, to], in time order (jobs in their declared order within a minute). */
  slotsBetween(jobs: readonly Job[], from: Date, to: Date): { job: Job; at: Date }[] {
    const slots = jobs.flatMap((job, order) => cronSlots(job.cron, from, to).map((at) => ({ job, at, order })));
    return slots.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order).map(({ job, at }) => ({ job, at }));
  }

  /**
   * At start: each job's last slot that was missed while the bot was down is run once, when it is still useful
   * (no older than the job's catchUpWithinMs). Older slots are skipped, not sent late.
   */
  async catchUp(jobs: readonly Job[]): Promise<{ job: string; outcome: RunOutcome }[]> {
    const now = this.deps.clock.now();
    const done: { job: string; outcome: RunOutcome }[] = [];
    for (const job of jobs) {
      if (job.catchUpWithinMs <= 0) continue;
      const last = lastSlotAtOrBefore(job.cron, now, Math.ceil(job.catchUpWithinMs / 86_400_000) + 1);
      if (!last || now.getTime() - last.getTime() > job.catchUpWithinMs) continue;
      done.push({ job: job.name, outcome: await this.runSlot(job, last) });
    }
    return done;
  }
}
