// The durable outbox: every outbound message is a row before it is a send.
import { statSync } from 'node:fs';
import { and, asc, eq, gte, isNotNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { prepared } from '../prepared.js';
import { withRelaxedSync } from '../relaxed-sync.js';
import { OUTBOX_PRIORITIES, outbox } from '../schema.js';

export type OutboxRow = typeof outbox.$inferSelect;

// Written as literals, not bound values: SQLite uses a partial index (pending or failed rows only, see schema.ts)
// only when the query's condition is the index's own.
const isPending = sql`${outbox.status} = 'pending'`;
const isFailed = sql`${outbox.status} = 'failed'`;

export type OutboxPriority = keyof typeof OUTBOX_PRIORITIES;

export interface NewOutboxMessage {
  toAddress: string;
  /**
   * `reply`: answers the person whose message is being handled, in their chat. `notice`: tells someone else about
   * it (the PKB about a new case…). `bulk`: scheduled outreach (digests, reminders). Replies go first.
   */
  priority: OutboxPriority;
  kind: 'text' | 'image' | 'document';
  text: string;
  mediaName?: string | null;
  mediaPath?: string | null;
  inboundId?: number | null;
}

const insertOutbound = prepared((db) =>
  db
    .insert(outbox)
    .values({
      toAddress: sql.placeholder('toAddress'),
      kind: sql.placeholder('kind'),
      priority: sql.placeholder('priority'),
      text: sql.placeholder('text'),
      mediaName: sql.placeholder('mediaName'),
      mediaPath: sql.placeholder('mediaPath'),
      inboundId: sql.placeholder('inboundId'),
      notBefore: sql.placeholder('at'),
      createdAt: sql.placeholder('at'),
    })
    .returning({ id: outbox.id })
    .prepare(),
);

export function enqueueOutbound(db: DbOrTx, message: NewOutboxMessage, now: Date): number {
  return insertOutbound(db).get({
    toAddress: message.toAddress,
    kind: message.kind,
    priority: OUTBOX_PRIORITIES[message.priority],
    text: message.text,
    mediaName: message.mediaName ?? null,
    mediaPath: message.mediaPath ?? null,
    inboundId: message.inboundId ?? null,
    at: now.toISOString(),
  })!.id;
}

/** An image or document to send: a file saved before the transaction that queues it (media/media-store.ts). */
export interface OutboxMedia {
  kind: 'image' | 'document';
  /** The file name WhatsApp shows. */
  name: string;
  path: string;
  caption: string;
}

/**
 * Queues an image or document. The file must already be on disk: a row committed before its file would be sent as
 * nothing after a crash, so a missing file is a bug and throws (rolling the transaction back).
 */
export function enqueueMedia(db: DbOrTx, toAddress: string, priority: OutboxPriority, media: OutboxMedia, now: Date): number {
  if (!statSync(media.path, { throwIfNoEntry: false })?.isFile()) throw new Error(`media file missing: ${media.name}`);
  return enqueueOutbound(db, { toAddress, priority, kind: media.kind, text: media.caption, mediaName: media.name, mediaPath: media.path }, now);
}

/** How the outbox uses a media file: still to be sent, or done (sent or finally failed) and when the last one was. */
export interface MediaUse {
  path: string;
  pending: boolean;
  /** ISO time the last finished message with this file was sent (or created, when it failed). */
  lastDoneAt: string | null;
}

/** Every media file the outbox points to, for the prune: a file is kept while any message with it is pending. */
export function mediaUses(db: DbOrTx): MediaUse[] {
  return db
    .select({
      path: sql<string>`${outbox.mediaPath}`,
      pending: sql<number>`max(${outbox.status} = 'pending')`,
      lastDoneAt: sql<string | null>`max(case when ${outbox.status} = 'pending' then null else coalesce(${outbox.sentAt}, ${outbox.createdAt}) end)`,
    })
    .from(outbox)
    .where(isNotNull(outbox.mediaPath))
    .groupBy(outbox.mediaPath)
    .all()
    .map((r) => ({ path: r.path, pending: r.pending === 1, lastDoneAt: r.lastDoneAt }));
}

/** Pending messages whose next attempt is due, oldest first (the order they were created in). */
export function duePending(db: DbOrTx, now: Date, limit = 50): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(and(isPending, lte(outbox.notBefore, now.toISOString())))
    .orderBy(asc(outbox.id))
    .limit(limit)
    .all();
}

/** The oldest pending message of a chat, and the most urgent priority waiting in that chat. */
export interface ChatHead {
  row: OutboxRow;
  /** The lowest priority value pending in the chat (0 = a reply waits, possibly behind this row). */
  urgency: number;
}

/**
 * The next message of every chat that has one due, most urgent first. A chat's next message is always its oldest
 * pending one: when that one waits (a retry not yet due), the chat's later messages wait too, so nothing to one chat
 * ever overtakes an earlier message. `maxPriority` 0 leaves outreach out (the send cap is reached).
 */
const chatHeads = prepared((db) => {
  const heads = db
    .select({ id: sql<number>`min(${outbox.id})`.as('head_id'), urgency: sql<number>`min(${outbox.priority})`.as('urgency') })
    .from(outbox)
    .where(isPending)
    .groupBy(outbox.toAddress)
    .as('heads');
  return db
    .select({ row: outbox, urgency: heads.urgency })
    .from(outbox)
    .innerJoin(heads, eq(outbox.id, heads.id))
    .where(and(lte(outbox.notBefore, sql.placeholder('now')), lte(heads.urgency, sql.placeholder('maxPriority'))))
    .orderBy(asc(heads.urgency), asc(outbox.id))
    .limit(sql.placeholder('limit'))
    .prepare();
});

