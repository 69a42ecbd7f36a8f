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
}

export const DEFAULT_SCHEDULE: JobSchedule = {
  caseSla: '0 8 * * *',
  retention: '15 2 * * *',
  pkbDigest: '0 7 * * *',
  reminders: '0 8 * * *',
};
