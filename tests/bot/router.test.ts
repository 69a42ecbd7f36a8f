// The inbound path's guarantees: per-sender order, one transaction per message, a failure boundary that
// apologises in Indonesian, and an outbox that loses nothing when the transport is down.
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { inboundMessages, outbox } from '../../src/db/schema.js';
import { conversations } from '../../src/db/schema.js';
import { PRODUCTION_FLOWS } from '../../src/flows/index.js';
import { createRegistry } from '../../src/flows/registry.js';
import { TransportRejectedError } from '../../src/bot/transport.js';
import { fixtureFlow } from '../helpers/fixture-flow.js';
import { Harness } from '../helpers/harness.js';
import { PEOPLE_CSV, PPKBD_PHONE, RESIDENT_PHONE } from '../helpers/people.js';

const registry = createRegistry([...PRODUCTION_FLOWS, fixtureFlow]);
let h: Harness;
afterEach(() => h.close());

describe('router', () => {
  it('when two senders write at the same time, then each one is handled strictly in order', async () => {
    const completed: Record<string, unknown>[] = [];
    h = await Harness.create({ people: PEOPLE_CSV, registry, completions: { fixture: (_tx, r) => void completed.push(r) } });
    const a = ['1', '10', 'ya', '1'];
    const b = ['1', '20', 'tidak'];
    await Promise.all([...a.map((t) => h.send(PPKBD_PHONE, t)), ...b.map((t) => h.send(RESIDENT_PHONE, t))]);
    await h.bot.idle();
    expect(completed).toContainEqual({ pus: 10, poktan: true, kind: 'bkb' });
    expect(completed).toContainEqual({ pus: 20, poktan: false });
    const toA = h.transport.sent.filter((m) => m.to === PPKBD_PHONE).map((m) => (m.content.kind === 'text' ? m.content.text : ''));
    expect(toA.map((t) => t.slice(0, 5))).toEqual(['(1/3)', '(2/3)', '(3/3)', 'Terim']);
  });

  it('when storing a message fails, then nothing of it is kept, the user gets an Indonesian apology, and a redelivery is not answered again', async () => {
    h = await Harness.create({
      people: PEOPLE_CSV,
      registry,
      completions: {
        fixture: () => {
          throw new Error('disk full');
        },
      },
    });
    await h.send(PPKBD_PHONE, '1');
    await h.send(PPKBD_PHONE, '5');
    const failed = await h.send(PPKBD_PHONE, 'tidak');
    expect(failed).toEqual([{ to: PPKBD_PHONE, text: expect.stringContaining('Maaf, pesan Anda belum bisa diproses') }]);
    expect(failed[0]!.text).not.toMatch(/disk|error/i);
    expect(await h.redeliver()).toEqual([]);
    const row = h.db.select().from(inboundMessages).where(eq(inboundMessages.providerId, 'test-3')).get();
    expect(row?.outcome).toBe('failed');
    // The conversation did not move: the same question is still open.
    const state = JSON.parse(h.db.select().from(conversations).get()!.state);
    expect(state.active.nodeId).toBe('fixture.poktan');
  });

  it('when the transport is down, then replies stay queued with backoff and go out in order once it is back', async () => {
    h = await Harness.create({ people: PEOPLE_CSV, registry });
    h.transport.offline = true;
    expect(await h.send(PPKBD_PHONE, 'halo')).toEqual([]);
    const pending = h.db.select().from(outbox).all();
    expect(pending).toMatchObject([{ status: 'pending', attempts: 0, lastError: expect.stringContaining('offline') }]);
    h.transport.offline = false;
    await h.bot.idle();
    expect(h.transport.sent).toHaveLength(0); // backoff not over yet
    h.clock.advance(10_000);
    await h.bot.idle();
    expect(h.transport.sent).toHaveLength(1);
    expect(h.db.select().from(outbox).get()!.status).toBe('sent');
  });

  it('when the bot restarts with messages still queued, then they are sent at start, once', async () => {
    h = await Harness.create({ people: PEOPLE_CSV, registry });
    h.transport.offline = true;
    await h.send(PPKBD_PHONE, 'halo');
    h.clock.advance(60_000);
    await h.restart();
    expect(h.transport.sent).toHaveLength(1);
    await h.bot.idle();
    expect(h.transport.sent).toHaveLength(1);
  });

  it('when the transport rejects a message, then it is marked failed and never retried', async () => {
    h = await Harness.create({ people: PEOPLE_CSV, registry });
    h.transport.send = async () => {
      throw new TransportRejectedError('blocked (463)');
    };
    await h.send(PPKBD_PHONE, 'halo');
    h.clock.advance(3600_000);
    await h.bot.idle();
    expect(h.db.select().from(outbox).all()).toMatchObject([{ status: 'failed', attempts: 1, lastError: 'TransportRejectedError: blocked (463)' }]);
  });

  it('when a message is redelivered, then it is recorded once', async () => {
    h = await Harness.create({ people: PEOPLE_CSV, registry });
    expect(await h.send(PPKBD_PHONE, 'halo')).toHaveLength(1);
    expect(await h.redeliver()).toEqual([]);
    expect(h.db.select().from(inboundMessages).all()).toHaveLength(1);
    expect(h.db.select().from(outbox).all()).toHaveLength(1);
  });
});
