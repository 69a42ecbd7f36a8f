// The people cache (db/repos/people-cache.ts): each connection keeps who it looked up by phone, and drops it when any
// connection changes people, person_areas or area_units (triggers give runtime_state's people_generation a new token).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadyDatabase, type ReadyDatabase } from '../../src/db/bootstrap.js';
import { Lru } from '../../src/db/lru.js';
import { PEOPLE_CACHE_CAPACITY, PEOPLE_GENERATION_KEY, peopleCacheOf } from '../../src/db/repos/people-cache.js';
import {
  activePhoneOf,
  findActivePersonByPhone,
  findPersonByPhone,
  markFirstMessage,
  markWelcomed,
  setPersonActive,
  upsertPerson,
  type PersonInput,
} from '../../src/db/repos/people.repo.js';
import { areaUnits, people, runtimeState } from '../../src/db/schema.js';
import { importPeople } from '../../src/people/people-import.js';
import { PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE, RESIDENT_PHONE, SUB_PPKBD_PHONE } from '../helpers/people.js';

const NOW = new Date('2026-12-02T01:00:00Z');
const SITI: PersonInput = { phone: PPKBD_PHONE, name: 'Siti Aminah', role: 'ppkbd', areaSpec: '73.06.06.2003', homeAreaCode: '73.06.06.2003', desaCodes: ['73.06.06.2003'], unit: null };

let dir: string;
let bot: ReadyDatabase;
let cli: ReadyDatabase;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'imp-people-cache-'));
  // Two connections on one file, as `serve` and an operator's `people import` in another process.
  bot = openReadyDatabase(join(dir, 'a.db'));
  cli = openReadyDatabase(join(dir, 'a.db'));
  const report = importPeople(cli.db, PEOPLE_CSV, cli.areas, 'test', NOW);
  if (!report.ok) throw new Error(JSON.stringify(report.errors));
});

afterEach(() => {
  bot.close();
  cli.close();
  rmSync(dir, { recursive: true, force: true });
});

class Rollback extends Error {}

/** Runs `change` in a transaction of the bot's connection that then rolls back. */
function rolledBack(change: (tx: Parameters<Parameters<ReadyDatabase['db']['transaction']>[0]>[0]) => void): void {
  expect(() =>
    bot.db.transaction((tx) => {
      change(tx);
      throw new Rollback();
    }),
  ).toThrow(Rollback);
}

describe('the people cache on one connection', () => {
  it('when a sender is looked up twice with nothing changed, then the second answer is the cached, frozen view', () => {
    const first = findActivePersonByPhone(bot.db, SUB_PPKBD_PHONE)!;
    expect(first).toMatchObject({ role: 'sub_ppkbd', unitName: 'Dusun Bontoa', desaCodes: ['73.06.06.2003'] });
    expect(findActivePersonByPhone(bot.db, SUB_PPKBD_PHONE)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.desaCodes)).toBe(true);
    expect(peopleCacheOf(bot.db).size).toEqual({ found: 1, absent: 0 });
  });

  it('when the rows change under an unchanged token (the triggers dropped by hand), then the cached view is what answers', () => {
    // Proof that the lookup reads the cache, not the table: without the triggers a change goes unseen.
    findActivePersonByPhone(bot.db, PPKBD_PHONE);
    for (const { name } of bot.native.prepare("select name from sqlite_master where type = 'trigger' and name like '%people_generation%'").all() as { name: string }[]) {
      bot.native.exec(`drop trigger "${name}"`);
    }
    cli.db.update(people).set({ name: 'Renamed' }).where(eq(people.phone, PPKBD_PHONE)).run();
    expect(findActivePersonByPhone(bot.db, PPKBD_PHONE)?.name).toBe('Siti Aminah');
  });

  it('when a change on the same connection commits, then the next lookup sees it', () => {
    expect(findActivePersonByPhone(bot.db, PPKBD_PHONE)?.desaCodes).toEqual(['73.06.06.2003']);
    bot.db.transaction((tx) => upsertPerson(tx, { ...SITI, areaSpec: '73.06.06.2004', homeAreaCode: '73.06.06.2004', desaCodes: ['73.06.06.2004'] }, 'test', NOW));
    expect(findActivePersonByPhone(bot.db, PPKBD_PHONE)).toMatchObject({ homeAreaCode: '73.06.06.2004', desaCodes: ['73.06.06.2004'] });
  });

  it('when the cache is asked about more unknown numbers than it holds, then it keeps at most its capacity and the registered stay cached', () => {
    const siti = findActivePersonByPhone(bot.db, PPKBD_PHONE);
    bot.db.transaction((tx) => {
      for (let i = 0; i < PEOPLE_CACHE_CAPACITY + 500; i++) expect(findActivePersonByPhone(tx, `+6285${String(i).padStart(9, '0')}`)).toBeUndefined();
    });
    expect(peopleCacheOf(bot.db).size).toEqual({ found: 1, absent: PEOPLE_CACHE_CAPACITY });
    expect(findActivePersonByPhone(bot.db, PPKBD_PHONE)).toBe(siti);
  });

  it('when a notice goes to a person by id, then their phone comes only while they are active', () => {
    const id = findPersonByPhone(bot.db, PKB_PHONE)!.id;
    expect(activePhoneOf(bot.db, id)).toBe(PKB_PHONE);
    setPersonActive(cli.db, PKB_PHONE, false, 'test', NOW);
    expect(activePhoneOf(bot.db, id)).toBeNull();
    expect(activePhoneOf(bot.db, 99_999)).toBeNull();
  });
});

