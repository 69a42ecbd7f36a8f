// When each scheduled job runs: cron expressions read in WITA, one place for the defaults (configurable through
// the environment, see src/config.ts).

export interface JobSchedule {
  /** Case follow-up reminders and escalation. */
  caseSla: string;
  /** Retention prune of message logs, typed text and old closed cases. */
  retention: string;
}

export const DEFAULT_SCHEDULE: JobSchedule = {
  caseSla: '0 8 * * *',
  retention: '15 2 * * *',
};
