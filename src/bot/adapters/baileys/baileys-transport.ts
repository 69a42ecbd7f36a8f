// The production transport: one WhatsApp number through Baileys 7 (docs: docs/whatsapp.md).
// One live socket at a time, reconnect policy by close code, inbound normalised at the edge, outbound paced and
// idempotent, send holds persisted, registered people's LIDs looked up while open, intake suspendable.
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
  type WAVersion,
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
import { DEFAULT_LID_LOOKUP, LidResolver, type LidLookupOptions } from './lid-resolver.js';
import { messageIdFor } from './message-id.js';
import { isRefusalCode, statusCodeOf, toJid, toWaContent } from './outbound.js';
import type { AuthKeyValueStore, LidPairStore, SendHoldStore, SentMessageStore } from './ports.js';
import { typingDelayMs } from './typing.js';
import { decideReconnect } from './reconnect-policy.js';
import { ACCOUNT_SCOPE, SendHolds } from './send-holds.js';
import { fetchCurrentWaVersion, refreshWaVersion, type FetchVersion } from './wa-version.js';

/** The part of a Baileys socket this adapter uses: small enough to reason about, real in production and tests. */
export type WaSocket = Pick<
  WASocket,
  'ev' | 'sendMessage' | 'readMessages' | 'sendPresenceUpdate' | 'signalRepository' | 'groupMetadata' | 'end' | 'requestPairingCode'
  | 'fetchAccountReachoutTimelock'
>;

export interface BaileysTransportOptions {
  auth: AuthKeyValueStore;
  pairs: LidPairStore;
  sent: SentMessageStore;
  /** Refused chats and the account's reach-out restriction, kept across restarts. */
  holds: SendHoldStore;
  /** A secret kept for the database's lifetime: WhatsApp message ids are derived from it and the outbox id. */
  messageIdSeed: string;
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
  /** Pacing of the look-ups of registered people's LIDs. */
  lidLookup?: LidLookupOptions;
  /** Called after a 405 close (stale WhatsApp Web version); default: Baileys' fetchLatestWaWebVersion. */
  fetchVersion?: FetchVersion;
  /** Overrides the WhatsApp Web endpoint (offline tests point it at a closed local port). */
  webSocketUrl?: string;
  socketFactory?: (config: UserFacingSocketConfig) => WaSocket;
}

const GROUP_METADATA_TTL_MS = 5 * 60_000;

