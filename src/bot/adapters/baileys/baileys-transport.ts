// The production transport: one WhatsApp number through Baileys 7 (docs: ../shared/docs/baileys.md).
// One live socket at a time, reconnect policy by close code, inbound normalised at the edge, outbound paced.
import { readFileSync } from 'node:fs';
import makeWASocket, {
  isJidBroadcast,
  jidDecode,
  isJidNewsletter,
  makeCacheableSignalKeyStore,
  proto,
  WAMessageStatus,
  type BaileysEventMap,
  type GroupMetadata,
  type UserFacingSocketConfig,
  type WAMessageKey,
  type WASocket,
} from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import {
  TransportRejectedError,
  TransportUnreachableError,
  type InboundHandler,
  type LinkEvents,
  type LinkState,
  type OutboundMessage,
  type SendReceipt,
  type Transport,
  type TransportStatus,
} from '../../transport.js';
import { normalizePhone } from '../../../people/phone.js';
import { createSqliteAuthState } from './auth-state.js';
import { BoundedCache } from './bounded-cache.js';
import { classifyMessage, resolveSenderPhone, toInboundMessage } from './inbound.js';
import { DEFAULT_PACING, Pacer, typingDelayMs, type PacingOptions } from './pacer.js';
import type { AuthKeyValueStore, LidPairStore, SentMessageStore } from './ports.js';
import { decideReconnect } from './reconnect-policy.js';

/** The part of a Baileys socket this adapter uses: small enough to reason about, real in production and tests. */
export type WaSocket = Pick<
  WASocket,
  'ev' | 'sendMessage' | 'readMessages' | 'sendPresenceUpdate' | 'signalRepository' | 'groupMetadata' | 'end' | 'requestPairingCode'
>;

export interface BaileysTransportOptions {
  auth: AuthKeyValueStore;
  pairs: LidPairStore;
  sent: SentMessageStore;
  events: LinkEvents;
  logger: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => () => void;
  /** E.164 number to link with an 8-character pairing code instead of a QR. */
  pairCodePhone?: string | null;
  /** Unanswered QR codes before giving up and waiting for an operator. */
  maxQrCycles?: number;
  /** `append` (offline backlog) messages older than this are not acted on. */
  appendMaxAgeMs?: number;
  /** How long a chat is left alone after WhatsApp refused a message to it with 463/479. */
  refusalCooldownMs?: number;
  pacing?: PacingOptions;
  /** Overrides the WhatsApp Web endpoint (offline tests point it at a closed local port). */
  webSocketUrl?: string;
  socketFactory?: (config: UserFacingSocketConfig) => WaSocket;
}

/** Codes with which WhatsApp refuses a send to a chat ("reach-out time-locked"): never retried. */
const REFUSAL_CODES = new Set(['463', '479']);
const GROUP_METADATA_TTL_MS = 5 * 60_000;

export function toJid(address: string): string {
  if (address.includes('@')) return address;
  return `${address.replace(/^\+/, '')}@s.whatsapp.net`;
}

