// One bot process per database. The process that serves a database (serve, chat, simulate --db) holds an exclusive
// SQLite lock on a small sidecar file (`<db>.lock`) for as long as it runs. The lock is an operating-system file lock:
// it dies with its holder, even on SIGKILL or a power cut, so there is no stale lock to clean up. Who holds it
// (command, pid, host, since) is written to runtime_state in the database, so a refused process can name it.
// Read-only commands (export, people list, whatsapp status) never take the lock.
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import type { Db } from './client.js';
import { DatabaseInUseError } from './database-errors.js';
import { deleteRuntimeState, readRuntimeState, writeRuntimeState } from './repos/runtime-state.repo.js';

export const OWNER_KEY = 'db_owner';

export interface OwnerInfo {
  command: string;
  pid: number;
  host: string;
  since: string;
}

export interface OwnerLock {
  /** Writes who holds the lock into the database (call once the database is open). */
  announce(db: Db, now: Date): void;
  release(): void;
}

export function lockPathOf(dbPath: string): string {
  return `${dbPath}.lock`;
}

/**
 * Takes the database's owner lock or throws DatabaseInUseError naming the holder. `describeHolder` is asked only on
 * refusal, to read who holds it (from the database, which may be opened read-only for that).
 */
export function acquireOwnerLock(dbPath: string, command: string, describeHolder: () => OwnerInfo | null): OwnerLock {
  if (dbPath === ':memory:') return { announce: () => undefined, release: () => undefined };
  const lock = new Database(lockPathOf(dbPath));
  lock.pragma('busy_timeout = 0');
  try {
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new DatabaseInUseError(inUseMessage(dbPath, command, describeHolder()));
    throw error;
  }
  const info = { command, pid: process.pid, host: hostname() };
  let announced: Db | null = null;
  return {
    announce(db, now) {
      writeRuntimeState(db, OWNER_KEY, { ...info, since: now.toISOString() } satisfies OwnerInfo, now);
      announced = db;
    },
    release() {
      if (!lock.open) return;
      try {
        if (announced) deleteRuntimeState(announced, OWNER_KEY);
      } catch {
        // The database may already be closed; the next owner overwrites the row anyway.
      }
      lock.close();
    },
  };
}

/** Who holds the lock, from the database (null when it has never been announced). */
export function readOwner(db: Db): OwnerInfo | null {
  return readRuntimeState<OwnerInfo>(db, OWNER_KEY)?.value ?? null;
}

function inUseMessage(dbPath: string, command: string, holder: OwnerInfo | null): string {
  const who = holder
    ? `"imp-smart ${holder.command}" (pid ${holder.pid} on ${holder.host}, since ${holder.since})`
    : 'another imp-smart process';
  return `Database ${dbPath} is in use by ${who}; "${command}" was not started. Stop that process first, or use another --db.`;
}
