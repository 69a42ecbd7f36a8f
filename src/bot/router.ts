// The inbound path: normalised message → inbound journal (one small durable insert; what a transport may acknowledge
// on) → per-sender order → engine → one synchronous transaction (effects, conversation state, outbox rows, and the
// journal row marked processed) → the dispatcher sends after commit.
//
// Group commit: messages accepted in the same turn of the event loop are written in one transaction, each in a
// savepoint of its own, so one disk sync serves them all. Each message keeps its guarantees: it is acknowledged
// only once the commit holding it is durable, a message that fails rolls back alone, and arrival order is kept.
//
// Nothing acknowledged is lost: a message is processed from its journal row, so a crash, a full disk or a transaction
// that still fails after the busy timeout leaves the row to be processed at the next start or retry, exactly once.
import type { AreaDirectory } from '../areas/directory.js';
import type { Clock } from '../clock.js';
import type { Db, DbOrTx, Tx } from '../db/client.js';
import { isStorageFailure } from '../db/database-errors.js';
import { inSavepoint } from '../db/savepoint.js';
import { loadConversation, saveConversation } from '../db/repos/conversations.repo.js';
import {
  completeInbound,
  journalInbound,
  journalRow,
  noteJournalAttempt,
  unprocessedJournal,
  type InboundOutcome,
  type JournalRow,
} from '../db/repos/inbound.repo.js';
import { enqueueOutbound } from '../db/repos/outbox.repo.js';
import { findActivePersonByPhone, markFirstMessage, markWelcomed } from '../db/repos/people.repo.js';
import { COPY } from '../flows/copy.js';
import { converse, type ConversationOptions } from '../flows/conversation.js';
import { EMPTY_CONVERSATION, type Actor, type ConversationInput, type ConversationState } from '../flows/engine/types.js';
import type { FlowRegistry } from '../flows/registry.js';
import { opensWithGreeting, withWelcome } from '../flows/welcome.js';
import { hashSender, type Logger } from '../logger.js';
import { actorOf } from './actor.js';
import { applyEvents, type CompletionHandler, type DomainEventHandlers } from './apply-events.js';
import { practiceGuard } from './features/practice.js';
import { handleGroupMessage, type GroupCommandHandlers } from './group-messages.js';
import { KeyedQueue } from './keyed-queue.js';
import { mergeFacts } from './lazy-facts.js';
import type { InboundMessage } from './transport.js';

export interface RouterDeps {
  db: Db;
  clock: Clock;
  registry: FlowRegistry;
  areas: AreaDirectory;
  logger: Logger;
  transportName: string;
  conversation: ConversationOptions;
  completions?: Readonly<Record<string, CompletionHandler>>;
  /** Stores domain events (a submitted recap…) in the message's transaction. */
  domainHandlers?: DomainEventHandlers;
  /** Handlers of the commands the bot answers inside a WhatsApp group (DAFTAR GRUP…); anything else there is silent. */
  groupCommands?: GroupCommandHandlers;
  /** Read what flows need to know for this sender (facts), inside the message's transaction. */
  facts?: readonly FactsLoader[];
  /** Called after each commit that may have queued messages (the dispatcher's kick). */
  onQueued?: () => void;
  /** The database cannot be written (full, read-only, locked too long): messages wait; see StorageHealth. */
  onStorageFailure?: (error: unknown) => void;
  /** A write succeeded after a storage failure. */
  onStorageRecovered?: () => void;
  /** Runs `fn` after `ms` (production: a timer): retries after a storage failure. Tests call retry() instead. */
  wake?: (fn: () => void, ms: number) => void;
}

export type ReceiveOutcome = InboundOutcome | 'duplicate' | 'deferred';

/** What happened to a message handed to accept(): written to the journal, already there, or held in memory. */
export type Acceptance = 'journaled' | 'duplicate' | 'held';

/**
 * Reads facts for some flows from the database; returns nothing for actors it does not concern. It runs only when
 * one of its flows is open, or when no flow is (the message may start one): not on every message of every flow.
 * Its facts may be getters (bot/lazy-facts.ts) that query only when a step reads them, inside the message's
 * transaction; the router merges loaders by copying property descriptors, so no getter runs early.
 */
export interface FactsLoader {
  flows: readonly string[];
  /** `sender.openFlow`: the flow open before this message (null: none), for facts only one step needs. */
  load(tx: Tx, actor: Actor, now: Date, sender: { key: string; openFlow: string | null }): Record<string, unknown>;
}

