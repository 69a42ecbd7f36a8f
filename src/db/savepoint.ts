// A savepoint inside the transaction in progress, with statements prepared once: drizzle's nested transaction builds
// a transaction object and better-sqlite3 wraps a new function on every call, which the group commit (one savepoint
// per message) would pay for every message.
import type { Tx } from './client.js';
import { nativeOf, prepared } from './prepared.js';

const begin = prepared((db) => nativeOf(db).prepare('savepoint message'));
const release = prepared((db) => nativeOf(db).prepare('release message'));
const rollback = prepared((db) => nativeOf(db).prepare('rollback to message'));

/** Runs `fn` in a savepoint of `tx`: kept when it returns, undone (and rethrown) when it throws. */
export function inSavepoint<T>(tx: Tx, fn: () => T): T {
  begin(tx).run();
  let result: T;
  try {
    result = fn();
  } catch (error) {
    // A failed statement may have ended the whole transaction already (SQLite does on some errors): then there is
    // no savepoint left to roll back to, and the caller's rollback of the transaction reports the original error.
    if (nativeOf(tx).inTransaction) {
      rollback(tx).run();
      release(tx).run();
    }
    throw error;
  }
  release(tx).run();
  return result;
}