function statusCodeOf(error: unknown): number | undefined {
  const code = (error as { output?: { statusCode?: unknown } } | undefined)?.output?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

export class BaileysTransport implements Transport {
  readonly name = 'whatsapp';
  readonly #o: Required<Omit<BaileysTransportOptions, 'pairCodePhone' | 'webSocketUrl' | 'socketFactory'>> &
    Pick<BaileysTransportOptions, 'pairCodePhone' | 'webSocketUrl'>;
  readonly #factory: (config: UserFacingSocketConfig) => WaSocket;
  readonly #auth;
  readonly #pacer: Pacer;
  // Created once, outside the reconnect loop, and bounded (baileys.md §5, §8).
  readonly #retryCounter = new BoundedCache(5_000, 60 * 60_000);
  readonly #userDevices = new BoundedCache(5_000, 5 * 60_000);
  readonly #groups: BoundedCache<GroupMetadata>;
  readonly #refusedUntil = new Map<string, number>();
  #sock: WaSocket | null = null;
  #handler: InboundHandler | null = null;
  #status: TransportStatus;
  #attempt = 0;
  #qrCycles = 0;
  #pairCodeRequested = false;
  #restrictedUntil = 0;
  #stopped = false;
  #cancelTimer: (() => void) | null = null;
  #inbound: Promise<void> = Promise.resolve();

  constructor(options: BaileysTransportOptions) {
    this.#o = {
      now: () => new Date(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      random: Math.random,
      setTimer: (fn, ms) => {
        const t = setTimeout(fn, ms);
        return () => clearTimeout(t);
      },
      maxQrCycles: 5,
      appendMaxAgeMs: 24 * 3600_000,
      refusalCooldownMs: 6 * 3600_000,
      pacing: DEFAULT_PACING,
      ...options,
    };
    this.#factory = options.socketFactory ?? ((config) => makeWASocket(config));
    this.#auth = createSqliteAuthState(options.auth);
    const nowMs = () => this.#o.now().getTime();
    this.#pacer = new Pacer(nowMs, this.#o.sleep, this.#o.random, this.#o.pacing);
    this.#groups = new BoundedCache<GroupMetadata>(500, GROUP_METADATA_TTL_MS, nowMs);
    this.#status = { state: 'starting', detail: '', since: this.#o.now() };
  }

  status(): TransportStatus {
    if (this.#status.state === 'open' && this.#restrictedUntil > this.#o.now().getTime()) {
      return { ...this.#status, state: 'restricted', detail: `reach-out restricted until ${new Date(this.#restrictedUntil).toISOString()}` };
    }
    return this.#status;
  }

  isPaired(): boolean {
    return this.#auth.isPaired();
  }

  async start(handler: InboundHandler): Promise<void> {
    this.#handler = handler;
    this.#stopped = false;
    await this.#connect();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#cancelTimer?.();
    const sock = this.#sock;
    this.#sock = null;
    this.#setState('stopped', 'stopped by the operator');
    if (sock) {
      try {
        sock.end(undefined);
      } catch {
        // Already closed: nothing to release.
      }
    }
    await this.#inbound;
  }

  /** Resolves when every inbound message received so far has been handed to the bot. */
  async drained(): Promise<void> {
    await this.#inbound;
  }

  #setState(state: LinkState, detail: string): void {
    if (state !== this.#status.state) this.#status = { state, detail, since: this.#o.now() };
    else this.#status = { ...this.#status, detail };
    this.#o.events.stateChanged(state, detail);
  }

  /** Single flight: the old socket is ended before a new one starts (two sockets on one session loop on 440). */
  async #connect(): Promise<void> {
    this.#cancelTimer = null;
    if (this.#stopped) return;
    const old = this.#sock;
    this.#sock = null;
    if (old) {
      try {
        old.end(undefined);
      } catch {
        // The old socket may already be gone.
      }
    }
    this.#setState(this.#attempt === 0 ? 'connecting' : 'reconnecting', this.#attempt === 0 ? '' : `connecting (retry ${this.#attempt})`);
    const { logger } = this.#o;
    // Baileys follows the configured level (silent stays silent): the root logger's redactor scrubs its JIDs, nodes
    // and message objects like every other line (src/logger.ts), so trace is safe to turn on when debugging a link.
    const baileysLogger = logger.child({ module: 'baileys' });
    const config: UserFacingSocketConfig = {
      auth: { creds: this.#auth.state.creds, keys: makeCacheableSignalKeyStore(this.#auth.state.keys, baileysLogger) },
      logger: baileysLogger,
      syncFullHistory: false,
      markOnlineOnConnect: false,
      msgRetryCounterCache: this.#retryCounter,
      userDevicesCache: this.#userDevices,
      shouldIgnoreJid: (jid) => isJidBroadcast(jid) || isJidNewsletter(jid),
      getMessage: async (key) => this.#storedMessage(key),
      cachedGroupMetadata: async (jid) => this.#groupMetadata(jid),
      ...(this.#o.webSocketUrl ? { waWebSocketUrl: this.#o.webSocketUrl } : {}),
    };
    let sock: WaSocket;
    try {
      sock = this.#factory(config);
    } catch (error) {
      logger.error({ err: error }, 'could not create the WhatsApp socket');
      this.#scheduleReconnect(undefined);
      return;
    }
    this.#sock = sock;
    const mine = () => this.#sock === sock;
    sock.ev.on('creds.update', () => this.#auth.saveCreds());
    sock.ev.on('connection.update', (update) => {
      if (mine()) void this.#onConnectionUpdate(sock, update).catch((err) => logger.error({ err }, 'connection update failed'));
    });
    sock.ev.on('messages.upsert', (event) => {
      if (mine()) this.#queueInbound(sock, event);
    });
    sock.ev.on('messages.update', (updates) => this.#onMessagesUpdate(updates));
    sock.ev.on('groups.update', (updates) => updates.forEach((u) => u.id && this.#groups.del(u.id)));
    sock.ev.on('group-participants.update', ({ id }) => this.#groups.del(id));
    sock.ev.on('lid-mapping.update', ({ lid, pn }) => this.#rememberPair(lid, pn));
    sock.ev.on('contacts.upsert', (contacts) => contacts.forEach((c) => c.lid && c.phoneNumber && this.#rememberPair(c.lid, c.phoneNumber)));
  }

  async #onConnectionUpdate(sock: WaSocket, update: BaileysEventMap['connection.update']): Promise<void> {
    const { connection, lastDisconnect, qr, reachoutTimeLock } = update;
    if (reachoutTimeLock) {
      this.#restrictedUntil = reachoutTimeLock.isActive ? (reachoutTimeLock.timeEnforcementEnds?.getTime() ?? this.#o.now().getTime() + 3600_000) : 0;
      if (reachoutTimeLock.isActive) this.#o.logger.warn({ until: reachoutTimeLock.timeEnforcementEnds }, 'WhatsApp reach-out restriction: sending paused');
    }
    if (qr && !this.#auth.isPaired()) await this.#onQr(sock, qr);
    if (connection === 'open') {
      this.#attempt = 0;
      this.#qrCycles = 0;
      this.#setState('open', 'connected');
    }
    if (connection === 'close') {
      this.#sock = null;
      this.#scheduleReconnect(statusCodeOf(lastDisconnect?.error));
    }
  }

  async #onQr(sock: WaSocket, qr: string): Promise<void> {
    if (this.#o.pairCodePhone) {
      // Only once the socket is up (the first QR proves it); earlier calls fail with 428.
      if (this.#pairCodeRequested) return;
      this.#pairCodeRequested = true;
      const code = await sock.requestPairingCode(this.#o.pairCodePhone.replace(/\D/g, ''));
      this.#o.events.pairing({ code });
      this.#setState('waiting_for_pairing', 'pairing code issued');
      return;
    }
    this.#qrCycles++;
    if (this.#qrCycles > this.#o.maxQrCycles) {
      this.#stopped = true;
      this.#setState('waiting_for_pairing', `no scan after ${this.#o.maxQrCycles} QR codes; run npm start again to pair`);
      try {
        sock.end(undefined);
      } catch {
        // Closing an unpaired socket cannot fail in a way that matters.
      }
      return;
    }
    this.#o.events.pairing({ qr });
    this.#setState('waiting_for_pairing', `scan the QR code (${this.#qrCycles}/${this.#o.maxQrCycles})`);
  }

  #scheduleReconnect(code: number | undefined): void {
    if (this.#stopped) return;
    const decision = decideReconnect(code, this.#attempt, this.#o.random);
    this.#attempt++;
    if (decision.action === 'stop') {
      if (decision.wipeAuth) this.#auth.clear();
      this.#stopped = true;
      this.#setState(decision.state, decision.reason);
      return;
    }
    this.#setState('reconnecting', `${decision.reason}; retry ${this.#attempt} in ${Math.round(decision.delayMs / 1000)} s`);
    this.#cancelTimer = this.#o.setTimer(() => void this.#connect(), decision.delayMs);
  }

  /** Inbound handling is chained so that LID look-ups (async) cannot reorder one sender's messages. */
  #queueInbound(sock: WaSocket, { messages, type }: BaileysEventMap['messages.upsert']): void {
    this.#inbound = this.#inbound.then(async () => {
      for (const msg of messages) {
        try {
          const verdict = classifyMessage(msg, type, { now: this.#o.now(), appendMaxAgeMs: this.#o.appendMaxAgeMs });
          if (verdict.kind === 'ignore') {
            this.#o.logger.debug({ reason: verdict.reason }, 'inbound ignored');
            continue;
          }
          const sender = await resolveSenderPhone(verdict.ids, {
            pairs: this.#o.pairs,
            lidToPn: (lid: string) => sock.signalRepository.lidMapping.getPNForLID(lid),
          });
          await this.#handler?.(toInboundMessage(verdict, sender));
          // Read receipts make the number look attended, not like an unattended bot (baileys.md §6).
          await sock.readMessages([verdict.key]).catch((err: unknown) => this.#o.logger.debug({ err }, 'read receipt failed'));
        } catch (err) {
          this.#o.logger.error({ err }, 'inbound WhatsApp message failed');
        }
      }
    });
  }

  #onMessagesUpdate(updates: BaileysEventMap['messages.update']): void {
    for (const { key, update } of updates) {
      if (update.status !== WAMessageStatus.ERROR || !key.id) continue;
      const code = String(update.messageStubParameters?.[0] ?? 'unknown');
      if (REFUSAL_CODES.has(code) && key.remoteJid) this.#refusedUntil.set(key.remoteJid, this.#o.now().getTime() + this.#o.refusalCooldownMs);
      this.#o.events.deliveryFailed(key.id, code);
    }
  }

  /** Pairs announced by WhatsApp (lid-mapping.update, contacts) are kept like those seen on messages. */
  #rememberPair(lidJid: string, pnJid: string): void {
    const lid = jidDecode(lidJid)?.user;
    const phone = normalizePhone(`+${jidDecode(pnJid)?.user ?? ''}`);
    if (lid && phone) this.#o.pairs.remember(lid, phone);
  }

  async #storedMessage(key: WAMessageKey): Promise<proto.IMessage | undefined> {
    const stored = key.id ? this.#o.sent.load(key.id) : null;
    return stored ? proto.Message.decode(Buffer.from(stored, 'base64')) : undefined;
  }

  /** Cached exactly as WhatsApp returned it (rewriting LID participants breaks group sends, baileys.md §5). */
  async #groupMetadata(jid: string): Promise<GroupMetadata | undefined> {
    const cached = this.#groups.get(jid);
    if (cached) return cached;
    const sock = this.#sock;
    if (!sock) return undefined;
    const fresh = await sock.groupMetadata(jid);
    this.#groups.set(jid, fresh);
    return fresh;
  }

  async send(message: OutboundMessage): Promise<SendReceipt> {
    const now = this.#o.now().getTime();
    if (!this.#sock || this.#status.state !== 'open') throw new TransportUnreachableError(`WhatsApp link is ${this.#status.state}`);
    if (this.#restrictedUntil > now) throw new TransportUnreachableError('WhatsApp reach-out restriction active; sending paused');
    const jid = toJid(message.to);
    const refused = this.#refusedUntil.get(jid);
    if (refused !== undefined && refused > now) throw new TransportRejectedError('WhatsApp refused this chat recently (463/479); not retried');

    await this.#pacer.waitTurn(jid);
    const sock = this.#sock;
    if (!sock) throw new TransportUnreachableError('WhatsApp link closed while waiting to send');
    const { content } = message;
    if (content.kind === 'text') {
      await sock.sendPresenceUpdate('composing', jid).catch(() => undefined);
      await this.#o.sleep(typingDelayMs(content.text));
    }
    if (content.kind !== 'text' && !content.path) throw new TransportRejectedError(`no file for ${content.fileName}`);
    let sent;
    try {
      sent = await sock.sendMessage(jid, this.#contentOf(message));
    } catch (error) {
      const code = statusCodeOf(error);
      if (code === 463 || code === 479) throw new TransportRejectedError(`WhatsApp refused the message (${code})`, { cause: error });
      throw new TransportUnreachableError(`send failed${code ? ` (${code})` : ''}`, { cause: error });
    }
    if (content.kind === 'text') await sock.sendPresenceUpdate('paused', jid).catch(() => undefined);
    const id = sent?.key.id ?? null;
    if (id && sent?.message) {
      this.#o.sent.save(id, jid, Buffer.from(proto.Message.encode(sent.message).finish()).toString('base64'), this.#o.now());
    }
    return { providerMessageId: id };
  }

  #contentOf(message: OutboundMessage) {
    const { content } = message;
    switch (content.kind) {
      case 'text':
        return { text: content.text };
      case 'image':
        return { image: readFileSync(content.path!), caption: content.caption, mimetype: 'image/png' };
      case 'document':
        return {
          document: readFileSync(content.path!),
          fileName: content.fileName,
          caption: content.caption,
          mimetype: content.fileName.endsWith('.xlsx')
            ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            : 'application/octet-stream',
        };
    }
  }
}
