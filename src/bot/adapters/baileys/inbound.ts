// Inbound WhatsApp messages, from Baileys' WAMessage to our InboundMessage (docs: docs/whatsapp.md §3–§4).
// Three steps, so that the decision "is this a message for the bot?" stays pure and testable without a socket:
//   1. classifyMessage: filters (own, broadcast, newsletter, stale backlog, stubs, reactions…) and content extraction;
//   2. resolveSenderPhone: LID vs phone number — the only async step (it may read Baileys' local LID store);
//   3. toInboundMessage: the normalised message the router consumes.
import {
  isHostedLidUser,
  isHostedPnUser,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  isJidStatusBroadcast,
  isLidUser,
  isPnUser,
  isRealMessage,
  jidDecode,
  jidNormalizedUser,
  normalizeMessageContent,
  toNumber,
  WAMessageStubType,
  type proto,
  type WAMessage,
  type WAMessageKey,
} from '@whiskeysockets/baileys';
import { normalizePhone } from '../../../people/phone.js';
import type { InboundMessage } from '../../transport.js';
import type { LidPairStore } from './ports.js';

export type Classified =
  | { kind: 'ignore'; reason: string }
  | {
      kind: 'accept';
      /** The key as received: the transport marks it read with it. */
      key: WAMessageKey;
      /** The author's ids: `primary` is how WhatsApp addressed the author, `alt` the other form (PN ↔ LID) if sent. */
      ids: { primary: string; alt: string | null };
      chat: { kind: 'private'; jid: string } | { kind: 'group'; jid: string };
      content: InboundMessage['content'];
      sentAt: Date;
    };

export interface ClassifyContext {
  now: Date;
  /** `append` upserts older than this are history, not messages to act on (they could replay old commands). */
  appendMaxAgeMs: number;
}

/**
 * Message types that are actions on other messages or chats, not something a person said to the bot.
 * protocolMessage also covers revokes and edits: normalizeMessageContent unwraps `editedMessage` into the
 * protocolMessage that carries the edit, so an edited command never runs twice.
 */
const ACTION_TYPES = [
  'protocolMessage',
  'reactionMessage',
  'encReactionMessage',
  'pollUpdateMessage',
  'keepInChatMessage',
  'pinInChatMessage',
  'encEventResponseMessage',
] as const satisfies readonly (keyof proto.IMessage)[];

/** Decides whether a message from `messages.upsert` is for the bot, and extracts what it says. Pure. */
export function classifyMessage(msg: WAMessage, upsertType: 'notify' | 'append', ctx: ClassifyContext): Classified {
  const key = msg.key;
  const remoteJid = nonEmpty(key.remoteJid);
  if (remoteJid === null || nonEmpty(key.id) === null) return ignore('no chat or message id');
  // Our own sends come back as `append` (emitOwnEvents); answering them would loop.
  if (key.fromMe) return ignore('own message');
  if (isJidStatusBroadcast(remoteJid)) return ignore('status update');
  if (isJidBroadcast(remoteJid)) return ignore('broadcast list');
  if (isJidNewsletter(remoteJid)) return ignore('newsletter');

  // messageTimestamp is number | Long | null; toNumber handles all three (null → 0).
  const seconds = toNumber(msg.messageTimestamp);
  if (upsertType === 'append') {
    // `append` carries both the offline backlog (act on it) and history sync (never act on it); only age tells them
    // apart. Without a timestamp we cannot tell, so stay on the safe side.
    if (seconds <= 0) return ignore('backlog without timestamp');
    if (ctx.now.getTime() - seconds * 1000 > ctx.appendMaxAgeMs) return ignore('old backlog');
  }
  const sentAt = seconds > 0 ? new Date(seconds * 1000) : ctx.now;

  const chat = chatOf(key, remoteJid);
  if (chat === null) return ignore('unsupported chat or missing author');

  // Stubs are system notices (group changes, calls, …); CIPHERTEXT alone means "someone wrote, but it could not be
  // decrypted", which the router answers with a "please resend" instead of silence. proto leaves an unset
  // stub type as null; 0 is UNKNOWN, i.e. no stub either.
  const stub = msg.messageStubType ?? 0;
  if (stub === WAMessageStubType.CIPHERTEXT) {
    // "Message absent from node" (e.g. ad replies): Baileys fetches the content from our own phone by itself, so
    // asking the sender to resend would only confuse them.
    if (msg.messageStubParameters?.[0] === 'Message absent from node') return ignore('ciphertext placeholder; content follows');
    return { kind: 'accept', key, ...chat, content: { kind: 'undecryptable' }, sentAt };
  }
  if (stub !== 0) return ignore(`stub ${WAMessageStubType[stub] ?? stub}`);

  // Ephemeral, view-once, document-with-caption and edit wrappers: read what is inside.
  const content = normalizeMessageContent(msg.message);
  if (!content) return ignore('no content');
  for (const type of ACTION_TYPES) if (content[type]) return ignore(type);
  // Baileys' own notion (rc14: one argument); catches e.g. a senderKeyDistributionMessage with nothing else.
  if (!isRealMessage(msg)) return ignore('not a real message');

  return { kind: 'accept', key, ...chat, content: extractContent(content), sentAt };
}

