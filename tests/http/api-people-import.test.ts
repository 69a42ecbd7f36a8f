// The people CSV through the API and through `imp-smart people import`: the same file gives the same result and
// the same row errors (both run src/people/people-import.ts), and nothing is imported when a row is bad.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../src/admin/commands.js';
import { loadConfig } from '../../src/config.js';
import { listPeople } from '../../src/db/repos/people.repo.js';
import { formatImportReport } from '../../src/people/people-import.js';
import { apiFixture, NIRANNUANG, PAKATTO, type ApiFixture } from './api-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'imp-api-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Line 2 good, 3 a bad phone, 4 a second PPKBD for Pakatto (already has one), 5 an unknown role, 6 a formula name.
const BAD_FILE = [
  'phone,name,role,area,unit',
  `081234567040,Nurlina,sub_ppkbd,${NIRANNUANG},Dusun Tamalate`,
  `12345,Salah Nomor,ppkbd,${NIRANNUANG},`,
  `081234567041,PPKBD Kedua,ppkbd,${PAKATTO},`,
  `081234567042,Kader,kepala,${PAKATTO},`,
  `081234567043,=1+1,sub_ppkbd,${PAKATTO},Dusun A`,
].join('\n');
const GOOD_FILE = ['phone,name,role,area,unit', `081234567040,Nurlina,sub_ppkbd,${NIRANNUANG},Dusun Tamalate`, `081234567044,Rosmini,sub_ppkbd,${PAKATTO},Dusun Bontoa`].join('\n');

let f: ApiFixture;
beforeEach(async () => {
  f = await apiFixture();
});
afterEach(async () => f.close());

const viaApi = (csv: string) => f.app.inject({ method: 'POST', url: '/api/v1/people/import', headers: { ...f.auth('dinas'), 'content-type': 'text/csv' }, payload: csv });

async function viaCli(csv: string, name: string): Promise<{ code: number; out: string; err: string }> {
  const file = join(dir, name);
  writeFileSync(file, csv);
  let out = '';
  let err = '';
  // The fixture's database file, as the operator would name it with --db (the CLI's own connection beside the app's).
  const code = await runAdminCommand('people', ['import', file, '--db', f.database.path], loadConfig({}), { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('people import through the API', () => {
  it('when a file has bad rows, then the API lists every row error the CLI prints, and neither imports anything', async () => {
    const before = listPeople(f.database.db).length;
    const api = await viaApi(BAD_FILE);
    expect(api.statusCode).toBe(422);
    const { report, error } = api.json();
    expect(report.ok).toBe(false);
    expect(report.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5, 6]);
    expect(error.code).toBe('import_refused');

    const cli = await viaCli(BAD_FILE, 'bad.csv');
    expect(cli.code).toBe(1);
    expect(cli.err.trim()).toBe(formatImportReport(report, join(dir, 'bad.csv')));
    expect(listPeople(f.database.db).length).toBe(before);
  });

  it('when a good file is imported by the API and again by the CLI, then the API creates and the CLI finds nothing to change', async () => {
    const api = await viaApi(GOOD_FILE);
    expect(api.statusCode).toBe(200);
    expect(api.json()).toEqual({ ok: true, errors: [], counts: { created: 2, updated: 0, reactivated: 0, unchanged: 0 } });
    const cli = await viaCli(GOOD_FILE, 'good.csv');
    expect(cli.code).toBe(0);
    expect(cli.out).toContain('0 created, 0 updated, 0 reactivated, 2 unchanged');
  });

  it('when one person is created with a bad field, then 400 names it with the CLI\'s reason', async () => {
    const res = await f.app.inject({ method: 'POST', url: '/api/v1/people', headers: f.auth('admin'), payload: { phone: '081234567045', name: 'Kader Baru', role: 'ppkbd', area: '73.06.06' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'area', message_en: 'area for a ppkbd must be one desa/kelurahan code (e.g. 73.06.06.2001)' });
  });
});