export function dueChatHeads(db: DbOrTx, now: Date, limit: number, maxPriority = 2): ChatHead[] {
  return chatHeads(db).all({ now: now.toISOString(), maxPriority, limit });
}

/** Sent messages per minute (`YYYY-MM-DDTHH:MM`, UTC) since `since`: seeds the send caps after a restart. */
export function sentPerMinute(db: DbOrTx, since: Date): { minute: string; n: number }[] {
  return db
    .select({ minute: sql<string>`substr(${outbox.sentAt}, 1, 16)`, n: sql<number>`count(*)` })
    .from(outbox)
    .where(gte(outbox.sentAt, since.toISOString()))
    .groupBy(sql`substr(${outbox.sentAt}, 1, 16)`)
    .all();
}

/**
 * The network could not be reached: noted, not counted against the message (a link down for a day must not use up
 * its retries), and it stays due; the link's recovery resends it.
 */
export function noteUnreachable(db: DbOrTx, id: number, error: string): void {
  db.update(outbox).set({ lastError: error }).where(eq(outbox.id, id)).run();
}

const sentMark = prepared((db) =>
  db
    .update(outbox)
    .set({ status: 'sent', sentAt: sql`${sql.placeholder('at')}`, providerMessageId: sql`${sql.placeholder('providerMessageId')}`, attempts: sql`${outbox.attempts} + 1`, lastError: null })
    .where(eq(outbox.id, sql.placeholder('id')))
    .prepare(),
);

/** Synced to disk with the next full commit (db/relaxed-sync.ts): a power cut may send it again, a crash never. */
export function markSent(db: DbOrTx, id: number, now: Date, providerMessageId: string | null): void {
  withRelaxedSync(db, () => sentMark(db).run({ id, at: now.toISOString(), providerMessageId }));
}

/** A retryable failure: stays pending, next attempt not before `retryAt`. */
export function markRetry(db: DbOrTx, id: number, error: string, retryAt: Date): void {
  db.update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error, notBefore: retryAt.toISOString() })
    .where(eq(outbox.id, id))
    .run();
}

/** A final failure: the transport refused this message, or it kept failing; it is never retried. */
export function markFailed(db: DbOrTx, id: number, error: string, now: Date): void {
  db.update(outbox)
    .set({ status: 'failed', attempts: sql`${outbox.attempts} + 1`, lastError: error, failedAt: now.toISOString() })
    .where(eq(outbox.id, id))
    .run();
}

export function countFailedSince(db: DbOrTx, since: Date): number {
  return db.select({ n: sql<number>`count(*)` }).from(outbox).where(and(isFailed, gte(outbox.failedAt, since.toISOString()))).get()?.n ?? 0;
}

/** Messages given up, newest first (for `whatsapp status` and the admins' alert). */
export function recentFailures(db: DbOrTx, limit = 5): OutboxRow[] {
  return db.select().from(outbox).where(isFailed).orderBy(sql`${outbox.failedAt} desc`, sql`${outbox.id} desc`).limit(limit).all();
}

export function outboxCounts(db: DbOrTx): Record<'pending' | 'sent' | 'failed', number> {
  const rows = db.select({ status: outbox.status, n: sql<number>`count(*)` }).from(outbox).groupBy(outbox.status).all();
  const counts = { pending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** The earliest time a pending message becomes due, for scheduling the next dispatch. */
export function nextDueAt(db: DbOrTx): Date | null {
  const row = db
    .select({ at: sql<string | null>`min(${outbox.notBefore})` })
    .from(outbox)
    .where(isPending)
    .get();
  return row?.at ? new Date(row.at) : null;
}

/**
 * WhatsApp refused a message after accepting it (a late delivery error). The row is failed with the code and never
 * retried: retrying a 463/479 counts as another reach-out and deepens a restriction.
 */
export function markDeliveryFailed(db: DbOrTx, providerMessageId: string, code: string, now: Date): boolean {
  return (
    db
      .update(outbox)
      .set({ status: 'failed', lastError: `delivery failed (${code})`, failedAt: now.toISOString() })
      .where(eq(outbox.providerMessageId, providerMessageId))
      .run().changes > 0
  );
}

const PRIORITY_NAMES = Object.fromEntries(Object.entries(OUTBOX_PRIORITIES).map(([name, value]) => [value, name])) as Record<number, OutboxPriority>;

export function priorityName(value: number): OutboxPriority {
  return PRIORITY_NAMES[value] ?? 'bulk';
}

/**
 * Blanks the text of messages sent (or finally failed) before `olderThan`, keeping the rows (ids, times, outcome)
 * for the record: what the bot wrote can echo what people typed, so it goes with the inbound retention (UU PDP).
 */
export function blankOldOutboxText(db: DbOrTx, olderThan: Date): number {
  const cutoff = olderThan.toISOString();
  return db
    .update(outbox)
    .set({ text: '' })
    .where(and(ne(outbox.text, ''), or(and(eq(outbox.status, 'sent'), lt(outbox.sentAt, cutoff)), and(isFailed, lt(outbox.createdAt, cutoff)))))
    .run().changes;
}
