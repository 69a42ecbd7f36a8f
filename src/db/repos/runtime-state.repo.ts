// Small shared state between the running bot and CLI commands in another process (e.g. the WhatsApp link).
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { runtimeState } from '../schema.js';

export function writeRuntimeState(db: DbOrTx, key: string, value: unknown, now: Date): void {
  const json = JSON.stringify(value);
  db.insert(runtimeState)
    .values({ key, value: json, updatedAt: now.toISOString() })
    .onConflictDoUpdate({ target: runtimeState.key, set: { value: json, updatedAt: now.toISOString() } })
    .run();
}

export function readRuntimeState<T>(db: DbOrTx, key: string): { value: T; updatedAt: string } | null {
  const row = db.select().from(runtimeState).where(eq(runtimeState.key, key)).get();
  return row ? { value: JSON.parse(row.value) as T, updatedAt: row.updatedAt } : null;
}

export function deleteRuntimeState(db: DbOrTx, key: string): void {
  db.delete(runtimeState).where(eq(runtimeState.key, key)).run();
}
