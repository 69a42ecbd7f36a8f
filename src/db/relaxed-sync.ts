// Commits whose loss in a power cut costs nothing worth a disk sync each.
//
// With synchronous=FULL every commit waits for the disk (≈ 1 ms here), which is right for what people sent: a
// recap must survive a power cut. The dispatcher's "sent" mark is different: it follows every send, and a mark lost
// in a power cut (never in a crash: a killed process's WAL writes are already the operating system's) only means
// the message goes again with the same outbox id, which the WhatsApp transport turns into the same network message
// id, so the network drops the copy. Such commits run with synchronous=NORMAL: written to the WAL at once, synced
// with the next FULL commit or checkpoint.
import type { DbOrTx } from './client.js';
import { nativeOf, prepared } from './prepared.js';

const FULL = 2;
const NORMAL = 1;

const mode = prepared((db) => nativeOf(db).prepare('pragma synchronous').pluck());
const relax = prepared((db) => nativeOf(db).prepare(`pragma synchronous = ${NORMAL}`));
const restore = prepared((db) => nativeOf(db).prepare(`pragma synchronous = ${FULL}`));

/** Runs `write` (one auto-committed statement or a transaction) with synchronous=NORMAL when the connection is FULL. */
export function withRelaxedSync<T>(db: DbOrTx, write: () => T): T {
  // Inside a transaction the enclosing commit decides; a NORMAL connection is relaxed already.
  if (nativeOf(db).inTransaction || mode(db).get() !== FULL) return write();
  relax(db).run();
  try {
    return write();
  } finally {
    restore(db).run();
  }
}
