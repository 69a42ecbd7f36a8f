// The one module that opens the database: pragmas, migrations, and the drizzle handle.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { DatabaseError, DatabaseMissingError, describeOpenFailure } from './database-errors.js';
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
  /**
   * Only read: no migration, no pragma that writes, and nothing created or changed next to the file (to see who
   * owns a database, or what a running bot wrote, without touching it). Implies `create: false`.
   */
  readOnly?: boolean;
  /** Default FULL: power cuts are common where this runs (≈ 12 % of message throughput, measured). */
  synchronous?: SynchronousMode;
  /** How long a writer waits for another process's write lock before giving up (default 5 s). */
  busyTimeoutMs?: number;
  /**
   * Called with the SQL of every statement the connection executes (better-sqlite3's `verbose`), cached statements
   * included: tests and benchmarks count the queries of a message with it. Never set in production.
   */
  trace?: (sql: string) => void;
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
 * Checks a database path before anything touches it, so a wrong path is one line naming the problem (instead of
 * an SQLite code), and before the owner lock creates `<db>.lock` next to it. With `create`, makes the folder;
 * without, a missing file is DatabaseMissingError and nothing is created.
 */
export function checkDatabasePath(path: string, { create = true }: { create?: boolean } = {}): void {
  if (path === ':memory:') return;
  let stats: Stats | null = null;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    // ENOTDIR: a file stands where a folder of the path should be; the path does not exist either way.
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new DatabaseError(`Cannot use database ${path}: ${describeOpenFailure(error)}. Check --db or IMP_DB_PATH.`, { cause: error });
  }
  if (stats) {
    if (stats.isDirectory()) throw new DatabaseError(`Database path ${path} is a folder, not a file. Set --db or IMP_DB_PATH to a file, e.g. ${join(path, 'imp-smart.db')}.`);
    if (!stats.isFile()) throw new DatabaseError(`Database path ${path} is not a regular file. Check --db or IMP_DB_PATH.`);
    if (stats.size > 0 && !hasSqliteHeader(path)) throw new DatabaseError(`${path} is not an IMP Smart (SQLite) database. Check --db or IMP_DB_PATH.`);
    return;
  }
  if (!create) throw new DatabaseMissingError(path);
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new DatabaseError(`Cannot create the folder ${dirname(path)} for database ${path}: ${describeOpenFailure(error)}. Check --db or IMP_DB_PATH.`, { cause: error });
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function readHeader(path: string, length: number): Buffer {
  const header = Buffer.alloc(length);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new DatabaseError(`Cannot read database ${path}: ${describeOpenFailure(error)}. Check --db or IMP_DB_PATH.`, { cause: error });
  }
  try {
    readSync(fd, header, 0, length, 0);
  } finally {
    closeSync(fd);
  }
  return header;
}

function hasSqliteHeader(path: string): boolean {
  return readHeader(path, SQLITE_HEADER.length).equals(SQLITE_HEADER);
}

/** The page cache of each connection, in KiB (a negative `cache_size`). */
export const PAGE_CACHE_KIB = 2000;

/**
 * Opens and migrates the database. WAL lets readers (export, the HTTP API, status commands) work while the bot
 * writes. Every transaction begins IMMEDIATE, as a writer: a transaction that first reads and then writes would
 * otherwise fail at once with "database is locked" when another process wrote in between (SQLite cannot apply the
 * busy timeout to a read snapshot that went stale), instead of waiting its turn.
 */
export function openDatabase(path: string, options: OpenOptions = {}): OpenDatabase {
  const { readOnly = false, synchronous = 'FULL', busyTimeoutMs = 5_000, trace } = options;
  const create = !readOnly && (options.create ?? true);
  const memory = path === ':memory:';
  checkDatabasePath(path, { create });
  let sqlite: Database.Database;
  try {
    if (readOnly) sqlite = openReadOnly(path, busyTimeoutMs, trace);
    else {
      sqlite = new Database(path, { fileMustExist: !memory && !create, ...verboseOption(trace) });
      sqlite.pragma('journal_mode = WAL');
    }
  } catch (error) {
    if (error instanceof DatabaseError) throw error;
    throw new DatabaseError(`Cannot open database ${path}: ${describeOpenFailure(error)}. Check --db or IMP_DB_PATH.`, { cause: error });
  }
  // better-sqlite3 builds SQLite with a 16 MB page cache per connection; the bot's messages touch a few pages each
  // (a conversation, a person, the journal, the outbox), so that cache only filled up with pages read once, and the
  // operating system's file cache holds them anyway. SQLite's own default, about 2 MB, keeps the hot index pages.
  sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  const db = drizzle(sqlite, { schema });
  const close = () => {
    if (sqlite.open) sqlite.close();
  };
  if (readOnly) return { db, path, native: sqlite, close };
  sqlite.pragma(`synchronous = ${synchronous}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
  sqlite.pragma('temp_store = MEMORY');
  const deferred = db.transaction.bind(db);
  db.transaction = ((run, config) => deferred(run, { behavior: 'immediate', ...config })) as Db['transaction'];
  try {
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    sqlite.close();
    throw new DatabaseError(`Cannot prepare database ${path}: ${describeOpenFailure(error)}.`, { cause: error });
  }
  return { db, path, native: sqlite, close };
}

/** better-sqlite3 calls `verbose` with each statement's SQL (bound values expanded) as it runs. */
function verboseOption(trace: ((sql: string) => void) | undefined): Pick<Database.Options, 'verbose'> {
  return trace ? { verbose: (message?: unknown) => trace(String(message)) } : {};
}

/**
 * SQLite gives a read-only connection to a WAL database its -wal and -shm files when they are missing (no process
 * has the database open) and leaves them behind. Then the whole database is in the main file, so a copy of it in
 * memory is the same data and nothing is created next to it. While a process has it open, both files exist and
 * the connection reads the live database, including what that process committed a moment ago.
 */
function openReadOnly(path: string, busyTimeoutMs: number, trace: ((sql: string) => void) | undefined): Database.Database {
  const verbose = verboseOption(trace);
  if (path !== ':memory:' && isWalFile(path) && !existsSync(`${path}-shm`)) {
    if (existsSync(`${path}-wal`)) throw new DatabaseError(`Cannot read database ${path} without changing it: its -wal file has no -shm file. Open it once with "imp-smart migrate --db ${path}".`);
    const image = readFileSync(path);
    // Bytes 18-19 say WAL (2); the in-memory copy has no WAL, so it reads as a rollback-journal database (1).
    image[18] = 1;
    image[19] = 1;
    return new Database(image, { readonly: true, ...verbose });
  }
  return new Database(path, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs, ...verbose });
}

function isWalFile(path: string): boolean {
  const header = readHeader(path, 20);
  return header.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER) && header[18] === 2;
}