/** Who the conversation belongs to: the phone when known, else the transport's raw id. */
export function senderKeyOf(message: InboundMessage): string {
  return message.from.phone ?? `raw:${message.from.rawId}`;
}

function inputOf(message: InboundMessage): ConversationInput {
  const { content } = message;
  switch (content.kind) {
    case 'text':
      return { kind: 'text', text: content.text };
    case 'media':
      return { kind: 'media', media: content.media };
    case 'undecryptable':
      return { kind: 'undecryptable' };
  }
}

/** The message as stored in the journal payload (the provider id is its own column). */
function toPayload(message: InboundMessage): string {
  return JSON.stringify({ from: message.from, chat: message.chat, content: message.content, sentAt: message.sentAt.toISOString() });
}

function fromJournal(row: JournalRow): InboundMessage {
  const payload = JSON.parse(row.payload!) as Omit<InboundMessage, 'id' | 'sentAt'> & { sentAt: string };
  return { ...payload, id: row.providerId, sentAt: new Date(payload.sentAt) };
}

const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 30_000;
/** Most messages in one group commit: bounds how long the first of them waits for the commit. */
const MAX_BATCH = 128;

/** A message waiting for the next group commit, and who waits for it. */
interface Pending {
  message: InboundMessage;
  settle(result: { acceptance: Acceptance; processed: Promise<ReceiveOutcome> }): void;
}

export class Router {
  readonly #queue = new KeyedQueue();
  /** Journal rows queued in memory (so a journal scan does not queue them twice). */
  readonly #queued = new Set<number>();
  /** Messages received while the journal could not be written, oldest first; written at the next retry. */
  readonly #held: InboundMessage[] = [];
  /** Set by a storage failure: queued messages stay in the journal until retry(), which keeps each sender's order. */
  #blocked = false;
  /** A storage failure has not been followed by a successful write yet. */
  #failing = false;
  #retryAttempts = 0;
  #retryScheduled = false;
  /** The journal left by an earlier run has been queued (retry() at start): only then may a message skip the queue. */
  #caughtUp = false;
  /** Messages accepted since the last group commit, in arrival order. */
  #batch: Pending[] = [];
  /** The group commit scheduled for the end of this turn of the event loop, if any. */
  #flushing: Promise<void> | null = null;

  constructor(private readonly deps: RouterDeps) {}

