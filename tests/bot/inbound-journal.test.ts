// Nothing acknowledged is lost: a received message is in the inbound journal before anything else happens to it, and
// a database that cannot be written (full, read-only, busy too long) holds messages back with an alert instead of
// dropping them or crashing; once it can be written again every message is answered, once.
import { eq, isNull } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertDesk } from '../../src/bot/alert-desk.js';
import { healthSnapshot } from '../../src/bot/health.js';
import { journalInbound } from '../../src/db/repos/inbound.repo.js';
import { inboundMessages, outbox } from '../../src/db/schema.js';
import { buildApp } from '../../src/http/app.js';
import { createLogger, silentLogger } from '../../src/logger.js';
import { PRODUCTION_FLOWS } from '../../src/flows/index.js';
import { createRegistry } from '../../src/flows/registry.js';
import { fixtureFlow } from '../helpers/fixture-flow.js';
import { Harness } from '../helpers/harness.js';
import { PEOPLE_CSV, PPKBD_PHONE, RESIDENT_PHONE } from '../helpers/people.js';

const ADMIN = '+6281100000009';
const PEOPLE = `${PEOPLE_CSV}\n081100000009,Admin Dinas,admin,73.06,`;
const registry = createRegistry([...PRODUCTION_FLOWS, fixtureFlow]);

let h: Harness;
afterEach(() => h.close());

function logCapture() {
  const lines: string[] = [];
  return { lines, logger: createLogger('info', { destination: { write: (line: string) => void lines.push(line) } }) };
}

/** Makes the database refuse every new page: the next write that needs one fails with SQLITE_FULL, like a full disk. */
function fillDisk(harness: Harness): void {
  const pages = harness.database.native.pragma('page_count', { simple: true }) as number;
  harness.database.native.pragma(`max_page_count = ${pages}`);
}

function freeDisk(harness: Harness): void {
  harness.database.native.pragma('max_page_count = 1073741823');
}

// Longer than a database page even as journal text (cut at 3,000 characters): Lontara script is 3 bytes a character,
// so writing it always needs new pages, which a full disk refuses.
const LONG = 'ᨒᨚᨈᨑ '.repeat(700);

describe('inbound journal', () => {
  it('when a message is received with nothing else waiting, then its journal row, its effects and its replies commit together, processed', async () => {
    h = await Harness.create({ people: PEOPLE_CSV, registry });
    let seenAtAcceptance: unknown = null;
    let queuedAtAcceptance = -1;
    h.transport.deliver = async (message) => {
      await h.bot.router.accept(message);
      seenAtAcceptance = h.db.select().from(inboundMessages).where(eq(inboundMessages.providerId, message.id)).get();
      queuedAtAcceptance = h.db.select().from(outbox).all().length;
    };
    expect(await h.send(PPKBD_PHONE, 'halo')).toEqual([expect.objectContaining({ text: expect.stringContaining('Halo, Siti Aminah!') })]);
    expect(seenAtAcceptance).toMatchObject({ outcome: 'handled', payload: null });
    expect(queuedAtAcceptance).toBe(1);
  });

  it('when the bot crashed after journaling a message, then the next start processes it once and answers it', async () => {
    h = await Harness.create({ people: PEOPLE_CSV, registry });
    // What a crash right after the journal insert leaves behind: a row, no outcome, no reply.
    journalInbound(h.db, {
      providerId: 'wa-1',
      transport: 'memory',
      senderKey: PPKBD_PHONE,
      chatId: PPKBD_PHONE,
      kind: 'text',
      text: 'halo',
      receivedAt: h.clock.now(),
      payload: JSON.stringify({ from: { phone: PPKBD_PHONE, rawId: PPKBD_PHONE }, chat: { kind: 'private', address: PPKBD_PHONE }, content: { kind: 'text', text: 'halo' }, sentAt: h.clock.now().toISOString() }),
    });
    await h.restart();
    await h.bot.idle();
    expect(h.transport.sent.map((m) => m.to)).toEqual([PPKBD_PHONE]);
    expect(h.db.select().from(inboundMessages).get()).toMatchObject({ providerId: 'wa-1', outcome: 'handled' });
    await h.restart();
    await h.bot.idle();
    // The fresh transport of the second start sends nothing: the message was answered once.
    expect(h.transport.sent).toHaveLength(0);
  });

  it('when a message\'s transaction fails for a storage reason, then it waits in the journal and is processed once at the retry, in order', async () => {
    let failures = 1;
    h = await Harness.create({
      people: PEOPLE_CSV,
      registry,
      completions: {
        fixture: () => {
          if (failures-- > 0) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        },
      },
    });
    await h.send(PPKBD_PHONE, '1');
    await h.send(PPKBD_PHONE, '5');
    expect(await h.send(PPKBD_PHONE, 'tidak')).toEqual([]);
    // The sender's next message waits behind it (order), and nobody got an apology.
    expect(await h.send(PPKBD_PHONE, 'MENU')).toEqual([]);
    expect(h.db.select().from(inboundMessages).where(isNull(inboundMessages.outcome)).all()).toHaveLength(2);
    expect(h.db.select().from(inboundMessages).where(eq(inboundMessages.providerId, 'test-3')).get()).toMatchObject({ attempts: 1 });
    const before = h.transport.sent.length;
    await h.bot.retry();
    const after = h.transport.sent.slice(before).map((m) => (m.content.kind === 'text' ? m.content.text : ''));
    expect(after[0]).toContain('Terima kasih');
    expect(after.at(-1)).toContain('Halo, Siti Aminah!');
    expect(h.db.select().from(inboundMessages).where(isNull(inboundMessages.outcome)).all()).toHaveLength(0);
    await h.bot.retry();
    expect(h.transport.sent.length - before).toBe(after.length);
  });
});

