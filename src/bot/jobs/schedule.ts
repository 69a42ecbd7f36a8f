// When each scheduled job runs: cron expressions read in WITA, one place for the defaults (configurable through
// the environment, see src/config.ts).

export interface JobSchedule {
  /** Case follow-up reminders and escalation. */
  caseSla: string;
  /** Retention prune of message logs, typed text and old closed cases. */
  retention: string;
  /** The daily digest to each kecamatan's PKB side. */
  pkbDigest: string;
  /** The recap reminder ladder (D-2, D-0, D+1 of the due day; only what is due that day). */
  reminders: string;
  /** The Dinas' weekly summary. */
  dinasWeekly: string;
  /** The Dinas' monthly summary with the chart and the XLSX (default: derived from the close day, dinasMonthlyCron). */
  dinasMonthly: string;
  /** The DHIS2 push job's look for a newly closed period (only when IMP_DHIS2_PUSH_JOB=on). */
  dhis2Push: string;
}

/**
 * The monthly summary's days: the 5th (two days after the default due day: the month just due) and the day after
 * the close day (the final figures), 08:00 WITA. A close day of 28 gives the 29th, which February lacks in most years.
 */
export function dinasMonthlyCron(closeDay: number): string {
  const days = [...new Set([5, closeDay + 1])].sort((a, b) => a - b);
  return `0 8 ${days.join(',')} * *`;
}

export const DEFAULT_SCHEDULE: JobSchedule = {
  caseSla: '0 8 * * *',
  retention: '15 2 * * *',
  pkbDigest: '0 7 * * *',
  reminders: '0 8 * * *',
  dinasWeekly: '0 8 * * 1',
  dinasMonthly: dinasMonthlyCron(15),
  dhis2Push: '30 8 * * *',
};
