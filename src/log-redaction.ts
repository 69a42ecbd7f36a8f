// What may reach a log line (UU PDP): no phone number, no WhatsApp id (JID/LID), no message text, no names.
// People stay traceable across lines through a salted short tag: HMAC-SHA256(salt, number) cut to 8 characters.
// An unsalted hash of a phone number is no protection: there are only a few billion Indonesian mobile numbers, so
// hashing them all takes minutes on one GPU. The salt is secret (kept in the database), so the tags cannot be
// reversed from the logs alone.
//
// Two layers, both in the pino root logger (src/logger.ts), so every child (Baileys', fastify's) inherits them:
//   - `redactFields(obj)` (pino's `formatters.log`, also `redact`/`serializeError`): a bounded walk of the logged
//     object that blanks content fields, replaces bytes by their length and tags identifier fields and
//     identifier-looking strings;
//   - `scrubLine(json)`: the same pattern replacement over every string of the finished JSON line, for what the
//     walk never sees (the message string, child-logger bindings, other serializers' output).
import { createHmac } from 'node:crypto';
import pino from 'pino';

/** What a tag stands for; the prefix tells a reader the kind without revealing the value. */
export type TagKind = 'phone' | 'lid' | 'group' | 'id' | 'other';

const TAG_PREFIX: Record<TagKind, string> = { phone: '', lid: 'lid', group: 'group', id: 'id', other: '' };
/** Before the salt is known (the database is not open yet) nothing can be tagged safely: a plain marker instead. */
const UNSALTED: Record<TagKind, string> = { phone: '[phone]', lid: '[lid]', group: '[group]', id: '[id]', other: '[hidden]' };
const TAG_CHARS = 8;
const TAG_RE = /^(?:(?:lid|group|id)?#[A-Za-z0-9_-]{8}|\[(?:phone|lid|group|id|hidden)\])$/;

export const REDACTED = '[redacted]';
/** What the walk leaves in place of a value: `[redacted]`, `[6 bytes]`, `[depth]`… */
const MARKER_RE = /^\[[a-z0-9 ]+\]$/;

// Limits of the walk: a log line is for a human; a deep or huge object is cut rather than stall the process.
const MAX_DEPTH = 8;
const MAX_KEYS = 64;
const MAX_ITEMS = 32;
const MAX_NODES = 1_000;
const MAX_STRING = 4_096;
const CUT_MARGIN = 32;

/** Keys are compared lower-cased without `_`/`-`, so `participant_pn`, `participantPn` and `PARTICIPANT-PN` agree. */
const norm = (key: string): string => key.toLowerCase().replace(/[_-]/g, '');

/**
 * Fields that hold what people wrote or who they are by name. Baileys' protobuf fields for message kinds all end in
 * `Message` (imageMessage, quotedMessage, protocolMessage…) and are caught by that suffix.
 */
const CONTENT_KEYS = new Set(
  [
    'text', 'conversation', 'caption', 'body', 'message', 'messages', 'extendedTextMessage', 'quotedMessage',
    'pushName', 'notify', 'verifiedName', 'verified_name', 'verifiedBizName', 'vname', 'name', 'names', 'displayName',
    'fullName', 'firstName', 'shortName', 'businessName', 'subject', 'desc', 'description', 'label', 'title',
    'fileName', 'vcard', 'vcardList', 'selectedDisplayText', 'payload', 'protocolMsg', 'helloMsg',
  ].map(norm),
);

/** Fields that hold a phone number, a JID or a LID (Baileys' names and ours). */
const IDENTITY_KEYS = new Set(
  [
    'jid', 'jids', 'remoteJid', 'remoteJidAlt', 'participant', 'participantAlt', 'participant_pn', 'participant_lid',
    'participants', 'pn', 'lid', 'from', 'fromJid', 'to', 'recipient', 'recipients', 'phone', 'phones', 'phoneNumber',
    'msisdn', 'sender', 'senderAlt', 'sender_pn', 'sender_lid', 'senderKey', 'author', 'peer_recipient_pn',
    'peer_recipient_lid', 'chat', 'chatId', 'chatJid', 'groupId', 'address', 'toAddress', 'rawId', 'user', 'users',
    'pnUser', 'lidUser', 'myPN', 'myLID', 'meId', 'meLid', 'ownId', 'targetUser', 'storageJid', 'wireJids',
    'senderKeyJids', 'deviceJids', 'jidsRequiringFetch', 'contactId', 'addr', 'wid', 'owner', 'creator',
    'subjectOwner', 'descOwner', 'mentionedJid', 'admin',
  ].map(norm),
);

/** Fields that hold a provider message id: ours embed the chat JID, and WhatsApp's let a message be correlated. */
const MESSAGE_ID_KEYS = new Set(
  ['id', 'ids', 'providerId', 'providerMessageId', 'messageId', 'messageIds', 'msgId', 'stanzaId', 'keyId', 'inboundProviderId'].map(norm),
);

/**
 * Keys left to their own serializers when they hold a request/response object (fastify's req/res serializers make
 * small objects of them; the line scrub still covers those). A plain object under these keys is walked as usual.
 */
const SERIALIZED_ELSEWHERE = new Set(['req', 'res']);

const SERVERS = 's\\.whatsapp\\.net|c\\.us|hosted\\.lid|hosted|lid|g\\.us|broadcast|newsletter|bot|call';
/**
 * One pass finds every identifier, leftmost first:
 *   jid   `6281…:12@s.whatsapp.net`, `1234…@lid`, `1203…@g.us` (user, optional device, server);
 *   plus  `+62 812-3456-7004` and any other international number;
 *   indo  `0812-3456-7002`, `081234567002`, `62 812 3456 7004` (Indonesian mobiles without +);
 *   run   8 or more bare digits (a LID, an MSISDN without formatting; longer runs may hide one).
 */
const IDENTIFIER_RE = new RegExp(
  [
    // The look-behind starts a JID only where a word starts: without it every position of a long token would rescan it.
    `(?<![\\w.+-])(?<jid>[\\w.+-]*?)(?::\\d{1,4})?@(?<server>${SERVERS})(?![\\w])`,
    '(?<plus>\\+\\d(?:[ .-]?\\d){7,14})(?!\\d)',
    '(?<indo>(?<![\\d+])(?:62[ .-]?|0)8\\d{2}[ .-]?\\d{3,4}[ .-]?\\d{2,5})(?!\\d)',
    '(?<run>(?<!\\d)\\d{8,})(?!\\d)',
  ].join('|'),
  'g',
);
const JSON_STRING_RE = /"(?:[^"\\]|\\.)*"/g;
/** `t='1764028800'`, epoch milliseconds: 10 or 13 digits starting with 1 are timestamps (2001–2033), not numbers to hide. */
const TIMESTAMP_RE = /^1(?:\d{9}|\d{12})$/;
/** An integer logged as a number that has the shape of an Indonesian MSISDN (6281234567001). */
const MSISDN_NUMBER_RE = /^62\d{8,13}$/;

