// The database: migrations, pragmas, built-in areas, participation by period.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openReadyDatabase } from '../../src/db/bootstrap.js';
import { openDatabase } from '../../src/db/client.js';
import { DatabaseInUseError } from '../../src/db/database-errors.js';
import { claimDatabase, OWNER_KEY, readOwnerOf } from '../../src/db/owner-lock.js';
import { writeRuntimeState } from '../../src/db/repos/runtime-state.repo.js';
import { inboundMessages, personAreas } from '../../src/db/schema.js';
import { isTakingPart, participatingDesa, recordParticipation } from '../../src/db/repos/areas.repo.js';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('database', () => {
  it('when a database file is opened, then it is migrated, in WAL mode with foreign keys on, and holds the 186 Gowa areas', () => {
    dir = mkdtempSync(join(tmpdir(), 'imp-db-'));
    const path = join(dir, 'a.db');
    openReadyDatabase(path).close();
    const raw = new Database(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const levels = raw.prepare('select level, count(*) n from areas group by level order by level').all();
    expect(levels).toEqual([
      { level: 'desa', n: 167 },
      { level: 'kabupaten', n: 1 },
      { level: 'kecamatan', n: 18 },
    ]);
    raw.close();
    const again = openReadyDatabase(path);
    // Each connection keeps about 2 MB of pages, not better-sqlite3's 16 MB (the bot's RSS, docs/BENCHMARKS.md).
    expect(again.native.pragma('cache_size', { simple: true })).toBe(-2000);
    expect(again.areas.allDesa()).toHaveLength(167);
    expect(() => again.db.insert(personAreas).values({ personId: 999, areaCode: '73.06' }).run()).toThrow(/FOREIGN KEY/);
    again.close();
  });

  it('when desa leave and join by period, then participation follows the latest event at or before the period', () => {
    const { db, areas, close } = openReadyDatabase(':memory:');
    const all = areas.allDesa().map((d) => d.code);
    expect(participatingDesa(db, all, '2026-11')).toHaveLength(167);
    // Phase 1: only Bontomarannu and one desa elsewhere from December.
    for (const code of all) recordParticipation(db, code, 'leave', '2026-12');
    for (const d of areas.desaOf('73.06.06')) recordParticipation(db, d.code, 'join', '2026-12');
    recordParticipation(db, '73.06.01.2004', 'join', '2026-12');
    // Phase 2: everyone from July.
    for (const code of all) recordParticipation(db, code, 'join', '2027-07');
    expect(participatingDesa(db, all, '2026-11')).toHaveLength(167);
    expect(participatingDesa(db, all, '2026-12')).toHaveLength(10);
    expect(participatingDesa(db, all, '2027-06')).toHaveLength(10);
    expect(participatingDesa(db, all, '2027-07')).toHaveLength(167);
    expect(isTakingPart(db, '73.06.02.1001', '2027-01')).toBe(false);
    expect(isTakingPart(db, '73.06.06.2003', '2027-01')).toBe(true);
    close();
  });
});

describe('inbound retention', () => {
  it('when inbound rows are older than the retention period, then pruning removes only those already processed', async () => {
    const { journalInbound, completeInbound, pruneInbound, countInbound } = await import('../../src/db/repos/inbound.repo.js');
    const { db, close } = openReadyDatabase(':memory:');
    const base = { transport: 't', senderKey: 'k', chatId: 'c', kind: 'text', text: 'x', payload: '{}' };
    const old = journalInbound(db, { ...base, providerId: 'old', receivedAt: new Date('2026-08-01T00:00:00Z') })!;
    completeInbound(db, old, 'handled', new Date('2026-08-01T00:00:01Z'));
    const recent = journalInbound(db, { ...base, providerId: 'new', receivedAt: new Date('2026-11-20T00:00:00Z') })!;
    completeInbound(db, recent, 'handled', new Date('2026-11-20T00:00:01Z'));
    // Still waiting in the journal (the disk was full for months, say): never pruned unprocessed.
    journalInbound(db, { ...base, providerId: 'waiting', receivedAt: new Date('2026-08-02T00:00:00Z') });
    expect(pruneInbound(db, new Date('2026-08-27T00:00:00Z'))).toBe(1);
    expect(countInbound(db)).toBe(2);
    close();
  });

  it('when an inbound message still waits in the journal past the retention period, then pruning keeps it', async () => {
    const { pruneInbound } = await import('../../src/db/repos/inbound.repo.js');
    const { db, close } = openReadyDatabase(':memory:');
    const row = { transport: 't', senderKey: 'k', chatId: 'c', kind: 'text', text: 'x', receivedAt: '2026-08-01T00:00:00.000Z' };
    db.insert(inboundMessages).values([
      { ...row, providerId: 'handled', processedAt: '2026-08-01T00:00:01.000Z', outcome: 'handled' },
      { ...row, providerId: 'waiting', processedAt: null, outcome: null, payload: '{}' },
    ]).run();
    expect(pruneInbound(db, new Date('2026-11-01T00:00:00Z'))).toBe(1);
    expect(db.select({ id: inboundMessages.providerId }).from(inboundMessages).all()).toEqual([{ id: 'waiting' }]);
    close();
  });
});

describe('reading a database without touching it', () => {
  it('when a database no process has open is opened read-only, then it reads it and creates or changes nothing next to it', () => {
    dir = mkdtempSync(join(tmpdir(), 'imp-db-'));
    const path = join(dir, 'a.db');
    const setup = openReadyDatabase(path);
    writeRuntimeState(setup.db, OWNER_KEY, { command: 'serve', pid: process.pid, host: 'elsewhere', since: '2026-11-25T00:00:00.000Z' }, new Date());
    setup.close();
    const files = readdirSync(dir);
    const modified = statSync(path).mtimeMs;
    expect(readOwnerOf(path)).toMatchObject({ command: 'serve', host: 'elsewhere' });
    const reader = openDatabase(path, { readOnly: true });
    expect(() => reader.native.exec('create table x (y)')).toThrow(/readonly/);
    reader.close();
    expect(readdirSync(dir)).toEqual(files);
    expect(statSync(path).mtimeMs).toBe(modified);
  });
});

describe('owner lock', () => {
  it('when a database is claimed, then a second claim is refused naming the holder, and after release it can be claimed again', () => {
    dir = mkdtempSync(join(tmpdir(), 'imp-db-'));
    const path = join(dir, 'owned.db');
    const lock = claimDatabase(path, 'serve', { create: true });
    const opened = openReadyDatabase(path);
    lock.announce(opened.db, new Date('2026-11-25T01:00:00.000Z'));
    expect(() => claimDatabase(path, 'chat', { create: false })).toThrow(DatabaseInUseError);
    expect(() => claimDatabase(path, 'chat', { create: false })).toThrow(
      `Database ${path} is in use by "imp-smart serve" (pid ${process.pid} on ${hostname()}, since 2026-11-25T01:00:00.000Z); "chat" was not started.`,
    );
    lock.release();
    expect(readOwnerOf(path)).toBeNull();
    opened.close();
    const again = claimDatabase(path, 'chat', { create: false });
    again.release();
  });

  it('when the announced holder is a process of this host that is gone, then the refusal does not name it', () => {
    dir = mkdtempSync(join(tmpdir(), 'imp-db-'));
    const path = join(dir, 'stale.db');
    const lock = claimDatabase(path, 'serve', { create: true });
    const opened = openReadyDatabase(path);
    // A holder killed with SIGKILL leaves its row; pid 2^22+1 is above Linux's pid limit, so no process has it.
    writeRuntimeState(opened.db, OWNER_KEY, { command: 'serve', pid: 4_194_305, host: hostname(), since: '2026-11-01T00:00:00.000Z' }, new Date());
    expect(() => claimDatabase(path, 'serve', { create: true })).toThrow(`Database ${path} is in use by another imp-smart process; "serve" was not started.`);
    lock.release();
    opened.close();
  });
});
