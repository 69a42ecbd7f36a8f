// The monthly DHIS2 push (issue 16 point 3), off unless IMP_DHIS2_PUSH_JOB=on: once a period has closed (the day
// after IMP_RECAP_CLOSE_DAY), its verified recaps go to DHIS2, once (job_runs, keyed by the period).
// The cron (default daily 08:30 WITA) only says when to look: each run covers the latest closed period, so the first
// slot after the close pushes it and the others find it done. A push that fails or is stopped by DHIS2's check
// raises an alert (the admins are told once on WhatsApp, /health shows it) and leaves no run, so the next slot tries
// again; a successful push closes the alert. The job never forces past conflicts: that is the operator's decision
// (imp-smart dhis2 push --force). Corrections verified after the push go with the operator's push, which sends
// only what changed.
import type { AreaDirectory } from '../../areas/directory.js';
import { periodDeadlines, shiftPeriod } from '../../domain/recap/calendar.js';
import type { PushResult } from '../../reports/dhis2-push/push.js';
import { periodText } from '../../reports/labels.js';
import { witaPeriod } from '../../time/wita.js';
import type { Job } from '../jobs/job.js';

export const DHIS2_PUSH_ALERT = 'DHIS2_PUSH_FAILED';
const DAY_MS = 86_400_000;

export interface Dhis2PushJobDeps {
  /** IMP_RECAP_CLOSE_DAY: a period closes after this day of the next month. */
  closeDay: number;
  /** Pushes a period's verified recaps, whole kabupaten, not forced (reports/dhis2/push.ts pushPeriod). */
  push(period: string, context: { areas: AreaDirectory; now: Date }): Promise<PushResult>;
  alerts: { raise(kind: string, message: string): boolean; resolve(...kinds: string[]): void; notifyAdmins(): void };
}

/** The latest period whose ordinary window has closed by `at` (the month before last until the close day passes). */
export function latestClosedPeriod(at: Date, closeDay: number): string {
  const previous = shiftPeriod(witaPeriod(at), -1);
  return periodDeadlines(previous, { dueDay: 1, closeDay }).closeEnd <= at ? previous : shiftPeriod(previous, -1);
}

/** What the admins read on WhatsApp (Indonesian, like every alert), with the command that shows the details. */
export function pushAlertText(result: PushResult): string {
  const { period } = result.request;
  const month = periodText(period);
  const details = `Rinciannya: imp-smart dhis2 push --period ${period} --dry-run`;
  switch (result.status) {
    case 'failed':
      return `Kiriman data ${month} ke DHIS2 gagal: ${result.message}. Dicoba lagi besok; atau setelah diperbaiki: imp-smart dhis2 push --period ${period}`;
    case 'stopped':
      return `Kiriman data ${month} ke DHIS2 dihentikan: pemeriksaan DHIS2 menemukan ${result.refused.length} konflik (${result.message}). Belum ada yang dikirim. ${details}`;
    case 'error':
      return `DHIS2 menolak kiriman data ${month} (${result.message}). ${details}`;
    default:
      return `Sebagian data ${month} ditolak DHIS2 (${result.message}). ${details}`;
  }
}

class Dhis2PushJobError extends Error {
  override name = 'Dhis2PushJobError';
}

export function dhis2PushJob(cron: string, deps: Dhis2PushJobDeps): Job<PushResult> {
  return {
    name: 'dhis2_push',
    cron,
    periodKey: (scheduledAt) => latestClosedPeriod(scheduledAt, deps.closeDay),
    // A daily cron tries again the next day anyway; this makes up the slot of a day the bot was down.
    catchUpWithinMs: DAY_MS,
    // The push talks to DHIS2, so it cannot run inside the run's transaction; it records its own outcome
    // (dhis2_pushes, dhis2_sent_values). Throwing leaves no job run, so a later slot tries again.
    async prepare({ scheduledAt, now, areas, logger }) {
      const period = latestClosedPeriod(scheduledAt, deps.closeDay);
      let result: PushResult;
      try {
        result = await deps.push(period, { areas, now });
      } catch (error) {
        // Not DHIS2's answer but ours (a mapping file that does not read, the database): told like a failed push.
        const why = (error instanceof Error ? error.message : String(error)).split('\n')[0];
        if (deps.alerts.raise(DHIS2_PUSH_ALERT, `Kiriman data ${periodText(period)} ke DHIS2 tidak bisa disiapkan: ${why}`)) deps.alerts.notifyAdmins();
        throw error;
      }
      const log = { job: 'dhis2_push', period, status: result.status, sent: result.sent, accepted: result.accepted, conflicts: result.refused.length };
      if (result.status === 'ok' || result.status === 'nothing') {
        logger.info(log, 'DHIS2 push done');
        deps.alerts.resolve(DHIS2_PUSH_ALERT);
        return result;
      }
      if (deps.alerts.raise(DHIS2_PUSH_ALERT, pushAlertText(result))) deps.alerts.notifyAdmins();
      throw new Dhis2PushJobError(`DHIS2 push of ${period} ${result.status}: ${result.message ?? ''}`);
    },
    run: () => 0,
  };
}
