// Sends what the outbox holds, oldest first, after the transaction that queued it has committed.
// Unreachable transport → the message stays pending with backoff (nothing is dropped); rejected → failed for good.
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { duePending, markFailed, markRetry, markSent, priorityName, type OutboxRow } from '../db/repos/outbox.repo.js';
import type { Logger } from '../logger.js';
import { TransportRejectedError, TransportUnreachableError, type OutboundMessage, type Transport } from './transport.js';

const BASE_BACKOFF_MS = 5_000;
const MAX_BACKOFF_MS = 10 * 60_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts));
}

export function toOutbound(row: OutboxRow): OutboundMessage {
  return {
    outboxId: row.id,
    to: row.toAddress,
    priority: priorityName(row.priority),
    content:
      row.kind === 'text'
        ? { kind: 'text', text: row.text }
        : { kind: row.kind, fileName: row.mediaName ?? 'berkas', path: row.mediaPath, caption: row.text },
  };
}

export class OutboxDispatcher {
  #running: Promise<void> | null = null;
  #again = false;

  constructor(
    private readonly deps: { db: Db; transport: Transport; clock: Clock; logger: Logger },
  ) {}

  /** Starts a flush unless one is running (then it runs once more after). Resolves when the outbox is idle. */
  kick(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** Resolves when a flush in progress (if any) has finished; starts none. */
  async drain(): Promise<void> {
    await this.#running;
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      await this.#flushDue();
    } while (this.#again);
  }

  async #flushDue(): Promise<void> {
    const { db, transport, clock, logger } = this.deps;
    for (;;) {
      const rows = duePending(db, clock.now());
      if (rows.length === 0) return;
      for (const row of rows) {
        try {
          const receipt = await transport.send(toOutbound(row));
          markSent(db, row.id, clock.now(), receipt.providerMessageId);
        } catch (error) {
          const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          if (error instanceof TransportRejectedError) {
            logger.warn({ outboxId: row.id, reason }, 'outbound message rejected; not retried');
            markFailed(db, row.id, reason);
            continue;
          }
          // Unreachable (or unexpected): keep it pending and stop this round; order is kept for the next one.
          const retryAt = new Date(clock.now().getTime() + retryDelayMs(row.attempts));
          markRetry(db, row.id, reason, retryAt);
          if (!(error instanceof TransportUnreachableError)) logger.error({ err: error, outboxId: row.id }, 'send failed unexpectedly');
          return;
        }
      }
    }
  }
}
