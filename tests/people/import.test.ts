// People import: all rows or nothing, every bad row reported with its line, idempotent, history kept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadyDatabase, type ReadyDatabase } from '../../src/db/bootstrap.js';
import { findPersonByPhone, listPeople, personHistory, setPersonActive } from '../../src/db/repos/people.repo.js';
import { formatImportReport, importPeople } from '../../src/people/people-import.js';

const NOW = new Date('2026-11-25T00:00:00Z');
let database: ReadyDatabase;
beforeEach(() => {
  database = openReadyDatabase(':memory:');
});
afterEach(() => database.close());

const run = (csv: string) => importPeople(database.db, csv, database.areas, 'test.csv', NOW);

const BAD = [
  'phone,name,role,area,unit',
  '081234567001,Siti Aminah,ppkbd,73.06.06.2003,',
  '0812-34,Rahmawati,sub_ppkbd,73.06.06.2003,Dusun Bontoa',
  '081234567003,Andi Baso,pkb,73.06.06.2003;73.06.99.2004,',
  '081234567004,Nurhayati,koordinator,73.06.06,',
].join('\n');
const GOOD = BAD.replace('0812-34,', '0812-3456-7002,').replace('73.06.99.2004', '73.06.06.2004');

describe('people import', () => {
  it('when a file has a bad phone and an unknown area code, then both are reported with line numbers and nothing is imported', () => {
    const report = run(BAD);
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([
      { line: 3, reason: 'invalid phone number "0812-34"' },
      { line: 4, reason: 'unknown area code 73.06.99.2004' },
    ]);
    expect(listPeople(database.db)).toEqual([]);
    expect(formatImportReport(report, 'people.csv')).toBe(
      'people.csv: 2 bad row(s); nothing was imported.\n  line 3: invalid phone number "0812-34"\n  line 4: unknown area code 73.06.99.2004',
    );
  });

  it('when the corrected file is imported, then everyone is registered with E.164 phones and their areas', () => {
    expect(run(GOOD)).toMatchObject({ ok: true, counts: { created: 4, updated: 0, unchanged: 0 } });
    const pkb = findPersonByPhone(database.db, '+6281234567003')!;
    expect(pkb).toMatchObject({ role: 'pkb', desaCodes: ['73.06.06.2003', '73.06.06.2004'], homeAreaCode: '73.06.06' });
    const sub = findPersonByPhone(database.db, '+6281234567002')!;
    expect(sub).toMatchObject({ role: 'sub_ppkbd', unitName: 'Dusun Bontoa', homeAreaCode: '73.06.06.2003' });
    const koord = findPersonByPhone(database.db, '+6281234567004')!;
    expect(koord.desaCodes).toHaveLength(9);
  });

  it('when the same file is imported twice, then the second import changes nothing', () => {
    run(GOOD);
    const before = { people: listPeople(database.db), history: personHistory(database.db, 1) };
    expect(run(GOOD)).toMatchObject({ ok: true, counts: { created: 0, updated: 0, unchanged: 4 } });
    expect({ people: listPeople(database.db), history: personHistory(database.db, 1) }).toEqual(before);
  });

  it('when a row changes, then the person is updated and the history keeps both versions', () => {
    run(GOOD);
    const changed = GOOD.replace('081234567001,Siti Aminah,ppkbd,73.06.06.2003', '081234567001,Siti Aminah S.,ppkbd,73.06.06.2005');
    expect(run(changed).counts).toMatchObject({ updated: 1, unchanged: 3 });
    const siti = findPersonByPhone(database.db, '+6281234567001')!;
    expect(siti).toMatchObject({ name: 'Siti Aminah S.', homeAreaCode: '73.06.06.2005' });
    const history = personHistory(database.db, siti.id);
    expect(history.map((h) => h.change)).toEqual(['created', 'updated']);
    expect(JSON.parse(history[0]!.snapshot)).toMatchObject({ name: 'Siti Aminah', homeAreaCode: '73.06.06.2003' });
  });

  it('when a person is deactivated and imported again, then they are reactivated, never deleted', () => {
    run(GOOD);
    expect(setPersonActive(database.db, '+6281234567001', false, 'cli', NOW)).toBe(true);
    expect(findPersonByPhone(database.db, '+6281234567001')!.active).toBe(false);
    expect(run(GOOD).counts).toMatchObject({ reactivated: 1, unchanged: 3 });
    expect(personHistory(database.db, 1).map((h) => h.change)).toEqual(['created', 'deactivated', 'reactivated']);
  });

  it.each([
    ['an unknown role', '081234567009,X,kader,73.06.06.2003,', 'unknown role "kader"'],
    ['a ppkbd given a kecamatan', '081234567009,X,ppkbd,73.06.06,', 'must be one desa/kelurahan code'],
    ['a sub_ppkbd without unit', '081234567009,X,sub_ppkbd,73.06.06.2003,', 'unit (dusun/RW) is required'],
    ['a koordinator given a desa', '081234567009,X,koordinator,73.06.06.2003,', 'must be one kecamatan code'],
    ['a dinas given a kecamatan', '081234567009,X,dinas,73.06.06,', 'must be the kabupaten code 73.06'],
    ['an empty name', '081234567009,,ppkbd,73.06.06.2006,', 'name is empty'],
    ['a second PPKBD for one desa', '081234567009,X,ppkbd,73.06.06.2003,', 'already has a PPKBD on line 2'],
    ['a repeated phone', '0812 3456 7001,X,pkb,73.06.06,', 'already appears on line 2'],
  ])('when a row has %s, then it is refused with a reason', (_name, row, reason) => {
    const report = run(`phone,name,role,area,unit\n081234567001,Siti,ppkbd,73.06.06.2003,\n${row}`);
    expect(report.ok).toBe(false);
    expect(report.errors[0]!.line).toBe(3);
    expect(report.errors[0]!.reason).toContain(reason);
  });

  it('when a desa already has an active PPKBD who is not in the file, then a new PPKBD for it is refused', () => {
    run('phone,name,role,area,unit\n081234567001,Siti,ppkbd,73.06.06.2003,');
    const report = run('phone,name,role,area,unit\n081234567009,Baru,ppkbd,73.06.06.2003,');
    expect(report.errors[0]!.reason).toContain('already has an active PPKBD (+6281234567001, Siti)');
  });

  it('when a pkb is given a kecamatan code, then the binaan is every desa of it', () => {
    run('phone,name,role,area,unit\n081234567003,Andi,pkb,73.06.06,');
    expect(findPersonByPhone(database.db, '+6281234567003')!.desaCodes).toHaveLength(9);
  });

  it('when the header lacks a column, then the file is refused on line 1', () => {
    expect(run('phone,name,role\n081234567001,Siti,ppkbd').errors).toEqual([
      { line: 1, reason: 'missing column(s) area; expected phone,name,role,area,unit' },
    ]);
  });
});
