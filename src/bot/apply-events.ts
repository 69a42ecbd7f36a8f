// Applies the engine's events inside the message's transaction: messages become outbox rows, completed flows
// are handed to the handler that stores their results. Nothing here sends; sending happens after commit.
import type { AreaDirectory } from '../areas/directory.js';
import type { Tx } from '../db/client.js';
import { enqueueOutbound } from '../db/repos/outbox.repo.js';
import { activePhoneOf } from '../db/repos/people.repo.js';
import type {
  Actor,
  CaseActed,
  CaseReported,
  CaseViewed,
  FlowEvent,
  PracticeFinished,
  QuizAnswered,
  QuizJoined,
  Recipient,
  RecapPeriodReopened,
  RecapReviewed,
  RecapSubmitted,
  ReportRequested,
} from '../flows/engine/types.js';
import type { Logger } from '../logger.js';

export interface ApplyContext {
  now: Date;
  areas: AreaDirectory;
  /** Who sent the message being handled. */
  actor: Actor;
  /** Where replies to the sender go. */
  replyTo: string;
  /** The sender's conversation key (E.164 phone, or the transport's raw id). */
  senderKey: string;
  inboundId: number | null;
  logger: Logger;
}

/** Stores what a finished flow collected. One per flow that ends with `complete: true`. */
export type CompletionHandler = (tx: Tx, results: Record<string, unknown>, ctx: ApplyContext) => void;

/** Domain events (everything but messages and failures) and who stores them, keyed by event type. */
export type DomainEvent = RecapSubmitted | RecapReviewed | RecapPeriodReopened | CaseReported | CaseActed | CaseViewed | ReportRequested | QuizJoined | QuizAnswered | PracticeFinished;
export type DomainEventHandlers = { [E in DomainEvent as E['type']]?: (tx: Tx, event: E, ctx: ApplyContext) => void };

export interface Handlers {
  completions: Readonly<Record<string, CompletionHandler>>;
  domain: DomainEventHandlers;
}

export class UnhandledEventError extends Error {
  override name = 'UnhandledEventError';
}

function addressOf(tx: Tx, to: Recipient, ctx: ApplyContext): string | null {
  switch (to.kind) {
    case 'sender':
      return ctx.replyTo;
    case 'group':
      return to.groupId;
    case 'person':
      return activePhoneOf(tx, to.personId);
  }
}

export function applyEvents(
  tx: Tx,
  events: readonly FlowEvent[],
  ctx: ApplyContext,
  handlers: Handlers,
): void {
  for (const event of events) {
    switch (event.type) {
      case 'message_created': {
        const to = addressOf(tx, event.to, ctx);
        if (to === null) {
          ctx.logger.warn({ recipient: event.to }, 'message to an unknown or inactive person dropped');
          break;
        }
        enqueueOutbound(tx, { toAddress: to, priority: to === ctx.replyTo ? 'reply' : 'notice', kind: 'text', text: event.text, inboundId: ctx.inboundId }, ctx.now);
        break;
      }
      case 'flow_failed':
        ctx.logger.error({ flowId: event.flowId, nodeId: event.nodeId, reason: event.reason }, 'flow failed');
        break;
      case 'flow_completed': {
        const handler = handlers.completions[event.flowId];
        // A flow whose answers nobody stores would lose data silently: fail the message instead.
        if (!handler) throw new UnhandledEventError(`no completion handler for flow ${event.flowId}`);
        handler(tx, event.results, ctx);
        break;
      }
      case 'mistake_caught':
      case 'practice_requested':
        // Practice mode's own: counted for its feedback, and consumed by the conversation core. Nothing to store.
        break;
      case 'recap_submitted':
      case 'recap_reviewed':
      case 'recap_period_reopened':
      case 'case_reported':
      case 'case_acted':
      case 'case_viewed':
      case 'report_requested':
      case 'quiz_joined':
      case 'quiz_answered':
      case 'practice_finished': {
        // Each domain event goes to the handler registered for its type; none registered is a wiring bug.
        const handler = handlers.domain[event.type] as ((tx: Tx, event: DomainEvent, ctx: ApplyContext) => void) | undefined;
        if (!handler) throw new UnhandledEventError(`no handler for ${event.type}`);
        handler(tx, event, ctx);
        break;
      }
    }
  }
}
