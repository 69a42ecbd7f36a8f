// Small shared state between the running bot and CLI commands in another process (e.g. the WhatsApp link), and
// the secret salt of the log tags.
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

const LOG_SALT_KEY = 'log_salt';
const LOG_SALT_BYTES = 32;

/**
 * The secret salt of the log tags (HMAC key; see src/log-redaction.ts), created on first use. It stays in the
 * database so tags are stable across restarts (one person, one tag), and never leaves it: whoever reads the logs
 * cannot try every Indonesian number against the tags without it. If two processes race, the first insert wins
 * and both read that one.
 */
export function loadOrCreateLogSalt(db: DbOrTx, now: Date = new Date()): Buffer {
  const existing = readRuntimeState<string>(db, LOG_SALT_KEY);
  if (existing && typeof existing.value === 'string' && existing.value.length > 0) return Buffer.from(existing.value, 'base64');
  const fresh = randomBytes(LOG_SALT_BYTES).toString('base64');
  db.insert(runtimeState)
    .values({ key: LOG_SALT_KEY, value: JSON.stringify(fresh), updatedAt: now.toISOString() })
    .onConflictDoNothing()
    .run();
  return Buffer.from(readRuntimeState<string>(db, LOG_SALT_KEY)!.value, 'base64');
}
