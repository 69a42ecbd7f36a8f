// A whole bot on a temporary database, a manual clock and the in-memory transport. `send` resolves when the
// message is processed and its replies have gone out: no sleeps anywhere.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryTransport } from '../../src/bot/adapters/memory.js';
import type { CompletionHandler } from '../../src/bot/apply-events.js';
import { createBot, type Bot, type BotOptions } from '../../src/bot/bot.js';
import type { InboundMessage } from '../../src/bot/transport.js';
import { ManualClock } from '../../src/clock.js';
import { openReadyDatabase, type ReadyDatabase } from '../../src/db/bootstrap.js';
import type { FlowRegistry } from '../../src/flows/registry.js';
import { silentLogger, type Logger } from '../../src/logger.js';
import type { MediaStore } from '../../src/media/media-store.js';
import type { SmartBook } from '../../src/domain/smart-book.js';
import { importPeople } from '../../src/people/people-import.js';
import { fromWita } from '../../src/time/wita.js';

export interface HarnessOptions {
  people?: string;
  registry?: FlowRegistry;
  /** Smart Book cards other than the bundled ones. */
  smartBook?: SmartBook;
  completions?: Record<string, CompletionHandler>;
  expiryMs?: number;
  start?: Date;
  recap?: BotOptions['recap'];
  logger?: Logger;
  /** The bot's media store (charts, XLSX); none: text only. */
  media?: MediaStore;
  /** A closed database file to start from (copied): skips migrating and importing for tests that make many bots. */
  template?: string;
  /** Told the SQL of every statement the database runs (db/client.ts `trace`), to count what a message reads. */
  trace?: (sql: string) => void;
}

export interface Sent {
  to: string;
  text: string;
}

export class Harness {
  readonly clock: ManualClock;
  readonly dir = mkdtempSync(join(tmpdir(), 'imp-smart-test-'));
  readonly dbPath = join(this.dir, 'test.db');
  database: ReadyDatabase;
  transport!: MemoryTransport;
  bot!: Bot;
  #seq = 0;
  #last: InboundMessage | null = null;

  private constructor(private options: HarnessOptions) {
    this.clock = new ManualClock(options.start ?? fromWita(2026, 11, 25, 7, 0));
    if (options.template) copyFileSync(options.template, this.dbPath);
    this.database = openReadyDatabase(this.dbPath, this.#openOptions());
    if (options.people) {
      const report = importPeople(this.database.db, options.people, this.database.areas, 'test', this.clock.now());
      if (!report.ok) throw new Error(JSON.stringify(report.errors));
    }
  }

  static async create(options: HarnessOptions = {}): Promise<Harness> {
    const harness = new Harness(options);
    await harness.#boot();
    return harness;
  }

  async #boot(): Promise<void> {
    this.transport = new MemoryTransport();
    this.bot = createBot({
      database: this.database,
      transport: this.transport,
      clock: this.clock,
      logger: this.options.logger ?? silentLogger(),
      conversation: { expiryMs: this.options.expiryMs ?? 72 * 3600_000 },
      ...(this.options.registry ? { registry: this.options.registry } : {}),
      ...(this.options.smartBook ? { smartBook: this.options.smartBook } : {}),
      ...(this.options.completions ? { completions: this.options.completions } : {}),
      ...(this.options.recap ? { recap: this.options.recap } : {}),
      ...(this.options.media ? { media: this.options.media } : {}),
    });
    await this.bot.start();
  }

  get db() {
    return this.database.db;
  }

  /** Delivers a message (text, or an image when `image` is set) and returns what the bot sent because of it. */
  async send(phone: string, text: string, options: { image?: boolean; group?: string; undecryptable?: boolean } = {}): Promise<Sent[]> {
    const message: InboundMessage = {
      id: `test-${++this.#seq}`,
      from: { phone, rawId: phone },
      chat: options.group ? { kind: 'group', groupId: `${options.group}@g.us`, label: options.group } : { kind: 'private', address: phone },
      content: options.undecryptable
        ? { kind: 'undecryptable' }
        : options.image
          ? { kind: 'media', media: 'image', caption: text || null }
          : { kind: 'text', text },
      sentAt: this.clock.now(),
    };
    return this.#deliver(message);
  }

  /** The text of everything sent to `phone` in reply to this message, joined. */
  async reply(phone: string, text: string): Promise<string> {
    const sent = await this.send(phone, text);
    return sent.filter((s) => s.to === phone).map((s) => s.text).join('\n---\n');
  }

  async redeliver(): Promise<Sent[]> {
    if (!this.#last) throw new Error('nothing to redeliver');
    return this.#deliver(this.#last);
  }

  /** A crash and restart: drop every in-memory object and reopen the database (optionally with new flows). */
  async restart(changes: Pick<HarnessOptions, 'registry'> = {}): Promise<void> {
    Object.assign(this.options, changes);
    await this.bot.stop();
    this.database.close();
    this.database = openReadyDatabase(this.dbPath, this.#openOptions());
    await this.#boot();
  }

  #openOptions() {
    return this.options.trace ? { trace: this.options.trace } : {};
  }

  async #deliver(message: InboundMessage): Promise<Sent[]> {
    this.#last = message;
    const before = this.transport.sent.length;
    await this.transport.deliver(message);
    await this.bot.idle();
    return this.transport.sent.slice(before).map((m) => ({ to: m.to, text: m.content.kind === 'text' ? m.content.text : m.content.caption }));
  }

  async close(): Promise<void> {
    await this.bot.stop();
    this.database.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
