// Inbound WhatsApp messages through Baileys' own objects, offline: messages are built with rc14's proto classes (or as
// the plain objects Baileys itself emits, since the LID alt fields are not proto fields), delivered on Baileys' real
// event emitter, and senders resolved against a real Baileys signal repository where the test needs one.
import {
  addTransactionCapability,
  DEFAULT_CONNECTION_CONFIG,
  initAuthCreds,
  makeEventBuffer,
  proto,
  WAMessageStubType,
  type MessageUpsertType,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
  type WAMessage,
  type WAMessageKey,
} from '@whiskeysockets/baileys';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { classifyMessage, resolveSenderPhone, toInboundMessage, type Classified } from '../../../src/bot/adapters/baileys/inbound.js';
import type { LidPairStore } from '../../../src/bot/adapters/baileys/ports.js';

const logger = pino({ level: 'silent' });
const NOW = new Date('2026-11-25T10:00:00Z');
const ctx = { now: NOW, appendMaxAgeMs: 24 * 3600_000 };
const secondsAgo = (s: number) => Math.floor(NOW.getTime() / 1000) - s;

// The PPKBD every identity test must find, in each form WhatsApp may address her by.
const PHONE = '+6281234567001';
const PN = '6281234567001@s.whatsapp.net';
const LID_USER = '123456789012345';
const LID = `${LID_USER}@lid`;
const GROUP = '120363000000000001@g.us';

let seq = 0;
/** A received message as Baileys emits it: a plain object whose key may carry the non-proto alt fields. */
function wa(message: proto.IMessage | null, key: Partial<WAMessageKey> = {}, extra: Partial<WAMessage> = {}): WAMessage {
  return {
    key: { remoteJid: PN, fromMe: false, id: `M${++seq}`, ...key },
    messageTimestamp: secondsAgo(5),
    pushName: 'Bu Sari',
    message: message === null ? null : proto.Message.create(message),
    ...extra,
  };
}

/** Emits on Baileys' real event buffer and classifies what a `messages.upsert` listener receives. */
function deliver(messages: WAMessage[], type: MessageUpsertType = 'notify'): Classified[] {
  const ev = makeEventBuffer(logger);
  const seen: Classified[] = [];
  ev.on('messages.upsert', (upsert) => {
    for (const msg of upsert.messages) seen.push(classifyMessage(msg, upsert.type, ctx));
  });
  ev.emit('messages.upsert', { messages, type });
  return seen;
}

function deliverOne(msg: WAMessage, type: MessageUpsertType = 'notify'): Classified {
  const [only, ...rest] = deliver([msg], type);
  expect(rest).toHaveLength(0);
  return only!;
}

function accepted(c: Classified): Extract<Classified, { kind: 'accept' }> {
  if (c.kind !== 'accept') throw new Error(`expected accept, got ignore (${c.reason})`);
  return c;
}

function memoryPairs(): Pick<LidPairStore, 'remember' | 'phoneFor'> & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, remember: (lid, phone) => void map.set(lid, phone), phoneFor: (lid) => map.get(lid) ?? null };
}

/** The simplest SignalKeyStore honouring the contract: null deletes, missing ids are left out. */
function memoryKeyStore(): SignalKeyStore {
  const data = new Map<string, unknown>();
  return {
    get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const out: { [id: string]: SignalDataTypeMap[T] } = {};
      for (const id of ids) if (data.has(`${type}/${id}`)) out[id] = data.get(`${type}/${id}`) as SignalDataTypeMap[T];
      return out;
    },
    set(set: SignalDataSet) {
      for (const [type, entries] of Object.entries(set)) {
        for (const [id, value] of Object.entries(entries ?? {})) {
          if (value === null || value === undefined) data.delete(`${type}/${id}`);
          else data.set(`${type}/${id}`, value);
        }
      }
    },
  };
}

