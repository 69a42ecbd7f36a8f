// Group commit: messages that arrive in the same turn of the event loop are written in one transaction (one disk
// sync), each in a savepoint of its own, with every per-message guarantee kept: order per sender, a failing message
// rolled back alone and apologised for once, nothing acknowledged before it is durable.
import { eq, isNull } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/bot/transport.js';
import { inboundMessages, outbox } from '../../src/db/schema.js';
import { PRODUCTION_FLOWS } from '../../src/flows/index.js';
import { createRegistry } from '../../src/flows/registry.js';
import { fixtureFlow } from '../helpers/fixture-flow.js';
import { Harness } from '../helpers/harness.js';
import { PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE, RESIDENT_PHONE, SUB_PPKBD_PHONE } from '../helpers/people.js';

const registry = createRegistry([...PRODUCTION_FLOWS, fixtureFlow]);
/** The fixture flow's answers are not stored anywhere: its completion does nothing. */
const completions = { fixture: () => undefined };

let h: Harness;
afterEach(() => h.close());

let seq = 0;
function message(phone: string, text: string): InboundMessage {
  return { id: `gc-${++seq}`, from: { phone, rawId: phone }, chat: { kind: 'private', address: phone }, content: { kind: 'text', text }, sentAt: h.clock.now() };
}

/** Counts the transactions that begin at the top level (a nested one is a savepoint of the one around it). */
function countTopLevelTransactions(harness: Harness): { count: number } {
  const counter = { count: 0 };
  const db = harness.database.db;
  const original = db.transaction.bind(db);
  db.transaction = ((run, config) => {
    if (!harness.database.native.inTransaction) counter.count++;
    return original(run, config);
  }) as typeof db.transaction;
  return counter;
}

function textsTo(phone: string): string[] {
  return h.transport.sent.filter((m) => m.to === phone).map((m) => (m.content.kind === 'text' ? m.content.text : ''));
}

