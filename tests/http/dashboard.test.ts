// The dashboard's plain-HTML behaviour through inject: signing in and out, pages without a session, area scope,
// escaping of names from the database, and that its figures are the aggregation's. The real-browser test is
// dashboard-browser.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadyDatabase, type ReadyDatabase } from '../../src/db/bootstrap.js';
import { createApiToken } from '../../src/db/repos/api-tokens.repo.js';
import { loadAreaDirectory } from '../../src/db/repos/areas.repo.js';
import { recordReview, saveSubmission } from '../../src/db/repos/recaps.repo.js';
import { areas as areasTable, people } from '../../src/db/schema.js';
import { DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { buildApp } from '../../src/http/app.js';
import type { DashboardDeps } from '../../src/http/dashboard/plugin.js';
import { SESSION_COOKIE } from '../../src/http/dashboard/session.js';
import { silentLogger } from '../../src/logger.js';
import { importPeople } from '../../src/people/people-import.js';
import { aggregateArea } from '../../src/reports/aggregate-data.js';
import { fromWita } from '../../src/time/wita.js';
import { PEOPLE_CSV, PPKBD_PHONE } from '../helpers/people.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';

const NOW = fromWita(2026, 12, 5, 12, 0);
const PERIOD = '2026-11';
const KECAMATAN = '73.06.06'; // Bontomarannu
const PAKATTO = '73.06.06.2003';
const NIRANNUANG = '73.06.06.2004';
const OTHER_KECAMATAN = '73.06.01';
const EVIL = '<script>alert(1)</script>';

let dir: string;
let database: ReadyDatabase;
let app: FastifyInstance;
let deps: DashboardDeps;
const tokens: Record<'dinas' | 'koordinator' | 'pkb', string> = { dinas: '', koordinator: '', pkb: '' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'imp-dasbor-'));
  database = openReadyDatabase(join(dir, 'test.db'));
  const db = database.db;
  const report = importPeople(db, PEOPLE_CSV, database.areas, 'test', NOW);
  if (!report.ok) throw new Error(JSON.stringify(report.errors));
  // Names from the database are data, never markup: a desa and a cadre named like a script.
  db.update(areasTable).set({ name: `Pakatto ${EVIL}` }).where(eq(areasTable.code, PAKATTO)).run();
  db.update(people).set({ name: `Siti ${EVIL}` }).where(eq(people.phone, PPKBD_PHONE)).run();
  const areas = loadAreaDirectory(db);
  const reporter = db.select().from(people).where(eq(people.phone, PPKBD_PHONE)).get()!;
  const first = saveSubmission(db, { desaCode: PAKATTO, period: PERIOD, unitId: null, values: { ...CLEAN_RECAP, pa_suntik: 100 }, warnings: [], reporterId: reporter.id, late: false, now: fromWita(2026, 12, 2, 9, 0) });
  recordReview(db, first.row, 'returned', 'Angka suntik salah', reporter.id, fromWita(2026, 12, 2, 10, 0));
  const second = saveSubmission(db, { desaCode: PAKATTO, period: PERIOD, unitId: null, values: { ...CLEAN_RECAP }, warnings: [], reporterId: reporter.id, late: false, now: fromWita(2026, 12, 3, 9, 0) });
  recordReview(db, second.row, 'verified', null, reporter.id, fromWita(2026, 12, 3, 10, 0));
  saveSubmission(db, { desaCode: NIRANNUANG, period: PERIOD, unitId: null, values: { ...CLEAN_RECAP, pus: 500, ias: 80 }, warnings: [], reporterId: reporter.id, late: true, now: fromWita(2026, 12, 4, 9, 0) });
  tokens.dinas = createApiToken(db, { name: 'Dinas', role: 'dinas', areaSpec: '73.06', homeAreaCode: '73.06' }, NOW).token;
  tokens.koordinator = createApiToken(db, { name: 'Koordinator', role: 'koordinator', areaSpec: KECAMATAN, homeAreaCode: KECAMATAN }, NOW).token;
  tokens.pkb = createApiToken(db, { name: 'PKB Andi', role: 'pkb', areaSpec: `${PAKATTO};${NIRANNUANG}`, homeAreaCode: KECAMATAN }, NOW).token;
  deps = { db, areas, now: () => NOW, settings: { recap: DEFAULT_RECAP_SETTINGS, calendar: { dueDay: 3, closeDay: 15 }, caseFollowUpDays: 7 } };
  app = await buildApp({ logger: silentLogger(), health: () => ({ status: 'ok', transport: { name: 'memory', state: 'open', detail: '', since: NOW.toISOString() }, outbox: { pending: 0, sent: 0, failed: 0 }, alerts: [] }), dashboard: deps });
});

