// The only reader of process.env. Parsed once with zod at start-up; a bad value stops start-up with one line
// naming the variable.
import { z } from 'zod';
import { isValidCron } from './bot/jobs/cron.js';
import { dinasMonthlyCron, type JobSchedule } from './bot/jobs/schedule.js';
import { parseHolidays } from './domain/recap/reminder-ladder.js';
import { basicAuth, tokenAuth, type Dhis2Auth } from './reports/dhis2-push/dhis2-auth.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A 5-field cron expression read in WITA, e.g. "0 7 * * *" (07:00 every day). */
function cronExpression(fallback: string) {
  return z.string().refine(isValidCron, 'must be a 5-field cron expression such as "0 7 * * *"').default(fallback);
}

export const ConfigSchema = z.object({
  IMP_DB_PATH: z.string().min(1).default('./data/imp-smart.db'),
  /** Images and documents the bot sends (charts, XLSX); default beside the database, named after it. */
  IMP_MEDIA_DIR: z.string().min(1).optional(),
  IMP_TRANSPORT: z.enum(['baileys', 'console']).default('baileys'),
  IMP_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  IMP_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  IMP_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Idle conversations expire after this many hours (default 3 days). */
  IMP_CONVERSATION_EXPIRY_HOURS: z.coerce.number().positive().max(24 * 90).default(72),
  /** Raw inbound message text is pruned after this many days (UU PDP: at most 90). */
  IMP_MESSAGE_RETENTION_DAYS: z.coerce.number().int().min(1).max(90).default(90),
  /** Who you are in `npm start` with the console transport (any phone; unregistered means resident). */
  IMP_CONSOLE_PHONE: z.string().min(1).default('+6281100000000'),
  /** Name of the WhatsApp session in the database (one number per session). */
  IMP_WA_SESSION: z.string().regex(/^[a-z0-9_-]+$/i).default('default'),
  /** The bot's own WhatsApp number, for the click-to-chat links of `people invite` (else read from the paired session). */
  IMP_BOT_NUMBER: z.string().min(1).optional(),
  /** Raise an alert when WhatsApp has not been connected for this many minutes. */
  IMP_WA_LINK_DOWN_ALERT_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Desa recap due by this day of the next month, 23:59 WITA (later is accepted and marked late). */
  IMP_RECAP_DUE_DAY: z.coerce.number().int().min(1).max(28).default(3),
  /** After this day of the next month the period is closed (locked unless reopened). */
  IMP_RECAP_CLOSE_DAY: z.coerce.number().int().min(1).max(28).default(15),
  /** PUS balance rule: C3 (hamil counted separately) or C3_PRIME (New SIGA). */
  IMP_RECAP_PUS_RULE: z.enum(['C3', 'C3_PRIME']).default('C3'),
  /** Optional parts of the recap, comma-separated: flows (PB/DO/ganti cara), channel, mal_traditional. */
  IMP_RECAP_PARTS: z
    .string()
    .regex(/^\s*((flows|channel|mal_traditional)\s*(,\s*(flows|channel|mal_traditional)\s*)*)?$/, 'must list flows, channel or mal_traditional')
    .default(''),
  /** A case not followed up within this many days reminds its PKB; twice as long escalates to the koordinator. */
  IMP_CASE_FOLLOW_UP_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  /** SQLite synchronous mode: FULL survives power cuts (default); NORMAL is faster on hardware you trust. */
  IMP_DB_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  /** Messages per second the WhatsApp number sends, all chats together (short bursts allowed). */
  IMP_SEND_RATE_PER_SECOND: z.coerce.number().positive().max(5).default(1),
  /** How many messages may go back to back after a quiet moment. */
  IMP_SEND_BURST: z.coerce.number().int().min(1).max(20).default(3),
  /** Outreach (notices to others, digests, reminders) per minute; replies are never slowed by it. */
  IMP_OUTREACH_PER_MINUTE: z.coerce.number().positive().max(300).default(20),
  /** Send caps: when reached, outreach waits and an alert is raised; replies still go. */
  IMP_SEND_CAP_HOURLY: z.coerce.number().int().min(1).default(600),
  IMP_SEND_CAP_DAILY: z.coerce.number().int().min(1).default(4000),
  /** When the case SLA job runs (5-field cron, WITA). */
  IMP_CRON_CASE_SLA: cronExpression('0 8 * * *'),
  /** When the nightly retention prune runs (5-field cron, WITA). */
  IMP_CRON_RETENTION: cronExpression('15 2 * * *'),
  /** When the daily PKB digest goes out (5-field cron, WITA). */
  IMP_CRON_PKB_DIGEST: cronExpression('0 7 * * *'),
  /** When the recap reminder ladder runs (5-field cron, WITA; it sends only what is due that day). */
  IMP_CRON_REMINDERS: cronExpression('0 8 * * *'),
  /** Days without reminders besides Sundays (unless the due day falls on one), comma-separated ISO dates. */
  IMP_HOLIDAYS: z
    .string()
    .refine((text) => parseHolidays(text) !== null, 'must be dates written like 2026-12-25, separated by commas')
    .default(''),
  /** When the Dinas' weekly summary goes out (5-field cron, WITA). */
  IMP_CRON_DINAS_WEEKLY: cronExpression('0 8 * * 1'),
  /** When the Dinas' monthly summary goes out; default the 5th and the day after IMP_RECAP_CLOSE_DAY, 08:00. */
  IMP_CRON_DINAS_MONTHLY: z.string().refine(isValidCron, 'must be a 5-field cron expression such as "0 8 5,16 * *"').optional(),
  /** DHIS2 mapping overrides (type,our_key,their_code[,their_id]) for `dhis2 metadata|export` and the push. */
  IMP_DHIS2_MAPPING: z.string().min(1).optional(),
  /** The Dinas' own Smart Book folder (one *.md card per file); default the cards in resources/smart-book. */
  IMP_SMART_BOOK_DIR: z.string().min(1).optional(),
  /** The DHIS2 server the recaps are pushed to (its base URL); none: no push. Credentials go in the next ones. */
  IMP_DHIS2_URL: z
    .url()
    .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), 'must start with http:// or https://')
    .refine((u) => !URL.canParse(u) || (new URL(u).username === '' && new URL(u).password === ''), 'must not hold a user name or password (they have their own variables)')
    .optional(),
  /** A DHIS2 personal access token (d2pat_…): sent as "Authorization: ApiToken …". Preferred over a password. */
  IMP_DHIS2_TOKEN: z.string().min(1).optional(),
  /** Or a DHIS2 user's name and password (Basic authentication). */
  IMP_DHIS2_USERNAME: z.string().min(1).optional(),
  IMP_DHIS2_PASSWORD: z.string().min(1).optional(),
  /** How long one request to DHIS2 may take, in seconds (a kabupaten's month is one request). */
  IMP_DHIS2_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(900).default(120),
  /** The monthly push after the period closes: off unless "on". */
  IMP_DHIS2_PUSH_JOB: z.enum(['on', 'off']).default('off'),
  /** When the push job looks for a newly closed period to push (5-field cron, WITA). */
  IMP_CRON_DHIS2_PUSH: cronExpression('30 8 * * *'),
  /** A folder of workshop quiz banks (*.md) used instead of the bundled resources/quiz-banks. */
  IMP_QUIZ_BANK_DIR: z.string().min(1).optional(),
  /** Overrides the WhatsApp Web endpoint; only for offline testing. */
  IMP_WA_WEBSOCKET_URL: z.url().optional(),
});

