// The dispatcher's sent marks commit without a disk sync of their own; everything else keeps the connection's mode.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { withRelaxedSync } from '../../src/db/relaxed-sync.js';
import { enqueueOutbound, markSent } from '../../src/db/repos/outbox.repo.js';
import { outbox } from '../../src/db/schema.js';

const mode = (native: { pragma(s: string, o: { simple: true }): unknown }) => native.pragma('synchronous', { simple: true });

describe('relaxed sync', () => {
  it('when a write runs relaxed on a FULL connection, then it runs with NORMAL and FULL is back afterwards, even when it throws', () => {
    const { db, native, close } = openDatabase(':memory:');
    expect(mode(native)).toBe(2);
    expect(withRelaxedSync(db, () => mode(native))).toBe(1);
    expect(() => withRelaxedSync(db, () => { throw new Error('write failed'); })).toThrow('write failed');
    expect(mode(native)).toBe(2);
    close();
  });

  it('when the connection is NORMAL already, or a transaction is open, then the mode is left alone', () => {
    const normal = openDatabase(':memory:', { synchronous: 'NORMAL' });
    expect(withRelaxedSync(normal.db, () => mode(normal.native))).toBe(1);
    expect(mode(normal.native)).toBe(1);
    normal.close();
    const full = openDatabase(':memory:');
    full.db.transaction((tx) => {
      expect(withRelaxedSync(tx, () => mode(full.native))).toBe(2);
    });
    full.close();
  });

  it('when a message is marked sent, then the row is sent and the connection is FULL again', () => {
    const { db, native, close } = openDatabase(':memory:');
    const id = enqueueOutbound(db, { toAddress: '+6281234567001', priority: 'reply', kind: 'text', text: 'Halo' }, new Date());
    markSent(db, id, new Date(), 'wa-1');
    expect(db.select().from(outbox).get()).toMatchObject({ status: 'sent', providerMessageId: 'wa-1', attempts: 1 });
    expect(mode(native)).toBe(2);
    close();
  });

  it('when the dispatcher asks for the next message of every chat, then SQLite reads the pending-rows index alone', () => {
    const { native, close } = openDatabase(':memory:');
    const plan = native
      .prepare(`explain query plan select min(id), min(priority) from outbox where outbox.status = 'pending' group by to_address`)
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join('\n');
    expect(plan).toContain('COVERING INDEX outbox_pending_chat_idx');
    close();
  });
});
