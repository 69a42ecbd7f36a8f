// Inbound messages: the durable de-duplication key (provider message id) and a short-lived log.
import { and, count, eq, isNotNull, lt } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { inboundMessages } from '../schema.js';

export type InboundOutcome = 'handled' | 'ignored' | 'failed';

export interface InboundRecord {
  providerId: string;
  transport: string;
  senderKey: string;
  chatId: string;
  kind: string;
  text: string | null;
  receivedAt: Date;
  processedAt: Date;
  outcome: InboundOutcome;
}

/** Longest text kept in the log; the engine never reads more than this either. */
const MAX_LOGGED_CHARS = 3000;

export function isInboundSeen(db: DbOrTx, providerId: string): boolean {
  return db.select({ id: inboundMessages.id }).from(inboundMessages).where(eq(inboundMessages.providerId, providerId)).get() !== undefined;
}

/** Records the message; returns its row id. Throws on a duplicate provider id (callers check first, in the same tx). */
export function recordInbound(db: DbOrTx, record: InboundRecord): number {
  const row = db
    .insert(inboundMessages)
    .values({
      providerId: record.providerId,
      transport: record.transport,
      senderKey: record.senderKey,
      chatId: record.chatId,
      kind: record.kind,
      text: record.text === null ? null : record.text.slice(0, MAX_LOGGED_CHARS),
      receivedAt: record.receivedAt.toISOString(),
      processedAt: record.processedAt.toISOString(),
      outcome: record.outcome,
    })
    .returning({ id: inboundMessages.id })
    .get();
  return row.id;
}

/**
 * Deletes log rows older than the retention period. The de-duplication window is therefore the retention period:
 * WhatsApp redelivers within hours or days, never months. A row without an outcome still waits in the inbound
 * journal (e.g. the disk was full for weeks): it is the message itself, so it stays until it has been processed.
 */
export function pruneInbound(db: DbOrTx, olderThan: Date): number {
  return db
    .delete(inboundMessages)
    .where(and(lt(inboundMessages.receivedAt, olderThan.toISOString()), isNotNull(inboundMessages.outcome)))
    .run().changes;
}

export function countInbound(db: DbOrTx): number {
  return db.select({ n: count() }).from(inboundMessages).get()!.n;
}
