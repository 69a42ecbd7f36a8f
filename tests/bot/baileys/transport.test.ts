// The WhatsApp transport over Baileys' real event emitter: lifecycle by close code, inbound to the router's
// message shape, paced outbound on a fake clock, late refusals (463), getMessage and re-pairing; send holds across
// restarts, the 405 version refresh, LID look-ups of registered people, idempotent message ids, suspended intake.
import { proto, WAMessageStatus, type WAMessage } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { BaileysTransport } from '../../../src/bot/adapters/baileys/baileys-transport.js';
import type { FetchVersion } from '../../../src/bot/adapters/baileys/wa-version.js';
import { TransportRejectedError, TransportUnreachableError, type InboundMessage } from '../../../src/bot/transport.js';
import { fakeSocketFactory, memoryAuthStore, memoryHolds, memoryPairs, memorySent, recordEvents, silent } from '../../helpers/wa-fakes.js';

interface SetupOptions {
  pairCodePhone?: string;
  /** A hold store shared with an earlier transport: the bot restarting on the same database. */
  holds?: ReturnType<typeof memoryHolds>;
  /** Phones of active registered people (the LID look-up's input). */
  registered?: string[];
  pnToLid?: (pnJid: string) => Promise<string | null>;
  fetchVersion?: FetchVersion;
  messageIdSeed?: string;
}

