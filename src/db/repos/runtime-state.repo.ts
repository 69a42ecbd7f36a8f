// Small shared state between the running bot and CLI commands in another process (e.g. the WhatsApp link).
import { randomBytes } from 'node:crypto';
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

const INSTALL_SEED_KEY = 'install_seed';

/**
 * A random secret created once per database and kept for its lifetime (e.g. to derive WhatsApp message ids from
 * outbox ids: the same outbox row always gets the same id, and two databases never collide). Concurrent first
 * calls agree: the first insert wins and everyone reads it back.
 */
export function loadOrCreateInstallSeed(db: DbOrTx, now: Date): string {
  const fresh = JSON.stringify(randomBytes(32).toString('hex'));
  db.insert(runtimeState).values({ key: INSTALL_SEED_KEY, value: fresh, updatedAt: now.toISOString() }).onConflictDoNothing().run();
  return readRuntimeState<string>(db, INSTALL_SEED_KEY)!.value;
}
