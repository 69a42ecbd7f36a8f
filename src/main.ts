// The composition root: the only place that picks a transport and wires config → logger → database → bot →
// HTTP → scheduled jobs. The CLI (src/cli.ts) calls these functions.
import { readFileSync } from 'node:fs';
import cron from 'node-cron';
import { ConsoleTransport } from './bot/adapters/console.js';
import { createBot } from './bot/bot.js';
import { runSimulation } from './bot/simulator/run-simulation.js';
import type { Transport } from './bot/transport.js';
import { systemClock } from './clock.js';
import type { Config } from './config.js';
import { openReadyDatabase } from './db/bootstrap.js';
import { pruneInbound } from './db/repos/inbound.repo.js';
import { outboxCounts } from './db/repos/outbox.repo.js';
import { buildApp } from './http/app.js';
import { createLogger, type Logger } from './logger.js';
import { normalizePhone } from './people/phone.js';
import { WITA_ZONE } from './time/wita.js';

const DAY_MS = 24 * 3600_000;

/** `imp-smart serve` / `npm start`: the bot on the configured transport, the HTTP API and the daily jobs. */
export async function serve(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const database = openReadyDatabase(config.dbPath);
  const clock = systemClock;
  const transport = pickTransport(config, logger);
  const bot = createBot({ database, transport, clock, logger, conversation: { expiryMs: config.conversationExpiryMs } });

  const prune = () => {
    const removed = pruneInbound(database.db, new Date(clock.now().getTime() - config.messageRetentionDays * DAY_MS));
    if (removed > 0) logger.info({ removed }, 'pruned old inbound messages');
  };
  prune();
  const pruneJob = cron.schedule('15 2 * * *', prune, { timezone: WITA_ZONE });
  // Retries after a transport outage: pending messages whose backoff has passed.
  const retryTimer = setInterval(() => void bot.idle(), 15_000);

  const app = await buildApp({
    logger,
    health: () => ({
      status: 'ok',
      transport: { name: transport.name, state: 'running' },
      outbox: outboxCounts(database.db),
      alerts: [],
    }),
  });
  await app.listen({ host: config.http.host, port: config.http.port });
  await bot.start();
  logger.info({ transport: transport.name, db: config.dbPath }, 'IMP Smart is running');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    clearInterval(retryTimer);
    await pruneJob.stop();
    await bot.stop();
    await app.close();
    database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

function pickTransport(config: Config, logger: Logger): Transport {
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
    case 'baileys':
      throw new Error('IMP_TRANSPORT=baileys: the WhatsApp transport is not part of this build yet; use IMP_TRANSPORT=console');
  }
}

export interface SimulateArgs {
  transcript: string;
  dbPath?: string;
  peopleFile?: string;
}

/** `imp-smart simulate`: transcript on stdin, every outbound message on stdout. */
export async function simulate(config: Config, args: SimulateArgs): Promise<void> {
  // Quiet by default: stdout is the transcript's output and stderr only shows warnings.
  const logger = createLogger(process.env.IMP_LOG_LEVEL ? config.logLevel : 'warn');
  await runSimulation({
    transcript: args.transcript,
    ...(args.dbPath ? { dbPath: args.dbPath } : {}),
    ...(args.peopleFile ? { people: { csv: readFileSync(args.peopleFile, 'utf8'), name: args.peopleFile } } : {}),
    write: (text) => process.stdout.write(text),
    logger,
    conversation: { expiryMs: config.conversationExpiryMs },
  });
}

/** `imp-smart chat --as +62…`: talk to the bot in the terminal as that number. */
export async function chat(config: Config, phone: string): Promise<void> {
  const logger = createLogger(process.env.IMP_LOG_LEVEL ? config.logLevel : 'warn');
  const database = openReadyDatabase(config.dbPath);
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
  const bot = createBot({ database, transport, clock: systemClock, logger, conversation: { expiryMs: config.conversationExpiryMs } });
  await bot.start();
  await finished;
  await bot.idle();
  await bot.stop();
  database.close();
}