  /**
   * Writes the message to the journal and queues it for processing; returns once the insert is durable (a transport
   * may acknowledge the message then). Processing runs in order per sender; see idle().
   */
  async accept(message: InboundMessage): Promise<Acceptance> {
    return (await this.#submit(message)).acceptance;
  }

  /** accept() and wait until the message is processed (its replies are in the outbox). */
  async receive(message: InboundMessage): Promise<ReceiveOutcome> {
    return (await this.#submit(message)).processed;
  }

  /** Resolves when every accepted message has been processed (or deferred by a storage failure). */
  async idle(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    await this.#queue.idle();
  }

  /**
   * Processes what the journal still holds: at start (after a crash) and after a storage failure. Messages held in
   * memory are written first, then unprocessed rows are queued in arrival order.
   */
  async retry(): Promise<void> {
    // Let deferred work finish first, so rows are re-queued in order behind nothing of their own sender.
    await this.idle();
    this.#blocked = false;
    while (this.#held.length > 0) {
      const message = this.#held[0]!;
      try {
        this.#journal(this.deps.db, message);
      } catch (error) {
        this.#storageFailed(error);
        return;
      }
      this.#held.shift();
      this.#recovered();
    }
    let rows;
    try {
      rows = unprocessedJournal(this.deps.db);
    } catch (error) {
      this.#storageFailed(error);
      return;
    }
    for (const row of rows) if (!this.#queued.has(row.id)) void this.#enqueue(row.id, row.senderKey);
    this.#caughtUp = true;
  }

  get held(): number {
    return this.#held.length;
  }

  /** Adds the message to the next group commit; resolves once it is durable (or held, or a duplicate). */
  #submit(message: InboundMessage): Promise<{ acceptance: Acceptance; processed: Promise<ReceiveOutcome> }> {
    return new Promise((settle) => {
      this.#batch.push({ message, settle });
      // setImmediate: everything that arrives in this turn of the event loop (a burst read from the socket, a
      // simulator's lines) joins the same commit.
      this.#flushing ??= new Promise<void>((done) =>
        setImmediate(() => {
          this.#flushing = null;
          try {
            this.#flush();
          } finally {
            done();
          }
        }),
      );
    });
  }

  /**
   * Writes what was accepted: as one group commit when nothing waits in the journal, each message in a savepoint;
   * otherwise (and for whatever a group commit left: a message that failed, or all of them when the commit could not
   * be written) one by one, which journals, orders, defers and records failures exactly as for a single message.
   */
  #flush(): void {
    while (this.#batch.length > 0) {
      const batch = this.#batch.splice(0, MAX_BATCH);
      const done = batch.length > 1 && this.#canCommitInline() ? this.#groupCommit(batch) : 0;
      for (const pending of batch.slice(done)) pending.settle(this.#accept(pending.message));
    }
  }

  /**
   * Processes a prefix of the batch in one transaction and settles it; returns how many messages it settled. It
   * stops at the first message whose processing throws (that savepoint is rolled back, the rest of the batch takes
   * the one-by-one path, in order); a storage failure anywhere rolls the whole transaction back (returns 0).
   */
  #groupCommit(batch: readonly Pending[]): number {
    const { db, clock } = this.deps;
    const now = clock.now();
    const outcomes: ReceiveOutcome[] = [];
    try {
      db.transaction((tx) => {
        for (const { message } of batch) {
          try {
            // Rolled back alone when this message throws.
            outcomes.push(inSavepoint(tx, () => this.#journalAndProcess(tx, message, now)));
          } catch (error) {
            if (isStorageFailure(error)) throw error;
            break;
          }
        }
      });
    } catch (error) {
      if (!isStorageFailure(error)) throw error;
      return 0;
    }
    this.#recovered();
    if (outcomes.some((outcome) => outcome === 'handled' || outcome === 'failed')) this.deps.onQueued?.();
    outcomes.forEach((outcome, i) => {
      batch[i]!.settle(
        outcome === 'duplicate'
          ? { acceptance: 'duplicate', processed: Promise.resolve('duplicate') }
          : { acceptance: 'journaled', processed: Promise.resolve(outcome) },
      );
    });
    return outcomes.length;
  }

  /** Nothing queued, held or blocked, and the journal of an earlier run caught up: a message may skip the queue. */
  #canCommitInline(): boolean {
    return this.#caughtUp && !this.#blocked && this.#queued.size === 0 && this.#held.length === 0;
  }

  /** Journal insert, processing and completion of one message inside a transaction. */
  #journalAndProcess(tx: Tx, message: InboundMessage, now: Date): ReceiveOutcome {
    // No payload: it is only read back by a later transaction, and this one completes the row (or rolls it back).
    const id = this.#journal(tx, message, { payload: false });
    if (id === null) return 'duplicate';
    const processed = this.#process(tx, id, message, now);
    completeInbound(tx, id, processed.outcome, now, { forgetText: processed.forgetText });
    return processed.outcome;
  }

  #accept(message: InboundMessage): { acceptance: Acceptance; processed: Promise<ReceiveOutcome> } {
    // While earlier messages wait in memory, later ones queue behind them (order), and so do their processing.
    if (this.#held.length > 0) {
      this.#held.push(message);
      return { acceptance: 'held', processed: Promise.resolve('deferred') };
    }
    const inline = this.#acceptInline(message);
    if (inline) return inline;
    let id: number | null;
    try {
      id = this.#journal(this.deps.db, message);
    } catch (error) {
      if (!isStorageFailure(error)) throw error;
      this.#held.push(message);
      this.#storageFailed(error);
      return { acceptance: 'held', processed: Promise.resolve('deferred') };
    }
    if (id === null) return { acceptance: 'duplicate', processed: Promise.resolve('duplicate') };
    return { acceptance: 'journaled', processed: this.#enqueue(id, senderKeyOf(message)) };
  }