afterAll(async () => {
  await app.close();
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(token: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/dasbor/masuk', payload: `token=${encodeURIComponent(token)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(res.statusCode).toBe(303);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/dasbor' });
  return `${SESSION_COOKIE}=${cookie.value}`;
}

const get = (url: string, cookie?: string) => app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

/** The value of `data-figure="name"` inside the row or block that starts with `marker`. */
function figureIn(body: string, marker: string, name: string): string | undefined {
  const start = body.indexOf(marker);
  if (start < 0) return undefined;
  return new RegExp(`data-figure="${name}" data-value="([^"]*)"`).exec(body.slice(start))?.[1];
}

describe('dashboard sign-in', () => {
  it('when a page is opened without a session, then the browser is sent to the sign-in page', async () => {
    for (const url of ['/dasbor', `/dasbor/kecamatan/${KECAMATAN}`, `/dasbor/desa/${PAKATTO}`, '/dasbor/unduh/rekap?format=csv']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location).toBe('/dasbor/masuk');
    }
    const form = await get('/dasbor/masuk');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Token akses');
  });

  it('when a wrong token is pasted, then 401 with an Indonesian message and no cookie', async () => {
    const res = await app.inject({ method: 'POST', url: '/dasbor/masuk', payload: 'token=imp_bukan-token', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('Token tidak dikenal atau sudah dicabut.');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('when one address keeps pasting wrong tokens, then the form refuses it for a while, even with a good token', async () => {
    const post = (token: string) =>
      app.inject({ method: 'POST', url: '/dasbor/masuk', remoteAddress: '10.9.9.9', payload: `token=${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    for (let i = 0; i < 10; i++) expect((await post(`imp_salah${i}`)).statusCode).toBe(401);
    const blocked = await post(encodeURIComponent(tokens.dinas));
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Terlalu banyak percobaan');
  });

  it('when a made-up session cookie is sent, then it counts as no session', async () => {
    const res = await get('/dasbor', `${SESSION_COOKIE}=s_palsu`);
    expect(res.statusCode).toBe(303);
  });

  it('when signed in and then out, then the session no longer opens pages', async () => {
    const cookie = await signIn(tokens.dinas);
    expect((await get('/dasbor', cookie)).statusCode).toBe(200);
    const out = await app.inject({ method: 'POST', url: '/dasbor/keluar', headers: { cookie } });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/dasbor/masuk');
    expect((await get('/dasbor', cookie)).statusCode).toBe(303);
  });
});

describe('dashboard scope', () => {
  it('when a koordinator opens the start page, then they land on their kecamatan, and the kabupaten figures are not theirs', async () => {
    const cookie = await signIn(tokens.koordinator);
    const res = await get('/dasbor?bulan=2026-11', cookie);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/dasbor/kecamatan/${KECAMATAN}?bulan=2026-11`);
    expect((await get(`/dasbor/kecamatan/${OTHER_KECAMATAN}`, cookie)).statusCode).toBe(403);
    expect((await get('/dasbor/unduh/rekap?format=csv&bulan=2026-11', cookie)).statusCode).toBe(403);
    expect((await get(`/dasbor/unduh/rekap?format=csv&bulan=2026-11&kecamatan=${KECAMATAN}`, cookie)).statusCode).toBe(200);
  });

  it('when a PKB opens another kecamatan or a desa outside their binaan, then 403 with the Indonesian page', async () => {
    const cookie = await signIn(tokens.pkb);
    const other = await get(`/dasbor/kecamatan/${OTHER_KECAMATAN}`, cookie);
    expect(other.statusCode).toBe(403);
    expect(other.body).toContain('Tidak ada akses');
    expect((await get('/dasbor/desa/73.06.06.2006', cookie)).statusCode).toBe(403);
    expect((await get(`/dasbor/desa/${PAKATTO}?bulan=2026-11`, cookie)).statusCode).toBe(200);
    // Their kecamatan page lists only their binaan, and the whole-kecamatan export is not theirs.
    const own = await get(`/dasbor/kecamatan/${KECAMATAN}?bulan=2026-11`, cookie);
    expect(own.statusCode).toBe(200);
    expect([...own.body.matchAll(/data-desa="([^"]+)"/g)].map((m) => m[1])).toEqual([PAKATTO, NIRANNUANG]);
    expect(own.body).not.toContain('data-download=');
    expect((await get(`/dasbor/unduh/rekap?format=csv&kecamatan=${KECAMATAN}`, cookie)).statusCode).toBe(403);
  });

  it('when an unknown area or a bad month is asked, then 404 or 400, not an error', async () => {
    const cookie = await signIn(tokens.dinas);
    expect((await get('/dasbor/kecamatan/99.99', cookie)).statusCode).toBe(404);
    expect((await get(`/dasbor/desa/${PAKATTO}?bulan=2026-11&versi=9`, cookie)).statusCode).toBe(404);
    expect((await get('/dasbor?bulan=November', cookie)).statusCode).toBe(400);
  });
});

describe('dashboard pages', () => {
  it('when a desa or a cadre is named like a script, then the name is shown as text', async () => {
    const cookie = await signIn(tokens.dinas);
    for (const url of [`/dasbor/kecamatan/${KECAMATAN}?bulan=2026-11`, `/dasbor/desa/${PAKATTO}?bulan=2026-11`]) {
      const res = await get(url, cookie);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(EVIL);
      expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    const desa = await get(`/dasbor/desa/${PAKATTO}?bulan=2026-11`, cookie);
    expect(desa.body).toContain('Siti &lt;script&gt;');
    expect(desa.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('when the kabupaten and a kecamatan are opened, then their figures are the aggregation\'s', async () => {
    const cookie = await signIn(tokens.dinas);
    const settings = deps.settings;
    const kab = aggregateArea(database.db, deps.areas, { period: PERIOD, areaCode: '73.06', now: NOW, settings });
    const overview = (await get('/dasbor?bulan=2026-11', cookie)).body;
    expect(figureIn(overview, 'class="cards"', 'sent')).toBe(String(kab.completeness.sent));
    expect(figureIn(overview, 'class="cards"', 'cpr')).toBe(String(kab.indicators.verified.cpr));
    const kec = kab.byKecamatan.find((k) => k.kecamatan.code === KECAMATAN)!;
    expect(figureIn(overview, `data-kecamatan="${KECAMATAN}"`, 'expected')).toBe(String(kec.completeness.expected));
    expect(figureIn(overview, `data-kecamatan="${KECAMATAN}"`, 'sent')).toBe('2');
    const page = (await get(`/dasbor/kecamatan/${KECAMATAN}?bulan=2026-11`, cookie)).body;
    expect(page).toMatch(new RegExp(`data-desa="${PAKATTO}" data-status="terverifikasi"`));
    expect(page).toMatch(new RegExp(`data-desa="${NIRANNUANG}" data-status="terkirim" data-late="true"`));
    expect(page).toMatch(/data-desa="73.06.06.2006" data-status="terlambat"/);
  });

  it('when a desa recap has two versions, then the current one is shown and the first can be picked', async () => {
    const cookie = await signIn(tokens.dinas);
    const current = (await get(`/dasbor/desa/${PAKATTO}?bulan=2026-11`, cookie)).body;
    expect(current).toContain('data-version="2"');
    expect(current).toContain('I. KEADAAN UMUM');
    expect(current).toContain('V. UPPKA');
    expect(current).toContain('data-field="pa_suntik" data-value="120"');
    expect(current).toContain('alasan: Angka suntik salah');
    const first = (await get(`/dasbor/desa/${PAKATTO}?bulan=2026-11&versi=1`, cookie)).body;
    expect(first).toContain('data-version="1"');
    expect(first).toContain('data-field="pa_suntik" data-value="100"');
    expect(first).toContain('Ini versi lama');
  });

  it('when an export is downloaded, then it has the CLI file name and content type', async () => {
    const cookie = await signIn(tokens.dinas);
    const csv = await get(`/dasbor/unduh/kasus?bulan=2026-11&kecamatan=${KECAMATAN}&format=csv`, cookie);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="kasus-2026-11-${KECAMATAN}.csv"`);
    const xlsx = await get('/dasbor/unduh/kasus?bulan=2026-11&format=xlsx', cookie);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="kasus-2026-11.xlsx"');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
