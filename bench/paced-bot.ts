// The real bot with the real WhatsApp transport on a fake Baileys socket, on a simulated clock: what the capacity
// model and the pacing tests drive. Nothing waits for real; sends are recorded with their simulated time.
import { BaileysTransport } from '../src/bot/adapters/baileys/baileys-transport.js';
import { LinkMonitor } from '../src/bot/link-monitor.js';
import { createBot, type Bot } from '../src/bot/bot.js';
import { WHATSAPP_PACING, type PacingOptions } from '../src/bot/outbound/outbox-dispatcher.js';
import type { SendCaps } from '../src/bot/outbound/send-counter.js';
import { openReadyDatabase, type ReadyDatabase } from '../src/db/bootstrap.js';
import { silentLogger } from '../src/logger.js';
import { fakeSocketFactory, memoryAuthStore, memoryHolds, memoryPairs, memorySent, type FakeSocket } from '../tests/helpers/wa-fakes.js';
import { seededRandom } from './random.js';
import { VirtualTime } from './virtual-time.js';

export interface PacedBot {
  vt: VirtualTime;
  database: ReadyDatabase;
  transport: BaileysTransport;
  bot: Bot;
  /** The socket in use (a new one after each reconnect). */
  sock(): FakeSocket;
  /** Every message the sockets sent: chat jid, text and simulated time. */
  sends: { jid: string; text: string; at: number }[];
  close(): Promise<void>;
}

export async function startPacedBot(options: { start: Date; pacing?: Partial<PacingOptions>; caps?: SendCaps; seed?: number }): Promise<PacedBot> {
  const vt = new VirtualTime(options.start);
  const random = seededRandom(options.seed ?? 1);
  const database = openReadyDatabase(':memory:');
  const sockets = fakeSocketFactory();
  const sends: PacedBot['sends'] = [];
  // The monitor is built before the bot it kicks.
  const late: { bot?: Bot } = {};
  const monitor = new LinkMonitor({
    db: database.db,
    clock: vt.clock,
    logger: silentLogger(),
    downAlertAfterMs: 15 * 60_000,
    onQueued: () => void late.bot?.idle(),
    onOpen: () => late.bot?.dispatcher.linkRestored(),
  });
  const transport = new BaileysTransport({
    auth: memoryAuthStore(),
    pairs: memoryPairs(),
    sent: memorySent(),
    holds: memoryHolds(),
    messageIdSeed: 'capacity-model',
    events: { stateChanged: (s, d) => monitor.stateChanged(s, d), deliveryFailed: (id, code) => monitor.deliveryFailed(id, code), pairing: () => undefined },
    logger: silentLogger(),
    now: () => vt.clock.now(),
    sleep: vt.sleep,
    random,
    setTimer: (fn, ms) => {
      let live = true;
      vt.wake(() => live && fn(), ms);
      return () => void (live = false);
    },
    socketFactory: (config) => {
      const sock = sockets.factory(config) as FakeSocket;
      const send = sock.sendMessage.bind(sock);
      sock.sendMessage = (async (jid: string, content: { text?: string }, opts?: never) => {
        const result = await send(jid, content as never, opts);
        sends.push({ jid, text: content.text ?? '', at: vt.now() });
        return result;
      }) as typeof sock.sendMessage;
      return sock;
    },
  });
  const bot = createBot({
    database,
    transport,
    clock: vt.clock,
    logger: silentLogger(),
    conversation: { expiryMs: 72 * 3600_000 },
    pacing: { ...WHATSAPP_PACING, ...options.pacing },
    caps: options.caps ?? null,
    timers: { sleep: vt.sleep, wake: vt.wake, random },
  });
  late.bot = bot;
  await bot.start();
  const sock = () => sockets.sockets.at(-1) as FakeSocket;
  sock().ev.emit('connection.update', { connection: 'open' });
  await vt.settle();
  return {
    vt,
    database,
    transport,
    bot,
    sock,
    sends,
    async close() {
      // Sends still waiting on the simulated clock are abandoned with it; only the socket is closed.
      await transport.stop();
      database.close();
    },
  };
}