describe('the people cache across connections', () => {
  it('when another connection moves a cadre to another desa, then the next lookup sees the new desa', () => {
    expect(findActivePersonByPhone(bot.db, PPKBD_PHONE)?.homeAreaCode).toBe('73.06.06.2003');
    const moved = importPeople(cli.db, `phone,name,role,area,unit\n${PPKBD_PHONE},Siti Aminah,ppkbd,73.06.06.2004,`, cli.areas, 'test', NOW);
    expect(moved.ok).toBe(true);
    expect(findActivePersonByPhone(bot.db, PPKBD_PHONE)).toMatchObject({ homeAreaCode: '73.06.06.2004', desaCodes: ['73.06.06.2004'] });
  });

  it('when another connection changes only a PKB binaan (person_areas), then the next lookup has the new desa list', () => {
    expect(findActivePersonByPhone(bot.db, PKB_PHONE)?.desaCodes).toEqual(['73.06.06.2003', '73.06.06.2004']);
    importPeople(cli.db, `phone,name,role,area,unit\n${PKB_PHONE},Andi Baso,pkb,73.06.06.2003;73.06.06.2004;73.06.06.2005,`, cli.areas, 'test', NOW);
    expect(findActivePersonByPhone(bot.db, PKB_PHONE)?.desaCodes).toEqual(['73.06.06.2003', '73.06.06.2004', '73.06.06.2005']);
  });

  it('when another connection renames a dusun (area_units), then the next lookup has the new unit name', () => {
    expect(findActivePersonByPhone(bot.db, SUB_PPKBD_PHONE)?.unitName).toBe('Dusun Bontoa');
    cli.db.update(areaUnits).set({ name: 'Dusun Bontoa Baru' }).where(eq(areaUnits.name, 'Dusun Bontoa')).run();
    expect(findActivePersonByPhone(bot.db, SUB_PPKBD_PHONE)?.unitName).toBe('Dusun Bontoa Baru');
  });

  it('when another connection deactivates a cadre, then the next lookup finds no active person', () => {
    expect(findActivePersonByPhone(bot.db, PPKBD_PHONE)).toBeDefined();
    expect(setPersonActive(cli.db, PPKBD_PHONE, false, 'test', NOW)).toBe(true);
    expect(findActivePersonByPhone(bot.db, PPKBD_PHONE)).toBeUndefined();
    expect(findPersonByPhone(bot.db, PPKBD_PHONE)?.active).toBe(false);
  });

  it('when a visitor who was looked up is then registered by another connection, then the next lookup recognises them', () => {
    expect(findActivePersonByPhone(bot.db, RESIDENT_PHONE)).toBeUndefined();
    expect(peopleCacheOf(bot.db).size.absent).toBe(1);
    importPeople(cli.db, `phone,name,role,area,unit\n${RESIDENT_PHONE},Nurul,sub_ppkbd,73.06.06.2003,Dusun Bontoa`, cli.areas, 'test', NOW);
    expect(findActivePersonByPhone(bot.db, RESIDENT_PHONE)).toMatchObject({ name: 'Nurul', role: 'sub_ppkbd' });
  });

  it('when the token row is missing (a database opened read-only before the migration), then nothing is cached and changes are seen', () => {
    bot.db.delete(runtimeState).where(eq(runtimeState.key, PEOPLE_GENERATION_KEY)).run();
    const { native } = cli;
    native.exec('drop trigger people_bump_people_generation_update');
    expect(findActivePersonByPhone(bot.db, PPKBD_PHONE)?.name).toBe('Siti Aminah');
    cli.db.update(people).set({ name: 'Renamed' }).where(eq(people.phone, PPKBD_PHONE)).run();
    expect(findActivePersonByPhone(bot.db, PPKBD_PHONE)?.name).toBe('Renamed');
    expect(peopleCacheOf(bot.db).size).toEqual({ found: 0, absent: 0 });
  });
});