/** Attributes in Baileys' XML dumps (`binaryNodeToString`) that carry names or text. */
const XML_TEXT_ATTR_RE = /\b(notify|name|subject|verified_name|verifiedName|push_name|pushname|display_name|body|caption|text|desc)='[^']*'/gi;
const XML_ID_ATTR_RE = /\b(id|msg_id|stanza_id)='([^']*)'/g;
const XML_DUMP_RE = /^<[\w:-]+(?: [\w:-]+='|\/?>)/;

interface Walk {
  nodes: number;
  path: Set<object>;
}

export class LogRedactor {
  #key: Buffer | null = null;
  readonly #cache = new Map<string, string>();
  /** Errors the formatter already serialized: pino's `err` serializer then passes them through untouched. */
  readonly #serialized = new WeakSet<object>();

  constructor(salt?: Uint8Array | null) {
    if (salt) this.useSalt(salt);
  }

  /** From now on identifiers become salted tags (`#k3J9xQ2a`) instead of plain markers (`[phone]`). */
  useSalt(salt: Uint8Array): void {
    if (salt.byteLength < 16) throw new Error('log salt too short (need at least 16 bytes)');
    this.#key = Buffer.from(salt);
    this.#cache.clear();
  }

  get salted(): boolean {
    return this.#key !== null;
  }

  /** The tag of a canonical value: the same value and salt always give the same tag. */
  tag(kind: TagKind, canonical: string): string {
    if (this.#key === null) return UNSALTED[kind];
    const cacheKey = `${kind}\u0000${canonical}`;
    const hit = this.#cache.get(cacheKey);
    if (hit !== undefined) return hit;
    const digest = createHmac('sha256', this.#key).update(canonical).digest('base64url').slice(0, TAG_CHARS);
    const prefix = TAG_PREFIX[kind];
    const tag = `${prefix}#${digest}`;
    // Bounded: the cache only saves HMACs for the people active right now.
    if (this.#cache.size >= 4_096) this.#cache.clear();
    this.#cache.set(cacheKey, tag);
    return tag;
  }

  /**
   * The tag for a conversation key (`+62…` for a phone, `raw:<lid>` for an unresolved LID): equal to the tag the
   * same number gets anywhere else in the logs, whatever form it was written in.
   */
  hashSender(key: string): string {
    const lid = key.startsWith('raw:');
    const raw = lid ? key.slice(4) : key;
    if (/^\d+$/.test(raw)) return lid ? this.tag('lid', raw) : this.tag('phone', indonesian(raw));
    const scrubbed = this.scrubText(raw);
    return isTag(scrubbed) ? scrubbed : this.tag('other', key);
  }

  /** Every phone number, JID and LID in a text replaced by its tag. */
  scrubText(text: string): string {
    if (!/\d/.test(text)) return text;
    return text.replace(IDENTIFIER_RE, (match: string, ...rest: unknown[]) => {
      const groups = rest[rest.length - 1] as Record<string, string | undefined>;
      if (groups.server !== undefined) return this.#jidTag(match, groups.jid ?? '', groups.server);
      if (groups.plus !== undefined) return this.tag('phone', digitsOf(match));
      if (groups.indo !== undefined) return this.tag('phone', indonesian(digitsOf(match)));
      return TIMESTAMP_RE.test(match) ? match : this.tag('phone', indonesian(match));
    });
  }

  /** The finished JSON line: identifiers inside its strings (keys and values) replaced; numbers and syntax untouched. */
  scrubLine(line: string): string {
    return line.replace(JSON_STRING_RE, (token) => this.scrubText(token));
  }

  /** A log object with content blanked, bytes measured and identifiers tagged; the top level for pino's formatter. */
  redactFields(obj: Record<string, unknown>): Record<string, unknown> {
    try {
      const walk: Walk = { nodes: 0, path: new Set() };
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(obj)) {
        const value = obj[key];
        out[this.scrubText(key)] = SERIALIZED_ELSEWHERE.has(key) && isInstance(value) ? value : this.#value(value, key, 0, walk);
      }
      return out;
    } catch {
      // A throwing getter or proxy must not turn a log call into a crash; the line says that something was dropped.
      return { redaction: 'failed; fields dropped' };
    }
  }

  /** Any value, redacted as if it were logged under `key`. */
  redact(value: unknown, key = ''): unknown {
    try {
      return this.#value(value, key, 0, { nodes: 0, path: new Set() });
    } catch {
      return '[redaction failed]';
    }
  }

  /** pino's `err` serializer: the standard shape (type, message with causes, stack) with everything redacted. */
  serializeError(value: unknown): unknown {
    try {
      const walk: Walk = { nodes: 0, path: new Set() };
      if (value instanceof Error) return this.#error(value, 0, walk);
      if (typeof value === 'string') return this.#string(value, '');
      // Already done by the walk (the formatter runs first).
      if (value !== null && typeof value === 'object' && this.#serialized.has(value)) return value;
      // An error-like object from somewhere else.
      if (value !== null && typeof value === 'object') return this.#serializedError(value as Record<string, unknown>, 0, walk);
      return value;
    } catch {
      return { redaction: 'failed; error dropped' };
    }
  }

  /** Hashes a value logged under an identifier key; idempotent, so a serializer may see it twice. */
  identity(value: unknown, key = ''): unknown {
    if (typeof value === 'number' && Number.isInteger(value)) return this.#identityString(String(value), key);
    if (typeof value === 'string') return this.#identityString(value, key);
    return this.redact(value, key);
  }

  /** Hashes a provider message id; idempotent. */
  messageId(value: unknown): unknown {
    if (typeof value === 'string') return this.#messageIdString(value);
    return this.redact(value);
  }

  #jidTag(match: string, user: string, server: string): string {
    // A server address (`@s.whatsapp.net`) or `status@broadcast` names no one.
    if (!/\d/.test(user)) return match;
    // `user_agent:device`: one person on all their devices gets one tag.
    const bare = user.split(/[_:]/)[0] ?? user;
    switch (server) {
      case 's.whatsapp.net':
      case 'c.us':
      case 'hosted':
        return this.tag('phone', indonesian(digitsOf(bare)));
      case 'lid':
      case 'hosted.lid':
        return this.tag('lid', digitsOf(bare));
      case 'g.us':
        return this.tag('group', `g:${user}`);
      default:
        return this.tag('other', `${server}:${user}`);
    }
  }

  #identityString(text: string, key = ''): string {
    if (isTag(text)) return text;
    // A bare LID (`lid`, `participant_lid`, `myLID`…): the same hash as `…@lid`, and the same prefix.
    if (/^\d+$/.test(text) && norm(key).includes('lid')) return this.tag('lid', text);
    const scrubbed = this.scrubText(text);
    if (scrubbed !== text || !/\d/.test(text)) return scrubbed;
    // Digits in an identifier field that matched no pattern (a short LID, an odd format): hide the whole value.
    const digits = text.replace(/^\+/, '');
    return /^\d+$/.test(digits) ? this.tag('phone', indonesian(digits)) : this.tag('other', text);
  }

  #messageIdString(text: string): string {
    if (isTag(text)) return text;
    if (!/\d/.test(text)) return this.#plainId(text);
    const scrubbed = this.scrubText(text);
    return isTag(scrubbed) ? scrubbed : this.tag('id', text);
  }

  /** Ids without digits (`recap`, `fixture.pus`) are names of things, not of people or messages. */
  #plainId(text: string): string {
    return /^[a-z][a-z0-9_.]*$/.test(text) ? text : this.tag('id', text);
  }

  #string(text: string, key: string): string {
    // Baileys logs XML dumps under `xml` and also under other keys (`{ node: binaryNodeToString(node) }`).
    if (key === 'xml' || XML_DUMP_RE.test(text)) text = this.#xmlWithoutText(text);
    if (text.length <= MAX_STRING) return this.scrubText(text);
    // Scrub a little more than is kept and drop that margin: a number cut in half at the end is never printed.
    const head = this.scrubText(text.slice(0, MAX_STRING + CUT_MARGIN));
    return `${head.slice(0, Math.min(MAX_STRING, head.length - CUT_MARGIN))}…[${text.length} chars]`;
  }

  /**
   * Baileys' XML dump (`binaryNodeToString`) without names, text and message ids: tags and attribute names stay,
   * element text becomes its length; identifiers in attributes are tagged by the scrub that follows.
   */
  #xmlWithoutText(xml: string): string {
    return xml
      .replace(XML_TEXT_ATTR_RE, `$1='${REDACTED}'`)
      .replace(XML_ID_ATTR_RE, (_all, name: string, id: string) => `${name}='${this.#messageIdString(id)}'`)
      .replace(/^(\t*)([^<\t].*)$/gm, (_all, tabs: string, body: string) => `${tabs}[${body.length} chars]`);
  }

  #value(value: unknown, key: string, depth: number, walk: Walk): unknown {
    if (value === null || value === undefined) return value;
    const k = norm(key);
    if (isContentKey(k, value)) return this.#content(value, depth, walk);
    switch (typeof value) {
      case 'string':
        if (IDENTITY_KEYS.has(k)) return this.#identityString(value, key);
        if (MESSAGE_ID_KEYS.has(k)) return this.#messageIdString(value);
        return this.#string(value, key);
      case 'number':
        if (!Number.isInteger(value)) return value;
        if (IDENTITY_KEYS.has(k)) return this.#identityString(String(value));
        return MSISDN_NUMBER_RE.test(String(value)) ? this.tag('phone', String(value)) : value;
      case 'bigint':
        return MSISDN_NUMBER_RE.test(String(value)) || IDENTITY_KEYS.has(k) ? this.#identityString(String(value)) : value;
      case 'object':
        return this.#object(value, key, depth, walk);
      default:
        return value;
    }
  }

  /** Content fields go entirely, except binary-node children (`content: [{ tag, attrs, content }]`), kept for their shape. */
  #content(value: unknown, depth: number, walk: Walk): unknown {
    if (isBytes(value)) return bytesMarker(value);
    if (typeof value === 'string' && MARKER_RE.test(value)) return value; // already redacted (a second pass)
    if (Array.isArray(value) && value.length > 0 && value.every(isBinaryNode)) return this.#object(value, 'nodes', depth, walk);
    return REDACTED;
  }

  #object(value: object, key: string, depth: number, walk: Walk): unknown {
    if (isBytes(value)) return bytesMarker(value);
    if (isBufferJson(value)) return '[bytes]';
    if (value instanceof Error) return this.#error(value, depth, walk);
    if (value instanceof Date) return value;
    if (depth >= MAX_DEPTH) return '[depth]';
    if (walk.path.has(value)) return '[circular]';
    if (++walk.nodes > MAX_NODES) return '[truncated]';
    walk.path.add(value);
    try {
      if (Array.isArray(value) || value instanceof Set) return this.#array([...value], key, depth, walk);
      if (value instanceof Map) return this.#entries([...value.entries()].map(([k, v]) => [String(k), v]), depth, walk);
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return this.#value(toJSON.call(value), key, depth, walk);
      return this.#entries(Object.entries(value), depth, walk);
    } finally {
      walk.path.delete(value);
    }
  }

  /** Array items are judged by the array's key: every element of `jids` is an identifier, of `messages` content. */
  #array(items: unknown[], key: string, depth: number, walk: Walk): unknown[] {
    const out = items.slice(0, MAX_ITEMS).map((item) => this.#value(item, key, depth + 1, walk));
    if (items.length > MAX_ITEMS) out.push(`…${items.length - MAX_ITEMS} more`);
    return out;
  }

  #entries(entries: [string, unknown][], depth: number, walk: Walk): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries.slice(0, MAX_KEYS)) out[this.scrubText(k)] = this.#value(v, k, depth + 1, walk);
    if (entries.length > MAX_KEYS) out['…'] = `${entries.length - MAX_KEYS} more keys`;
    return out;
  }

  #error(error: Error, depth: number, walk: Walk): Record<string, unknown> {
    return this.#serializedError(pino.stdSerializers.err(error) as unknown as Record<string, unknown>, depth, walk);
  }

  /**
   * The standard error shape, with its message and stack scrubbed (not blanked: they are why the line exists) and
   * any other property walked like the rest of the object (Baileys' Boom errors carry the offending node in `data`).
   */
  #serializedError(serialized: Record<string, unknown>, depth: number, walk: Walk): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(serialized)) {
      if (key === 'raw') continue;
      if ((key === 'message' || key === 'stack' || key === 'type') && typeof value === 'string') out[key] = this.#string(value, key);
      else if (key === 'aggregateErrors' && Array.isArray(value))
        out[key] = value.slice(0, MAX_ITEMS).map((e: unknown) => (e !== null && typeof e === 'object' ? this.#serializedError(e as Record<string, unknown>, depth + 1, walk) : e));
      else out[this.scrubText(key)] = this.#value(value, key, depth + 1, walk);
    }
    this.#serialized.add(out);
    return out;
  }
}

