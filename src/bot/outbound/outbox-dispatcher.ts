// Sends what the outbox holds, after the transaction that queued it has committed.
//
// Order and fairness: a chat's messages go strictly one after another (its next message waits for the earlier one,
// retries included), while different chats are sent to side by side under one rate gate (rate-gate.ts). Replies to a
// message just received go before outreach, which has its own slower rate and never takes the last tokens.
// Waits (a chat's gap, jitter, WhatsApp's typing pause inside the transport) overlap across chats instead of
// blocking the queue.
//
// Failures: rejected → failed for good (463/479 are never retried). Unreachable (link down, reach-out restriction)
// → the whole dispatcher pauses with backoff and resumes at once when the link is back, in order: the waiting messages
// do not each carry a backoff of their own. Anything else → that message (and so its chat) retries with backoff, and
// is given up after MAX_SEND_ATTEMPTS. A message given up is shown by `whatsapp status` and told to the admins.
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { isStorageFailure } from '../../db/database-errors.js';
import { dueChatHeads, markFailed, markRetry, markSent, noteUnreachable, priorityName, type ChatHead, type OutboxRow } from '../../db/repos/outbox.repo.js';
import type { Logger } from '../../logger.js';
import { TransportRejectedError, TransportUnreachableError, type OutboundMessage, type SendPriority, type Transport } from '../transport.js';
import { RateGate, type RateOptions } from './rate-gate.js';
import { SendCounter, type SendCaps } from './send-counter.js';

export interface PacingOptions extends RateOptions {
  /** Least time between two messages to one chat. */
  perChatGapMs: number;
  /** Random extra wait before each message, so sends are not machine-regular (overlaps across chats). */
  jitterMinMs: number;
  jitterMaxMs: number;
  /** Chats being sent to at once; outreach may hold at most `maxOutreachInFlight` of them. */
  maxInFlight: number;
  maxOutreachInFlight: number;
}

/** What one WhatsApp number can take without looking like a bulk sender (see README "Sending politely"). */
export const WHATSAPP_PACING: PacingOptions = {
  ratePerSecond: 1,
  burst: 3,
  outreachPerMinute: 20,
  replyReserve: 1,
  perChatGapMs: 4_000,
  jitterMinMs: 500,
  jitterMaxMs: 2_000,
  maxInFlight: 32,
  maxOutreachInFlight: 4,
};

/** Pause after the link failed: 5 s, doubling, at most 2 minutes (the link's recovery resumes sooner). */
export function linkRetryDelayMs(attempts: number): number {
  return Math.min(120_000, 5_000 * 2 ** Math.max(0, attempts - 1));
}

/** Backoff of one message that failed for a reason of its own. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10 * 60_000, 5_000 * 2 ** Math.max(0, attempts));
}

/** Tries of a message that keeps failing for a reason of its own (about 10 minutes of backoff) before it is given up. */
export const MAX_SEND_ATTEMPTS = 8;

export function toOutbound(row: OutboxRow, priority: SendPriority = priorityName(row.priority)): OutboundMessage {
  return {
    outboxId: row.id,
    to: row.toAddress,
    priority,
    content:
      row.kind === 'text'
        ? { kind: 'text', text: row.text }
        : { kind: row.kind, fileName: row.mediaName ?? 'berkas', path: row.mediaPath, caption: row.text },
  };
}

export interface DispatcherAlerts {
  raise(kind: string, message: string): void;
  resolve(kind: string): void;
  /** A message was given up (refused, or still failing after its retries): the admins hear of it. */
  messageFailed(reason: string): void;
}

export interface DispatcherDeps {
  db: Db;
  transport: Transport;
  clock: Clock;
  logger: Logger;
  /** null: one message at a time, most urgent first, with no waiting (simulator, tests, console). */
  pacing: PacingOptions | null;
  /** Hourly/daily caps on sends; when reached, outreach waits (replies still go) and an alert is raised. */
  caps?: SendCaps | null;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Runs `fn` after `ms` (production: a timer) so a pause ends by itself; the simulator and tests kick instead. */
  wake?: (fn: () => void, ms: number) => void;
  alerts?: DispatcherAlerts;
  /** Called when recording a send fails because the database cannot be written. */
  onStorageFailure?: (error: unknown) => void;
}

export const SEND_CAP_ALERT = 'SEND_CAP_REACHED';

/**
 * Unpaced, the dispatcher sends one message at a time and would ask the outbox for the next chat head after every
 * send (a query over every pending row); it reads up to this many heads at once and sends them in that order
 * instead. Rows queued meanwhile wait for the next read, at most this many sends later.
 */