describe('group commit', () => {
  it('when several people write in the same moment, then their messages commit together in one transaction and each is answered', async () => {
    h = await Harness.create({ people: PEOPLE_CSV, registry, completions });
    const commits = countTopLevelTransactions(h);
    const phones = [PPKBD_PHONE, SUB_PPKBD_PHONE, PKB_PHONE, RESIDENT_PHONE];
    const acceptances = await Promise.all(phones.map((phone) => h.bot.router.accept(message(phone, 'halo'))));
    expect(acceptances).toEqual(['journaled', 'journaled', 'journaled', 'journaled']);
    // Durable and processed when accept() resolves: the journal rows are complete and the replies are queued.
    expect(h.db.select().from(inboundMessages).where(isNull(inboundMessages.outcome)).all()).toHaveLength(0);
    expect(h.db.select().from(outbox).all().map((r) => r.toAddress).sort()).toEqual([...phones].sort());
    expect(commits.count).toBe(1);
    await h.bot.idle();
    for (const phone of phones) expect(textsTo(phone)).toHaveLength(1);
  });

  it('when one sender sends several messages in the same moment, then they are processed in their order', async () => {
    h = await Harness.create({ people: PEOPLE_CSV, registry, completions });
    const commits = countTopLevelTransactions(h);
    await Promise.all(['latihan', '12', 'tidak'].map((text) => h.bot.router.accept(message(PPKBD_PHONE, text))));
    await h.bot.idle();
    expect(commits.count).toBe(1);
    const texts = textsTo(PPKBD_PHONE);
    expect(texts[0]).toContain('(1/3) Berapa jumlah PUS?');
    expect(texts[1]).toContain('(2/3) PUS: 12.');
    expect(texts[2]).toContain('Terima kasih, isian latihan tersimpan.');
  });

  it('when one message of a group commit fails, then the others are kept and answered, it gets one apology, and its sender\'s next message waits behind it', async () => {
    h = await Harness.create({
      people: PEOPLE_CSV,
      registry,
      completions: {
        fixture: (_tx, results) => {
          if (results.pus === 13) throw new Error('a bug in storing the answers');
        },
      },
    });
    await h.send(PPKBD_PHONE, 'latihan');
    await h.send(PPKBD_PHONE, '13');
    await h.send(RESIDENT_PHONE, 'latihan');
    const before = h.transport.sent.length;
    const batch = [message(RESIDENT_PHONE, '7'), message(PPKBD_PHONE, 'tidak'), message(PPKBD_PHONE, 'MENU'), message(SUB_PPKBD_PHONE, 'halo')];
    const acceptances = await Promise.all(batch.map((m) => h.bot.router.accept(m)));
    expect(acceptances).toEqual(['journaled', 'journaled', 'journaled', 'journaled']);
    await h.bot.idle();
    const after = h.transport.sent.slice(before);
    const to = (phone: string) => after.filter((m) => m.to === phone).map((m) => (m.content.kind === 'text' ? m.content.text : ''));
    // The message before the failing one committed with the group; the failing one was rolled back alone and
    // recorded as failed with one apology; its sender's later message was answered after it; the rest as usual.
    expect(to(RESIDENT_PHONE)).toEqual([expect.stringContaining('(2/3) PUS: 7.')]);
    expect(to(PPKBD_PHONE)[0]).toMatch(/maaf/i);
    // The flow is still open after the failed answer (nothing of it was stored): MENU keeps the draft.
    expect(to(PPKBD_PHONE).at(-1)).toContain('Siti Aminah');
    expect(to(SUB_PPKBD_PHONE)).toHaveLength(1);
    const failing = h.db.select().from(inboundMessages).where(eq(inboundMessages.providerId, batch[1]!.id)).get();
    expect(failing).toMatchObject({ outcome: 'failed' });
    expect(h.db.select().from(inboundMessages).where(isNull(inboundMessages.outcome)).all()).toHaveLength(0);
  });

  it('when the database cannot be written during a group commit, then every message of it waits and is answered once, in order, at the retry', async () => {
    h = await Harness.create({ people: PEOPLE_CSV, registry, completions });
    await h.send(PPKBD_PHONE, 'latihan');
    const pages = h.database.native.pragma('page_count', { simple: true }) as number;
    h.database.native.pragma(`max_page_count = ${pages}`);
    const before = h.transport.sent.length;
    // Longer than a database page even cut to 3,000 characters (Lontara script: 3 bytes a character).
    const long = 'ᨒᨚᨈᨑ '.repeat(700);
    // The first message needs a new page, which the full disk refuses: the whole group commit is rolled back.
    const batch = [message(RESIDENT_PHONE, long), message(PPKBD_PHONE, '20'), message(PPKBD_PHONE, 'ya'), message(SUB_PPKBD_PHONE, long)];
    await Promise.all(batch.map((m) => h.bot.router.accept(m)));
    await h.bot.idle();
    expect(h.transport.sent.length).toBe(before);
    h.database.native.pragma('max_page_count = 1073741823');
    await h.bot.retry();
    const texts = textsTo(PPKBD_PHONE).slice(-2);
    expect(texts[0]).toContain('(2/3) PUS: 20.');
    expect(texts[1]).toMatch(/BKB/);
    expect(textsTo(RESIDENT_PHONE).length).toBeGreaterThan(0);
    expect(textsTo(SUB_PPKBD_PHONE).length).toBeGreaterThan(0);
    expect(h.db.select().from(inboundMessages).where(isNull(inboundMessages.outcome)).all()).toHaveLength(0);
    expect(h.db.select().from(inboundMessages).where(eq(inboundMessages.outcome, 'handled')).all()).toHaveLength(5);
    // Nothing more at a second retry: each was answered once.
    const sent = h.transport.sent.length;
    await h.bot.retry();
    expect(h.transport.sent.length).toBe(sent);
  });

  it('when the same message is delivered twice in the same moment, then it is processed and answered once', async () => {
    h = await Harness.create({ people: PEOPLE_CSV, registry, completions });
    const m = message(PPKBD_PHONE, 'halo');
    expect(await Promise.all([h.bot.router.accept(m), h.bot.router.accept({ ...m })])).toEqual(['journaled', 'duplicate']);
    await h.bot.idle();
    expect(textsTo(PPKBD_PHONE)).toHaveLength(1);
  });
});