function ignore(reason: string): Classified {
  return { kind: 'ignore', reason };
}

/** In a group the author is the participant; in a private chat the chat itself. Null when it cannot be a sender. */
function chatOf(key: WAMessageKey, remoteJid: string): Pick<Extract<Classified, { kind: 'accept' }>, 'ids' | 'chat'> | null {
  if (isJidGroup(remoteJid)) {
    const participant = nonEmpty(key.participant);
    if (participant === null) return null;
    return { ids: { primary: participant, alt: nonEmpty(key.participantAlt) }, chat: { kind: 'group', jid: remoteJid } };
  }
  // Only people write private chats: a phone number or a LID (hosted variants included). Anything else (Meta AI
  // bots, calls, unknown servers) is not someone the bot can serve.
  if (!isPersonJid(remoteJid)) return null;
  return { ids: { primary: remoteJid, alt: nonEmpty(key.remoteJidAlt) }, chat: { kind: 'private', jid: remoteJid } };
}

/** The order of docs/whatsapp.md §3: typed text first, then captions, then the ids of buttons/lists the user tapped. */
function extractContent(m: proto.IMessage): InboundMessage['content'] {
  const typed = nonEmpty(m.conversation) ?? nonEmpty(m.extendedTextMessage?.text);
  if (typed !== null) return { kind: 'text', text: typed };

  if (m.imageMessage) return { kind: 'media', media: 'image', caption: nonEmpty(m.imageMessage.caption) };
  if (m.videoMessage) return { kind: 'media', media: 'video', caption: nonEmpty(m.videoMessage.caption) };
  if (m.documentMessage) return { kind: 'media', media: 'document', caption: nonEmpty(m.documentMessage.caption) };

  // Replies to interactive messages: the id is what our flows put on the button/row, so it beats the display text.
  const chosen =
    nonEmpty(m.buttonsResponseMessage?.selectedButtonId) ??
    nonEmpty(m.buttonsResponseMessage?.selectedDisplayText) ??
    nonEmpty(m.listResponseMessage?.singleSelectReply?.selectedRowId) ??
    nonEmpty(m.templateButtonReplyMessage?.selectedId) ??
    nonEmpty(m.interactiveResponseMessage?.body?.text);
  if (chosen !== null) return { kind: 'text', text: chosen };

  if (m.audioMessage) return { kind: 'media', media: 'audio', caption: null };
  if (m.stickerMessage) return { kind: 'media', media: 'sticker', caption: null };
  // Round video notes are videos without a caption.
  if (m.ptvMessage) return { kind: 'media', media: 'video', caption: nonEmpty(m.ptvMessage.caption) };
  // Locations, contacts, polls, events, …: the router only needs to know that something non-textual arrived.
  return { kind: 'media', media: 'other', caption: null };
}

