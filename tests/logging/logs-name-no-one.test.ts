// Acceptance ("Logs name no one", UU PDP): the whole process at level trace — the Baileys transport on a fake socket,
// the real bot (router, flows, database, outbox), the link monitor, Baileys' own child logger and fastify — with
// registered and unregistered people writing by phone number, by LID with and without the alt id, and in a group.
// Everything written to the log destination is then searched: no phone number in any form, no JID, no LID, no
// message text, no name, no raw provider message id.
import { binaryNodeToString, proto, WAMessageStatus, type BinaryNode, type WAMessage } from '@whiskeysockets/baileys';
import { afterEach, describe, expect, it } from 'vitest';
import { BaileysTransport } from '../../src/bot/adapters/baileys/baileys-transport.js';
import { createBot, type Bot } from '../../src/bot/bot.js';
import { LinkMonitor } from '../../src/bot/link-monitor.js';
import { ManualClock } from '../../src/clock.js';
import { openReadyDatabase, type ReadyDatabase } from '../../src/db/bootstrap.js';
import { loadOrCreateLogSalt } from '../../src/db/repos/runtime-state.repo.js';
import { createAuthKeyValueStore, createLidPairStore, createSendHoldStore, createSentMessageStore } from '../../src/db/repos/whatsapp.repo.js';
import { buildApp } from '../../src/http/app.js';
import { createLogger, hashSender, useLogSalt, type Logger } from '../../src/logger.js';
import { importPeople } from '../../src/people/people-import.js';
import { PEOPLE_CSV } from '../helpers/people.js';
import { fakeSocketFactory, memoryAuthStore, memoryHolds, memoryPairs, memorySent, recordEvents, type FakeSocket } from '../helpers/wa-fakes.js';

const NOW = new Date('2026-11-25T00:00:00Z');

// Everyone who may not appear: the national significant number (what every form — +62…, 62…, 08… — contains).
const NATIONAL_NUMBERS = ['81234567001', '81234567002', '81234567003', '81234567004', '81234567005', '85299990001'];
const LIDS = ['999988887777666', '111122223333555', '222233334444555'];
const GROUP_ID = '120363041234567890';
const NAMES = ['Siti Aminah', 'Rahmawati', 'Andi Baso', 'Nurhayati', 'Ridwan', 'Ibu Warga Rahasia', 'Bu Daeng Kebun'];
const TEXTS = {
  ppkbd: 'Halo bot, ini laporan dari Pakatto',
  residentLid: 'Saya mau tanya soal KB suntik',
  residentAlt: 'Apakah pil KB gratis di puskesmas',
  group: 'Rapat kader besok jam sembilan di balai desa',
  pkb: 'Tolong cek rekap desa Bontoala',
  quoted: 'Ibu Sari hamil tujuh bulan',
};
const KEY_IDS = ['3EB0AA0000000001', '3EB0AA0000000002', '3EB0AA0000000003', '3EB0AA0000000004', '3EB0AA0000000005', '3EB0AA0000000006'];

let database: ReadyDatabase | null = null;
let bot: Bot | null = null;
afterEach(async () => {
  await bot?.stop();
  database?.close();
  bot = null;
  database = null;
});

const seconds = Math.floor(NOW.getTime() / 1000);
function text(id: string, key: Partial<WAMessage['key']>, body: string, pushName: string): WAMessage {
  return { key: { id, fromMe: false, ...key }, message: proto.Message.create({ conversation: body }), messageTimestamp: seconds, pushName };
}

/** A `message` stanza as Baileys receives it, with the names and ids WhatsApp puts in its attributes. */
const stanza: BinaryNode = {
  tag: 'message',
  attrs: {
    from: `${GROUP_ID}@g.us`,
    participant: '222233334444555@lid',
    participant_pn: '6281234567002@s.whatsapp.net',
    notify: 'Bu Daeng Kebun',
    id: KEY_IDS[3]!,
    t: String(seconds),
    type: 'text',
  },
  content: [
    { tag: 'enc', attrs: { v: '2', type: 'skmsg' }, content: Buffer.from(TEXTS.group) },
    { tag: 'participants', attrs: {}, content: [{ tag: 'to', attrs: { jid: '6281234567001:3@s.whatsapp.net' }, content: undefined }] },
  ],
};

