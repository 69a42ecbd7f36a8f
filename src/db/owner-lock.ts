// One bot process per database. The process that serves a database (serve, chat, simulate) holds an exclusive
// SQLite lock on a small sidecar file (`<db>.lock`) for as long as it runs. The lock is an operating-system file lock:
// it dies with its holder, even on SIGKILL or a power cut, so there is no stale lock to clean up. Who holds it
// (command, pid, host, since) is written to runtime_state in the database, so a refused process can name it.
// Read-only commands (export, people list, whatsapp status) and the admin writers (people import, areas join|leave)
// never take the lock: they are short transactions that WAL and the busy timeout let run beside the bot.
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { checkDatabasePath, openDatabase, type Db } from './client.js';
import { DatabaseError, DatabaseInUseError, describeOpenFailure } from './database-errors.js';
import { deleteRuntimeState, readRuntimeState, writeRuntimeState } from './repos/runtime-state.repo.js';

export const OWNER_KEY = 'db_owner';

export interface OwnerInfo {
  command: string;
  pid: number;
  host: string;
  since: string;
}

export interface OwnerLock {
  /**
   * Writes who holds the lock into the database (call once the database is open, and again with the new handle
   * after reopening it). `since` is the first announcement's time.
   */
  announce(db: Db, now: Date): void;
  /** Removes the announcement and gives the lock back. Safe to repeat. */
  release(): void;
}

export function lockPathOf(dbPath: string): string {
  return `${dbPath}.lock`;
}

/**
 * Takes the database's owner lock or throws DatabaseInUseError naming the holder. `describeHolder` is asked only on
 * refusal, to read who holds it (from the database, which may be opened read-only for that). The caller keeps the
 * returned lock referenced for as long as it owns the database: the connection holding the lock lives in it.
 */
export function acquireOwnerLock(dbPath: string, command: string, describeHolder: () => OwnerInfo | null): OwnerLock {
  if (dbPath === ':memory:') return { announce: () => undefined, release: () => undefined };
  const lockPath = lockPathOf(dbPath);
  let lock: Database.Database | null = null;
  try {
    lock = new Database(lockPath);
    lock.pragma('busy_timeout = 0');
    // EXCLUSIVE takes the file's write lock at once (rollback-journal mode) and keeps it until the connection ends.
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock?.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new DatabaseInUseError(inUseMessage(dbPath, command, describeHolder()));
    throw new DatabaseError(`Cannot take the lock file ${lockPath} of database ${dbPath}: ${describeOpenFailure(error)}. Check --db or IMP_DB_PATH.`, { cause: error });
  }
  const held = lock;
  const info = { command, pid: process.pid, host: hostname() };
  let since: string | null = null;
  let announced: Db | null = null;
  return {
    announce(db, now) {
      since ??= now.toISOString();
      writeRuntimeState(db, OWNER_KEY, { ...info, since } satisfies OwnerInfo, now);
      announced = db;
    },
    release() {
      if (!held.open) return;
      try {
        if (announced) deleteRuntimeState(announced, OWNER_KEY);
      } catch {
        // The database may already be closed; the next owner overwrites the row anyway.
      }
      held.close();
    },
  };
}

/**
 * For the processes that run the bot: checks the path (a missing file is created only with `create`), then takes
 * the owner lock, naming the running holder when refused. Call before the database is opened or migrated, so a
 * refused process changes nothing in it.
 */
export function claimDatabase(dbPath: string, command: string, options: { create: boolean }): OwnerLock {
  checkDatabasePath(dbPath, options);
  return acquireOwnerLock(dbPath, command, () => readOwnerOf(dbPath));
}

/** Who holds the lock, from the database (null when it has never been announced). */
export function readOwner(db: Db): OwnerInfo | null {
  return readRuntimeState<OwnerInfo>(db, OWNER_KEY)?.value ?? null;
}

/**
 * The announced holder of a database, read without migrating, creating or changing anything; null when it cannot
 * be told (not announced yet, an older database, or the announcement of a process on this host that is gone).
 */
export function readOwnerOf(dbPath: string): OwnerInfo | null {
  let owner: OwnerInfo | null;
  try {
    const opened = openDatabase(dbPath, { readOnly: true });
    try {
      owner = readOwner(opened.db);
    } finally {
      opened.close();
    }
  } catch {
    return null;
  }
  return owner && isAlive(owner) ? owner : null;
}

/** A process that was SIGKILLed leaves its announcement behind; on this host we can tell. */
function isAlive(owner: OwnerInfo): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

function inUseMessage(dbPath: string, command: string, holder: OwnerInfo | null): string {
  const who = holder
    ? `"imp-smart ${holder.command}" (pid ${holder.pid} on ${holder.host}, since ${holder.since})`
    : 'another imp-smart process';
  return `Database ${dbPath} is in use by ${who}; "${command}" was not started. Stop that process first, or use another --db.`;
}
