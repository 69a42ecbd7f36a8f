// The bot without its edges: router + outbox dispatcher over one database and one transport. main.ts, the
// simulator, the console and the tests all build it the same way, so they all take the production path.
import type { Clock } from '../clock.js';
import type { ReadyDatabase } from '../db/bootstrap.js';
import type { ConversationOptions } from '../flows/conversation.js';
import { productionRegistry } from '../flows/index.js';
import type { FlowRegistry } from '../flows/registry.js';
import type { Logger } from '../logger.js';
import type { MediaStore } from '../media/media-store.js';
import { DEFAULT_RECAP_SETTINGS, type RecapSettings } from '../domain/recap/fields.js';
import type { SmartBook } from '../domain/smart-book.js';
import { bundledSmartBook } from '../smart-book/load-cards.js';
import type { QuizBankCatalogue } from '../domain/quiz/quiz-bank.js';
import { bundledQuizBanks } from '../quiz/bank-files.js';
import type { CompletionHandler } from './apply-events.js';
import { caseActedHandler, caseReportedHandler, casesFactsLoader } from './features/cases.js';
import { caseViewedHandler } from './features/case-audit.js';
import { caseSlaJob } from './features/case-sla.js';
import { dinasMonthlyJob, dinasWeeklyJob } from './features/dinas-summary.js';
import { dhis2PushJob, type Dhis2PushJobDeps } from './features/dhis2-push.js';
import { groupRegistrationHandlers } from './features/group-registration.js';
import { pkbDigestJob } from './features/pkb-digest.js';
import { recapRemindersJob } from './features/recap-reminders.js';
import { onDemandGroupHandlers, reportRequestedHandler } from './features/on-demand.js';
import { attendGroupHandler, meetingCompletions, meetingFactsLoader } from './features/meetings.js';
import { quizAnsweredHandler, quizCompletions, quizFactsLoader, quizJoinedHandler } from './features/quiz.js';
import { retentionJob } from './features/retention.js';
import { practiceCompletions, practiceFinishedHandler } from './features/practice.js';
import type { Job } from './jobs/job.js';
import { JobRunner } from './jobs/job-runner.js';
import { DEFAULT_SCHEDULE, dinasMonthlyCron, type JobSchedule } from './jobs/schedule.js';
import { ChartWorker } from './chart-worker.js';
import { recapFactsLoader, type RecapCalendar } from './features/recap.js';
import { periodReopenedHandler, recapReviewedHandler, reopenFactsLoader, reviewFactsLoader } from './features/recap-review.js';
import { recapStatusFactsLoader } from './features/recap-status.js';
import { recapSubmittedHandler } from './features/recap-submission.js';
import { AlertDesk } from './alert-desk.js';
import { OutboxDispatcher, type PacingOptions } from './outbound/outbox-dispatcher.js';
import type { SendCaps } from './outbound/send-counter.js';
import { StorageHealth } from './storage-health.js';
import { Router } from './router.js';
import type { Transport } from './transport.js';

