// The real bot (router, persistence, outbox, dispatcher without pacing) on a SQLite file in WAL mode in a temporary
// directory, with a transport that notes when each reply is handed over, and a closed-loop driver: each user has at
// most one message in flight, at most `window` messages are in flight together, and a user's next message is sent
// (in a later macrotask, like a network arrival) once the bot has replied to the previous one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MemoryTransport } from '../src/bot/adapters/memory.js';
import { createBot, type Bot, type BotOptions } from '../src/bot/bot.js';
import type { InboundMessage, OutboundMessage, SendReceipt } from '../src/bot/transport.js';
import { ManualClock } from '../src/clock.js';
import { openReadyDatabase, type ReadyDatabase } from '../src/db/bootstrap.js';
import { silentLogger } from '../src/logger.js';
import { percentile, round } from './stats.js';

/** Calls `onReply(to, text)` for every message the bot hands over. */
class RecordingTransport extends MemoryTransport {
  constructor(private readonly onReply: (to: string, text: string) => void) {
    super('bench');
  }

  override async send(message: OutboundMessage): Promise<SendReceipt> {
    this.onReply(message.to, message.content.kind === 'text' ? message.content.text : message.content.caption);
    return { providerMessageId: `bench-${message.outboxId}` };
  }
}

export interface BenchBot {
  dir: string;
  database: ReadyDatabase;
  bot: Bot;
  transport: MemoryTransport;
  clock: ManualClock;
  /** Set by the driver: who is waiting for a reply. */
  onReply: (to: string, text: string) => void;
  close(): Promise<void>;
}

/** `prepare` runs on the fresh database before the bot starts (areas, people), so the area directory sees it. */
export async function startBenchBot(options: { start: Date; prepare?: (database: ReadyDatabase, clock: ManualClock) => void; recap?: BotOptions['recap'] }): Promise<BenchBot> {
  const dir = mkdtempSync(join(tmpdir(), 'imp-bench-'));
  const path = join(dir, 'bench.db');
  const clock = new ManualClock(options.start);
  let database = openReadyDatabase(path, { create: true });
  if (options.prepare) {
    options.prepare(database, clock);
    // Reopen: the area directory is read at open.
    database.close();
    database = openReadyDatabase(path);
  }
  const handle: BenchBot = {
    dir,
    database,
    clock,
    onReply: () => undefined,
    transport: undefined as unknown as MemoryTransport,
    bot: undefined as unknown as Bot,
    async close() {
      await handle.bot.stop();
      handle.database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  handle.transport = new RecordingTransport((to, text) => handle.onReply(to, text));
  handle.bot = createBot({
    database,
    transport: handle.transport,
    clock,
    logger: silentLogger(),
    conversation: { expiryMs: 72 * 3600_000 },
    ...(options.recap ? { recap: options.recap } : {}),
  });
  await handle.bot.start();
  return handle;
}

/** Inbound message ids, unique over every run in this process (a repeated id is a redelivery, dropped). */
let inboundSeq = 0;

/** A user's conversation: given the replies to its previous message (empty at first), the next text, or null when done. */
export type Script = (replies: readonly string[]) => string | null;

export interface DriveResult {
  messages: number;
  msgs_per_s: number;
  p50_ms: number;
  p99_ms: number;
  cpu_ms_per_msg: number;
  peak_rss_mb: number;
  elapsed_s: number;
}

/** Runs every user's script to its end through the bot, `window` messages in flight at most. */
export async function drive(handle: BenchBot, users: { phone: string; script: Script }[], window: number): Promise<DriveResult> {
  const latencies: number[] = [];
  // A message is answered at its first reply (the transaction that queued all its replies has committed by then);
  // the user's next message waits until every row queued for that chat has been handed over, so no reply is taken
  // for the next message's.
  const queuedFor = handle.database.native.prepare('select count(*) from outbox where to_address = ?').pluck();
  const sentTo = new Map<string, number>();
  const pending = new Map<string, { t0: number; replies: string[]; target: number; done: () => void }>();
  let peakRss = process.memoryUsage.rss();
  handle.onReply = (to, text) => {
    const sent = (sentTo.get(to) ?? 0) + 1;
    sentTo.set(to, sent);
    const waiting = pending.get(to);
    if (!waiting) return;
    waiting.replies.push(text);
    if (waiting.replies.length === 1) {
      latencies.push(performance.now() - waiting.t0);
      waiting.target = Number(queuedFor.get(to));
    }
    if (sent >= waiting.target) {
      pending.delete(to);
      setImmediate(waiting.done);
    }
  };

  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let next = 0;
  const runUser = async (user: { phone: string; script: Script }) => {
    let replies: string[] = [];
    for (let text = user.script(replies); text !== null; text = user.script(replies)) {
      const message: InboundMessage = {
        id: `bench-${++inboundSeq}`,
        from: { phone: user.phone, rawId: user.phone },
        chat: { kind: 'private', address: user.phone },
        content: { kind: 'text', text },
        sentAt: handle.clock.now(),
      };
      const got: string[] = [];
      await new Promise<void>((resolve) => setImmediate(resolve));
      const answered = new Promise<void>((resolve) => pending.set(user.phone, { t0: performance.now(), replies: got, target: Infinity, done: resolve }));
      await handle.transport.deliver(message);
      await answered;
      replies = got;
      if (inboundSeq % 500 === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }
  };
  // `window` lanes, each taking the next user when its user is done: at most `window` users (and messages) in flight.
  const lanes = Array.from({ length: Math.min(window, users.length) }, async () => {
    while (next < users.length) await runUser(users[next++]!);
  });
  await Promise.all(lanes);
  await handle.bot.idle();
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  latencies.sort((a, b) => a - b);
  return {
    messages: latencies.length,
    msgs_per_s: round(latencies.length / elapsed, 0),
    p50_ms: round(percentile(latencies, 0.5)),
    p99_ms: round(percentile(latencies, 0.99)),
    cpu_ms_per_msg: round((cpu.user + cpu.system) / 1000 / latencies.length, 3),
    peak_rss_mb: Math.round(peakRss / 2 ** 20),
    elapsed_s: round(elapsed),
  };
}