describe('logs name no one', () => {
  it('when the bot runs at trace with registered and unknown people, LIDs and a group, then the log holds no number, JID, LID, text, name or message id', async () => {
    const lines: string[] = [];
    const logger = createLogger('trace', { destination: { write: (line: string) => void lines.push(line) } });
    database = openReadyDatabase(':memory:');
    useLogSalt(loadOrCreateLogSalt(database.db)); // as main.ts does right after opening the database
    importPeople(database.db, PEOPLE_CSV, database.areas, 'test', NOW);
    // The PKB's first message cannot be recorded (people.first_message_at; a menu with no flow open writes no
    // conversation state): the router's failure path logs the error, the sender and the message id.
    database.native.exec(
      `CREATE TEMP TRIGGER broken_pkb BEFORE UPDATE ON people WHEN NEW.phone = '+6281234567003'
       BEGIN SELECT RAISE(ABORT, 'cannot record the first message of 6281234567003@s.whatsapp.net (+62 812-3456-7003)'); END`,
    );

    const clock = new ManualClock(NOW);
    let bump = () => {};
    const monitor = new LinkMonitor({ db: database.db, clock, logger, downAlertAfterMs: 15 * 60_000, onQueued: () => bump() });
    const sockets = fakeSocketFactory(async () => null);
    const transport = new BaileysTransport({
      auth: createAuthKeyValueStore(database.db, 'default'),
      pairs: createLidPairStore(database.db, () => clock.now()),
      sent: createSentMessageStore(database.db),
      holds: createSendHoldStore(database.db, 'default', () => clock.now()),
      messageIdSeed: 'test-seed',
      events: {
        stateChanged: (state, detail) => monitor.stateChanged(state, detail),
        deliveryFailed: (id, code) => monitor.deliveryFailed(id, code),
        pairing: () => undefined,
      },
      logger,
      now: () => clock.now(),
      sleep: async (ms) => clock.advance(ms),
      random: () => 0,
      setTimer: () => () => undefined,
      socketFactory: sockets.factory,
    });
    bot = createBot({ database, transport, clock, logger, conversation: { expiryMs: 72 * 3600_000 } });
    bump = () => void bot?.idle();
    await bot.start();
    const sock = sockets.sockets[0] as FakeSocket;
    sock.ev.emit('connection.update', { connection: 'open' });
    const deliver = async (msg: WAMessage) => {
      sock.ev.emit('messages.upsert', { messages: [msg], type: 'notify' });
      await transport.drained();
      await bot!.idle();
    };

    // A registered PPKBD by her phone-number JID.
    await deliver(text(KEY_IDS[0]!, { remoteJid: '6281234567001@s.whatsapp.net' }, TEXTS.ppkbd, 'Siti Aminah'));
    // An unknown resident by LID only (resolved nowhere: keyed by LID).
    await deliver(text(KEY_IDS[1]!, { remoteJid: '999988887777666@lid' }, TEXTS.residentLid, 'Ibu Warga Rahasia'));
    // A resident by LID with the phone in remoteJidAlt; the read receipt fails with the JID in its message.
    const reads = sock.readMessages;
    sock.readMessages = async (keys) => {
      sock.readMessages = reads;
      throw new Error(`read receipt refused for ${keys[0]?.remoteJid} (${keys[0]?.remoteJidAlt})`);
    };
    await deliver(text(KEY_IDS[2]!, { remoteJid: '111122223333555@lid', remoteJidAlt: '6285299990001@s.whatsapp.net' }, TEXTS.residentAlt, 'Ibu Warga Rahasia'));
    // A group message from a sub-PPKBD by LID with her phone as participantAlt: recorded, not answered.
    await deliver(
      text(KEY_IDS[3]!, { remoteJid: `${GROUP_ID}@g.us`, participant: '222233334444555@lid', participantAlt: '6281234567002@s.whatsapp.net' }, TEXTS.group, 'Rahmawati'),
    );
    // The PKB, whose message fails inside the router's transaction (the trigger above).
    await deliver(text(KEY_IDS[4]!, { remoteJid: '6281234567003@s.whatsapp.net' }, TEXTS.pkb, 'Andi Baso'));
    // A reaction (ignored, logged at debug) and a WhatsApp refusal of a message we sent (logged by the link monitor).
    sock.ev.emit('messages.upsert', {
      messages: [{ key: { id: KEY_IDS[5]!, remoteJid: '6281234567004@s.whatsapp.net', fromMe: false }, message: proto.Message.create({ reactionMessage: { text: '👍' } }), messageTimestamp: seconds, pushName: 'Hj. Nurhayati' }],
      type: 'notify',
    });
    await transport.drained();
    const sentId = (await sock.sendMessage('6281234567001@s.whatsapp.net', { text: 'x' }))!.key.id!;
    sock.ev.emit('messages.update', [{ key: { id: sentId, remoteJid: '6281234567001@s.whatsapp.net', fromMe: true }, update: { status: WAMessageStatus.ERROR, messageStubParameters: ['479'] } }]);

    // Baileys' own child logger, with the shapes Baileys 7 logs (Socket/socket.js, Socket/messages-recv.js,
    // Socket/messages-send.js, Utils/messages.js, Utils/event-buffer.js).
    const baileys = sock.config.logger as unknown as Logger;
    baileys.trace({ xml: binaryNodeToString(stanza), msg: 'recv xml' });
    baileys.warn({ node: binaryNodeToString(stanza) }, 'mex notification missing op_name, fallback to legacy');
    baileys.debug({ recv: { tag: stanza.tag, attrs: stanza.attrs }, sent: { to: '6281234567002@s.whatsapp.net', id: KEY_IDS[3] } }, 'sent ack');
    baileys.info({ msgAttrs: stanza.attrs, retryCount: 1 }, 'sent retry receipt');
    baileys.debug({ jid: '6281234567001:12@s.whatsapp.net', pn: '6281234567001@s.whatsapp.net', lid: '999988887777666@lid', from: `${GROUP_ID}@g.us`, to: '111122223333555:4@lid' }, 'identity');
    baileys.debug({ pnToLidMappings: [{ pn: '6285299990001@s.whatsapp.net', lid: '111122223333555@lid' }], lidUser: '111122223333555', pnUser: '6285299990001' }, 'stored mappings');
    baileys.debug({ messageId: { remoteJid: '6281234567001@s.whatsapp.net', id: KEY_IDS[0], participant: undefined } }, 'absorbed message upsert in message set');
    baileys.trace(
      {
        msg: {
          ...text(KEY_IDS[2]!, { remoteJid: '111122223333555@lid', remoteJidAlt: '6285299990001@s.whatsapp.net' }, TEXTS.residentAlt, 'Ibu Warga Rahasia'),
          message: proto.Message.create({ extendedTextMessage: { text: TEXTS.residentAlt, contextInfo: { quotedMessage: { conversation: TEXTS.quoted }, participant: '6281234567001@s.whatsapp.net' } } }),
        },
      },
      'processing message',
    );
    baileys.child({ msgId: KEY_IDS[0] }).debug({ participant: '6281234567001@s.whatsapp.net', devices: ['6281234567001:0@s.whatsapp.net', '999988887777666:2@lid'] }, 'sending message');
    baileys.error({ err: Object.assign(new Error(`bad-request from 6281234567002@s.whatsapp.net`), { data: stanza, isBoom: true, output: { statusCode: 400 } }) }, 'error in handling message');
    baileys.warn({ error: new Error('no session with +6285299990001'), fromJid: '111122223333555@lid' }, 'failed to check session recreation');
    baileys.debug(`sendRetryRequest: requested placeholder resend for message ${KEY_IDS[1]} from 999988887777666@lid`);
    baileys.debug({ contactId: '6281234567005@s.whatsapp.net', notify: 'Muh. Ridwan', verifiedName: 'Ridwan' }, 'absorbed contact upsert in contact set');

    // Fastify's request loggers are children of the same root.
    const app = await buildApp({
      logger,
      health: () => ({ status: 'ok', transport: { name: 'whatsapp', state: 'open', detail: '', since: NOW.toISOString() }, outbox: { pending: 0, sent: 0, failed: 0 }, alerts: [] }),
    });
    await app.inject({ method: 'GET', url: '/lapor/6281234567001?dari=0812-3456-7002&lid=999988887777666' });
    await app.close();

    const out = lines.join('');
    // Nothing that names anyone…
    const squashed = out.replace(/[\s.()\-+]/g, '');
    for (const digits of [...NATIONAL_NUMBERS, ...LIDS, GROUP_ID]) expect(squashed, digits).not.toContain(digits);
    expect(out).not.toMatch(/@(s\.whatsapp\.net|c\.us|lid|g\.us)\b/);
    for (const words of [...NAMES, ...Object.values(TEXTS)]) expect(out, words).not.toContain(words);
    for (const id of KEY_IDS) expect(out, id).not.toContain(id);
    // …although the run logged what it should: Baileys at trace, the router's failure, the refusal, fastify's request.
    expect(lines.every((line) => JSON.parse(line) !== null)).toBe(true);
    expect(lines.some((line) => line.includes('"module":"baileys"') && line.includes('"level":10'))).toBe(true);
    const failure = lines.map((line) => JSON.parse(line) as Record<string, any>).find((line) => line.msg === 'inbound message failed');
    expect(failure?.sender).toBe(hashSender('+6281234567003'));
    expect(failure?.providerId).toMatch(/^id#/);
    expect(failure?.err?.message).toContain(hashSender('+6281234567003'));
    expect(out).toContain('WhatsApp refused a sent message');
    expect(out).toContain('incoming request');
    // One person, one tag, whichever form the number took.
    expect(out).toContain(`"participant":"${hashSender('+6281234567001')}"`);
  });

  it.each(['silent', 'warn', 'debug', 'trace'])('when the root logger is at %s, then Baileys\' child logger is at the same level', async (level) => {
    const sockets = fakeSocketFactory();
    const transport = new BaileysTransport({
      auth: memoryAuthStore(),
      pairs: memoryPairs(),
      sent: memorySent(),
      holds: memoryHolds(),
      messageIdSeed: 'test-seed',
      events: recordEvents(),
      logger: createLogger(level, { destination: { write: () => undefined } }),
      setTimer: () => () => undefined,
      socketFactory: sockets.factory,
    });
    await transport.start(async () => undefined);
    expect((sockets.sockets[0]!.config.logger as unknown as Logger).level).toBe(level);
    await transport.stop();
  });
});
