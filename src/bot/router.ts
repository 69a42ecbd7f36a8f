// The inbound path: normalised message → durable de-duplication → per-sender order → engine → one synchronous
// transaction (inbound row, conversation state, outbox rows) → the dispatcher sends after commit.
import type { AreaDirectory } from '../areas/directory.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { loadConversation, saveConversation } from '../db/repos/conversations.repo.js';
import { rememberGroup } from '../db/repos/groups.repo.js';
import { isInboundSeen, recordInbound, type InboundOutcome, type InboundRecord } from '../db/repos/inbound.repo.js';
import { enqueueOutbound } from '../db/repos/outbox.repo.js';
import { findActivePersonByPhone } from '../db/repos/people.repo.js';
import { COPY } from '../flows/copy.js';
import { converse, type ConversationOptions } from '../flows/conversation.js';
import { EMPTY_CONVERSATION, type ConversationInput, type ConversationState } from '../flows/engine/types.js';
import type { FlowRegistry } from '../flows/registry.js';
import { hashSender, type Logger } from '../logger.js';
import { actorOf } from './actor.js';
import type { Tx } from '../db/client.js';
import type { Actor } from '../flows/engine/types.js';
import { applyEvents, type CompletionHandler, type DomainEventHandlers } from './apply-events.js';
import { KeyedQueue } from './keyed-queue.js';
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
  /** Read what flows need to know for this sender (facts), inside the message's transaction. */
  facts?: readonly FactsLoader[];
  /** Called after each commit that may have queued messages (the dispatcher's kick). */
  onQueued?: () => void;
}

export type ReceiveOutcome = InboundOutcome | 'duplicate';

/**
 * Reads facts for some flows from the database; returns nothing for actors it does not concern. It runs only when
 * one of its flows is open, or when no flow is (the message may start one): not on every message of every flow.
 */
export interface FactsLoader {
  flows: readonly string[];
  load(tx: Tx, actor: Actor, now: Date, sender: { key: string }): Record<string, unknown>;
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

export class Router {
  readonly #queue = new KeyedQueue();
  constructor(private readonly deps: RouterDeps) {}

  /** Resolves once the message is committed (its replies are in the outbox), in order per sender. */
  receive(message: InboundMessage): Promise<ReceiveOutcome> {
    return this.#queue.run(senderKeyOf(message), () => {
      const outcome = this.#process(message);
      if (outcome === 'handled' || outcome === 'failed') this.deps.onQueued?.();
      return outcome;
    });
  }

  #process(message: InboundMessage): ReceiveOutcome {
    const { db, clock, logger } = this.deps;
    const now = clock.now();
    const senderKey = senderKeyOf(message);
    const record: Omit<InboundRecord, 'outcome'> = {
      providerId: message.id,
      transport: this.deps.transportName,
      senderKey,
      chatId: message.chat.kind === 'group' ? message.chat.groupId : message.chat.address,
      kind: message.content.kind === 'media' ? message.content.media : message.content.kind,
      text: message.content.kind === 'text' ? message.content.text : null,
      receivedAt: message.sentAt,
      processedAt: now,
    };
    try {
      return db.transaction((tx): ReceiveOutcome => {
        if (isInboundSeen(tx, message.id)) return 'duplicate';
        if (message.chat.kind === 'group') {
          // The bot posts to groups but does not hold conversations in them: a menu there would show one
          // person's data to everyone. Members are asked to message the bot privately (nothing is sent here).
          rememberGroup(tx, message.chat.groupId, message.chat.label ?? message.chat.groupId);
          recordInbound(tx, { ...record, outcome: 'ignored' });
          return 'ignored';
        }
        const person = message.from.phone ? findActivePersonByPhone(tx, message.from.phone) : undefined;
        const actor = actorOf(person);
        const state = loadConversation<ConversationState>(tx, senderKey) ?? EMPTY_CONVERSATION;
        const open = state.active?.flowId;
        const loaders = (this.deps.facts ?? []).filter((loader) => open === undefined || loader.flows.includes(open));
        const facts = Object.assign({}, ...loaders.map((loader) => loader.load(tx, actor, now, { key: senderKey }))) as Record<string, unknown>;
        const env = { now, actor, areas: this.deps.areas, facts };
        const sprint = converse(this.deps.registry, state, inputOf(message), env, this.deps.conversation);
        const inboundId = recordInbound(tx, { ...record, outcome: 'handled' });
        saveConversation(tx, senderKey, sprint.state, now);
        applyEvents(tx, sprint.events, { now, areas: this.deps.areas, actor, replyTo: message.chat.address, senderKey, inboundId, logger }, {
          completions: this.deps.completions ?? {},
          domain: this.deps.domainHandlers ?? {},
        });
        return 'handled';
      });
    } catch (error) {
      // The boundary for one message (grammY's BotError): log once with context, apologise in Indonesian,
      // and record the message as failed so a redelivery does not fail (and apologise) again.
      logger.error({ err: error, senderKey: hashKey(senderKey), providerId: message.id }, 'inbound message failed');
      return this.#recordFailure(message, record, now);
    }
  }

  #recordFailure(message: InboundMessage, record: Omit<InboundRecord, 'outcome'>, now: Date): ReceiveOutcome {
    try {
      return this.deps.db.transaction((tx): ReceiveOutcome => {
        if (isInboundSeen(tx, message.id)) return 'duplicate';
        const inboundId = recordInbound(tx, { ...record, outcome: 'failed' });
        if (message.chat.kind === 'private') {
          enqueueOutbound(tx, { toAddress: message.chat.address, priority: 'reply', kind: 'text', text: COPY.internalError, inboundId }, now);
        }
        return 'failed';
      });
    } catch (error) {
      this.deps.logger.fatal({ err: error }, 'could not record a failed inbound message');
      throw error;
    }
  }
}

/** A short stable tag for a sender in logs, so one person's messages can be followed without their number. */
export function hashKey(key: string): string {
  return hashSender(key); // salted (src/logger.ts): an unsalted hash of a phone number can be reversed by trying them all
}
