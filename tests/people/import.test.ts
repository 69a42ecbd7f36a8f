// People import: all rows or nothing, every bad row reported with its line, idempotent, history kept.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadyDatabase, type ReadyDatabase } from '../../src/db/bootstrap.js';
import { findPersonByPhone, listPeople, personHistory, setPersonActive } from '../../src/db/repos/people.repo.js';
import { formatImportReport, importPeople } from '../../src/people/people-import.js';
import { simulate } from '../helpers/simulate.js';

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

  it('when names start like a spreadsheet formula, then each row is refused with its line and nothing is imported', () => {
    const csv = [
      'phone,name,role,area,unit',
      '081234567001,Siti Aminah,ppkbd,73.06.06.2003,',
      '081234567002,"=HYPERLINK(""http://x"",""klik"")",sub_ppkbd,73.06.06.2003,Dusun Bontoa',
      '081234567003,+Andi Baso,pkb,73.06.06,',
      '081234567004,-Nurhayati,koordinator,73.06.06,',
      '081234567005,@Ridwan,dinas,73.06,',
      '081234567006,"\t=1+2",ppkbd,73.06.06.2004,',
      '081234567007,Rahma,sub_ppkbd,73.06.06.2004,=Dusun 1',
      '081234567008,Andi Muh. Said-Daeng,ppkbd,73.06.06.2005,',
    ].join('\n');
    const report = run(csv);
    expect(report.ok).toBe(false);
    expect(report.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(report.errors[0]!.reason).toBe('name "=HYPERLINK("http://x","klik")" starts with "=", which a spreadsheet would run as a formula; write it without that character');
    expect(report.errors[1]!.reason).toContain('name "+Andi Baso" starts with "+"');
    expect(report.errors[2]!.reason).toContain('starts with "-"');
    expect(report.errors[3]!.reason).toContain('starts with "@"');
    expect(report.errors[4]!.reason).toContain('starts with "="');
    expect(report.errors[5]!.reason).toContain('unit "=Dusun 1" starts with "="');
    expect(listPeople(database.db)).toEqual([]);
    expect(formatImportReport(report, 'people.csv')).toContain('  line 4: name "+Andi Baso" starts with "+"');
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

describe('people import of names that start like a formula, as an operator runs it', () => {
  const file = [
    'phone,name,role,area,unit',
    '081234567001,Siti Aminah,ppkbd,73.06.06.2003,',
    '081234567003,=cmd|\' /C calc\'!A0,pkb,73.06.06,',
    '081234567004,@Nurhayati,koordinator,73.06.06,',
  ].join('\n');

  it('when the simulator is given such a people file, then it refuses it naming the lines, before any message', async () => {
    await expect(simulate('+6281234567001: halo\n', { people: file })).rejects.toThrow(
      /2 bad row\(s\); nothing was imported\.\n {2}line 3: name "=cmd\|' \/C calc'!A0" starts with "="[^\n]*\n {2}line 4: name "@Nurhayati" starts with "@"/,
    );
  });

  it('when `imp-smart people import` is given such a file, then it exits 1 with the line-numbered errors and registers no one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'imp-people-'));
    try {
      const csv = join(dir, 'people.csv');
      const db = join(dir, 'people.db');
      writeFileSync(csv, file);
      const run = (args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'src/bin.ts', ...args, '--db', db], { encoding: 'utf8', env: { ...process.env, IMP_LOG_LEVEL: '' } });
      expect(run(['migrate']).status).toBe(0);
      const result = run(['people', 'import', csv]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('2 bad row(s); nothing was imported.');
      expect(result.stderr).toContain('line 3: name "=cmd|\' /C calc\'!A0" starts with "=", which a spreadsheet would run as a formula');
      expect(result.stderr).toContain('line 4: name "@Nurhayati" starts with "@"');
      expect(run(['people', 'list']).stdout).toContain('No one is registered yet');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
