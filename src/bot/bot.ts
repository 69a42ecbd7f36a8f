// The bot without its edges: router + outbox dispatcher over one database and one transport. main.ts, the
// simulator, the console and the tests all build it the same way, so they all take the production path.
import type { Clock } from '../clock.js';
import type { ReadyDatabase } from '../db/bootstrap.js';
import type { ConversationOptions } from '../flows/conversation.js';
import { productionRegistry } from '../flows/index.js';
import type { FlowRegistry } from '../flows/registry.js';
import type { Logger } from '../logger.js';
import { DEFAULT_RECAP_SETTINGS, type RecapSettings } from '../domain/recap/fields.js';
import type { CompletionHandler } from './apply-events.js';
import { caseActedHandler, caseReportedHandler, casesFactsLoader } from './features/cases.js';
import { caseSlaJob } from './features/case-sla.js';
import { retentionJob } from './features/retention.js';
import type { DailyJob } from './scheduler.js';
import { periodReopenedHandler, recapFactsLoader, recapReviewedHandler, recapSubmittedHandler, reopenFactsLoader, reviewFactsLoader, type RecapCalendar } from './features/recap.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';
import { Router } from './router.js';
import type { Transport } from './transport.js';

export interface BotOptions {
  database: ReadyDatabase;
  transport: Transport;
  clock: Clock;
  logger: Logger;
  conversation: ConversationOptions;
  registry?: FlowRegistry;
  completions?: Readonly<Record<string, CompletionHandler>>;
  recap?: { settings: RecapSettings; calendar: RecapCalendar };
  /** Days a case may wait for follow-up before the PKB is reminded (twice that: escalated). */
  caseFollowUpDays?: number;
  /** Inbound message text and sent-message copies are deleted after this many days (default 90, UU PDP). */
  messageRetentionDays?: number;
}

export const DEFAULT_RECAP = { settings: DEFAULT_RECAP_SETTINGS, calendar: { dueDay: 3, closeDay: 15 } } as const;

export interface Bot {
  router: Router;
  dispatcher: OutboxDispatcher;
  /** Daily jobs (case SLA, retention prune): node-cron runs them in production, the simulator on its clock. */
  jobs: readonly DailyJob[];
  /** Starts receiving and sends whatever the outbox still holds from before a restart. */
  start(): Promise<void>;
  /** Resolves when every due outbox message has been handed to the transport. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function createBot(options: BotOptions): Bot {
  const { database, transport, clock, logger } = options;
  const dispatcher = new OutboxDispatcher({ db: database.db, transport, clock, logger });
  const recap = options.recap ?? DEFAULT_RECAP;
  const router = new Router({
    db: database.db,
    clock,
    registry: options.registry ?? productionRegistry(recap.settings),
    areas: database.areas,
    logger,
    transportName: transport.name,
    conversation: options.conversation,
    completions: options.completions ?? {},
    facts: [recapFactsLoader(recap.settings, recap.calendar), reviewFactsLoader(), reopenFactsLoader(recap.calendar), casesFactsLoader()],
    domainHandlers: {
      recap_submitted: recapSubmittedHandler(recap.settings, recap.calendar),
      recap_reviewed: recapReviewedHandler(),
      recap_period_reopened: periodReopenedHandler(recap.calendar),
      case_reported: caseReportedHandler(),
      case_acted: caseActedHandler(),
    },
    onQueued: () => void dispatcher.kick(),
  });
  const jobs = [
    caseSlaJob(() => database.db, () => database.areas, options.caseFollowUpDays ?? 7, () => void dispatcher.kick()),
    retentionJob(() => database.db, options.messageRetentionDays ?? 90, logger),
  ];
  return {
    router,
    dispatcher,
    jobs,
    async start() {
      await transport.start(async (message) => {
        await router.receive(message);
      });
      await dispatcher.kick();
    },
    idle: () => dispatcher.kick(),
    async stop() {
      await transport.stop();
      // Let a send in progress finish; whatever is still pending is sent at the next start.
      await dispatcher.drain();
    },
  };
}
