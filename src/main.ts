// The composition root: the only place that picks a transport and wires config → logger → database → bot →
// HTTP → scheduled jobs. The CLI (src/cli.ts) calls these functions.
// Large modules a command may not use (Baileys, fastify and the HTTP app, the QR printer) are imported where they
// are needed, so `simulate` and `chat` never load them and `serve` on the console never loads Baileys.
import cron from 'node-cron';
import { readTextFile } from './admin/commands.js';
import { ConsoleTransport } from './bot/adapters/console.js';
import { AlertDesk } from './bot/alert-desk.js';
import { createBot } from './bot/bot.js';
import { apiCaseActor } from './bot/features/api-case-action.js';
import { apiRecapReviewer } from './bot/features/api-review.js';
import { healthSnapshot } from './bot/health.js';
import { WHATSAPP_PACING, type PacingOptions } from './bot/outbound/outbox-dispatcher.js';
import { LinkMonitor } from './bot/link-monitor.js';
import { runSimulation } from './bot/simulator/run-simulation.js';
import type { Transport } from './bot/transport.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { openOwnedDatabase, type ReadyDatabase } from './db/bootstrap.js';
import { loadOrCreateInstallSeed, loadOrCreateLogSalt } from './db/repos/runtime-state.repo.js';
import { createAuthKeyValueStore, createLidPairStore, createSendHoldStore, createSentMessageStore } from './db/repos/whatsapp.repo.js';
import { createLogger, useLogSalt, type Logger } from './logger.js';
import { MediaStore, mediaDirFor } from './media/media-store.js';
import { normalizePhone } from './people/phone.js';
import { bundledSmartBook, loadSmartBook } from './smart-book/load-cards.js';
import type { SmartBook } from './domain/smart-book.js';
import { loadQuizBanks } from './quiz/bank-files.js';
import { WITA_ZONE } from './time/wita.js';

function recapOptions(config: Config) {
  return {
    settings: { pusRule: config.recap.pusRule, parts: config.recap.parts },
    calendar: { dueDay: config.recap.dueDay, closeDay: config.recap.closeDay },
  };
}

/** The media directory of the database the bot runs on: IMP_MEDIA_DIR, else beside the database. */
function mediaStoreOf(config: Config): MediaStore {
  return new MediaStore(config.mediaDir ?? mediaDirFor(config.dbPath));
}

/**
 * The Smart Book cards, read once before anything else starts: a bad card (no source, too long, a duplicate id)
 * stops start-up with one line naming the file (SmartBookError, a ConfigError).
 */
function smartBookOf(config: Config): SmartBook {
  return config.smartBookDir ? loadSmartBook(config.smartBookDir) : bundledSmartBook();
}

/** WhatsApp's pacing with the operator's rates. */
function pacingOf(config: Config): PacingOptions {
  const { ratePerSecond, burst, outreachPerMinute } = config.sending;
  return { ...WHATSAPP_PACING, ratePerSecond, burst, outreachPerMinute };
}

/** Real waiting for production: timers that do not keep the process alive on their own. */
const realTimers = {
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  wake: (fn: () => void, ms: number) => void setTimeout(fn, ms).unref(),
};

export interface ServeOptions {
  /** Link WhatsApp with an 8-character pairing code for this number instead of a QR code. */
  pairCodePhone?: string | null;
  /**
   * The memory benchmark's seams (bench/memory-child.mjs runs this very function from dist/): a transport it drives
   * instead of the configured one, and a fixed clock so the recap month it plays is open. Never set by the CLI.
   */
  transport?: Transport;
  clock?: Clock;
}

