// Statements prepared once per connection. A drizzle query built on every call costs 40–190 µs of JavaScript (SQL
// text built from the schema objects) plus SQLite compiling it again; a prepared one costs 2–3 µs. Every query on the
// message path is declared with `prepared` at module level and run with placeholders:
//
//   const byKey = prepared((db) => db.select().from(conversations).where(eq(conversations.senderKey, sql.placeholder('key'))).prepare());
//   byKey(tx).get({ key });
//
// A transaction handle shares its connection (drizzle's session) with the database handle, so a statement prepared
// on either runs inside the transaction in progress. Values computed by the schema at build time ($defaultFn) would
// be frozen into the statement: pass every value through a placeholder instead.
import type Database from 'better-sqlite3';
import type { DbOrTx } from './client.js';

/** The connection a handle runs on: drizzle's session, shared by the database and its transactions. */
function sessionOf(db: DbOrTx): object {
  return (db as unknown as { session: object }).session;
}

/** Declares a statement: `build` runs once per connection, on its first use; the result is kept with the connection. */
export function prepared<T>(build: (db: DbOrTx) => T): (db: DbOrTx) => T {
  // Keyed by the session: a closed database (and its statements) is collected with it.
  const perConnection = new WeakMap<object, T>();
  return (db) => {
    const session = sessionOf(db);
    let statement = perConnection.get(session);
    if (statement === undefined) {
      statement = build(db);
      perConnection.set(session, statement);
    }
    return statement;
  };
}

/** The driver's connection behind a handle, for what drizzle cannot express (pragmas). db/ internals only. */
export function nativeOf(db: DbOrTx): Database.Database {
  return (sessionOf(db) as unknown as { client: Database.Database }).client;
}