export function isTag(text: string): boolean {
  return TAG_RE.test(text);
}

function isContentKey(k: string, value: unknown): boolean {
  if (k === 'msg') return value !== null && typeof value === 'object'; // a string `msg` is pino's message: scrubbed, kept
  return CONTENT_KEYS.has(k) || (k.length > 7 && k.endsWith('message')) || k === 'content';
}

function isInstance(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto !== Object.prototype && proto !== null;
}

function isBinaryNode(value: unknown): boolean {
  return value !== null && typeof value === 'object' && typeof (value as { tag?: unknown }).tag === 'string';
}

function isBytes(value: unknown): value is ArrayBufferView | ArrayBuffer {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer;
}

function bytesMarker(value: ArrayBufferView | ArrayBuffer): string {
  return `[${value.byteLength} bytes]`;
}

/** `{ type: 'Buffer', data: … }`: a Buffer after JSON (Baileys' BufferJSON, Buffer#toJSON). */
function isBufferJson(value: object): boolean {
  const v = value as { type?: unknown; data?: unknown };
  return v.type === 'Buffer' && (typeof v.data === 'string' || Array.isArray(v.data));
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/** One canonical form per Indonesian number (08… → 628…), so every way of writing it gives the same tag. */
function indonesian(digits: string): string {
  return digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
}