function setup(options: SetupOptions = {}) {
  let now = Date.parse('2026-11-25T00:00:00Z');
  const sleeps: number[] = [];
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const events = recordEvents();
  const auth = memoryAuthStore();
  const pairs = memoryPairs(options.registered);
  const sent = memorySent();
  const holds = options.holds ?? memoryHolds();
  const sockets = fakeSocketFactory(undefined, options.pnToLid);
  const versionFetches: number[] = [];
  const fetchVersion: FetchVersion =
    options.fetchVersion ??
    (async () => {
      versionFetches.push(now);
      return { version: [2, 3000, 1234567890], isLatest: true };
    });
  const received: InboundMessage[] = [];
  const transport = new BaileysTransport({
    auth,
    pairs,
    sent,
    holds,
    messageIdSeed: options.messageIdSeed ?? 'seed-one',
    fetchVersion,
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
  const pending = () => timers.filter((x) => !x.cancelled);
  return {
    transport, events, auth, pairs, sent, holds, sockets, received, timers, pending, sleeps, versionFetches, start, sock, open, close, settle,
    advance: (ms: number) => (now += ms),
  };
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

  it('when texts are sent, then each is typed (the dispatcher paces) and stored for getMessage', async () => {
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
    // Only the typing pause, by length: the rate and the per-chat gap are the dispatcher's (tests/bot/outbound).
    expect(t.sleeps).toEqual([1_060, 1_045]);
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

  it('when the file of a media message is gone, then that message is rejected (not a network failure that pauses every chat)', async () => {
    const t = setup();
    await t.start();
    t.open();
    const missing = { kind: 'image' as const, fileName: 'rekap.png', path: '/nonexistent/imp-smart/rekap.png', caption: 'Rekap' };
    await expect(t.transport.send({ outboxId: 1, priority: 'bulk' as const, to: '+6281234567005', content: missing })).rejects.toBeInstanceOf(TransportRejectedError);
    expect(t.sock().sentMessages).toEqual([]);
    await t.transport.send({ outboxId: 2, priority: 'reply' as const, to: '+6281234567005', content: { kind: 'text', text: 'halo' } });
    expect(t.sock().sentMessages).toHaveLength(1);
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
    await t.settle(); // the open-time poll (no restriction) has answered
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

const HOUR = 3600_000;
const T0 = Date.parse('2026-11-25T00:00:00Z');
const textTo = (outboxId: number, to: string, body = 'halo') => ({ outboxId, priority: 'reply' as const, to, content: { kind: 'text' as const, text: body } });
const refuse = (t: ReturnType<typeof setup>, id: string, jid: string, code: string) =>
  t.sock().ev.emit('messages.update', [{ key: { id, remoteJid: jid, fromMe: true }, update: { status: WAMessageStatus.ERROR, messageStubParameters: [code] } }]);

describe('send holds across restarts', () => {
  it('when WhatsApp refused a chat and the bot restarts, then that chat is still left alone until the cooldown ends', async () => {
    const first = setup();
    await first.start();
    first.open();
    const receipt = await first.transport.send(textTo(1, '+6281234567009'));
    refuse(first, receipt.providerMessageId!, '6281234567009@s.whatsapp.net', '463');
    expect(first.holds.rows.get('6281234567009@s.whatsapp.net')).toMatchObject({ reason: expect.stringContaining('463') });
    await first.transport.stop();

    const second = setup({ holds: first.holds });
    await second.start();
    second.open();
    await expect(second.transport.send(textTo(2, '+6281234567009'))).rejects.toBeInstanceOf(TransportRejectedError);
    await expect(second.transport.send(textTo(3, '+6281234567008'))).resolves.toMatchObject({ providerMessageId: expect.any(String) });
    second.advance(6 * HOUR);
    await expect(second.transport.send(textTo(4, '+6281234567009'))).resolves.toMatchObject({ providerMessageId: expect.any(String) });
    expect(second.holds.rows.has('6281234567009@s.whatsapp.net')).toBe(false);
  });

  it('when sendMessage itself is refused with 463, then the chat is held too and the next send is not attempted', async () => {
    const t = setup();
    await t.start();
    t.open();
    t.sock().failNextSendWith = 463;
    await expect(t.transport.send(textTo(1, '+6281234567001'))).rejects.toBeInstanceOf(TransportRejectedError);
    await expect(t.transport.send(textTo(2, '+6281234567001'))).rejects.toBeInstanceOf(TransportRejectedError);
    expect(t.sock().sentMessages).toHaveLength(0);
    expect(t.holds.rows.has('6281234567001@s.whatsapp.net')).toBe(true);
  });

  it('when a reach-out restriction was active at shutdown and the poll after the restart fails, then sending stays paused and the status says restricted', async () => {
    const first = setup();
    await first.start();
    first.open();
    await first.settle();
    first.sock().ev.emit('connection.update', { reachoutTimeLock: { isActive: true, timeEnforcementEnds: new Date(T0 + 2 * HOUR) } });
    expect(first.holds.rows.get('*')).toMatchObject({ until: new Date(T0 + 2 * HOUR) });
    await first.transport.stop();

    const second = setup({ holds: first.holds });
    await second.start();
    second.sock().reachout = new Error('query timed out');
    second.open();
    await second.settle();
    expect(second.sock().reachoutPolls).toBe(1);
    expect(second.transport.status()).toMatchObject({ state: 'restricted', detail: expect.stringContaining('2026-11-25T02:00:00.000Z') });
    await expect(second.transport.send(textTo(1, '+6281234567001'))).rejects.toBeInstanceOf(TransportUnreachableError);
    second.advance(2 * HOUR);
    expect(second.transport.status().state).toBe('open');
    expect(second.holds.rows.has('*')).toBe(false);
  });

  it('when the poll after open says the restriction is over, then the stored hold is released and sending resumes at once', async () => {
    const holds = memoryHolds();
    holds.hold('*', new Date(T0 + 5 * HOUR), 'reach-out restricted (DEFAULT)');
    const t = setup({ holds });
    await t.start();
    t.open();
    expect(t.transport.status().state).toBe('restricted');
    await t.settle();
    expect(t.transport.status().state).toBe('open');
    expect(holds.rows.size).toBe(0);
    await expect(t.transport.send(textTo(1, '+6281234567001'))).resolves.toMatchObject({ providerMessageId: expect.any(String) });
  });

  it('when the poll after open reports a restriction, then sending pauses and the hold is stored', async () => {
    const t = setup();
    await t.start();
    t.sock().reachout = { isActive: true, timeEnforcementEnds: new Date(T0 + HOUR) };
    t.open();
    await t.settle();
    expect(t.transport.status().state).toBe('restricted');
    expect(t.holds.rows.get('*')).toMatchObject({ until: new Date(T0 + HOUR) });
    await expect(t.transport.send(textTo(1, '+6281234567001'))).rejects.toBeInstanceOf(TransportUnreachableError);
  });

  it('when stored holds have already run out at start, then they are released and nothing is held', async () => {
    const holds = memoryHolds();
    holds.hold('*', new Date(T0 - HOUR), 'reach-out restricted (DEFAULT)');
    holds.hold('6281234567009@s.whatsapp.net', new Date(T0 - 1), 'WhatsApp refused a message (463)');
    const t = setup({ holds });
    expect(holds.rows.size).toBe(0);
    await t.start();
    t.open();
    await expect(t.transport.send(textTo(1, '+6281234567009'))).resolves.toMatchObject({ providerMessageId: expect.any(String) });
  });
});

describe('405: stale WhatsApp Web version', () => {
  it('when the socket closes with 405, then after a backoff the version is fetched and the next socket announces it, and later sockets keep it', async () => {
    const t = setup();
    await t.start();
    expect(t.sock().config.version).toBeUndefined();
    t.close(405);
    expect(t.pending().map((x) => x.ms)).toEqual([2_000]);
    expect(t.versionFetches).toEqual([]);
    t.pending()[0]!.fn();
    await t.settle();
    expect(t.versionFetches).toHaveLength(1);
    expect(t.sockets.sockets).toHaveLength(2);
    expect(t.sock().config.version).toEqual([2, 3000, 1234567890]);
    t.close(408);
    t.timers.at(-1)!.fn();
    await t.settle();
    expect(t.sockets.sockets).toHaveLength(3);
    expect(t.sock().config.version).toEqual([2, 3000, 1234567890]);
    expect(t.versionFetches).toHaveLength(1);
  });

  it('when fetching the version fails, then it still reconnects, with a growing backoff, on the version it had', async () => {
    let calls = 0;
    const t = setup({
      fetchVersion: async () => {
        calls++;
        throw new Error('offline');
      },
    });
    await t.start();
    t.close(405);
    t.timers.at(-1)!.fn();
    await t.settle();
    expect(calls).toBe(1);
    expect(t.sockets.sockets).toHaveLength(2);
    expect(t.sock().config.version).toBeUndefined();
    expect(t.transport.status().state).toBe('reconnecting');
    t.close(405);
    expect(t.timers.map((x) => x.ms)).toEqual([2_000, 4_000]);
  });

  it('when the fetch falls back to the bundled version (isLatest false), then that version is used', async () => {
    const t = setup({ fetchVersion: async () => ({ version: [2, 3000, 1043857760], isLatest: false, error: new Error('offline') }) });
    await t.start();
    t.close(405);
    t.timers.at(-1)!.fn();
    await t.settle();
    expect(t.sock().config.version).toEqual([2, 3000, 1043857760]);
  });

  it('when the transport is stopped while the version is being fetched, then no socket is created', async () => {
    let release!: () => void;
    const t = setup({
      fetchVersion: () =>
        new Promise((resolve) => {
          release = () => resolve({ version: [2, 3000, 1], isLatest: true });
        }),
    });
    await t.start();
    t.close(405);
    t.timers.at(-1)!.fn();
    await t.settle();
    await t.transport.stop();
    release();
    await t.settle();
    expect(t.sockets.sockets).toHaveLength(1);
    expect(t.transport.status().state).toBe('stopped');
  });
});

describe('LIDs of registered people', () => {
  const A = '+6281234567001';
  const B = '+6281234567002';
  const C = '+6281234567003';

  it('when the link opens, then the LIDs of registered people without a pair are looked up one at a time with gaps, and found pairs are remembered', async () => {
    const asked: string[] = [];
    const t = setup({
      registered: [A, B, C],
      pnToLid: async (pn) => {
        asked.push(pn);
        if (pn.startsWith('6281234567003')) throw new Error('usync timed out');
        return pn === '6281234567001@s.whatsapp.net' ? '111100002222333@lid' : null;
      },
    });
    await t.start();
    t.open();
    await t.settle();
    expect(asked).toEqual(['6281234567001@s.whatsapp.net', '6281234567002@s.whatsapp.net', '6281234567003@s.whatsapp.net']);
    expect(t.pairs.map).toEqual(new Map([['111100002222333', A]]));
    expect(t.sleeps).toEqual([3_000, 3_000]);
    expect(t.pending().map((x) => x.ms)).toEqual([10 * 60_000]);
  });

  it('when the next round comes, then someone registered meanwhile and failed look-ups are asked, but a person WhatsApp had no LID for waits a day', async () => {
    const registered = [A, B];
    const asked: string[] = [];
    let failC = true;
    const t = setup({
      registered,
      pnToLid: async (pn) => {
        asked.push(pn.split('@')[0]!);
        if (pn.startsWith('6281234567003') && failC) throw new Error('usync timed out');
        return null;
      },
    });
    await t.start();
    registered.push(C);
    t.open();
    await t.settle();
    expect(asked).toEqual(['6281234567001', '6281234567002', '6281234567003']);
    failC = false;
    registered.push('+6281234567004');
    t.pending()[0]!.fn();
    await t.settle();
    expect(asked.slice(3)).toEqual(['6281234567003', '6281234567004']);
    t.advance(24 * 3600_000);
    t.pending()[0]!.fn();
    await t.settle();
    expect(asked.slice(5)).toEqual(['6281234567001', '6281234567002', '6281234567003', '6281234567004']);
  });

  it('when the link closes during a round, then the round stops and no further round is scheduled', async () => {
    const asked: string[] = [];
    const t = setup({
      registered: [A, B],
      pnToLid: async (pn) => {
        asked.push(pn);
        t.close(408);
        return null;
      },
    });
    await t.start();
    t.open();
    await t.settle();
    expect(asked).toHaveLength(1);
    expect(t.pending().map((x) => x.ms)).toEqual([2_000]); // only the reconnect
  });

  it('when nobody is missing a LID, then the round asks nothing and does not sleep', async () => {
    const t = setup({ registered: [A] });
    t.pairs.remember('111100002222333', A);
    await t.start();
    t.open();
    await t.settle();
    expect(t.sleeps).toEqual([]);
  });
});

describe('idempotent sends', () => {
  it('when the same outbox message is sent twice (a re-send after a crash), then both carry the same WhatsApp message id, formatted like Baileys\' own', async () => {
    const t = setup();
    await t.start();
    t.open();
    const first = await t.transport.send(textTo(42, '+6281234567001'));
    const again = await t.transport.send(textTo(42, '+6281234567001'));
    const [id1, id2] = t.sock().messageIds;
    expect(id1).toMatch(/^3EB0[0-9A-F]{18}$/);
    expect(id2).toBe(id1);
    expect(first.providerMessageId).toBe(id1);
    expect(again.providerMessageId).toBe(id1);
  });

  it('when outbox ids or the database seed differ, then the message ids differ', async () => {
    const ids: (string | undefined)[] = [];
    for (const [seed, outboxId] of [
      ['seed-one', 1],
      ['seed-one', 2],
      ['seed-two', 1],
    ] as const) {
      const t = setup({ messageIdSeed: seed });
      await t.start();
      t.open();
      await t.transport.send(textTo(outboxId, '+6281234567001'));
      ids.push(t.sock().messageIds[0]);
    }
    expect(new Set(ids).size).toBe(3);
  });
});

describe('suspended intake', () => {
  it('when intake is suspended, then the socket ends, nothing reconnects, sends wait in the outbox and the state says why', async () => {
    const t = setup();
    await t.start();
    t.open();
    await t.settle();
    await t.transport.suspendIntake('disk full');
    expect(t.sock().ended).toBe(true);
    expect(t.transport.status()).toMatchObject({ state: 'suspended', detail: expect.stringContaining('disk full') });
    expect(t.events.states.at(-1)).toMatchObject({ state: 'suspended' });
    t.close(428); // Baileys reports the close of the ended socket: ignored
    expect(t.pending()).toEqual([]);
    expect(t.sockets.sockets).toHaveLength(1);
    await expect(t.transport.send(textTo(1, '+6281234567001'))).rejects.toBeInstanceOf(TransportUnreachableError);
  });

  it('when intake resumes, then a new socket connects and the messages WhatsApp held arrive as append and are handled', async () => {
    const t = setup();
    await t.start();
    t.open();
    await t.transport.suspendIntake('database is read-only');
    await t.transport.resumeIntake();
    expect(t.sockets.sockets).toHaveLength(2);
    expect(t.transport.status().state).toBe('connecting');
    t.open();
    t.sock().ev.emit('messages.upsert', { messages: [text('H1', '6281234567001@s.whatsapp.net', 'halo')], type: 'append' });
    await t.transport.drained();
    expect(t.received.map((m) => m.id)).toEqual(['6281234567001@s.whatsapp.net:H1']);
  });

  it('when intake is suspended during a reconnect backoff, then the pending reconnect is cancelled and resume connects at once', async () => {
    const t = setup();
    await t.start();
    t.close(408);
    await t.transport.suspendIntake('disk full');
    expect(t.timers[0]!.cancelled).toBe(true);
    await t.transport.resumeIntake();
    expect(t.sockets.sockets).toHaveLength(2);
  });

  it('when the link had stopped (logged out), then resume does not reconnect', async () => {
    const t = setup();
    await t.start();
    t.close(401);
    await t.transport.suspendIntake('disk full');
    expect(t.transport.status().state).toBe('logged_out');
    await t.transport.resumeIntake();
    expect(t.sockets.sockets).toHaveLength(1);
  });
});