describe('a database that cannot be written', () => {
  it('when the disk is full, then intake stops with one log line and an alert, health answers degraded, and everything is answered once space is back', async () => {
    const { lines, logger } = logCapture();
    h = await Harness.create({ people: PEOPLE, registry, logger });
    await h.send(RESIDENT_PHONE, 'halo');
    fillDisk(h);
    expect(await h.send(RESIDENT_PHONE, LONG)).toEqual([]);
    expect(await h.send(PPKBD_PHONE, 'halo')).toEqual([]);
    expect(h.bot.router.held).toBe(2);
    expect(h.transport.intakeSuspended).toMatch(/full/);
    const errors = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level >= 50);
    expect(errors.map((l) => l.msg)).toEqual([expect.stringMatching(/^database cannot be written: the disk .* is full\. Inbound intake stopped/)]);

    const app = await buildApp({ logger: silentLogger(), health: () => healthSnapshot({ db: h.db, clock: h.clock, logger: silentLogger(), transport: h.transport, alerts: h.bot.alerts, storage: h.bot.storage }) });
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json().alerts).toEqual([expect.stringContaining('Database bot tidak bisa ditulis (disk penuh)')]);
    await app.close();

    freeDisk(h);
    await h.bot.retry();
    const texts = h.transport.sent.map((m) => `${m.to} ${m.content.kind === 'text' ? m.content.text : ''}`);
    // The first "halo" and the long message were answered (the long one may take more than one reply).
    expect(texts.filter((t) => t.startsWith(RESIDENT_PHONE)).length).toBeGreaterThanOrEqual(2);
    expect(texts.filter((t) => t.startsWith(PPKBD_PHONE))).toHaveLength(1);
    expect(texts.find((t) => t.startsWith(ADMIN))).toContain('tidak bisa ditulis (disk penuh). Pesan masuk ditahan dan diproses setelah diperbaiki. (sudah pulih)');
    expect(h.transport.intakeSuspended).toBeNull();
    expect(h.bot.router.held).toBe(0);
    expect(h.bot.alerts.open()).toEqual([]);
    expect(h.db.select().from(inboundMessages).all().map((r) => r.outcome)).toEqual(['handled', 'handled', 'handled']);
    const answered = h.transport.sent.length;
    await h.bot.retry();
    expect(h.transport.sent).toHaveLength(answered);
  });

  it('when the database turns read-only mid-conversation, then the messages wait and are answered in order once it is writable', async () => {
    h = await Harness.create({ people: PEOPLE_CSV, registry });
    await h.send(PPKBD_PHONE, '1');
    h.database.native.pragma('query_only = ON');
    expect(await h.send(PPKBD_PHONE, '12')).toEqual([]);
    expect(await h.send(PPKBD_PHONE, 'ya')).toEqual([]);
    expect(h.transport.intakeSuspended).toMatch(/read-only/);
    expect(h.bot.alerts.open()).toEqual([expect.stringContaining('file database hanya bisa dibaca')]);
    h.database.native.pragma('query_only = OFF');
    await h.bot.retry();
    const texts = h.transport.sent.map((m) => (m.content.kind === 'text' ? m.content.text : ''));
    expect(texts.at(-2)).toContain('(2/3) PUS: 12');
    expect(texts.at(-1)).toContain('(3/3)');
  });

  it('when the outbox cannot record a send, then the message goes again later with the same outbox id, and nothing crashes', async () => {
    h = await Harness.create({ people: PEOPLE_CSV, registry });
    const send = h.transport.send.bind(h.transport);
    h.transport.send = async (message) => {
      const receipt = await send(message);
      h.database.native.pragma('query_only = ON');
      return receipt;
    };
    await h.send(PPKBD_PHONE, 'halo');
    expect(h.bot.storage.failing).toBe(true);
    h.transport.send = send;
    h.database.native.pragma('query_only = OFF');
    h.clock.advance(10_000);
    await h.bot.idle();
    expect(h.transport.sent.map((m) => m.outboxId)).toEqual([1, 1]);
    expect(h.db.select().from(outbox).all()).toMatchObject([{ status: 'sent' }]);
  });

  it('when an alert cannot be stored, then the health check still lists it', () => {
    const desk = new AlertDesk({ db: null as never, clock: { now: () => new Date() }, logger: silentLogger() });
    expect(desk.raise('DATABASE_NOT_WRITABLE', 'Database bot tidak bisa ditulis (disk penuh).')).toBe(true);
    expect(desk.open()).toEqual(['Database bot tidak bisa ditulis (disk penuh).']);
  });
});
