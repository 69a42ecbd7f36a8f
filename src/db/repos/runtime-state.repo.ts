// Small shared state between the running bot and CLI commands in another process (e.g. the WhatsApp link), and
// the database's own secrets (log-tag salt, message-id seed).
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

/**
 * A random secret created once per database and kept for its lifetime. If two processes race, the first insert wins
 * and both read that one back.
 */
function loadOrCreateSecret(db: DbOrTx, key: string, now: Date): Buffer {
  const existing = readRuntimeState<string>(db, key);
  if (existing && typeof existing.value === 'string' && existing.value.length > 0) return Buffer.from(existing.value, 'base64');
  const fresh = randomBytes(32).toString('base64');
  db.insert(runtimeState).values({ key, value: JSON.stringify(fresh), updatedAt: now.toISOString() }).onConflictDoNothing().run();
  return Buffer.from(readRuntimeState<string>(db, key)!.value, 'base64');
}

/**
 * Derives WhatsApp message ids from outbox ids: the same outbox row always gets the same id, and two databases never
 * collide.
 */
export function loadOrCreateInstallSeed(db: DbOrTx, now: Date): string {
  return loadOrCreateSecret(db, 'install_seed', now).toString('hex');
}

/**
 * The secret salt of the log tags (HMAC key; see src/log-redaction.ts). It stays in the database so tags are stable
 * across restarts (one person, one tag), and never leaves it: whoever reads the logs cannot try every Indonesian
 * number against the tags without it.
 */
export function loadOrCreateLogSalt(db: DbOrTx, now: Date = new Date()): Buffer {
  return loadOrCreateSecret(db, 'log_salt', now);
}

/**
 * The key of the HMAC under which a case keeps who reported it (db/repos/cases.repo.ts): the sender's number is
 * never stored in a case, only this keyed hash, which without the key cannot be matched against every number.
 */
export function loadOrCreateCaseReporterSecret(db: DbOrTx, now: Date): Buffer {
  return loadOrCreateSecret(db, 'case_reporter_secret', now);
}