/** A real rc14 signal repository (and its LIDMappingStore) without a socket. */
function signalRepository() {
  const keys = addTransactionCapability(memoryKeyStore(), logger, { maxCommitRetries: 1, delayBetweenTriesMs: 1 });
  return DEFAULT_CONNECTION_CONFIG.makeSignalRepository({ creds: initAuthCreds(), keys }, logger);
}

describe('classifyMessage: what the bot acts on (docs/whatsapp.md §3)', () => {
  const cases: { name: string; msg: () => WAMessage; content: unknown }[] = [
    { name: 'a plain conversation', msg: () => wa({ conversation: 'halo' }), content: { kind: 'text', text: 'halo' } },
    { name: 'an extendedTextMessage (a reply or a link)', msg: () => wa({ extendedTextMessage: { text: 'lapor' } }), content: { kind: 'text', text: 'lapor' } },
    {
      name: 'an ephemeral-wrapped text (disappearing messages on)',
      msg: () => wa({ ephemeralMessage: { message: { extendedTextMessage: { text: 'menu' } } } }),
      content: { kind: 'text', text: 'menu' },
    },
    {
      name: 'a view-once V2 image with caption',
      msg: () => wa({ viewOnceMessageV2: { message: { imageMessage: { caption: 'foto kegiatan', mimetype: 'image/jpeg' } } } }),
      content: { kind: 'media', media: 'image', caption: 'foto kegiatan' },
    },
    {
      name: 'an image with caption',
      msg: () => wa({ imageMessage: { caption: 'bukti', mimetype: 'image/jpeg' } }),
      content: { kind: 'media', media: 'image', caption: 'bukti' },
    },
    { name: 'an image without caption', msg: () => wa({ imageMessage: { mimetype: 'image/jpeg' } }), content: { kind: 'media', media: 'image', caption: null } },
    { name: 'a video with caption', msg: () => wa({ videoMessage: { caption: 'senam' } }), content: { kind: 'media', media: 'video', caption: 'senam' } },
    {
      name: 'a document',
      msg: () => wa({ documentMessage: { fileName: 'laporan.xlsx', mimetype: 'application/vnd.ms-excel' } }),
      content: { kind: 'media', media: 'document', caption: null },
    },
    {
      name: 'a document with caption (documentWithCaptionMessage wrapper)',
      msg: () => wa({ documentWithCaptionMessage: { message: { documentMessage: { fileName: 'a.pdf', caption: 'laporan bulan ini' } } } }),
      content: { kind: 'media', media: 'document', caption: 'laporan bulan ini' },
    },
    { name: 'a voice note', msg: () => wa({ audioMessage: { ptt: true, seconds: 4 } }), content: { kind: 'media', media: 'audio', caption: null } },
    { name: 'a sticker', msg: () => wa({ stickerMessage: { mimetype: 'image/webp' } }), content: { kind: 'media', media: 'sticker', caption: null } },
    {
      name: 'a location',
      msg: () => wa({ locationMessage: { degreesLatitude: -6.2, degreesLongitude: 106.8 } }),
      content: { kind: 'media', media: 'other', caption: null },
    },
    {
      name: 'a buttons reply (the button id wins over its label)',
      msg: () => wa({ buttonsResponseMessage: { selectedButtonId: 'btn_ya', selectedDisplayText: 'Ya' } }),
      content: { kind: 'text', text: 'btn_ya' },
    },
    {
      name: 'a buttons reply with only a label',
      msg: () => wa({ buttonsResponseMessage: { selectedDisplayText: 'Ya' } }),
      content: { kind: 'text', text: 'Ya' },
    },
    {
      name: 'a list reply',
      msg: () => wa({ listResponseMessage: { title: 'Pilih', singleSelectReply: { selectedRowId: 'row_2' } } }),
      content: { kind: 'text', text: 'row_2' },
    },
    {
      name: 'a template button reply',
      msg: () => wa({ templateButtonReplyMessage: { selectedId: 'tpl_1', selectedDisplayText: 'Satu' } }),
      content: { kind: 'text', text: 'tpl_1' },
    },
    {
      name: 'an interactive (native flow) response',
      msg: () =>
        wa({
          interactiveResponseMessage: {
            body: { text: 'Kirim laporan' },
            nativeFlowResponseMessage: { name: 'menu', paramsJson: '{"id":"laporan"}', version: 1 },
          },
        }),
      content: { kind: 'text', text: 'Kirim laporan' },
    },
    {
      name: 'a CIPHERTEXT stub (decryption failed)',
      msg: () => wa(null, {}, { messageStubType: WAMessageStubType.CIPHERTEXT, messageStubParameters: ['Bad MAC'] }),
      content: { kind: 'undecryptable' },
    },
  ];

  it.each(cases)('when $name arrives, then it is accepted with the right content', ({ msg, content }) => {
    const c = accepted(deliverOne(msg()));
    expect(c.content).toEqual(content);
    expect(c.chat).toEqual({ kind: 'private', jid: PN });
    expect(c.ids).toEqual({ primary: PN, alt: null });
    expect(c.sentAt).toEqual(new Date(secondsAgo(5) * 1000));
  });

  const ignored: { name: string; msg: () => WAMessage; reason: RegExp }[] = [
    {
      name: 'a CIPHERTEXT placeholder whose content Baileys fetches itself',
      msg: () => wa(null, {}, { messageStubType: WAMessageStubType.CIPHERTEXT, messageStubParameters: ['Message absent from node'] }),
      reason: /placeholder/,
    },
    {
      name: 'a reaction',
      msg: () => wa({ reactionMessage: { key: { remoteJid: PN, id: 'X1', fromMe: true }, text: '👍' } }),
      reason: /reaction/,
    },
    {
      name: 'a revoke (protocolMessage)',
      msg: () => wa({ protocolMessage: { type: proto.Message.ProtocolMessage.Type.REVOKE, key: { remoteJid: PN, id: 'X1' } } }),
      reason: /protocol/,
    },
    {
      name: 'an edit (editedMessage wrapping a protocolMessage)',
      msg: () =>
        wa({
          editedMessage: {
            message: {
              protocolMessage: { type: proto.Message.ProtocolMessage.Type.MESSAGE_EDIT, key: { id: 'X1' }, editedMessage: { conversation: 'menu' } },
            },
          },
        }),
      reason: /protocol/,
    },
    { name: 'a poll vote', msg: () => wa({ pollUpdateMessage: { pollCreationMessageKey: { id: 'P1' } } }), reason: /poll/ },
    {
      name: 'a senderKeyDistributionMessage alone',
      msg: () => wa({ senderKeyDistributionMessage: { groupId: GROUP, axolotlSenderKeyDistributionMessage: new Uint8Array([1]) } }),
      reason: /real/,
    },
    { name: 'our own message (fromMe)', msg: () => wa({ conversation: 'balasan bot' }, { fromMe: true }), reason: /own/ },
    { name: 'a status update', msg: () => wa({ conversation: 'story' }, { remoteJid: 'status@broadcast', participant: PN }), reason: /status/ },
    { name: 'a broadcast list', msg: () => wa({ conversation: 'promo' }, { remoteJid: '1700000000@broadcast', participant: PN }), reason: /broadcast/ },
    { name: 'a newsletter post', msg: () => wa({ conversation: 'berita' }, { remoteJid: '120363000000000009@newsletter' }), reason: /newsletter/ },
    {
      name: 'a group notice stub (participant added)',
      msg: () => wa(null, { remoteJid: GROUP, participant: PN }, { messageStubType: WAMessageStubType.GROUP_PARTICIPANT_ADD, messageStubParameters: [PN] }),
      reason: /stub GROUP_PARTICIPANT_ADD/,
    },
    { name: 'a message without content', msg: () => wa(null), reason: /no content/ },
    { name: 'a message without id', msg: () => wa({ conversation: 'x' }, { id: null }), reason: /id/ },
    { name: 'a group message without participant', msg: () => wa({ conversation: 'x' }, { remoteJid: GROUP }), reason: /author/ },
  ];

  it.each(ignored)('when $name arrives, then it is ignored', ({ msg, reason }) => {
    const c = deliverOne(msg());
    expect(c.kind).toBe('ignore');
    expect(c.kind === 'ignore' && c.reason).toMatch(reason);
  });

  it('when the offline backlog arrives as append, then 10 minutes ago is accepted and 3 days ago is ignored', () => {
    const [recent, old] = deliver(
      [wa({ conversation: 'tadi' }, {}, { messageTimestamp: secondsAgo(600) }), wa({ conversation: 'dulu' }, {}, { messageTimestamp: secondsAgo(3 * 86_400) })],
      'append',
    );
    expect(accepted(recent!).content).toEqual({ kind: 'text', text: 'tadi' });
    expect(old).toEqual({ kind: 'ignore', reason: 'old backlog' });
  });

  it('when an append message has no timestamp, then it is ignored (it could be history)', () => {
    expect(deliverOne(wa({ conversation: 'x' }, {}, { messageTimestamp: null }), 'append')).toMatchObject({ kind: 'ignore' });
  });

  it('when a 3-day-old message comes as notify, then age does not matter (only the backlog is filtered)', () => {
    expect(deliverOne(wa({ conversation: 'x' }, {}, { messageTimestamp: secondsAgo(3 * 86_400) })).kind).toBe('accept');
  });

  it('when messageTimestamp is a Long (after a proto round-trip), then sentAt is still right', () => {
    const encoded = proto.WebMessageInfo.encode(
      proto.WebMessageInfo.create({ key: { remoteJid: PN, id: 'L1', fromMe: false }, messageTimestamp: secondsAgo(600), message: { conversation: 'halo' } }),
    ).finish();
    const decoded = proto.WebMessageInfo.decode(encoded) as WAMessage;
    expect(typeof decoded.messageTimestamp).toBe('object');
    const c = accepted(deliverOne(decoded, 'append'));
    expect(c.sentAt).toEqual(new Date(secondsAgo(600) * 1000));
  });

  it('when a group message arrives, then the author is the participant and the chat is the group', () => {
    const c = accepted(deliverOne(wa({ conversation: 'rapat jam 3' }, { remoteJid: GROUP, participant: LID, participantAlt: PN })));
    expect(c.chat).toEqual({ kind: 'group', jid: GROUP });
    expect(c.ids).toEqual({ primary: LID, alt: PN });
  });

  it('when a private chat comes from a LID, then the primary id is the LID and remoteJidAlt the alt', () => {
    const c = accepted(deliverOne(wa({ conversation: 'x' }, { remoteJid: LID, remoteJidAlt: PN, addressingMode: 'lid' })));
    expect(c.ids).toEqual({ primary: LID, alt: PN });
    expect(c.chat).toEqual({ kind: 'private', jid: LID });
  });

  it('when messages are buffered, then process() still hands them over for classification', () => {
    const ev = makeEventBuffer(logger);
    const seen: Classified[] = [];
    ev.process((events) => {
      const upsert = events['messages.upsert'];
      if (upsert) for (const m of upsert.messages) seen.push(classifyMessage(m, upsert.type, ctx));
    });
    ev.buffer();
    ev.emit('messages.upsert', { messages: [wa({ conversation: 'satu' })], type: 'notify' });
    ev.emit('messages.upsert', { messages: [wa({ conversation: 'dua' })], type: 'notify' });
    expect(seen).toHaveLength(0);
    ev.flush();
    expect(seen.map((c) => accepted(c).content)).toEqual([
      { kind: 'text', text: 'satu' },
      { kind: 'text', text: 'dua' },
    ]);
  });
});