  /**
   * The common case in one transaction (one commit, so one disk sync): when nothing else waits to be processed, the
   * journal insert, the processing and the completion commit together. The message is acknowledged on that commit,
   * as it would be on the insert alone; a crash before it leaves nothing, like a crash before the insert. Anything
   * unusual (a bug in processing, a storage failure) rolls it all back and returns null: the message then takes the
   * two-step path (journal, then process), which records a failure or holds the message exactly as before.
   */
  #acceptInline(message: InboundMessage): { acceptance: Acceptance; processed: Promise<ReceiveOutcome> } | null {
    // Anything queued, held or blocked may be this sender's earlier message: order first.
    if (!this.#canCommitInline()) return null;
    const { db, clock } = this.deps;
    const now = clock.now();
    let outcome: ReceiveOutcome;
    try {
      outcome = db.transaction((tx) => this.#journalAndProcess(tx, message, now));
    } catch (error) {
      // A bug: the two-step path processes it again and records it as failed, with the apology, exactly once.
      if (!isStorageFailure(error)) return null;
      return this.#deferInline(message, error);
    }
    this.#recovered();
    if (outcome === 'duplicate') return { acceptance: 'duplicate', processed: Promise.resolve('duplicate') };
    if (outcome === 'handled' || outcome === 'failed') this.deps.onQueued?.();
    return { acceptance: 'journaled', processed: Promise.resolve(outcome) };
  }

  /** The database refused the inline transaction: the message waits in the journal (or in memory) for retry(). */
  #deferInline(message: InboundMessage, error: unknown): { acceptance: Acceptance; processed: Promise<ReceiveOutcome> } {
    const deferred = Promise.resolve<ReceiveOutcome>('deferred');
    let id: number | null;
    try {
      id = this.#journal(this.deps.db, message);
    } catch (journalError) {
      if (!isStorageFailure(journalError)) throw journalError;
      this.#held.push(message);
      this.#storageFailed(journalError);
      return { acceptance: 'held', processed: deferred };
    }
    if (id === null) return { acceptance: 'duplicate', processed: Promise.resolve('duplicate') };
    try {
      noteJournalAttempt(this.deps.db, id);
    } catch {
      // The same failure; the row waits either way.
    }
    this.#storageFailed(error);
    return { acceptance: 'journaled', processed: deferred };
  }