const UNPACED_WINDOW = 64;

export class OutboxDispatcher {
  readonly #inFlight = new Map<string, { priority: SendPriority }>();
  /** Unpaced only: chat heads read ahead, most urgent first, not sent yet. */
  #readAhead: ChatHead[] = [];
  readonly #lastSentTo = new Map<string, number>();
  readonly #gate: RateGate | null;
  readonly #counter: SendCounter | null;
  #pausedUntil = 0;
  #pauseAttempts = 0;
  #wakeAt = Number.POSITIVE_INFINITY;
  #idleWaiters: (() => void)[] = [];
  #stopped = false;

  constructor(private readonly deps: DispatcherDeps) {
    const now = () => deps.clock.now().getTime();
    this.#gate = deps.pacing ? new RateGate(deps.pacing, now, this.#sleep) : null;
    this.#counter = deps.caps ? new SendCounter(deps.db, deps.caps, deps.clock.now()) : null;
  }

  /** Sends whatever is due. Resolves when nothing is due or in flight any more (or sending is paused). */
  kick(): Promise<void> {
    this.#stopped = false;
    const idle = new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
    this.#pump();
    return idle;
  }

  /** The link is back: resume at once, in order, instead of waiting out the backoff. */
  linkRestored(): void {
    this.#pausedUntil = 0;
    this.#pauseAttempts = 0;
    this.#pump();
  }