export interface BotOptions {
  database: ReadyDatabase;
  transport: Transport;
  clock: Clock;
  logger: Logger;
  conversation: ConversationOptions;
  registry?: FlowRegistry;
  /** The Smart Book cards (INFO), loaded once at start (main.ts: IMP_SMART_BOOK_DIR); default the bundled cards. */
  smartBook?: SmartBook;
  completions?: Readonly<Record<string, CompletionHandler>>;
  recap?: { settings: RecapSettings; calendar: RecapCalendar };
  /** Days a case may wait for follow-up before the PKB is reminded (twice that: escalated). */
  caseFollowUpDays?: number;
  /** Outbound pacing (WhatsApp); none: one message at a time with no waiting (simulator, tests, console). */
  pacing?: PacingOptions | null;
  caps?: SendCaps | null;
  /** Real waiting and timers (production); the simulator and tests leave them out and drive the bot themselves. */
  timers?: { sleep(ms: number): Promise<void>; wake(fn: () => void, ms: number): void; random?: () => number };
  /** Alerts (shared with the link monitor in production). */
  alerts?: AlertDesk;
  /** When the scheduled jobs run (cron in WITA); defaults in jobs/schedule.ts. */
  schedule?: Partial<JobSchedule>;
  /** Inbound message text and sent-message copies are deleted after this many days (default 90, UU PDP). */
  messageRetentionDays?: number;
  /** Where images and documents are saved before they are queued (charts, XLSX); pruned with the retention. */
  media?: MediaStore | null;
  /** IMP_HOLIDAYS: ISO dates (YYYY-MM-DD) without recap reminders, besides Sundays. */
  holidays?: readonly string[];
  /** The monthly DHIS2 push (IMP_DHIS2_PUSH_JOB=on): how to push a period; none: no such job. */
  dhis2Push?: Pick<Dhis2PushJobDeps, 'push'> | null;
  /** The workshop quiz banks read at start (IMP_QUIZ_BANK_DIR); default: the bundled ones. */
  quizBanks?: QuizBankCatalogue;
}

export const DEFAULT_RECAP = { settings: DEFAULT_RECAP_SETTINGS, calendar: { dueDay: 3, closeDay: 15 } } as const;

export interface Bot {
  router: Router;
  dispatcher: OutboxDispatcher;
  alerts: AlertDesk;
  storage: StorageHealth;
  /** Scheduled jobs (case SLA, retention…): node-cron fires them in production, the simulator on its clock. */
  jobs: readonly Job[];
  /** Runs a job's slot exactly once (job_runs), and makes up missed slots at start. */
  runner: JobRunner;
  /** The media store (null when the bot was built without one: it then sends text only). */
  media: MediaStore | null;
  /** Draws the charts asked for with GRAFIK after the commit that recorded them. */
  charts: ChartWorker;
  /**
   * Starts receiving, processes what the inbound journal still holds (a crash, a full disk) and sends whatever the
   * outbox still holds from before a restart.
   */
  start(): Promise<void>;
  /** Resolves when every received message is processed and every due outbox message handed to the transport. */
  idle(): Promise<void>;
  /** Retries after a storage failure: held and journaled messages are processed, then what is due is sent. */
  retry(): Promise<void>;
  stop(): Promise<void>;
}

