// The flow engine's state per sender, stored as JSON. The shape belongs to the engine; this layer only keeps it.
import { eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { prepared } from '../prepared.js';
import { conversations } from '../schema.js';

const stateOf = prepared((db) =>
  db.select({ state: conversations.state }).from(conversations).where(eq(conversations.senderKey, sql.placeholder('key'))).prepare(),
);

const upsertState = prepared((db) =>
  db
    .insert(conversations)
    .values({ senderKey: sql.placeholder('key'), state: sql.placeholder('state'), updatedAt: sql.placeholder('at') })
    .onConflictDoUpdate({ target: conversations.senderKey, set: { state: sql`excluded.state`, updatedAt: sql`excluded.updated_at` } })
    .prepare(),
);

export function loadConversation<T>(db: DbOrTx, senderKey: string): T | null {
  const row = stateOf(db).get({ key: senderKey });
  return row ? (JSON.parse(row.state) as T) : null;
}

export function saveConversation(db: DbOrTx, senderKey: string, state: unknown, now: Date): void {
  upsertState(db).run({ key: senderKey, state: JSON.stringify(state), at: now.toISOString() });
}

/** Conversations with no message since `before` (their state is still stored), for the nightly clean-up. */
export function conversationsIdleSince(db: DbOrTx, before: Date): { senderKey: string; state: string; updatedAt: string }[] {
  return db.select().from(conversations).where(lt(conversations.updatedAt, before.toISOString())).all();
}

/** Replaces a stored state without touching its updated_at (the sender's last activity). */
export function replaceConversationState(db: DbOrTx, senderKey: string, state: unknown): void {
  db.update(conversations).set({ state: JSON.stringify(state) }).where(eq(conversations.senderKey, senderKey)).run();
}