  /** Resolves when the sends in flight have finished; starts none. */
  async drain(): Promise<void> {
    this.#stopped = true;
    if (this.#inFlight.size === 0) return;
    await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  #sleep = (ms: number): Promise<void> => (this.deps.sleep ? this.deps.sleep(ms) : new Promise((resolve) => setTimeout(resolve, ms)));

  #pump(): void {
    const { db, clock, pacing } = this.deps;
    const now = clock.now();
    if (!this.#stopped && now.getTime() >= this.#pausedUntil) {
      const maxInFlight = pacing?.maxInFlight ?? 1;
      const free = maxInFlight - this.#inFlight.size;
      if (free > 0) {
        const capped = this.#counter?.capped(now) ?? false;
        this.#noteCap(capped);
        let heads: ChatHead[];
        if (!pacing && this.#readAhead.length > 0) {
          heads = this.#readAhead;
        } else {
          try {
            heads = dueChatHeads(db, now, pacing ? free + this.#inFlight.size : UNPACED_WINDOW, capped ? 0 : 2);
          } catch (error) {
            this.#storageFailed(error);
            heads = [];
          }
        }
        this.#readAhead = [];
        let outreach = [...this.#inFlight.values()].filter((f) => f.priority !== 'reply').length;
        let started = 0;
        for (const [index, { row, urgency }] of heads.entries()) {
          const flying = this.#inFlight.get(row.toAddress);
          if (flying) {
            // A reply now waits behind this chat's outreach message: let that message go at reply priority.
            if (urgency === 0 && flying.priority !== 'reply') this.#gate?.promote(row.toAddress);
            continue;
          }
          if (started >= free) {
            if (!pacing) this.#readAhead = heads.slice(index);
            break;
          }
          const priority: SendPriority = urgency === 0 ? 'reply' : priorityName(row.priority);
          if (priority !== 'reply' && pacing && outreach >= pacing.maxOutreachInFlight) continue;
          if (priority !== 'reply') outreach++;
          started++;
          this.#inFlight.set(row.toAddress, { priority });
          void this.#deliver(row, priority).finally(() => {
            this.#inFlight.delete(row.toAddress);
            this.#pump();
          });
        }
      }
    } else if (!this.#stopped) {
      this.#scheduleWake(this.#pausedUntil - now.getTime());
    }
    if (this.#inFlight.size === 0) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  async #deliver(row: OutboxRow, priority: SendPriority): Promise<void> {
    const { db, transport, clock, logger, pacing } = this.deps;
    const chat = row.toAddress;
    if (pacing && this.#gate) {
      const random = this.deps.random ?? Math.random;
      const sinceLast = clock.now().getTime() - (this.#lastSentTo.get(chat) ?? Number.NEGATIVE_INFINITY);
      const jitter = pacing.jitterMinMs + random() * (pacing.jitterMaxMs - pacing.jitterMinMs);
      await this.#sleep(Math.max(0, pacing.perChatGapMs - sinceLast) + jitter);
      await this.#gate.acquire(chat, priority);
      // The link may have gone down (or the bot stopped) while this message waited for its turn.
      if (clock.now().getTime() < this.#pausedUntil || this.#stopped) return;
    }
    // A cap reached while this outreach message waited: it stays pending until the window allows.
    if (priority !== 'reply' && this.#counter?.capped(clock.now())) return;
    let providerMessageId: string | null;
    try {
      providerMessageId = (await transport.send(toOutbound(row, priority))).providerMessageId;
    } catch (error) {
      this.#sendFailed(row, error);
      return;
    }
    const sentAt = clock.now();
    this.#lastSentTo.set(chat, sentAt.getTime());
    this.#forgetQuietChats(sentAt.getTime());
    this.#counter?.record(sentAt);
    this.#pauseAttempts = 0;
    try {
      markSent(db, row.id, sentAt, providerMessageId);
    } catch (error) {
      // Sent but not recorded: it stays pending and goes again later with the same outbox id, which the transport
      // turns into the same network message id (the network drops the duplicate).
      logger.error({ outboxId: row.id }, 'a sent message could not be recorded as sent');
      this.#storageFailed(error);
    }
  }

  #sendFailed(row: OutboxRow, error: unknown): void {
    const { db, clock, logger } = this.deps;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    try {
      if (error instanceof TransportRejectedError) {
        logger.warn({ outboxId: row.id, reason }, 'outbound message rejected; not retried');
        markFailed(db, row.id, reason, clock.now());
        this.deps.alerts?.messageFailed(reason);
      } else if (error instanceof TransportUnreachableError) {
        // The link, not the message: pause everything; the link's recovery (or the backoff) resumes in order.
        noteUnreachable(db, row.id, reason);
        this.#pause();
      } else if (row.attempts + 1 >= MAX_SEND_ATTEMPTS) {
        const final = `${reason} (gave up after ${row.attempts + 1} tries)`;
        logger.error({ err: error, outboxId: row.id }, 'send kept failing; given up');
        markFailed(db, row.id, final, clock.now());
        this.deps.alerts?.messageFailed(final);
      } else {
        const retryAt = new Date(clock.now().getTime() + retryDelayMs(row.attempts));
        markRetry(db, row.id, reason, retryAt);
        logger.error({ err: error, outboxId: row.id }, 'send failed unexpectedly; retried later');
        this.#scheduleWake(retryAt.getTime() - clock.now().getTime());
      }
    } catch (storageError) {
      this.#storageFailed(storageError);
    }
  }

  #pause(): void {
    this.#pauseAttempts++;
    const delay = linkRetryDelayMs(this.#pauseAttempts);
    this.#pausedUntil = Math.max(this.#pausedUntil, this.deps.clock.now().getTime() + delay);
    this.#scheduleWake(delay);
  }

  #storageFailed(error: unknown): void {
    if (!isStorageFailure(error)) throw error;
    this.deps.onStorageFailure?.(error);
    this.#pause();
  }

  #scheduleWake(ms: number): void {
    const { wake, clock } = this.deps;
    if (!wake) return;
    const at = clock.now().getTime() + Math.max(0, ms);
    if (at >= this.#wakeAt && this.#wakeAt > clock.now().getTime()) return;
    this.#wakeAt = at;
    wake(() => {
      if (this.#wakeAt === at) this.#wakeAt = Number.POSITIVE_INFINITY;
      this.#pump();
    }, Math.max(0, ms));
  }

  #noteCap(capped: boolean): void {
    const { alerts, caps } = this.deps;
    if (!this.#counter || !alerts || !caps) return;
    if (this.#counter.changed(capped)) {
      if (capped) {
        this.deps.logger.warn({ caps }, 'send cap reached; outreach waits, replies still go');
        alerts.raise(SEND_CAP_ALERT, `Batas kirim pesan tercapai (${caps.hourly}/jam atau ${caps.daily}/hari). Pesan pengingat dan ringkasan ditahan; balasan tetap dikirim.`);
      } else {
        alerts.resolve(SEND_CAP_ALERT);
      }
    }
  }

  /** Chats quiet for longer than the per-chat gap no longer constrain anything: keep the map small. */
  #forgetQuietChats(now: number): void {
    const gap = this.deps.pacing?.perChatGapMs ?? 0;
    if (this.#lastSentTo.size < 1_000) return;
    for (const [chat, at] of this.#lastSentTo) if (now - at > gap) this.#lastSentTo.delete(chat);
  }
}
