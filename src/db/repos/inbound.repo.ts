// The inbound journal: every received message is a row before anything else happens to it (the durable
// de-duplication key is the provider message id); processing completes the row in the same transaction as its effects.
import { and, asc, count, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { prepared } from '../prepared.js';
import { inboundMessages } from '../schema.js';

export type InboundOutcome = 'handled' | 'ignored' | 'failed';

export interface JournalEntry {
  providerId: string;
  transport: string;
  senderKey: string;
  chatId: string;
  kind: string;
  text: string | null;
  receivedAt: Date;
  /** The normalised message as JSON, read back to process it; null when the same transaction processes it. */
  payload: string | null;
}

export type JournalRow = typeof inboundMessages.$inferSelect;

/** Longest text kept in the log; the engine never reads more than this either. */
const MAX_LOGGED_CHARS = 3000;

/**
 * Writes a received message to the journal: one small insert, durable when it returns. Returns its row id, or null
 * when the provider id is already there (a redelivery: it is, or will be, processed once from its first row).
 */
const insertJournal = prepared((db) =>
  db
    .insert(inboundMessages)
    .values({
      providerId: sql.placeholder('providerId'),
      transport: sql.placeholder('transport'),
      senderKey: sql.placeholder('senderKey'),
      chatId: sql.placeholder('chatId'),
      kind: sql.placeholder('kind'),
      text: sql.placeholder('text'),
      receivedAt: sql.placeholder('receivedAt'),
      payload: sql.placeholder('payload'),
    })
    .onConflictDoNothing({ target: inboundMessages.providerId })
    .returning({ id: inboundMessages.id })
    .prepare(),
);

export function journalInbound(db: DbOrTx, entry: JournalEntry): number | null {
  const row = insertJournal(db).get({
    providerId: entry.providerId,
    transport: entry.transport,
    senderKey: entry.senderKey,
    chatId: entry.chatId,
    kind: entry.kind,
    text: entry.text === null ? null : entry.text.slice(0, MAX_LOGGED_CHARS),
    receivedAt: entry.receivedAt.toISOString(),
    payload: entry.payload,
  });
  return row?.id ?? null;
}

const rowById = prepared((db) => db.select().from(inboundMessages).where(eq(inboundMessages.id, sql.placeholder('id'))).prepare());

export function journalRow(db: DbOrTx, id: number): JournalRow | undefined {
  return rowById(db).get({ id });
}

/** Messages received but not yet processed, in arrival order (crash, full disk, a transaction that failed). */
export function unprocessedJournal(db: DbOrTx, limit = 500): { id: number; senderKey: string }[] {
  return db
    .select({ id: inboundMessages.id, senderKey: inboundMessages.senderKey })
    .from(inboundMessages)
    .where(isNull(inboundMessages.outcome))
    .orderBy(asc(inboundMessages.id))
    .limit(limit)
    .all();
}

/**
 * Marks the message processed (in the transaction of its effects); its payload is no longer needed. `forgetText`: the
 * message was not meant for the bot (members talking in a group), so its text is not kept either.
 */
const complete = prepared((db) =>
  db
    .update(inboundMessages)
    .set({ outcome: sql`${sql.placeholder('outcome')}`, processedAt: sql`${sql.placeholder('at')}`, payload: null })
    .where(eq(inboundMessages.id, sql.placeholder('id')))
    .prepare(),
);

const completeForgetting = prepared((db) =>
  db
    .update(inboundMessages)
    .set({ outcome: sql`${sql.placeholder('outcome')}`, processedAt: sql`${sql.placeholder('at')}`, payload: null, text: null })
    .where(eq(inboundMessages.id, sql.placeholder('id')))
    .prepare(),
);

export function completeInbound(db: DbOrTx, id: number, outcome: InboundOutcome, processedAt: Date, options: { forgetText?: boolean } = {}): void {
  (options.forgetText ? completeForgetting : complete)(db).run({ id, outcome, at: processedAt.toISOString() });
}

/** A processing attempt failed for a reason outside the message (busy, full, read-only); the row waits. */
export function noteJournalAttempt(db: DbOrTx, id: number): void {
  db.update(inboundMessages)
    .set({ attempts: sql`${inboundMessages.attempts} + 1` })
    .where(eq(inboundMessages.id, id))
    .run();
}

/**
 * Deletes processed log rows older than the retention period. The de-duplication window is therefore the retention
 * period: WhatsApp redelivers within hours or days, never months. A row without an outcome still waits in the inbound
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
