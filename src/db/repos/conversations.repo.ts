// The flow engine's state per sender, stored as JSON. The shape belongs to the engine; this layer only keeps it.
import { eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { conversations } from '../schema.js';

export function loadConversation<T>(db: DbOrTx, senderKey: string): T | null {
  const row = db.select().from(conversations).where(eq(conversations.senderKey, senderKey)).get();
  return row ? (JSON.parse(row.state) as T) : null;
}

export function saveConversation(db: DbOrTx, senderKey: string, state: unknown, now: Date): void {
  const json = JSON.stringify(state);
  db.insert(conversations)
    .values({ senderKey, state: json, updatedAt: now.toISOString() })
    .onConflictDoUpdate({ target: conversations.senderKey, set: { state: json, updatedAt: now.toISOString() } })
    .run();
}

/** Conversations with no message since `before` (their state is still stored), for the nightly clean-up. */
export function conversationsIdleSince(db: DbOrTx, before: Date): { senderKey: string; state: string; updatedAt: string }[] {
  return db.select().from(conversations).where(lt(conversations.updatedAt, before.toISOString())).all();
}

/** Replaces a stored state without touching its updated_at (the sender's last activity). */
export function replaceConversationState(db: DbOrTx, senderKey: string, state: unknown): void {
  db.update(conversations).set({ state: JSON.stringify(state) }).where(eq(conversations.senderKey, senderKey)).run();
}
