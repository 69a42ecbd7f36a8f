// Daily jobs at a WITA wall-clock time. Production runs them with node-cron (main.ts); the simulator runs every job
// that falls due between two @at lines, in time order, on its simulated clock.
import { fromWita, toWita, WITA_OFFSET_MS } from '../time/wita.js';

export interface DailyJob {
  name: string;
  /** WITA time of day. */
  hour: number;
  minute: number;
  /**
   * serve also runs it once at start, for a job that is safe to repeat and must not be skipped while the server
   * was off at its hour (the retention prune). The simulator only runs jobs when they fall due.
   */
  atStart?: boolean;
  run(now: Date): void;
}

/** The runs of `jobs` in (from, to], oldest first. */
export function dueRuns(jobs: readonly DailyJob[], from: Date, to: Date): { job: DailyJob; at: Date }[] {
  const runs: { job: DailyJob; at: Date }[] = [];
  const start = toWita(from);
  const days = Math.ceil((to.getTime() - from.getTime()) / 86_400_000) + 1;
  for (let d = 0; d <= days; d++) {
    for (const job of jobs) {
      const at = new Date(fromWita(start.year, start.month, start.day, job.hour, job.minute).getTime() + d * 86_400_000);
      if (at > from && at <= to) runs.push({ job, at });
    }
  }
  return runs.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** node-cron expression for a job, to be scheduled with timezone Asia/Makassar. */
export function cronOf(job: DailyJob): string {
  return `${job.minute} ${job.hour} * * *`;
}

export { WITA_OFFSET_MS };