export class BaileysTransport implements Transport {
  readonly name = 'whatsapp';
  readonly #o: Required<Omit<BaileysTransportOptions, 'pairCodePhone' | 'webSocketUrl' | 'socketFactory'>> &
    Pick<BaileysTransportOptions, 'pairCodePhone' | 'webSocketUrl'>;
  readonly #factory: (config: UserFacingSocketConfig) => WaSocket;
  readonly #auth;
  // Created once, outside the reconnect loop, and bounded (docs/whatsapp.md §5, §8).
  readonly #retryCounter = new BoundedCache(5_000, 60 * 60_000);
  readonly #userDevices = new BoundedCache(5_000, 5 * 60_000);
  readonly #groups: BoundedCache<GroupMetadata>;
  readonly #holds: SendHolds;
  readonly #lids: LidResolver;
  #sock: WaSocket | null = null;
  #handler: InboundHandler | null = null;
  #status: TransportStatus;
  #attempt = 0;
  #qrCycles = 0;
  #pairCodeRequested = false;
  /** Set by a 405 close: the next socket first fetches the current WhatsApp Web version. */
  #refreshVersion = false;
  #version: WAVersion | null = null;
  /** Why intake is suspended (suspendIntake), or null. */
  #suspended: string | null = null;
  /** Bumped whenever a connect in progress must give up (stop, suspend, a newer connect). */
  #connectSeq = 0;
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
      lidLookup: DEFAULT_LID_LOOKUP,
      fetchVersion: fetchCurrentWaVersion,
      ...options,
    };
    this.#factory = options.socketFactory ?? ((config) => makeWASocket(config));
    this.#auth = createSqliteAuthState(options.auth);
    const nowMs = () => this.#o.now().getTime();
    this.#groups = new BoundedCache<GroupMetadata>(500, GROUP_METADATA_TTL_MS, nowMs);
    this.#holds = new SendHolds(options.holds, nowMs, this.#o.logger);
    const { pairs, logger, sleep, setTimer, lidLookup } = this.#o;
    this.#lids = new LidResolver({ pairs, logger, now: nowMs, sleep, setTimer, options: lidLookup });
    this.#status = { state: 'starting', detail: '', since: this.#o.now() };
  }

  status(): TransportStatus {
    const restrictedUntil = this.#holds.until(ACCOUNT_SCOPE);
    if (this.#status.state === 'open' && restrictedUntil !== null) {
      return { ...this.#status, state: 'restricted', detail: `reach-out restricted until ${new Date(restrictedUntil).toISOString()}` };
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
    this.#halt();
    this.#setState('stopped', 'stopped by the operator');
    await this.#inbound;
  }

  /**
   * Inbound messages cannot be stored (disk full, read-only database): the socket ends and nothing reconnects, so
   * WhatsApp keeps what arrives meanwhile and delivers it after resumeIntake() as offline (`append`) messages.
   * Sends fail as unreachable meanwhile (the outbox keeps them).
   */
  async suspendIntake(reason: string): Promise<void> {
    this.#suspended = reason;
    if (this.#stopped) return;
    this.#halt();
    this.#setState('suspended', `intake suspended: ${reason}; WhatsApp holds new messages until it resumes`);
  }

  async resumeIntake(): Promise<void> {
    if (this.#suspended === null) return;
    this.#suspended = null;
    if (this.#stopped || !this.#handler) return;
    this.#attempt = 0;
    await this.#connect();
  }

  /** Ends the live socket, the pending reconnect, a connect in progress and the LID look-ups. */
  #halt(): void {
    this.#connectSeq++;
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#lids.stop();
    this.#endSocket();
  }

  #endSocket(): void {
    const sock = this.#sock;
    this.#sock = null;
    try {
      sock?.end(undefined);
    } catch {
      // Already closed: nothing to release.
    }
  }

  /** Resolves when every inbound message received so far has been handed to the bot. */
  async drained(): Promise<void> {
    await this.#inbound;
  }

  #setState(state: LinkState, detail: string): void {
    if (state !== this.#status.state) this.#status = { state, detail, since: this.#o.now() };
    else this.#status = { ...this.#status, detail };
    try {
      this.#o.events.stateChanged(state, detail);
    } catch (err) {
      // A listener that cannot record the state (e.g. the database is read-only) must not break the lifecycle.
      this.#o.logger.error({ err, state }, 'link state listener failed');
    }
  }

  /** Single flight: the old socket is ended before a new one starts (two sockets on one session loop on 440). */
  async #connect(): Promise<void> {
    this.#cancelTimer = null;
    if (this.#stopped) return;
    if (this.#suspended !== null) {
      this.#setState('suspended', `intake suspended: ${this.#suspended}`);
      return;
    }
    const seq = ++this.#connectSeq;
    if (this.#refreshVersion) {
      this.#refreshVersion = false;
      this.#version = (await refreshWaVersion(this.#o.fetchVersion, this.#o.logger)) ?? this.#version;
      if (seq !== this.#connectSeq) return;
    }
    this.#lids.stop();
    this.#endSocket();
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
      ...(this.#version ? { version: this.#version } : {}),
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
    if (reachoutTimeLock) this.#holds.applyReachout(reachoutTimeLock);
    if (qr && !this.#auth.isPaired()) await this.#onQr(sock, qr);
    if (connection === 'open') {
      this.#attempt = 0;
      this.#qrCycles = 0;
      this.#setState('open', 'connected');
      this.#afterOpen(sock);
    }
    if (connection === 'close') {
      this.#sock = null;
      this.#lids.stop();
      this.#scheduleReconnect(statusCodeOf(lastDisconnect?.error));
    }
  }

  /** Asks for the account's reach-out restriction (a restart may have missed its end or its start) and the LIDs. */
  #afterOpen(sock: WaSocket): void {
    sock
      .fetchAccountReachoutTimelock()
      .then((lock) => {
        if (this.#sock === sock) this.#holds.applyReachout(lock);
      })
      .catch((err: unknown) => this.#o.logger.warn({ err }, 'could not fetch the reach-out restriction state'));
    this.#lids.start((pnJid) => sock.signalRepository.lidMapping.getLIDForPN(pnJid));
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
    if (this.#stopped || this.#suspended !== null) return;
    const decision = decideReconnect(code, this.#attempt, this.#o.random);
    this.#attempt++;
    if (decision.action === 'stop') {
      if (decision.wipeAuth) this.#auth.clear();
      this.#stopped = true;
      this.#setState(decision.state, decision.reason);
      return;
    }
    if (decision.refreshVersion) this.#refreshVersion = true;
    this.#setState('reconnecting', `${decision.reason}; retry ${this.#attempt} in ${Math.round(decision.delayMs / 1000)} s`);
    this.#cancelTimer = this.#o.setTimer(() => void this.#connect(), decision.delayMs);
  }

  /** Inbound handling is chained so that LID look-ups (async) cannot reorder one sender's messages. */
  #queueInbound(sock: WaSocket, { messages, type }: BaileysEventMap['messages.upsert']): void {
    this.#inbound = this.#inbound.then(async () => {
      // Each message is handed over in order without waiting for the one before to be committed, so a burst joins
      // one group commit; the next burst waits until these are durable.
      const accepted: Promise<void>[] = [];
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
          // Baileys has acknowledged the message to WhatsApp already: the handler writes it to the bot's journal at
          // once, so nothing else (such as the read receipt's round trip) may stand before the next message's turn.
          // The group's name only from the cache (filled when the bot writes to the group): no look-up stands
          // before the journal insert.
          const subject = verdict.chat.kind === 'group' ? this.#groups.get(verdict.chat.jid)?.subject : undefined;
          const handed = this.#handler?.(toInboundMessage(verdict, sender, subject));
          if (!handed) continue;
          accepted.push(
            handed.then(
              // Read receipts make the number look attended, not like an unattended bot.
              () => void sock.readMessages([verdict.key]).catch((err: unknown) => this.#o.logger.debug({ err }, 'read receipt failed')),
              (err: unknown) => this.#o.logger.error({ err }, 'inbound WhatsApp message failed'),
            ),
          );
        } catch (err) {
          this.#o.logger.error({ err }, 'inbound WhatsApp message failed');
        }
      }
      await Promise.all(accepted);
    });
  }

  #onMessagesUpdate(updates: BaileysEventMap['messages.update']): void {
    for (const { key, update } of updates) {
      if (update.status !== WAMessageStatus.ERROR || !key.id) continue;
      const code = String(update.messageStubParameters?.[0] ?? 'unknown');
      if (isRefusalCode(code) && key.remoteJid) this.#holdRefused(key.remoteJid, code);
      this.#o.events.deliveryFailed(key.id, code);
    }
  }

  #holdRefused(jid: string, code: string | number): void {
    this.#holds.hold(jid, this.#o.now().getTime() + this.#o.refusalCooldownMs, `WhatsApp refused a message (${code})`);
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

  /** Cached exactly as WhatsApp returned it (rewriting LID participants breaks group sends, docs/whatsapp.md §5). */
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
    if (!this.#sock || this.#status.state !== 'open') throw new TransportUnreachableError(`WhatsApp link is ${this.#status.state}`);
    if (this.#holds.until(ACCOUNT_SCOPE) !== null) throw new TransportUnreachableError('WhatsApp reach-out restriction active; sending paused');
    const jid = toJid(message.to);
    if (this.#holds.until(jid) !== null) throw new TransportRejectedError('WhatsApp refused this chat recently (463/479); not retried');

    // The dispatcher has already paced this send (rate, per-chat gap); only the typing pause is WhatsApp's own.
    const sock = this.#sock;
    const { content } = message;
    if (content.kind === 'text') {
      await sock.sendPresenceUpdate('composing', jid).catch(() => undefined);
      await this.#o.sleep(typingDelayMs(content.text));
    }
    if (content.kind !== 'text' && !content.path) throw new TransportRejectedError(`no file for ${content.fileName}`);
    let waContent;
    try {
      waContent = toWaContent(content);
    } catch (error) {
      // A file that cannot be read (deleted by hand, pruned) will not appear by retrying; read inside the send below,
      // its error would look like a network failure and pause every chat's sending.
      throw new TransportRejectedError(`cannot read the file for ${content.kind === 'text' ? 'text' : content.fileName}`, { cause: error });
    }
    let sent;
    try {
      // The same outbox row always gets the same id: a re-send after a crash is recognisable as the same message.
      sent = await sock.sendMessage(jid, waContent, { messageId: messageIdFor(this.#o.messageIdSeed, message.outboxId) });
    } catch (error) {
      const code = statusCodeOf(error);
      if (isRefusalCode(code)) {
        this.#holdRefused(jid, code);
        throw new TransportRejectedError(`WhatsApp refused the message (${code})`, { cause: error });
      }
      throw new TransportUnreachableError(`send failed${code ? ` (${code})` : ''}`, { cause: error });
    }
    if (content.kind === 'text') await sock.sendPresenceUpdate('paused', jid).catch(() => undefined);
    const id = sent?.key.id ?? null;
    if (id && sent?.message) {
      this.#o.sent.save(id, jid, Buffer.from(proto.Message.encode(sent.message).finish()).toString('base64'), this.#o.now());
    }
    return { providerMessageId: id };
  }
}
