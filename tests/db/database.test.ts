// The database: migrations, pragmas, built-in areas, participation by period.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openReadyDatabase } from '../../src/db/bootstrap.js';
import { personAreas } from '../../src/db/schema.js';
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
});
