// WhatsApp transport → real bot (router, flows, database, outbox) → back out through the transport, offline:
// a PPKBD registered by phone writes from a LID and is greeted by name, in the chat she wrote from; LIDs of registered
// people looked up on the real SQLite store before they write.
import { proto, type WAMessage } from '@whiskeysockets/baileys';
import { afterEach, describe, expect, it } from 'vitest';
import { BaileysTransport } from '../../../src/bot/adapters/baileys/baileys-transport.js';
import { createBot, type Bot } from '../../../src/bot/bot.js';
import { ManualClock } from '../../../src/clock.js';
import { openReadyDatabase, type ReadyDatabase } from '../../../src/db/bootstrap.js';
import { createAuthKeyValueStore, createLidPairStore, createSendHoldStore, createSentMessageStore } from '../../../src/db/repos/whatsapp.repo.js';
import { silentLogger } from '../../../src/logger.js';
import { importPeople } from '../../../src/people/people-import.js';
import { PEOPLE_CSV } from '../../helpers/people.js';
import { fakeSocketFactory, recordEvents, type FakeSocket } from '../../helpers/wa-fakes.js';

let database: ReadyDatabase;
let bot: Bot;
afterEach(async () => {
  await bot.stop();
  database.close();
});

const NOW = new Date('2026-11-25T00:00:00Z');
const message = (id: string, key: Partial<WAMessage['key']>, text: string): WAMessage => ({
  key: { id, fromMe: false, ...key },
  message: proto.Message.create({ conversation: text }),
  messageTimestamp: Math.floor(NOW.getTime() / 1000),
});

async function start(
  lidToPn: (lid: string) => Promise<string | null> = async () => null,
  pnToLid: (pn: string) => Promise<string | null> = async () => null,
) {
  database = openReadyDatabase(':memory:');
  importPeople(database.db, PEOPLE_CSV, database.areas, 'test', NOW);
  const clock = new ManualClock(NOW);
  const sockets = fakeSocketFactory(lidToPn, pnToLid);
  const timers: { fn: () => void; ms: number }[] = [];
  const transport = new BaileysTransport({
    auth: createAuthKeyValueStore(database.db, 'default'),
    pairs: createLidPairStore(database.db, () => clock.now()),
    sent: createSentMessageStore(database.db),
    holds: createSendHoldStore(database.db, 'default', () => clock.now()),
    messageIdSeed: 'e2e-seed',
    events: recordEvents(),
    logger: silentLogger(),
    now: () => clock.now(),
    sleep: async (ms) => clock.advance(ms),
    random: () => 0,
    setTimer: (fn, ms) => {
      timers.push({ fn, ms });
      return () => undefined;
    },
    socketFactory: sockets.factory,
  });
  bot = createBot({ database, transport, clock, logger: silentLogger(), conversation: { expiryMs: 72 * 3600_000 } });
  await bot.start();
  const sock = sockets.sockets[0] as FakeSocket;
  sock.ev.emit('connection.update', { connection: 'open' });
  const deliver = async (msg: WAMessage) => {
    sock.ev.emit('messages.upsert', { messages: [msg], type: 'notify' });
    await transport.drained();
  };
  return { sock, deliver, transport, clock, timers };
}

describe('WhatsApp end to end', () => {
  it('when a registered PPKBD writes from a LID with remoteJidAlt, then she is greeted by name in that LID chat', async () => {
    const { sock, deliver } = await start();
    await deliver(message('M1', { remoteJid: '111122223333444@lid', remoteJidAlt: '6281234567001@s.whatsapp.net' }, 'halo'));
    await bot.idle();
    expect(sock.sentMessages).toHaveLength(1);
    expect(sock.sentMessages[0]!.jid).toBe('111122223333444@lid');
    expect((sock.sentMessages[0]!.content as { text: string }).text).toContain('Halo, Siti Aminah! Anda terdaftar sebagai PPKBD Desa Pakatto');
  });

  it('when an unknown LID writes, then it is treated as a resident, never as someone else', async () => {
    const { sock, deliver } = await start();
    await deliver(message('M2', { remoteJid: '999988887777666@lid' }, 'halo'));
    await bot.idle();
    expect((sock.sentMessages[0]!.content as { text: string }).text).toContain('Selamat datang di *IMP Smart*');
  });

  it('when a message comes live and again in the offline backlog (append), then it is handled once', async () => {
    const { sock, deliver } = await start();
    const msg = message('M3', { remoteJid: '6281234567001@s.whatsapp.net' }, 'halo');
    await deliver(msg);
    sock.ev.emit('messages.upsert', { messages: [msg], type: 'append' });
    await deliver(message('M4', { remoteJid: '6281234567001@s.whatsapp.net' }, '4'));
    await bot.idle();
    expect(sock.sentMessages.map((m) => (m.content as { text: string }).text.slice(0, 25))).toEqual(['Halo, Siti Aminah! Anda t', '*Profil Anda di IMP Smart']);
  });

  it('when a registered PPKBD has no known LID, then it is looked up after the link opens and her first message from that LID (no alt) greets her by name', async () => {
    const asked: string[] = [];
    const { sock, deliver } = await start(undefined, async (pn) => {
      asked.push(pn);
      return pn === '6281234567001@s.whatsapp.net' ? '555566667777888@lid' : null;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toContain('6281234567001@s.whatsapp.net');
    expect(createLidPairStore(database.db, () => NOW).phoneFor('555566667777888')).toBe('+6281234567001');
    await deliver(message('M5', { remoteJid: '555566667777888@lid' }, 'halo'));
    await bot.idle();
    expect(sock.sentMessages[0]!.jid).toBe('555566667777888@lid');
    expect((sock.sentMessages[0]!.content as { text: string }).text).toContain('Halo, Siti Aminah!');
  });

  it('when a person is registered while the bot runs, then the next round looks up her LID', async () => {
    const asked: string[] = [];
    const { timers, clock } = await start(undefined, async (pn) => {
      asked.push(pn);
      return null;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).not.toContain('6281234567099@s.whatsapp.net');
    const report = importPeople(database.db, `${PEOPLE_CSV.trimEnd()}\n+6281234567099,Nur Baru,sub_ppkbd,73.06.06.2003,Dusun Bontoa\n`, database.areas, 'test', clock.now());
    expect(report.counts.created).toBe(1);
    const round = timers.filter((t) => t.ms === 10 * 60_000).at(-1)!;
    round.fn();
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked.filter((pn) => pn === '6281234567099@s.whatsapp.net')).toHaveLength(1);
  });
});
