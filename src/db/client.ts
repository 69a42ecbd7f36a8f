// The one module that opens the database: pragmas, migrations, and the drizzle handle.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { DatabaseError, DatabaseMissingError } from './database-errors.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema>;
/** A transaction handle. Same API as Db; every call on it is synchronous (better-sqlite3). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** What repositories accept: the database itself or a transaction in progress. */
export type DbOrTx = Db | Tx;

/** How hard SQLite waits for the disk at each commit. FULL survives a power cut; NORMAL (WAL) may lose the last commits. */
export const SYNCHRONOUS_MODES = ['FULL', 'NORMAL'] as const;
export type SynchronousMode = (typeof SYNCHRONOUS_MODES)[number];

export interface OpenOptions {
  /** Create the file when it does not exist (serve, migrate, simulate). Otherwise a missing file is an error. */
  create?: boolean;
  /** Default FULL: power cuts are common where this runs (≈ 12 % of message throughput, measured). */
  synchronous?: SynchronousMode;
  /** How long a writer waits for another process's write lock before giving up (default 5 s). */
  busyTimeoutMs?: number;
}

export interface OpenDatabase {
  db: Db;
  path: string;
  /** The driver's connection, for db/ internals and tests (pragmas); everything else goes through `db`. */
  native: Database.Database;
  close(): void;
}

const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * Opens and migrates the database. WAL lets readers (export, the HTTP API, status commands) work while the bot
 * writes. Every transaction begins IMMEDIATE, as a writer: a transaction that first reads and then writes would
 * otherwise fail at once with "database is locked" when another process wrote in between (SQLite cannot apply the
 * busy timeout to a read snapshot that went stale), instead of waiting its turn.
 */
export function openDatabase(path: string, options: OpenOptions = {}): OpenDatabase {
  const { create = true, synchronous = 'FULL', busyTimeoutMs = 5_000 } = options;
  const memory = path === ':memory:';
  if (!memory && !create && !existsSync(path)) throw new DatabaseMissingError(path);
  let sqlite: Database.Database;
  try {
    if (!memory && create) mkdirSync(dirname(path), { recursive: true });
    sqlite = new Database(path, { fileMustExist: !memory && !create });
    sqlite.pragma('journal_mode = WAL');
  } catch (error) {
    throw new DatabaseError(`Cannot open database ${path}: ${reasonOf(error)}. Check --db or IMP_DB_PATH.`, { cause: error });
  }
  sqlite.pragma(`synchronous = ${synchronous}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
  sqlite.pragma('temp_store = MEMORY');
  const db = drizzle(sqlite, { schema });
  const deferred = db.transaction.bind(db);
  db.transaction = ((run, config) => deferred(run, { behavior: 'immediate', ...config })) as Db['transaction'];
  try {
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    sqlite.close();
    throw new DatabaseError(`Cannot prepare database ${path}: ${reasonOf(error)}.`, { cause: error });
  }
  return {
    db,
    path,
    native: sqlite,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}

function reasonOf(error: unknown): string {
  const err = error as { code?: string; message?: string };
  if (err.code === 'SQLITE_NOTADB') return 'the file is not an IMP Smart (SQLite) database';
  if (err.code === 'SQLITE_CANTOPEN') return 'the file cannot be opened or created there (a missing folder, a folder in its place, or no permission)';
  if (err.code === 'SQLITE_READONLY') return 'the file is read-only';
  if (err.code === 'SQLITE_FULL') return 'the disk is full';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'no permission to create its folder';
  if (err.code === 'ENOTDIR' || err.code === 'EEXIST') return 'a file stands where its folder should be';
  return err.message ?? String(error);
}