  #journal(db: DbOrTx, message: InboundMessage, { payload = true }: { payload?: boolean } = {}): number | null {
    return journalInbound(db, {
      providerId: message.id,
      transport: this.deps.transportName,
      senderKey: senderKeyOf(message),
      chatId: message.chat.kind === 'group' ? message.chat.groupId : message.chat.address,
      kind: message.content.kind === 'media' ? message.content.media : message.content.kind,
      text: message.content.kind === 'text' ? message.content.text : null,
      receivedAt: message.sentAt,
      payload: payload ? toPayload(message) : null,
    });
  }

  #enqueue(id: number, senderKey: string): Promise<ReceiveOutcome> {
    this.#queued.add(id);
    return this.#queue.run(senderKey, () => {
      try {
        const outcome = this.#processEntry(id);
        if (outcome === 'handled' || outcome === 'failed') this.deps.onQueued?.();
        return outcome;
      } finally {
        this.#queued.delete(id);
      }
    });
  }

  #processEntry(id: number): ReceiveOutcome {
    if (this.#blocked) return 'deferred';
    const { db, clock, logger } = this.deps;
    const now = clock.now();
    // Read inside the transaction; kept for the failure boundary below.
    const read: { message: InboundMessage | null } = { message: null };
    try {
      const outcome = db.transaction((tx): ReceiveOutcome => {
        const row = journalRow(tx, id);
        if (!row || row.outcome !== null) return 'duplicate';
        const message = (read.message = fromJournal(row));
        const { outcome, forgetText } = this.#process(tx, id, message, now);
        completeInbound(tx, id, outcome, now, { forgetText });
        return outcome;
      });
      this.#recovered();
      return outcome;
    } catch (error) {
      if (isStorageFailure(error)) {
        try {
          noteJournalAttempt(db, id);
        } catch {
          // The same failure; the row waits either way.
        }
        this.#storageFailed(error);
        return 'deferred';
      }
      // The boundary for one message (grammY's BotError): log once with context, apologise in Indonesian, and
      // record the message as failed so a redelivery does not fail (and apologise) again.
      const { message } = read;
      logger.error({ err: error, inboundId: id, sender: message ? hashSender(senderKeyOf(message)) : null, providerId: message?.id }, 'inbound message failed');
      return this.#recordFailure(id, message, now);
    }
  }

  /** Runs the message through the engine inside the transaction; returns what became of it. */
  #process(tx: Tx, inboundId: number, message: InboundMessage, now: Date): { outcome: InboundOutcome; forgetText: boolean } {
    const senderKey = senderKeyOf(message);
    if (message.chat.kind === 'group') {
      // The bot holds no conversation in a group (a menu there would show one person's data to everyone): it answers
      // its group commands only and is silent otherwise.
      const { logger, areas } = this.deps;
      return handleGroupMessage(tx, { inboundId, message, groupId: message.chat.groupId, senderKey, now }, { areas, logger, handlers: this.deps.groupCommands ?? {} });
    }
    const person = message.from.phone ? findActivePersonByPhone(tx, message.from.phone) : undefined;
    const actor = actorOf(person);
    const state = loadConversation<ConversationState>(tx, senderKey) ?? EMPTY_CONVERSATION;
    const open = state.active?.flowId;
    // Practice mode (LATIHAN) runs on a made-up desa whose facts come from the state: no database facts, except for
    // a command that works anywhere and is answered for real.
    const practising = Boolean(state.practice);
    // A command that works inside any flow ("KASUS <kode>") needs its own flow's facts too.
    const global = (open !== undefined || practising) && message.content.kind === 'text' ? this.deps.registry.globalEntryFor(actor, message.content.text)?.flowId : undefined;
    const loaders = (this.deps.facts ?? []).filter((loader) =>
      practising ? global !== undefined && loader.flows.includes(global) : open === undefined || loader.flows.includes(open) || (global !== undefined && loader.flows.includes(global)),
    );
    const sender = { key: senderKey, openFlow: open ?? null };
    const facts = mergeFacts(loaders.map((loader) => loader.load(tx, actor, now, sender)));
    const env = { now, actor, areas: this.deps.areas, facts };
    const sprint = converse(this.deps.registry, state, inputOf(message), env, this.deps.conversation);
    // The same object back: nothing to keep changed (a menu, a help page with no flow open); no write.
    if (sprint.state !== state) saveConversation(tx, senderKey, sprint.state, now);
    // A registered person who writes is recorded as having written (invitations skip them); the first menu they see
    // carries the welcome (once: the write decides it). A command as the first message is just answered.
    if (person && person.firstMessageAt === null) markFirstMessage(tx, person.id, now);
    const welcome = person && person.welcomedAt === null && opensWithGreeting(sprint.events, env) && markWelcomed(tx, person.id, now);
    const shown = welcome ? withWelcome(sprint.events, env) : sprint.events;
    // In practice mode nothing may reach anyone else or be stored as a report (features/practice.ts).
    const events = practising || sprint.state.practice ? practiceGuard(shown, this.deps.logger) : shown;
    applyEvents(tx, events, { now, areas: this.deps.areas, actor, replyTo: message.chat.address, senderKey, inboundId, logger: this.deps.logger }, {
      completions: this.deps.completions ?? {},
      domain: this.deps.domainHandlers ?? {},
    });
    return { outcome: 'handled', forgetText: false };
  }

  #recordFailure(id: number, message: InboundMessage | null, now: Date): ReceiveOutcome {
    try {
      return this.deps.db.transaction((tx): ReceiveOutcome => {
        const row = journalRow(tx, id);
        if (!row || row.outcome !== null) return 'duplicate';
        completeInbound(tx, id, 'failed', now);
        const chat = (message ?? (row.payload ? fromJournal(row) : null))?.chat;
        if (chat?.kind === 'private') {
          enqueueOutbound(tx, { toAddress: chat.address, priority: 'reply', kind: 'text', text: COPY.internalError, inboundId: id }, now);
        }
        return 'failed';
      });
    } catch (error) {
      if (isStorageFailure(error)) {
        this.#storageFailed(error);
        return 'deferred';
      }
      this.deps.logger.fatal({ err: error }, 'could not record a failed inbound message');
      throw error;
    }
  }

  #storageFailed(error: unknown): void {
    this.#blocked = true;
    this.#failing = true;
    this.deps.onStorageFailure?.(error);
    if (this.#retryScheduled || !this.deps.wake) return;
    this.#retryScheduled = true;
    const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** this.#retryAttempts++);
    this.deps.wake(() => {
      this.#retryScheduled = false;
      void this.retry();
    }, delay);
  }

  #recovered(): void {
    if (!this.#failing) return;
    this.#failing = false;
    this.#retryAttempts = 0;
    this.deps.onStorageRecovered?.();
  }
}
