// The log redactor (src/log-redaction.ts) through the real pino root logger (src/logger.ts): what a line may hold
// once Baileys-shaped objects, errors and identifiers in every form have gone through it.
import { binaryNodeToString, proto, type BinaryNode, type WAMessage } from '@whiskeysockets/baileys';
import { describe, expect, it, vi } from 'vitest';
import { createLogger, isTag, LogRedactor } from '../../src/logger.js';

const SALT_A = Buffer.alloc(32, 0xa1);
const SALT_B = Buffer.alloc(32, 0xb2);

const PPKBD = { phone: '+6281234567001', national: '81234567001', pn: '6281234567001@s.whatsapp.net' };
const SUB = { national: '81234567002', pn: '6281234567002@s.whatsapp.net' };
const LID = '123456789012345';
const RESIDENT_LID = '999988887777666';
const GROUP = '120363041234567890@g.us';
const TEXT = 'Ibu Siti hamil tujuh bulan, mohon dikunjungi';
const CAPTION = 'foto kartu KB milik Bu Rahma';
const PUSH_NAME = 'Siti Aminah';

/** A logger writing into an array, with its own redactor, and the lines as text and as parsed JSON. */
function capture(options: { level?: string; salt?: Buffer | null } = {}) {
  const lines: string[] = [];
  const redactor = new LogRedactor(options.salt === undefined ? SALT_A : options.salt);
  const logger = createLogger(options.level ?? 'trace', { destination: { write: (line: string) => void lines.push(line) }, redactor });
  return {
    logger,
    redactor,
    lines,
    text: () => lines.join(''),
    json: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** Nothing of these people, texts or WhatsApp ids may be left, whatever separators the number was written with. */
function expectNothingPersonal(out: string, extra: string[] = []): void {
  const squashed = out.replace(/[\s.()-]/g, '');
  for (const digits of [PPKBD.national, SUB.national, LID, RESIDENT_LID, '120363041234567890']) expect(squashed).not.toContain(digits);
  for (const server of ['@s.whatsapp.net', '@lid', '@g.us', '@c.us']) expect(out).not.toContain(server);
  for (const words of [TEXT, CAPTION, PUSH_NAME, ...extra]) expect(out).not.toContain(words);
}

function waMessage(): WAMessage {
  return {
    key: {
      remoteJid: GROUP,
      participant: `${LID}@lid`,
      participantAlt: PPKBD.pn,
      remoteJidAlt: undefined,
      fromMe: false,
      id: '3EB0C431C26A19160123',
    },
    message: proto.Message.create({
      extendedTextMessage: { text: TEXT, contextInfo: { mentionedJid: [SUB.pn], participant: PPKBD.pn, quotedMessage: { conversation: TEXT } } },
    }),
    pushName: PUSH_NAME,
    messageTimestamp: 1764028800,
  };
}

function messageNode(): BinaryNode {
  return {
    tag: 'message',
    attrs: {
      from: GROUP,
      participant: `${LID}@lid`,
      participant_pn: PPKBD.pn,
      notify: PUSH_NAME,
      t: '1764028800',
      id: '3EB0C431C26A19160123',
      type: 'text',
    },
    content: [
      { tag: 'enc', attrs: { v: '2', type: 'skmsg' }, content: Buffer.from('ciphertext bytes') },
      { tag: 'body', attrs: {}, content: TEXT },
    ],
  };
}

describe('log redaction', () => {
  it('when a Baileys WAMessage is logged, then its ids are tags and its text, quote, mentions and push name are gone', () => {
    const log = capture();
    log.logger.debug({ msg: waMessage(), messages: [waMessage()], key: waMessage().key }, 'upsert');
    const [line] = log.json();
    expectNothingPersonal(log.text());
    expect(line!.msg).toBe('upsert');
    const key = line!.key as Record<string, string>;
    expect(key.remoteJid).toMatch(/^group#/);
    expect(key.participant).toBe(log.redactor.hashSender(`raw:${LID}`));
    expect(key.participantAlt).toBe(log.redactor.hashSender(PPKBD.phone));
    expect(key.id).toMatch(/^id#/);
    expect(line!.messages).toBe('[redacted]');
  });

  it('when a WAMessage is logged without a message string, then conversation, extended text and push name are redacted field by field', () => {
    const log = capture();
    const msg = { ...waMessage(), message: proto.Message.create({ conversation: TEXT }) };
    log.logger.info({ update: msg, other: { extendedTextMessage: { text: TEXT }, imageMessage: { caption: CAPTION } } });
    const [line] = log.json();
    const update = line!.update as Record<string, unknown>;
    expect(update.message).toBe('[redacted]');
    expect(update.pushName).toBe('[redacted]');
    expect(update.messageTimestamp).toBe(1764028800);
    expect(line!.other).toEqual({ extendedTextMessage: '[redacted]', imageMessage: '[redacted]' });
    expectNothingPersonal(log.text());
  });

  it('when a binary node is logged, then its attributes are tagged, its bytes become a length, its text goes and timestamps stay', () => {
    const log = capture();
    log.logger.trace({ node: messageNode() }, 'recv');
    log.logger.trace({ xml: binaryNodeToString(messageNode()), msg: 'recv xml' });
    log.logger.debug({ recv: { tag: 'receipt', attrs: { from: PPKBD.pn, recipient: `${LID}@lid`, participant: `${SUB.pn}` } }, sent: { to: `${PPKBD.pn}` } }, 'sent ack');
    const [node, xml] = log.json();
    const attrs = (node!.node as { attrs: Record<string, string> }).attrs;
    expect(attrs.from).toMatch(/^group#/);
    expect(attrs.participant).toMatch(/^lid#/);
    expect(attrs.participant_pn).toBe(log.redactor.hashSender(PPKBD.phone));
    expect(attrs.notify).toBe('[redacted]');
    expect(attrs.t).toBe('1764028800');
    expect(attrs.id).toMatch(/^id#/);
    const children = (node!.node as { content: { tag: string; content: unknown }[] }).content;
    expect(children.map((c) => [c.tag, c.content])).toEqual([
      ['enc', '[16 bytes]'],
      ['body', '[redacted]'],
    ]);
    expect(xml!.xml).toContain(`participant_pn='${log.redactor.hashSender(PPKBD.phone)}'`);
    expect(xml!.xml).toContain("notify='[redacted]'");
    expectNothingPersonal(log.text(), ['ciphertext', '3EB0C431C26A19160123']);
  });

  it('when { jid, pn, lid, from, to } carry one person in every form, then each field is the same tag', () => {
    const log = capture();
    log.logger.info({
      jid: '6281234567001:12@s.whatsapp.net',
      pn: '+62 812-3456-7001',
      from: '081234567001',
      to: '0812-3456-7001',
      recipient: 6281234567001,
      phone: PPKBD.phone,
      lid: LID,
      participant: `${LID}:3@lid`,
    });
    const [line] = log.json();
    const tag = log.redactor.hashSender(PPKBD.phone);
    expect(isTag(tag)).toBe(true);
    expect([line!.jid, line!.pn, line!.from, line!.to, line!.recipient, line!.phone]).toEqual([tag, tag, tag, tag, tag, tag]);
    expect(line!.lid).toBe(log.redactor.hashSender(`raw:${LID}`));
    expect(line!.participant).toBe(line!.lid);
    expectNothingPersonal(log.text());
  });

  it('when identifiers are in the message string or printf arguments, then they are tagged there too', () => {
    const log = capture();
    log.logger.warn(`no session for ${PPKBD.pn} (device ${LID}:2@lid), retrying ${PPKBD.phone}`);
    log.logger.warn({ attempt: 2 }, 'sending to %s failed: %o', SUB.pn, { text: TEXT, to: SUB.pn });
    expectNothingPersonal(log.text());
    expect(log.json()[0]!.msg).toBe(
      `no session for ${log.redactor.hashSender(PPKBD.phone)} (device ${log.redactor.hashSender(`raw:${LID}`)}), retrying ${log.redactor.hashSender(PPKBD.phone)}`,
    );
  });

  it('when an Error naming a JID is logged (as err, alone, nested, with a cause and Boom data), then message and stack carry tags', () => {
    const log = capture();
    const cause = new Error(`session for ${RESIDENT_LID}@lid missing`);
    const error = Object.assign(new Error(`failed to decrypt message from ${PPKBD.pn}`, { cause }), {
      data: messageNode(),
      output: { statusCode: 500, payload: { message: TEXT } },
    });
    log.logger.error({ err: error }, 'decrypt failed');
    log.logger.error(error);
    log.logger.warn({ lastDisconnect: { error, date: new Date(0) } }, 'closed');
    log.logger.debug({ err: `bad mac for ${SUB.pn}` }, 'string err');
    const [first, alone, nested, asString] = log.json();
    const tag = log.redactor.hashSender(PPKBD.phone);
    const err = first!.err as Record<string, unknown>;
    expect(err.type).toBe('Error');
    expect(err.message).toContain(`failed to decrypt message from ${tag}`);
    expect(err.message).toContain('session for lid#');
    expect(err.stack).toContain(`Error: failed to decrypt message from ${tag}`);
    expect((err.data as { attrs: { notify: string } }).attrs.notify).toBe('[redacted]');
    expect(alone!.msg).toBe(`failed to decrypt message from ${tag}`);
    expect((nested!.lastDisconnect as { error: { message: string } }).error.message).toContain(tag);
    expect(asString!.err).toBe(`bad mac for ${log.redactor.hashSender('+6281234567002')}`);
    expectNothingPersonal(log.text());
  });

  it('when the same number is tagged with one salt, then the tag repeats; with another salt it differs; without a salt it is a marker', () => {
    const a = new LogRedactor(SALT_A);
    const a2 = new LogRedactor(Buffer.from(SALT_A));
    const b = new LogRedactor(SALT_B);
    expect(a.scrubText(PPKBD.pn)).toBe(a2.scrubText('+6281234567001'));
    expect(a.scrubText('0812 3456 7001')).toBe(a.hashSender(PPKBD.phone));
    expect(b.hashSender(PPKBD.phone)).not.toBe(a.hashSender(PPKBD.phone));
    expect(a.hashSender('+6281234567002')).not.toBe(a.hashSender(PPKBD.phone));
    expect(b.scrubText(`${LID}@lid`)).not.toBe(a.scrubText(`${LID}@lid`));
    const unsalted = new LogRedactor();
    expect(unsalted.scrubText(`${PPKBD.pn} / ${LID}@lid / ${GROUP} / ${PPKBD.phone}`)).toBe('[phone] / [lid] / [group] / [phone]');
    unsalted.useSalt(SALT_A);
    expect(unsalted.hashSender(PPKBD.phone)).toBe(a.hashSender(PPKBD.phone));
  });

  it('when the logger has no salt yet, then identifiers are plain markers, never the numbers', () => {
    const log = capture({ salt: null });
    log.logger.error({ jid: PPKBD.pn, lid: LID, providerId: `${PPKBD.pn}:3EB0C431` }, `cannot open database for ${PPKBD.phone}`);
    const [line] = log.json();
    expect(line).toMatchObject({ jid: '[phone]', lid: '[lid]', providerId: '[id]', msg: 'cannot open database for [phone]' });
  });

  it('when provider message ids are logged, then they are hashed and stable, and flow ids without digits stay readable', () => {
    const log = capture();
    const providerId = `${PPKBD.pn}:3EB0C431C26A19160123`;
    log.logger.error({ providerId, providerMessageId: '3EB0C431C26A19160123', flowId: 'recap', id: 'recap' }, 'failed');
    log.logger.child({ msgId: '3EB0C431C26A19160123' }).info('child binding');
    const [line, child] = log.json();
    expect(line!.providerId).toMatch(/^id#/);
    expect(line!.providerMessageId).toBe(log.redactor.messageId('3EB0C431C26A19160123'));
    expect(line!.flowId).toBe('recap');
    expect(line!.id).toBe('recap');
    expect(child!.msgId).toBe(line!.providerMessageId);
    expect(log.text()).not.toContain('3EB0C431C26A19160123');
    expectNothingPersonal(log.text());
  });

  it('when signal-store keys (`6281….0`, `9999…_1.0`) and key material are logged, then the keys are tagged and the bytes measured', () => {
    const log = capture();
    log.logger.trace(
      { keys: { session: { '6281234567001.0': new Uint8Array(40), [`${RESIDENT_LID}_1.0`]: Buffer.alloc(12) }, creds: { noiseKey: { type: 'Buffer', data: 'AAAA' } } } },
      'updated cache',
    );
    const session = (log.json()[0]!.keys as { session: Record<string, string> }).session;
    expect(Object.values(session)).toEqual(['[40 bytes]', '[12 bytes]']);
    expect(Object.keys(session)[0]).toBe(`${log.redactor.hashSender(PPKBD.phone)}.0`);
    expectNothingPersonal(log.text());
  });

  it('when timestamps, counts and versions are logged, then they stay as they were', () => {
    const log = capture();
    log.logger.info({ t: '1764028800', ms: '1764028800123', count: 12, version: [2, 3000, 1027934701], date: '2026-11-25 10:00' }, 'at 1764028800');
    const [line] = log.json();
    expect(line).toMatchObject({ t: '1764028800', ms: '1764028800123', count: 12, version: [2, 3000, 1027934701], date: '2026-11-25 10:00', msg: 'at 1764028800' });
  });

  it('when an object is cyclic, very deep or very large, then one bounded, valid line is written', () => {
    const log = capture();
    const cyclic: Record<string, unknown> = { jid: PPKBD.pn };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { jid: SUB.pn };
    for (let i = 0; i < 50; i++) deep = { down: deep };
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, PPKBD.pn]));
    const long = `${'x'.repeat(10_000)} ${PPKBD.pn}`;
    log.logger.info({ cyclic, deep, wide, list: Array.from({ length: 500 }, () => SUB.pn), long });
    const [line] = log.json();
    expect((line!.cyclic as { self: unknown }).self).toBe('[circular]');
    expect(JSON.stringify(line!.deep)).toContain('[depth]');
    expect(Object.keys(line!.wide as object).length).toBeLessThanOrEqual(65);
    expect((line!.list as unknown[]).length).toBeLessThanOrEqual(33);
    expect((line!.long as string).length).toBeLessThan(4_200);
    expect(log.text().length).toBeLessThan(20_000);
    expectNothingPersonal(log.text());
  });

  it('when a level is disabled, then the object is never walked', () => {
    const log = capture({ level: 'info' });
    const walk = vi.spyOn(log.redactor, 'redactFields');
    const scrub = vi.spyOn(log.redactor, 'scrubLine');
    const getter = vi.fn(() => PPKBD.pn);
    log.logger.debug({ get jid() { return getter(); } }, 'hidden');
    log.logger.child({ module: 'baileys' }).trace({ node: messageNode() }, 'hidden');
    expect(walk).not.toHaveBeenCalled();
    expect(scrub).not.toHaveBeenCalled();
    expect(getter).not.toHaveBeenCalled();
    expect(log.lines).toEqual([]);
    log.logger.info({ jid: PPKBD.pn }, 'shown');
    expect(walk).toHaveBeenCalledTimes(1);
    expect(log.lines).toHaveLength(1);
  });

  it('when a logged object has a throwing getter, then the log call does not throw and a line is still written', () => {
    const log = capture();
    const hostile = { jid: PPKBD.pn, get boom(): string { throw new Error(`getter for ${PPKBD.pn}`); } };
    expect(() => log.logger.info({ hostile }, 'hostile')).not.toThrow();
    expect(log.json()[0]).toMatchObject({ redaction: 'failed; fields dropped', msg: 'hostile' });
    expectNothingPersonal(log.text());
  });

  it('when `req` is a plain object rather than a request, then it is walked like any other field', () => {
    const log = capture();
    log.logger.info({ req: { text: TEXT, from: PPKBD.pn } }, 'plain req');
    expect(log.json()[0]!.req).toEqual({ text: '[redacted]', from: log.redactor.hashSender(PPKBD.phone) });
  });

  it('when a child logger is made with its own serializers (as fastify does), then its lines are still redacted', () => {
    const log = capture();
    const child = log.logger.child({ reqId: 'req-1' }, { serializers: { extra: (v: unknown) => `${String(v)} ${PPKBD.pn}` } });
    child.info({ extra: 'x', text: TEXT, err: new Error(`for ${PPKBD.phone}`) }, 'child');
    expectNothingPersonal(log.text());
    expect(log.json()[0]!.extra).toBe(`x ${log.redactor.hashSender(PPKBD.phone)}`);
  });
});
