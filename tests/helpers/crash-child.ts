// A bot process for the crash test: inbound messages arrive as JSON lines on stdin and are acknowledged on stdout
// ("ACK <id>") as soon as the bot's inbound handler resolves — the message is durable in the journal then (its group
// commit), possibly processed too — after which the sender (WhatsApp) forgets it. Every send is written to stdout
// ("SEND <outboxId> <to>") before the transport returns. The parent kills this process with SIGKILL at random
// moments and starts it again on the same database.
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createBot } from '../../src/bot/bot.js';
import type { InboundHandler, InboundMessage, OutboundMessage, SendReceipt, Transport } from '../../src/bot/transport.js';
import { systemClock } from '../../src/clock.js';
import { openReadyDatabase } from '../../src/db/bootstrap.js';
import { silentLogger } from '../../src/logger.js';

const say = (line: string) => writeSync(1, `${line}\n`);

class LineTransport implements Transport {
  readonly name = 'crash-test';
  #done: Promise<void> = Promise.resolve();

  async start(handler: InboundHandler): Promise<void> {
    const lines = createInterface({ input: process.stdin });
    lines.on('line', (line) => {
      const raw = JSON.parse(line) as Omit<InboundMessage, 'sentAt'> & { sentAt: string };
      void handler({ ...raw, sentAt: new Date(raw.sentAt) }).then(() => say(`ACK ${raw.id}`));
    });
    this.#done = new Promise((resolve) => lines.on('close', resolve));
  }

  get inputDone(): Promise<void> {
    return this.#done;
  }

  async send(message: OutboundMessage): Promise<SendReceipt> {
    say(`SEND ${message.outboxId} ${message.to}`);
    return { providerMessageId: `crash-${message.outboxId}` };
  }

  async stop(): Promise<void> {}
}

const database = openReadyDatabase(process.argv[2]!);
const transport = new LineTransport();
const bot = createBot({ database, transport, clock: systemClock, logger: silentLogger(), conversation: { expiryMs: 72 * 3600_000 } });
await bot.start();
say('READY');
await transport.inputDone;
await bot.idle();
say('IDLE');
database.close();