describe('the people cache and rolled-back transactions', () => {
  it('when a change is looked up inside a transaction that rolls back, then the next lookup has the committed person', () => {
    rolledBack((tx) => {
      upsertPerson(tx, { ...SITI, name: 'Never Committed' }, 'test', NOW);
      expect(findActivePersonByPhone(tx, PPKBD_PHONE)?.name).toBe('Never Committed');
    });
    expect(findActivePersonByPhone(bot.db, PPKBD_PHONE)?.name).toBe('Siti Aminah');
  });

  it('when another connection commits a change after a rolled-back one, then its change is seen, not the rolled-back one', () => {
    // One row each, so each moves the token once: a counter would give the committed change the number the
    // rolled-back one had, and the view read inside the rolled-back transaction would pass for current.
    rolledBack((tx) => {
      tx.update(people).set({ name: 'Never Committed' }).where(eq(people.phone, PPKBD_PHONE)).run();
      expect(findActivePersonByPhone(tx, PPKBD_PHONE)?.name).toBe('Never Committed');
    });
    cli.db.update(people).set({ name: 'Siti Aminah Baru' }).where(eq(people.phone, PPKBD_PHONE)).run();
    expect(findActivePersonByPhone(bot.db, PPKBD_PHONE)?.name).toBe('Siti Aminah Baru');
  });

  it('when a first message and a welcome are recorded and commit, then the cached view carries them and the others stay cached', () => {
    const pkb = findActivePersonByPhone(bot.db, PKB_PHONE);
    const siti = findActivePersonByPhone(bot.db, PPKBD_PHONE)!;
    expect(siti.firstMessageAt).toBeNull();
    bot.db.transaction((tx) => {
      expect(markFirstMessage(tx, siti.id, NOW)).toBe(true);
      expect(markWelcomed(tx, siti.id, NOW)).toBe(true);
      expect(markFirstMessage(tx, siti.id, NOW)).toBe(false);
    });
    expect(findActivePersonByPhone(bot.db, PPKBD_PHONE)).toMatchObject({ firstMessageAt: NOW.toISOString(), welcomedAt: NOW.toISOString() });
    expect(findActivePersonByPhone(bot.db, PKB_PHONE)).toBe(pkb);
    // What another connection reads agrees.
    expect(findActivePersonByPhone(cli.db, PPKBD_PHONE)).toMatchObject({ firstMessageAt: NOW.toISOString(), welcomedAt: NOW.toISOString() });
  });

  it('when a first message is recorded in a transaction that rolls back, then the person has still never written', () => {
    const siti = findActivePersonByPhone(bot.db, PPKBD_PHONE)!;
    rolledBack((tx) => {
      expect(markFirstMessage(tx, siti.id, NOW)).toBe(true);
      expect(markWelcomed(tx, siti.id, NOW)).toBe(true);
      expect(findActivePersonByPhone(tx, PPKBD_PHONE)?.welcomedAt).toBe(NOW.toISOString());
    });
    expect(findActivePersonByPhone(bot.db, PPKBD_PHONE)).toMatchObject({ firstMessageAt: null, welcomedAt: null });
  });

  it('when another connection changed people after this one cached them, then recording a first message does not revive the stale views', () => {
    const siti = findActivePersonByPhone(bot.db, PPKBD_PHONE)!;
    findActivePersonByPhone(bot.db, PKB_PHONE);
    setPersonActive(cli.db, PKB_PHONE, false, 'test', NOW);
    bot.db.transaction((tx) => markFirstMessage(tx, siti.id, NOW));
    expect(findActivePersonByPhone(bot.db, PKB_PHONE)).toBeUndefined();
    expect(findActivePersonByPhone(bot.db, PPKBD_PHONE)?.firstMessageAt).toBe(NOW.toISOString());
  });
});

describe('Lru', () => {
  it('when it is full, then the least recently used entry goes first, and a read counts as a use', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect([...lru.entries()]).toEqual([
      ['a', 1],
      ['c', 3],
    ]);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.size).toBe(2);
  });

  it('when asked for a capacity below one, then it refuses', () => {
    expect(() => new Lru(0)).toThrow(RangeError);
  });
});