describe('resolveSenderPhone: a PPKBD known by phone is found in every addressing form (docs/whatsapp.md §4)', () => {
  /** The whole inbound path, as the transport runs it. */
  async function receive(msg: WAMessage, deps: Parameters<typeof resolveSenderPhone>[1]) {
    const c = accepted(deliverOne(msg));
    return toInboundMessage(c, await resolveSenderPhone(c.ids, deps));
  }

  it('(a) from a phone-number jid', async () => {
    const pairs = memoryPairs();
    const m = await receive(wa({ conversation: 'halo' }, { remoteJid: PN, id: 'A1' }), { pairs });
    expect(m).toEqual({
      id: `${PN}:A1`,
      from: { phone: PHONE, rawId: PN },
      chat: { kind: 'private', address: PN },
      content: { kind: 'text', text: 'halo' },
      sentAt: new Date(secondsAgo(5) * 1000),
    });
    expect(pairs.map.size).toBe(0);
  });

  it('(b) from a LID carrying remoteJidAlt: phone found, pair remembered, reply address stays the LID', async () => {
    const pairs = memoryPairs();
    const lidToPn = async () => {
      throw new Error('must not be needed');
    };
    const m = await receive(wa({ conversation: 'menu' }, { remoteJid: LID, remoteJidAlt: PN, id: 'B1' }), { pairs, lidToPn });
    expect(m.from).toEqual({ phone: PHONE, rawId: LID_USER });
    expect(m.chat).toEqual({ kind: 'private', address: LID });
    expect(m.id).toBe(`${LID}:B1`);
    expect(pairs.map.get(LID_USER)).toBe(PHONE);
  });

  it('(c) from a LID known only to a real Baileys signal repository (device-suffixed answer)', async () => {
    const repo = signalRepository();
    await repo.lidMapping.storeLIDPNMappings([{ lid: LID, pn: PN }]);
    // What rc14 really answers: a PN jid with a device suffix, which must be normalised before use.
    expect(await repo.lidMapping.getPNForLID(LID)).toBe('6281234567001:0@s.whatsapp.net');
    const pairs = memoryPairs();
    const m = await receive(wa({ conversation: 'menu' }, { remoteJid: LID }), { pairs, lidToPn: (lid) => repo.lidMapping.getPNForLID(lid) });
    expect(m.from).toEqual({ phone: PHONE, rawId: LID_USER });
    expect(pairs.map.get(LID_USER)).toBe(PHONE);
    repo.lidMapping.close();
  });

  it('(c′) from a LID already in our own pair store: Baileys is not asked', async () => {
    const pairs = memoryPairs();
    pairs.remember(LID_USER, PHONE);
    let asked = 0;
    const m = await receive(wa({ conversation: 'menu' }, { remoteJid: LID }), {
      pairs,
      lidToPn: async () => {
        asked++;
        return null;
      },
    });
    expect(m.from.phone).toBe(PHONE);
    expect(asked).toBe(0);
  });

  it('(d) in a group via participantAlt: phone found, pair remembered, the group is the chat', async () => {
    const pairs = memoryPairs();
    const m = await receive(wa({ conversation: 'hadir' }, { remoteJid: GROUP, participant: LID, participantAlt: PN, id: 'D1' }), { pairs });
    expect(m.from).toEqual({ phone: PHONE, rawId: LID_USER });
    expect(m.chat).toEqual({ kind: 'group', groupId: GROUP });
    expect(m.id).toBe(`${GROUP}:D1`);
    expect(pairs.map.get(LID_USER)).toBe(PHONE);
  });

  it('(d′) in a group addressed by phone with a LID alt: the pair is remembered the other way round', async () => {
    const pairs = memoryPairs();
    const m = await receive(wa({ conversation: 'hadir' }, { remoteJid: GROUP, participant: PN, participantAlt: LID }), { pairs });
    expect(m.from).toEqual({ phone: PHONE, rawId: LID_USER });
    expect(pairs.map.get(LID_USER)).toBe(PHONE);
  });

  it('(e) an unknown LID: phone null, the LID kept as rawId, nothing remembered', async () => {
    const repo = signalRepository();
    const pairs = memoryPairs();
    const m = await receive(wa({ conversation: 'daftar' }, { remoteJid: '999999999999999@lid' }), { pairs, lidToPn: (lid) => repo.lidMapping.getPNForLID(lid) });
    expect(m.from).toEqual({ phone: null, rawId: '999999999999999' });
    expect(m.chat).toEqual({ kind: 'private', address: '999999999999999@lid' });
    expect(pairs.map.size).toBe(0);
    repo.lidMapping.close();
  });

  it('(e′) an unknown LID with no Baileys look-up at all: phone null', async () => {
    expect(await resolveSenderPhone({ primary: LID, alt: null }, { pairs: memoryPairs() })).toEqual({ phone: null, lid: LID_USER });
  });

  it('when a device-suffixed LID or PN is the author, then the device is dropped', async () => {
    const pairs = memoryPairs();
    expect(await resolveSenderPhone({ primary: `${LID_USER}:3@lid`, alt: '6281234567001:3@s.whatsapp.net' }, { pairs })).toEqual({
      phone: PHONE,
      lid: LID_USER,
    });
    expect([...pairs.map]).toEqual([[LID_USER, PHONE]]);
  });

  it('when a PN jid does not hold a valid phone number, then the phone stays unknown and no pair is stored', async () => {
    const pairs = memoryPairs();
    expect(await resolveSenderPhone({ primary: LID, alt: '123@s.whatsapp.net' }, { pairs })).toEqual({ phone: null, lid: LID_USER });
    expect(pairs.map.size).toBe(0);
  });

  it('when the Baileys look-up fails, then the error surfaces (a broken store must not make a PPKBD a stranger)', async () => {
    await expect(
      resolveSenderPhone(
        { primary: LID, alt: null },
        {
          pairs: memoryPairs(),
          lidToPn: async () => {
            throw new Error('store down');
          },
        },
      ),
    ).rejects.toThrow('store down');
  });
});