export function createBot(options: BotOptions): Bot {
  const { database, transport, clock, logger, timers } = options;
  let kick = () => {};
  const alerts = options.alerts ?? new AlertDesk({ db: database.db, clock, logger, onQueued: () => kick() });
  const storage = new StorageHealth({ logger, alerts, transport });
  const dispatcher = new OutboxDispatcher({
    db: database.db,
    transport,
    clock,
    logger,
    pacing: options.pacing ?? null,
    caps: options.caps ?? null,
    alerts: { raise: (kind, message) => void alerts.raise(kind, message), resolve: (kind) => alerts.resolve(kind), messageFailed: () => alerts.messagesFailed() },
    onStorageFailure: (error) => storage.failed(error),
    ...(timers ? { sleep: timers.sleep, wake: timers.wake, ...(timers.random ? { random: timers.random } : {}) } : {}),
  });
  const recap = options.recap ?? DEFAULT_RECAP;
  const media = options.media ?? null;
  // The one set of settings every report of a month is aggregated with (digests, summaries, REKAP, charts).
  const reportSettings = { recap: recap.settings, calendar: recap.calendar, caseFollowUpDays: options.caseFollowUpDays ?? 7 };
  const charts = new ChartWorker({ db: database.db, clock, areas: () => database.areas, media, settings: reportSettings, logger, onQueued: () => void dispatcher.kick() });
  // After each commit: send what was queued, and draw any chart that was asked for (GRAFIK).
  kick = () => {
    void dispatcher.kick();
    void charts.kick();
  };
  const onDemand = { settings: reportSettings, charts: media !== null };
  const quizBanks = options.quizBanks ?? bundledQuizBanks();
  const router = new Router({
    db: database.db,
    clock,
    registry: options.registry ?? productionRegistry(recap.settings, { smartBook: options.smartBook ?? bundledSmartBook() }),
    areas: database.areas,
    logger,
    transportName: transport.name,
    conversation: options.conversation,
    completions: { ...meetingCompletions(), ...quizCompletions(quizBanks), ...practiceCompletions(), ...options.completions },
    facts: [
      recapFactsLoader(recap.settings, recap.calendar),
      reviewFactsLoader(recap.settings),
      reopenFactsLoader(recap.calendar),
      recapStatusFactsLoader(recap.settings, recap.calendar),
      casesFactsLoader(),
      meetingFactsLoader(recap.calendar),
      quizFactsLoader(quizBanks, database.areas),
    ],
    groupCommands: { ...groupRegistrationHandlers(), ...onDemandGroupHandlers(onDemand), ...attendGroupHandler() },
    domainHandlers: {
      recap_submitted: recapSubmittedHandler(recap.settings, recap.calendar),
      recap_reviewed: recapReviewedHandler(recap.settings, recap.calendar),
      recap_period_reopened: periodReopenedHandler(recap.calendar),
      case_reported: caseReportedHandler(),
      case_acted: caseActedHandler(),
      case_viewed: caseViewedHandler(),
      report_requested: reportRequestedHandler(onDemand),
      quiz_joined: quizJoinedHandler(),
      quiz_answered: quizAnsweredHandler(),
      practice_finished: practiceFinishedHandler(),
    },
    onQueued: kick,
    onStorageFailure: (error) => storage.failed(error),
    onStorageRecovered: () => {
      storage.recovered();
      dispatcher.linkRestored();
    },
    ...(timers ? { wake: timers.wake } : {}),
  });
  const schedule = { ...DEFAULT_SCHEDULE, dinasMonthly: dinasMonthlyCron(recap.calendar.closeDay), ...options.schedule };
  const summaries = { db: database.db, media, settings: reportSettings };
  const jobs: Job[] = [
    caseSlaJob(schedule.caseSla, options.caseFollowUpDays ?? 7),
    retentionJob(
      schedule.retention,
      { retentionDays: options.messageRetentionDays ?? 90, conversationExpiryMs: options.conversation.expiryMs },
      media,
    ),
    pkbDigestJob(schedule.pkbDigest, { recap: recap.settings, calendar: recap.calendar, caseFollowUpDays: options.caseFollowUpDays ?? 7 }),
    recapRemindersJob(schedule.reminders, { calendar: recap.calendar, holidays: options.holidays ?? [] }),
    dinasWeeklyJob(schedule.dinasWeekly, schedule.dinasMonthly, summaries),
    dinasMonthlyJob(schedule.dinasMonthly, summaries),
    ...(options.dhis2Push ? [dhis2PushJob(schedule.dhis2Push, { closeDay: recap.calendar.closeDay, push: options.dhis2Push.push, alerts })] : []),
  ];
  const runner = new JobRunner({ db: database.db, clock, areas: () => database.areas, logger, onQueued: kick });
  return {
    router,
    dispatcher,
    runner,
    alerts,
    storage,
    jobs,
    media,
    charts,
    async start() {
      await transport.start(async (message) => {
        // Resolves once the message is durable in the journal (its group commit): the transport may acknowledge it then.
        await router.accept(message);
      });
      await router.retry();
      await router.idle();
      // Charts asked for before a restart are drawn now (or dropped with an apology when too old).
      await charts.kick();
      await dispatcher.kick();
    },
    async idle() {
      await router.idle();
      await charts.idle();
      await dispatcher.kick();
    },
    async retry() {
      await router.retry();
      await router.idle();
      await charts.idle();
      await dispatcher.kick();
    },
    async stop() {
      await transport.stop();
      await router.idle();
      await charts.idle();
      // Let sends in progress finish; whatever is still pending is sent at the next start.
      await dispatcher.drain();
    },
  };
}
