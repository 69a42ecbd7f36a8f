// The one module that opens the database: pragmas, migrations, and the drizzle handle.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema>;
/** A transaction handle. Same API as Db; every call on it is synchronous (better-sqlite3). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** What repositories accept: the database itself or a transaction in progress. */
export type DbOrTx = Db | Tx;

export interface OpenDatabase {
  db: Db;
  path: string;
  close(): void;
}

const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * Opens (creating if needed) and migrates the database. WAL lets the HTTP API read while the bot writes; the busy
 * timeout covers the CLI writing while the bot runs.
 */
export function openDatabase(path: string): OpenDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('temp_store = MEMORY');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db,
    path,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