export type EnvConfig = z.infer<typeof ConfigSchema>;

export interface Config {
  dbPath: string;
  /** Null: beside the database (media/media-store.ts mediaDirFor). */
  mediaDir: string | null;
  dbSynchronous: 'FULL' | 'NORMAL';
  sending: { ratePerSecond: number; burst: number; outreachPerMinute: number; capHourly: number; capDaily: number };
  transport: 'baileys' | 'console';
  logLevel: (typeof LOG_LEVELS)[number];
  http: { host: string; port: number };
  conversationExpiryMs: number;
  messageRetentionDays: number;
  consolePhone: string;
  /** IMP_BOT_NUMBER as written (normalised where used); null: read the number from the paired session. */
  botNumber: string | null;
  whatsapp: { session: string; linkDownAlertMs: number; webSocketUrl: string | null };
  caseFollowUpDays: number;
  /** Cron expressions (WITA) of the scheduled jobs. */
  schedule: JobSchedule;
  /** ISO dates (YYYY-MM-DD) without reminders, besides Sundays. */
  holidays: readonly string[];
  recap: { dueDay: number; closeDay: number; pusRule: 'C3' | 'C3_PRIME'; parts: { flows: boolean; channel: boolean; mal_traditional: boolean } };
  /**
   * DHIS2: the mapping file (IMP_DHIS2_MAPPING), null for none; where and how recaps are pushed (url/auth null when
   * not configured).
   */
  dhis2: { mappingFile: string | null; url: string | null; auth: Dhis2Auth | null; timeoutMs: number; pushJob: boolean };
  /** IMP_SMART_BOOK_DIR; null: the bundled cards. */
  smartBookDir: string | null;
  /** IMP_QUIZ_BANK_DIR; null: the bundled quiz banks (read at start by serve, simulate and chat). */
  quizBankDir: string | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Values never repeated in an error line: they are (or may hold) credentials. */
const SECRET_VARIABLES = new Set(['IMP_DHIS2_TOKEN', 'IMP_DHIS2_PASSWORD', 'IMP_DHIS2_URL']);

/** DHIS2's URL and credentials, checked together: one way to sign in, and both when the push job is on. */
function dhis2Of(e: EnvConfig): Config['dhis2'] {
  if (e.IMP_DHIS2_TOKEN && (e.IMP_DHIS2_USERNAME || e.IMP_DHIS2_PASSWORD)) {
    throw new ConfigError('Invalid configuration: IMP_DHIS2_TOKEN and IMP_DHIS2_USERNAME/IMP_DHIS2_PASSWORD are both set: keep one (the token is preferred)');
  }
  if (Boolean(e.IMP_DHIS2_USERNAME) !== Boolean(e.IMP_DHIS2_PASSWORD)) {
    throw new ConfigError('Invalid configuration: IMP_DHIS2_USERNAME and IMP_DHIS2_PASSWORD go together: set both, or IMP_DHIS2_TOKEN instead');
  }
  const auth = e.IMP_DHIS2_TOKEN ? tokenAuth(e.IMP_DHIS2_TOKEN) : e.IMP_DHIS2_USERNAME && e.IMP_DHIS2_PASSWORD ? basicAuth(e.IMP_DHIS2_USERNAME, e.IMP_DHIS2_PASSWORD) : null;
  const url = e.IMP_DHIS2_URL ? e.IMP_DHIS2_URL.replace(/\/+$/, '') : null;
  if (e.IMP_DHIS2_PUSH_JOB === 'on' && (!url || !auth)) {
    throw new ConfigError('Invalid configuration: IMP_DHIS2_PUSH_JOB=on needs IMP_DHIS2_URL and IMP_DHIS2_TOKEN (or IMP_DHIS2_USERNAME and IMP_DHIS2_PASSWORD)');
  }
  return Object.freeze({ mappingFile: e.IMP_DHIS2_MAPPING ?? null, url, auth, timeoutMs: e.IMP_DHIS2_TIMEOUT_SECONDS * 1000, pushJob: e.IMP_DHIS2_PUSH_JOB === 'on' });
}

/** Parses the environment into a frozen Config, or throws ConfigError with one line naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "not set" (a blank line in .env), so the default applies.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const got = SECRET_VARIABLES.has(name) ? undefined : present[name];
    throw new ConfigError(
      `Invalid configuration: ${name} ${issue.message.toLowerCase()}${got === undefined ? '' : ` (got "${got}")`}`,
    );
  }
  const e = parsed.data;
  return Object.freeze({
    dbPath: e.IMP_DB_PATH,
    mediaDir: e.IMP_MEDIA_DIR ?? null,
    dbSynchronous: e.IMP_DB_SYNCHRONOUS,
    sending: Object.freeze({
      ratePerSecond: e.IMP_SEND_RATE_PER_SECOND,
      burst: e.IMP_SEND_BURST,
      outreachPerMinute: e.IMP_OUTREACH_PER_MINUTE,
      capHourly: e.IMP_SEND_CAP_HOURLY,
      capDaily: e.IMP_SEND_CAP_DAILY,
    }),
    transport: e.IMP_TRANSPORT,
    logLevel: e.IMP_LOG_LEVEL,
    http: Object.freeze({ host: e.IMP_HTTP_HOST, port: e.IMP_HTTP_PORT }),
    conversationExpiryMs: e.IMP_CONVERSATION_EXPIRY_HOURS * 3600_000,
    messageRetentionDays: e.IMP_MESSAGE_RETENTION_DAYS,
    consolePhone: e.IMP_CONSOLE_PHONE,
    botNumber: e.IMP_BOT_NUMBER ?? null,
    whatsapp: Object.freeze({
      session: e.IMP_WA_SESSION,
      linkDownAlertMs: e.IMP_WA_LINK_DOWN_ALERT_MINUTES * 60_000,
      webSocketUrl: e.IMP_WA_WEBSOCKET_URL ?? null,
    }),
    caseFollowUpDays: e.IMP_CASE_FOLLOW_UP_DAYS,
    quizBankDir: e.IMP_QUIZ_BANK_DIR ?? null,
    holidays: Object.freeze(parseHolidays(e.IMP_HOLIDAYS) ?? []),
    schedule: Object.freeze({
      caseSla: e.IMP_CRON_CASE_SLA,
      retention: e.IMP_CRON_RETENTION,
      pkbDigest: e.IMP_CRON_PKB_DIGEST,
      reminders: e.IMP_CRON_REMINDERS,
      dinasWeekly: e.IMP_CRON_DINAS_WEEKLY,
      dinasMonthly: e.IMP_CRON_DINAS_MONTHLY ?? dinasMonthlyCron(e.IMP_RECAP_CLOSE_DAY),
      dhis2Push: e.IMP_CRON_DHIS2_PUSH,
    }),
    dhis2: dhis2Of(e),
    recap: Object.freeze({
      dueDay: e.IMP_RECAP_DUE_DAY,
      closeDay: e.IMP_RECAP_CLOSE_DAY,
      pusRule: e.IMP_RECAP_PUS_RULE,
      parts: Object.freeze({
        flows: e.IMP_RECAP_PARTS.includes('flows'),
        channel: e.IMP_RECAP_PARTS.includes('channel'),
        mal_traditional: e.IMP_RECAP_PARTS.includes('mal_traditional'),
      }),
    }),
    smartBookDir: e.IMP_SMART_BOOK_DIR ?? null,
  });
}
