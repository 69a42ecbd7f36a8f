// The flow engine's state per sender, stored as JSON. The shape belongs to the engine; this layer only keeps it.
import { eq } from 'drizzle-orm';
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
