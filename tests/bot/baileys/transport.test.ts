// The WhatsApp transport over Baileys' real event emitter: lifecycle by close code, inbound to the router's
// message shape, paced outbound on a fake clock, late refusals (463), getMessage and re-pairing.
import { proto, WAMessageStatus, type WAMessage } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { BaileysTransport } from '../../../src/bot/adapters/baileys/baileys-transport.js';
import { TransportRejectedError, TransportUnreachableError, type InboundMessage } from '../../../src/bot/transport.js';
import { fakeSocketFactory, memoryAuthStore, memoryPairs, memorySent, recordEvents, silent } from '../../helpers/wa-fakes.js';

function setup(options: { pairCodePhone?: string } = {}) {
  let now = Date.parse('2026-11-25T00:00:00Z');
  const sleeps: number[] = [];
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const events = recordEvents();
  const auth = memoryAuthStore();
  const pairs = memoryPairs();
  const sent = memorySent();
  const sockets = fakeSocketFactory();
  const received: InboundMessage[] = [];
  const transport = new BaileysTransport({
    auth,
    pairs,
    sent,
    events,
    logger: silent,
    now: () => new Date(now),
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
    setTimer: (fn, ms) => {
      const timer = { fn, ms, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
    socketFactory: sockets.factory,
    ...(options.pairCodePhone ? { pairCodePhone: options.pairCodePhone } : {}),
  });
  const start = () => transport.start(async (m) => void received.push(m));
  const sock = () => sockets.sockets.at(-1)!;
  const open = () => sock().ev.emit('connection.update', { connection: 'open' });
  const close = (statusCode?: number) =>
    sock().ev.emit('connection.update', { connection: 'close', lastDisconnect: { error: Object.assign(new Error('closed'), { output: { statusCode } }), date: new Date() } });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { transport, events, auth, pairs, sent, sockets, received, timers, sleeps, start, sock, open, close, settle, advance: (ms: number) => (now += ms) };
}

const text = (id: string, remoteJid: string, body: string, extra: Partial<WAMessage['key']> = {}): WAMessage => ({
  key: { id, remoteJid, fromMe: false, ...extra },
  message: proto.Message.create({ conversation: body }),
  messageTimestamp: Math.floor(Date.parse('2026-11-25T00:00:00Z') / 1000),
});

describe('connection lifecycle', () => {
  it('when the socket opens, then the link is open and sends are allowed', async () => {
    const t = setup();
    await t.start();
    expect(t.events.states.map((s) => s.state)).toEqual(['connecting']);
    t.open();
    expect(t.transport.status().state).toBe('open');
  });

  it('when the socket closes with 408, then it reconnects with backoff, on a new socket, and the delay grows', async () => {
    const t = setup();
    await t.start();
    t.close(408);
    expect(t.timers.map((x) => x.ms)).toEqual([2_000]);
    expect(t.transport.status()).toMatchObject({ state: 'reconnecting' });
    t.timers[0]!.fn();
    await t.settle();
    expect(t.sockets.sockets).toHaveLength(2);
    t.close(408);
    expect(t.timers.map((x) => x.ms)).toEqual([2_000, 4_000]);
    t.timers[1]!.fn();
    await t.settle();
    t.open();
    t.close(428);
    expect(t.timers.at(-1)!.ms).toBe(2_000); // backoff resets once the link was open
  });

  it('when the socket closes with 515 after pairing, then a new socket starts at once', async () => {
    const t = setup();
    await t.start();
    t.close(515);
    expect(t.timers.map((x) => x.ms)).toEqual([0]);
  });

  it('when the socket closes with 401, then the session is wiped, the link stops as logged out and nothing reconnects', async () => {
    const t = setup();
    t.auth.writeCreds('{"x":1}');
    await t.start();
    t.close(401);
    expect(t.auth.readCreds()).toBeNull();
    expect(t.transport.status().state).toBe('logged_out');
    expect(t.timers).toEqual([]);
  });

  it.each([
    [403, 'banned'],
    [440, 'replaced'],
  ])('when the socket closes with %i, then it stops as %s and keeps the session for inspection', async (code, state) => {
    const t = setup();
    t.auth.writeCreds('{"x":1}');
    await t.start();
    t.close(code);
    expect(t.transport.status().state).toBe(state);
    expect(t.auth.readCreds()).not.toBeNull();
    expect(t.timers).toEqual([]);
  });

  it('when QR codes go unanswered, then after the cap the link waits for an operator', async () => {
    const t = setup();
    await t.start();
    for (let i = 0; i < 6; i++) t.sock().ev.emit('connection.update', { qr: `qr-${i}` });
    await t.settle();
    expect(t.events.pairings).toHaveLength(5);
    expect(t.transport.status()).toMatchObject({ state: 'waiting_for_pairing', detail: expect.stringContaining('no scan after 5 QR codes') });
    expect(t.sock().ended).toBe(true);
  });

  it('when --pair-code is used, then one pairing code is printed instead of QR codes', async () => {
    const t = setup({ pairCodePhone: '+6281234567000' });
    await t.start();
    t.sock().ev.emit('connection.update', { qr: 'qr-1' });
    t.sock().ev.emit('connection.update', { qr: 'qr-2' });
    await t.settle();
    expect(t.events.pairings).toEqual([{ code: 'ABCD1234' }]);
  });

  it('when stopped, then the pending reconnect is cancelled', async () => {
    const t = setup();
    await t.start();
    t.close(408);
    await t.transport.stop();
    expect(t.timers[0]!.cancelled).toBe(true);
    expect(t.transport.status().state).toBe('stopped');
  });
});

describe('inbound', () => {
  it('when a text arrives on the real event emitter, then the handler gets it and it is marked read', async () => {
    const t = setup();
    await t.start();
    t.open();
    t.sock().ev.emit('messages.upsert', { messages: [text('A1', '6281234567001@s.whatsapp.net', 'halo')], type: 'notify' });
    await t.transport.drained();
    expect(t.received).toMatchObject([
      { id: '6281234567001@s.whatsapp.net:A1', from: { phone: '+6281234567001' }, chat: { kind: 'private', address: '6281234567001@s.whatsapp.net' }, content: { kind: 'text', text: 'halo' } },
    ]);
    expect(t.sock().reads).toEqual([expect.objectContaining({ id: 'A1' })]);
  });

  it('when a LID sender carries remoteJidAlt, then the phone is known and the pair is remembered', async () => {
    const t = setup();
    await t.start();
    t.sock().ev.emit('messages.upsert', {
      messages: [text('A2', '123456789012345@lid', 'menu', { remoteJidAlt: '6281234567001@s.whatsapp.net' })],
      type: 'notify',
    });
    await t.transport.drained();
    expect(t.received[0]).toMatchObject({ from: { phone: '+6281234567001' }, chat: { address: '123456789012345@lid' } });
    expect(t.pairs.map.get('123456789012345')).toBe('+6281234567001');
  });
});

describe('outbound', () => {
  it('when the link is not open, then sending fails as unreachable (the outbox keeps the message)', async () => {
    const t = setup();
    await t.start();
    await expect(t.transport.send({ outboxId: 1, priority: 'reply' as const, to: '+6281234567001', content: { kind: 'text', text: 'x' } })).rejects.toBeInstanceOf(TransportUnreachableError);
  });

  it('when texts are sent, then each is paced, typed and stored for getMessage', async () => {
    const t = setup();
    await t.start();
    t.open();
    const first = await t.transport.send({ outboxId: 1, priority: 'reply' as const, to: '+6281234567001', content: { kind: 'text', text: 'satu' } });
    await t.transport.send({ outboxId: 2, priority: 'reply' as const, to: '+6281234567001', content: { kind: 'text', text: 'dua' } });
    expect(t.sock().sentMessages).toEqual([
      { jid: '6281234567001@s.whatsapp.net', content: { text: 'satu' } },
      { jid: '6281234567001@s.whatsapp.net', content: { text: 'dua' } },
    ]);
    expect(t.sock().presences).toEqual(['composing', 'paused', 'composing', 'paused']);
    // jitter 1 250 ms, typing 1 060 ms; then the same chat waits out its 4 s gap (+ jitter) from the first send.
    expect(t.sleeps).toEqual([1_250, 1_060, 4_000 - 1_060 + 1_250, 1_045]);
    const stored = await t.sock().config.getMessage!({ id: first.providerMessageId!, remoteJid: '6281234567001@s.whatsapp.net' });
    expect(stored?.conversation).toBe('satu');
  });

  it('when a PNG and an XLSX are sent, then they go as image and document with captions and the right types', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'wa-media-'));
    writeFileSync(join(dir, 'rekap.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(dir, 'rekap.xlsx'), Buffer.from('PK'));
    const t = setup();
    await t.start();
    t.open();
    await t.transport.send({ outboxId: 1, priority: 'reply' as const, to: '120363000000000001@g.us', content: { kind: 'image', fileName: 'rekap.png', path: join(dir, 'rekap.png'), caption: 'Rekap November 2026' } });
    await t.transport.send({ outboxId: 2, priority: 'reply' as const, to: '+6281234567005', content: { kind: 'document', fileName: 'rekap.xlsx', path: join(dir, 'rekap.xlsx'), caption: 'Rekap' } });
    expect(t.sock().sentMessages).toEqual([
      { jid: '120363000000000001@g.us', content: { image: Buffer.from([0x89, 0x50, 0x4e, 0x47]), caption: 'Rekap November 2026', mimetype: 'image/png' } },
      {
        jid: '6281234567005@s.whatsapp.net',
        content: { document: Buffer.from('PK'), fileName: 'rekap.xlsx', caption: 'Rekap', mimetype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      },
    ]);
    expect(t.sock().presences).toEqual([]); // no typing pause before media
  });

  it('when WhatsApp later refuses a message with 463, then it is reported and that chat is not tried again', async () => {
    const t = setup();
    await t.start();
    t.open();
    const receipt = await t.transport.send({ outboxId: 1, priority: 'reply' as const, to: '+6281234567009', content: { kind: 'text', text: 'halo' } });
    t.sock().ev.emit('messages.update', [
      { key: { id: receipt.providerMessageId!, remoteJid: '6281234567009@s.whatsapp.net', fromMe: true }, update: { status: WAMessageStatus.ERROR, messageStubParameters: ['463'] } },
    ]);
    expect(t.events.failures).toEqual([{ id: receipt.providerMessageId, code: '463' }]);
    await expect(t.transport.send({ outboxId: 2, priority: 'reply' as const, to: '+6281234567009', content: { kind: 'text', text: 'lagi' } })).rejects.toBeInstanceOf(TransportRejectedError);
    expect(t.sock().sentMessages).toHaveLength(1);
  });

  it('when sendMessage itself fails with 479, then it is rejected, not retried', async () => {
    const t = setup();
    await t.start();
    t.open();
    t.sock().failNextSendWith = 479;
    await expect(t.transport.send({ outboxId: 1, priority: 'reply' as const, to: '+6281234567001', content: { kind: 'text', text: 'x' } })).rejects.toBeInstanceOf(TransportRejectedError);
  });

  it('when WhatsApp reports a reach-out restriction, then sending pauses until it ends', async () => {
    const t = setup();
    await t.start();
    t.open();
    t.sock().ev.emit('connection.update', { reachoutTimeLock: { isActive: true, timeEnforcementEnds: new Date(Date.parse('2026-11-25T02:00:00Z')) } });
    await t.settle();
    expect(t.transport.status().state).toBe('restricted');
    await expect(t.transport.send({ outboxId: 1, priority: 'reply' as const, to: '+6281234567001', content: { kind: 'text', text: 'x' } })).rejects.toBeInstanceOf(TransportUnreachableError);
    t.advance(3 * 3600_000);
    expect(t.transport.status().state).toBe('open');
    await expect(t.transport.send({ outboxId: 1, priority: 'reply' as const, to: '+6281234567001', content: { kind: 'text', text: 'x' } })).resolves.toMatchObject({ providerMessageId: expect.any(String) });
  });

  it('when a group is written to, then its metadata is cached and refreshed after a participants change', async () => {
    const t = setup();
    await t.start();
    t.open();
    const getter = t.sock().config.cachedGroupMetadata!;
    let fetched = 0;
    const original = t.sock().groupMetadata;
    t.sock().groupMetadata = async (jid) => {
      fetched++;
      return original(jid);
    };
    await getter('120363000000000001@g.us');
    await getter('120363000000000001@g.us');
    expect(fetched).toBe(1);
    t.sock().ev.emit('group-participants.update', { id: '120363000000000001@g.us', author: 'x', participants: [], action: 'add' });
    await getter('120363000000000001@g.us');
    expect(fetched).toBe(2);
  });
});
