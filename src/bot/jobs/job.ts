// A scheduled job, declared once: when it runs (a cron expression in WITA), what "once" means (its period key), how
// late a missed run is still worth making up at start, and its work — one synchronous transaction that queues
// messages in the outbox. node-cron fires it in production and the simulator on its clock; JobRunner records each
// run so that a double fire, a restart or a second process never sends twice.
import type { AreaDirectory } from '../../areas/directory.js';
import type { Tx } from '../../db/client.js';
import type { Logger } from '../../logger.js';

export interface JobContext {
  /** The slot this run is for (the cron instant), in production and in simulation. */
  scheduledAt: Date;
  /** The clock when the run happens: later than the slot when a missed run is made up at start. */
  now: Date;
  areas: AreaDirectory;
  logger: Logger;
}

export interface Job<Prepared = unknown> {
  /** Stable snake_case id: the key of its runs in the database. */
  name: string;
  /** 5-field cron expression read in WITA (Asia/Makassar). */
  cron: string;
  /**
   * What one run covers, e.g. the WITA date of a daily digest or the month of a monthly summary. Two slots with the
   * same key run once. Default: the WITA date for a job that fires at most daily, else the slot's minute.
   */
  periodKey?(scheduledAt: Date): string;
  /**
   * A slot missed while the bot was down is made up once at start when it is at most this old; 0: never (a digest
   * older than a day is skipped, not sent late).
   */
  catchUpWithinMs: number;
  /**
   * Work that cannot run inside a synchronous transaction (drawing a chart, writing an XLSX into the media store),
   * done before it; its result is handed to run(). Called only when the period has not run yet. A file it writes for
   * a run that then does not commit is an orphan, pruned by the retention job.
   */
  prepare?(context: JobContext): Promise<Prepared>;
  /** The work, inside the run's transaction; returns how many messages it queued (for the log), if it knows. */
  run(tx: Tx, context: JobContext, prepared: Prepared): number | void;
}