/** `imp-smart serve` / `npm start`: the bot on the configured transport, the HTTP API and the daily jobs. */
export async function serve(config: Config, options: ServeOptions = {}): Promise<{ database: ReadyDatabase }> {
  const logger = createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const smartBook = smartBookOf(config);
  // The quiz banks are read once, before anything else: a bad file stops start-up with one line.
  const quizBanks = loadQuizBanks(config.quizBankDir);
  // One bot process per database: a second serve (or chat, simulate) stops here, before touching the database.
  const database = openOwnedDatabase(config.dbPath, 'serve', clock.now(), { create: true, synchronous: config.dbSynchronous });
  useLogSalt(loadOrCreateLogSalt(database.db));
  let kick = () => {};
  let linkRestored = () => {};
  const alerts = new AlertDesk({ db: database.db, clock, logger, onQueued: () => kick() });
  const monitor = new LinkMonitor({
    db: database.db,
    clock,
    logger,
    alerts,
    downAlertAfterMs: config.whatsapp.linkDownAlertMs,
    onQueued: () => kick(),
    onOpen: () => linkRestored(),
  });
  const transport = options.transport ?? (await pickTransport(config, logger, database, monitor, options));
  const bot = createBot({
    database,
    transport,
    clock,
    logger,
    conversation: { expiryMs: config.conversationExpiryMs },
    recap: recapOptions(config),
    smartBook,
    caseFollowUpDays: config.caseFollowUpDays,
    messageRetentionDays: config.messageRetentionDays,
    schedule: config.schedule,
    holidays: config.holidays,
    // Pacing protects a WhatsApp number; the console answers at once.
    pacing: config.transport === 'baileys' ? pacingOf(config) : null,
    caps: { hourly: config.sending.capHourly, daily: config.sending.capDaily },
    timers: realTimers,
    alerts,
    media: mediaStoreOf(config),
    dhis2Push: dhis2PushOf(config, database, clock),
    quizBanks,
  });
  kick = () => void bot.idle();
  linkRestored = () => bot.dispatcher.linkRestored();

  // Each job's slot runs once (job_runs): node-cron fires it, and a slot missed while the bot was down is made up
  // now when still useful.
  const fired = (at: Date | undefined) => new Date(Math.floor((at ?? clock.now()).getTime() / 60_000) * 60_000);
  const dailyJobs = bot.jobs.map((job) => cron.schedule(job.cron, (context) => void bot.runner.runSlot(job, fired(context.date)), { timezone: WITA_ZONE }));
  // A safety net behind the dispatcher's and router's own wake-ups (a message whose retry is due), and the watchdog.
  const retryTimer = setInterval(() => void bot.idle(), 15_000);
  const watchdogTimer = setInterval(() => monitor.check(), 60_000);

  const recap = recapOptions(config);
  const { buildApp } = await import('./http/app.js');
  const app = await buildApp({
    logger,
    health: () => healthSnapshot({ db: database.db, clock, logger, transport, alerts, storage: bot.storage }),
    api: {
      db: database.db,
      areas: database.areas,
      now: () => clock.now(),
      settings: { recap: recap.settings, calendar: recap.calendar, caseFollowUpDays: config.caseFollowUpDays },
      reviewRecap: apiRecapReviewer({ db: database.db, areas: database.areas, settings: recap.settings, calendar: recap.calendar, now: () => clock.now() }),
      actOnCase: apiCaseActor({ db: database.db, areas: database.areas, now: () => clock.now() }),
      kick: () => kick(),
      quizBanks,
    },
    dashboard: {
      db: database.db,
      areas: database.areas,
      now: () => clock.now(),
      settings: { recap: recap.settings, calendar: recap.calendar, caseFollowUpDays: config.caseFollowUpDays },
    },
  });
  await app.listen({ host: config.http.host, port: config.http.port });
  await bot.start();
  await bot.runner.catchUp(bot.jobs);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    clearInterval(retryTimer);
    clearInterval(watchdogTimer);
    for (const job of dailyJobs) await job.stop();
    await bot.stop();
    await app.close();
    database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  // Said only once a signal would stop it cleanly (supervisors and tests act on this line).
  logger.info({ transport: transport.name, db: config.dbPath, smartBookCards: smartBook.cards.length }, 'IMP Smart is running');
  // The CLI ignores it; the memory benchmark reads the outbox through it, as bench-bot.ts does.
  return { database };
}

/**
 * The monthly DHIS2 push, when IMP_DHIS2_PUSH_JOB=on (config.ts then requires the URL and credentials). The mapping
 * file is read at each push, so a corrected file is used without a restart; a bad one fails that push (alerted).
 */
function dhis2PushOf(config: Config, database: ReadyDatabase, clock: Clock) {
  const { url, auth, timeoutMs, pushJob, mappingFile } = config.dhis2;
  if (!pushJob || !url || !auth) return null;
  const settings = recapOptions(config).settings;
  return {
    // Loaded at the first push (once a month at most), not by every start.
    push: async (period: string, { areas }: { areas: ReadyDatabase['areas'] }) => {
      const [{ readMappingFile }, { pushPeriod }] = await Promise.all([import('./reports/dhis2/mapping-file.js'), import('./reports/dhis2-push/push.js')]);
      return pushPeriod(
        { db: database.db, areas, target: { url, auth, timeoutMs }, settings, mapping: readMappingFile(mappingFile, areas), now: () => clock.now() },
        { period, includeUnverified: false, dryRun: false, force: false, trigger: 'job' },
      );
    },
  };
}