describe('toInboundMessage', () => {
  it('when a CIPHERTEXT stub is followed by the re-sent real message with the same key id, then both ids differ', () => {
    const key = { remoteJid: PN, id: 'R1', fromMe: false };
    const stub = accepted(deliverOne(wa(null, key, { messageStubType: WAMessageStubType.CIPHERTEXT, messageStubParameters: ['Bad MAC'] })));
    const real = accepted(deliverOne(wa({ conversation: 'menu' }, key)));
    const sender = { phone: PHONE, lid: null };
    expect(toInboundMessage(stub, sender)).toMatchObject({ id: `${PN}:R1:undecryptable`, content: { kind: 'undecryptable' } });
    expect(toInboundMessage(real, sender)).toMatchObject({ id: `${PN}:R1`, content: { kind: 'text', text: 'menu' } });
  });

  it('when the same key id appears in two chats, then the ids differ (WhatsApp ids are unique per chat only)', () => {
    const sender = { phone: PHONE, lid: null };
    const a = toInboundMessage(accepted(deliverOne(wa({ conversation: 'x' }, { id: 'SAME' }))), sender);
    const b = toInboundMessage(accepted(deliverOne(wa({ conversation: 'x' }, { id: 'SAME', remoteJid: GROUP, participant: PN }))), sender);
    expect(a.id).not.toBe(b.id);
  });

  it('when the group\'s name is known, then it is the chat\'s label; a private chat has none', () => {
    const sender = { phone: PHONE, lid: null };
    const inGroup = accepted(deliverOne(wa({ conversation: 'DAFTAR GRUP DINAS' }, { id: 'G1', remoteJid: GROUP, participant: PN })));
    expect(toInboundMessage(inGroup, sender, 'PKB Bontomarannu').chat).toEqual({ kind: 'group', groupId: GROUP, label: 'PKB Bontomarannu' });
    expect(toInboundMessage(inGroup, sender).chat).toEqual({ kind: 'group', groupId: GROUP });
    expect(toInboundMessage(accepted(deliverOne(wa({ conversation: 'x' }, { id: 'P1' }))), sender, 'ignored').chat).toEqual({ kind: 'private', address: PN });
  });
});