export interface SenderDeps {
  /** Our own durable LID → phone pairs (WhatsApp omits the alt id sometimes, Baileys forgets nothing but may not know). */
  pairs: Pick<LidPairStore, 'remember' | 'phoneFor'>;
  /** Baileys' local LID → PN look-up; production passes `sock.signalRepository.lidMapping.getPNForLID`. */
  lidToPn?: (lidJid: string) => Promise<string | null>;
}

/**
 * The sender's E.164 phone, and their LID user part when one was seen. A phone-number id wins (it is what people are
 * registered by); otherwise the LID is looked up in our pairs, then in Baileys' store. Unresolvable → phone null,
 * and the caller keys the sender by LID: a LID must never be guessed into somebody else's phone.
 * Errors from `lidToPn` propagate: a broken key store is a failure to report, not a reason to treat a registered
 * person as a stranger.
 */
export async function resolveSenderPhone(
  ids: { primary: string; alt: string | null },
  deps: SenderDeps,
): Promise<{ phone: string | null; lid: string | null }> {
  const candidates = [ids.primary, ids.alt].filter((id): id is string => id !== null && id !== '');
  const pnJid = candidates.find((id) => isPnUser(id) || isHostedPnUser(id)) ?? null;
  const lidJid = candidates.find((id) => isLidUser(id) || isHostedLidUser(id)) ?? null;
  const lid = lidJid === null ? null : userOf(lidJid);

  if (pnJid !== null) {
    const phone = phoneOf(pnJid);
    if (phone !== null && lid !== null) deps.pairs.remember(lid, phone);
    return { phone, lid };
  }
  if (lidJid === null || lid === null) return { phone: null, lid: null };

  const known = deps.pairs.phoneFor(lid);
  if (known !== null) return { phone: known, lid };

  // getPNForLID answers with a device-suffixed jid ("62812…:0@s.whatsapp.net"); phoneOf normalises it.
  const pnFromStore = deps.lidToPn ? await deps.lidToPn(jidNormalizedUser(lidJid)) : null;
  const phone = pnFromStore ? phoneOf(pnFromStore) : null;
  if (phone !== null) deps.pairs.remember(lid, phone);
  return { phone, lid };
}

/** The message as the router sees it. */
export function toInboundMessage(
  accepted: Extract<Classified, { kind: 'accept' }>,
  sender: { phone: string | null; lid: string | null },
  /** The group's name when already known (cached metadata): it names the group to operators and in replies. */
  groupSubject?: string | null,
): InboundMessage {
  const { key, chat, content, sentAt } = accepted;
  // WhatsApp message ids are only unique within a chat, so the chat is part of our de-duplication key.
  // A CIPHERTEXT stub gets its own id: when the sender's phone re-sends (retry receipt or placeholder resend),
  // Baileys upserts the real message under the SAME key.id, and de-duplication must not swallow it.
  const base = `${chat.jid}:${key.id ?? ''}`;
  const id = content.kind === 'undecryptable' ? `${base}:undecryptable` : base;
  return {
    id,
    from: { phone: sender.phone, rawId: sender.lid ?? jidNormalizedUser(accepted.ids.primary) },
    // Replies go to the chat exactly as it was received (a PN/LID switch can show the user a duplicate chat, §5).
    chat:
      chat.kind === 'private'
        ? { kind: 'private', address: chat.jid }
        : { kind: 'group', groupId: chat.jid, ...(groupSubject ? { label: groupSubject } : {}) },
    content,
    sentAt,
  };
}

function nonEmpty(value: string | null | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function isPersonJid(jid: string): boolean {
  return Boolean(isPnUser(jid) || isLidUser(jid) || isHostedPnUser(jid) || isHostedLidUser(jid));
}

/** The user part without device or agent ("123:4@lid" → "123"). */
function userOf(jid: string): string | null {
  return nonEmpty(jidDecode(jid)?.user);
}

/** E.164 from a phone-number jid, or null when its digits are not a valid number (normalizePhone's verdict). */
function phoneOf(pnJid: string): string | null {
  const digits = userOf(jidNormalizedUser(pnJid));
  return digits !== null && /^\d+$/.test(digits) ? normalizePhone(`+${digits}`) : null;
}