async function pickTransport(config: Config, logger: Logger, database: ReadyDatabase, monitor: LinkMonitor, options: ServeOptions): Promise<Transport> {
  switch (config.transport) {
    case 'console':
      return new ConsoleTransport({
        input: process.stdin,
        output: process.stdout,
        phone: normalizePhone(config.consolePhone) ?? config.consolePhone,
        normalizePhone,
        now: () => systemClock.now(),
        onClose: () => logger.info('console input closed; HTTP keeps running (Ctrl-C to stop)'),
      });
    case 'baileys': {
      const { BaileysTransport } = await import('./bot/adapters/baileys/baileys-transport.js');
      const { default: qrcode } = await import('qrcode-terminal');
      return new BaileysTransport({
        auth: createAuthKeyValueStore(database.db, config.whatsapp.session),
        pairs: createLidPairStore(database.db, () => systemClock.now()),
        sent: createSentMessageStore(database.db),
        holds: createSendHoldStore(database.db, config.whatsapp.session, () => systemClock.now()),
        messageIdSeed: loadOrCreateInstallSeed(database.db, systemClock.now()),
        events: {
          stateChanged: (state, detail) => monitor.stateChanged(state, detail),
          deliveryFailed: (id, code) => monitor.deliveryFailed(id, code),
          pairing: (info) => printPairing(info, qrcode),
        },
        logger,
        pairCodePhone: options.pairCodePhone ?? null,
        ...(config.whatsapp.webSocketUrl ? { webSocketUrl: config.whatsapp.webSocketUrl } : {}),
      });
    }
  }
}

/** The operator links the number from the terminal: a QR to scan, or a code to type on the phone. */
function printPairing(info: { qr: string } | { code: string }, qrcode: typeof import('qrcode-terminal')): void {
  if ('qr' in info) {
    process.stdout.write('\nScan this QR code with the bot\'s phone: WhatsApp → Linked devices → Link a device\n');
    qrcode.generate(info.qr, { small: true }, (text) => process.stdout.write(`${text}\n`));
  } else {
    const code = `${info.code.slice(0, 4)}-${info.code.slice(4)}`;
    process.stdout.write(`\nPairing code: ${code}\nOn the bot's phone: WhatsApp → Linked devices → Link a device → Link with phone number instead\n`);
  }
}

export interface SimulateArgs {
  transcript: string;
  dbPath?: string;
  peopleFile?: string;
  /** --media-dir: the images and documents the bot sends are also written here, by their names. */
  mediaDir?: string;
}

/** `imp-smart simulate`: transcript on stdin, every outbound message on stdout. */
export async function simulate(config: Config, args: SimulateArgs): Promise<void> {
  // Quiet by default: stdout is the transcript's output and stderr only shows warnings.
  const logger = createLogger(process.env.IMP_LOG_LEVEL ? config.logLevel : 'warn');
  const smartBook = smartBookOf(config);
  const quizBanks = loadQuizBanks(config.quizBankDir);
  await runSimulation({
    transcript: args.transcript,
    smartBook,
    ...(args.dbPath ? { dbPath: args.dbPath } : {}),
    ...(args.peopleFile ? { people: { csv: readTextFile(args.peopleFile), name: args.peopleFile } } : {}),
    ...(args.mediaDir ? { mediaDir: args.mediaDir } : {}),
    write: (text) => process.stdout.write(text),
    logger,
    conversation: { expiryMs: config.conversationExpiryMs },
    recap: recapOptions(config),
    caseFollowUpDays: config.caseFollowUpDays,
    schedule: config.schedule,
    holidays: config.holidays,
    messageRetentionDays: config.messageRetentionDays,
    quizBanks,
  });
}

/** `imp-smart chat --as +62…`: talk to the bot in the terminal as that number. */
export async function chat(config: Config, phone: string): Promise<void> {
  const logger = createLogger(process.env.IMP_LOG_LEVEL ? config.logLevel : 'warn');
  const smartBook = smartBookOf(config);
  const quizBanks = loadQuizBanks(config.quizBankDir);
  // chat runs the bot (it sends the outbox to this terminal), so it needs the owner lock like serve; it never
  // creates a database: a mistyped --db says so instead of starting an empty one.
  const database = openOwnedDatabase(config.dbPath, 'chat', systemClock.now(), { create: false, synchronous: config.dbSynchronous });
  useLogSalt(loadOrCreateLogSalt(database.db));
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const transport = new ConsoleTransport({
    input: process.stdin,
    output: process.stdout,
    phone,
    normalizePhone,
    now: () => systemClock.now(),
    onClose: () => finish(),
  });
  const bot = createBot({
    database,
    transport,
    clock: systemClock,
    logger,
    conversation: { expiryMs: config.conversationExpiryMs },
    recap: recapOptions(config),
    smartBook,
    caseFollowUpDays: config.caseFollowUpDays,
    messageRetentionDays: config.messageRetentionDays,
    schedule: config.schedule,
    holidays: config.holidays,
    media: mediaStoreOf(config),
    quizBanks,
  });
  await bot.start();
  await finished;
  await bot.idle();
  await bot.stop();
  database.close();
}
