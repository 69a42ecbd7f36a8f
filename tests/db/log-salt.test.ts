// The secret salt of the log tags: created once, kept in runtime_state, the same after a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openReadyDatabase } from '../../src/db/bootstrap.js';
import { loadOrCreateLogSalt, readRuntimeState } from '../../src/db/repos/runtime-state.repo.js';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('log salt', () => {
  it('when the salt is asked for twice and after a reopen, then it is the same 32 random bytes, stored as log_salt', () => {
    dir = mkdtempSync(join(tmpdir(), 'imp-salt-'));
    const path = join(dir, 'a.db');
    const first = openReadyDatabase(path);
    const salt = loadOrCreateLogSalt(first.db);
    expect(salt).toHaveLength(32);
    expect(loadOrCreateLogSalt(first.db).equals(salt)).toBe(true);
    expect(readRuntimeState<string>(first.db, 'log_salt')?.value).toBe(salt.toString('base64'));
    first.close();
    const again = openReadyDatabase(path);
    expect(loadOrCreateLogSalt(again.db).equals(salt)).toBe(true);
    again.close();
  });

  it('when two databases each create a salt, then the salts differ', () => {
    const a = openReadyDatabase(':memory:');
    const b = openReadyDatabase(':memory:');
    expect(loadOrCreateLogSalt(a.db).equals(loadOrCreateLogSalt(b.db))).toBe(false);
    a.close();
    b.close();
  });
});
