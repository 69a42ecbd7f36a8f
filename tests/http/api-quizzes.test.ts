// Workshop quizzes over the API and on the dashboard: a PKB token opens a pre-test and, with the same name, its
// post-test; tokens see only the workshops of their area (a PKB its binaan's, a koordinator its kecamatan's, the
// Dinas all); results, closing, and the CSV/XLSX export agree with what the cadres answered.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersonByPhone } from '../../src/db/repos/people.repo.js';
import { attemptOf, findQuizByCode, questionsOf, findWorkshop, recordAnswer, startAttempt } from '../../src/db/repos/quiz.repo.js';
import { auditLog } from '../../src/db/schema.js';
import { buildApp } from '../../src/http/app.js';
import { SESSION_COOKIE } from '../../src/http/dashboard/session.js';
import { silentLogger } from '../../src/logger.js';
import { DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { PPKBD_PHONE } from '../helpers/people.js';
import { answersScoring } from '../helpers/quiz-story.js';
import { apiFixture, NIRANNUANG, NIRANNUANG_PPKBD, NOW, PAKATTO, type ApiFixture } from './api-fixture.js';

let f: ApiFixture;
let workshopId = 0;
let preCode = '';
let postCode = '';
let kabupatenWorkshop = 0;

/** A cadre answers a whole test so that the first `right` questions are right. */
function takes(code: string, phone: string, right: number): void {
  const db = f.database.db;
  const quiz = findQuizByCode(db, code)!;
  const person = findPersonByPhone(db, phone)!;
  const questions = questionsOf(findWorkshop(db, quiz.workshopId)!);
  const attempt = startAttempt(db, { quizId: quiz.id, personId: person.id, role: 'ppkbd', desaCode: person.homeAreaCode, now: NOW });
  answersScoring(right).forEach((n, i) => recordAnswer(db, attemptOf(db, quiz.id, person.id)!, { question: i, choice: n - 1, correct: n - 1 === questions[i]!.answer, questions: questions.length, now: NOW }));
  expect(attemptOf(db, quiz.id, person.id)!.score).toBe(right);
  expect(attempt.quizId).toBe(quiz.id);
}

beforeAll(async () => {
  f = await apiFixture();
  const pre = await f.app.inject({ method: 'POST', url: '/api/v1/quizzes', headers: f.auth('pkb'), payload: { name: 'Pelatihan Kader Binaan' } });
  expect(pre.statusCode).toBe(201);
  workshopId = pre.json().quiz.id;
  preCode = pre.json().quiz.pre.code;
  takes(preCode, PPKBD_PHONE, 6);
  takes(preCode, NIRANNUANG_PPKBD, 4);
  const post = await f.app.inject({ method: 'POST', url: '/api/v1/quizzes', headers: f.auth('pkb'), payload: { name: 'pelatihan kader binaan' } });
  expect(post.json()).toMatchObject({ outcome: 'post_opened', quiz: { id: workshopId, pre: { state: 'closed', finished: 2 } } });
  postCode = post.json().quiz.post.code;
  takes(postCode, PPKBD_PHONE, 9);
  const kab = await f.app.inject({ method: 'POST', url: '/api/v1/quizzes', headers: f.auth('dinas'), payload: { name: 'Orientasi Kabupaten', bank: 'dasar-kb-kader' } });
  kabupatenWorkshop = kab.json().quiz.id;
});
afterAll(async () => f.close());

describe('quizzes over the API', () => {
  it("when a PKB token opens a workshop, then it belongs to the token's binaan; opened a third time it is refused", async () => {
    const list = (await f.app.inject({ method: 'GET', url: '/api/v1/quizzes', headers: f.auth('pkb') })).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: workshopId, area_spec: `${PAKATTO};${NIRANNUANG}`, area_label: 'Desa Pakatto dan Desa Nirannuang', questions: 10 });
    const again = await f.app.inject({ method: 'POST', url: '/api/v1/quizzes', headers: f.auth('pkb'), payload: { name: 'Pelatihan Kader Binaan' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_paired');
  });

  it('when each token lists the quizzes, then the PKB and the koordinator see the binaan workshop, another kecamatan none, the Dinas both', async () => {
    const ids = async (name: Parameters<ApiFixture['auth']>[0]) => ((await f.app.inject({ method: 'GET', url: '/api/v1/quizzes', headers: f.auth(name) })).json().items as { id: number }[]).map((w) => w.id);
    expect(await ids('pkb')).toEqual([workshopId]);
    expect(await ids('koordinator')).toEqual([workshopId]);
    expect(await ids('otherKoordinator')).toEqual([]);
    expect(await ids('dinas')).toEqual([kabupatenWorkshop, workshopId]);
    expect((await f.app.inject({ method: 'GET', url: `/api/v1/quizzes/${workshopId}`, headers: f.auth('otherKoordinator') })).statusCode).toBe(404);
    expect((await f.app.inject({ method: 'GET', url: `/api/v1/quizzes/${kabupatenWorkshop}`, headers: f.auth('pkb') })).statusCode).toBe(404);
    const outside = await f.app.inject({ method: 'POST', url: '/api/v1/quizzes', headers: f.auth('pkb'), payload: { name: 'Di luar binaan', area: '73.06.06' } });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.field).toBe('area');
  });

  it('when one workshop is read, then its scores per cadre, per desa and per question and the pre → post change are given', async () => {
    const res = (await f.app.inject({ method: 'GET', url: `/api/v1/quizzes/${workshopId}`, headers: f.auth('koordinator') })).json();
    expect(res.pre).toMatchObject({ code: preCode, finished: 2, average_score: 5, average_pct: 50 });
    expect(res.post).toMatchObject({ code: postCode, finished: 1, average_pct: 90 });
    expect(res.paired).toEqual({ count: 1, pre_pct: 60, post_pct: 90, change_pts: 30, average_change: 3 });
    expect(res.participants.map((p: { name: string; change: number | null; note: string }) => [p.name, p.change, p.note])).toEqual([
      ['Nur Aeni', null, 'hanya pre-test'],
      ['Siti Aminah', 3, 'pre dan post'],
    ]);
    expect(res.by_desa.find((d: { desa_code: string }) => d.desa_code === PAKATTO)).toMatchObject({ pre_pct: 60, post_pct: 90, change_pts: 30 });
    expect(res.by_question[4]).toMatchObject({ number: 5, pre: { answered: 2, correct: 1, pct: 50 }, post: { answered: 1, correct: 1, pct: 100 } });
  });

  it('when a test is closed, then it stops taking answers; closing it again says it was closed already', async () => {
    const first = await f.app.inject({ method: 'POST', url: `/api/v1/quizzes/${workshopId}/close`, headers: f.auth('pkb'), payload: { test: 'post' } });
    expect(first.json()).toMatchObject({ closed: true, quiz: { post: { state: 'closed' } } });
    const second = await f.app.inject({ method: 'POST', url: `/api/v1/quizzes/${workshopId}/close`, headers: f.auth('pkb'), payload: { test: 'post' } });
    expect(second.json().closed).toBe(false);
    const actions = f.database.db.select().from(auditLog).all().map((a) => a.action);
    expect(actions.filter((a) => a === 'quiz.open')).toHaveLength(3);
    expect(actions.filter((a) => a === 'quiz.close')).toHaveLength(1);
  });

  it('when the results are exported, then the CSV table and the XLSX sheets hold the same numbers, and the export is audited', async () => {
    const csv = await f.app.inject({ method: 'GET', url: `/api/v1/quizzes/${workshopId}/export?format=csv&table=desa`, headers: f.auth('pkb') });
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="kuis-${preCode}-desa.csv"`);
    const rows = parse<Record<string, string>>(csv.body, { columns: true });
    expect(rows.map((r) => [r['Desa/Kelurahan'], r['Rata-rata pre-test %'], r['Rata-rata post-test %'], r['Perubahan (poin %)']])).toEqual([
      ['Nirannuang', '40', '', ''],
      ['Pakatto', '60', '90', '30'],
    ]);
    const xlsx = await f.app.inject({ method: 'GET', url: `/api/v1/quizzes/${workshopId}/export?format=xlsx`, headers: f.auth('pkb') });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Peserta')!;
    const header = (sheet.getRow(8).values as unknown[]).slice(1);
    const siti = sheet.getRow(10);
    expect(siti.getCell(header.indexOf('Nama') + 1).value).toBe('Siti Aminah');
    expect(siti.getCell(header.indexOf('Perubahan (poin %)') + 1).value).toBe(30);
    expect(f.database.db.select().from(auditLog).all().filter((a) => a.action === 'export.quiz')).toHaveLength(2);
  });
});

describe('quizzes on the dashboard', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const deps = { db: f.database.db, areas: f.database.areas, now: () => NOW, settings: { recap: DEFAULT_RECAP_SETTINGS, calendar: { dueDay: 3, closeDay: 15 }, caseFollowUpDays: 7 } };
    app = await buildApp({ logger: silentLogger(), health: () => ({ status: 'ok', transport: { name: 'memory', state: 'open', detail: '', since: NOW.toISOString() }, outbox: { pending: 0, sent: 0, failed: 0 }, alerts: [] }), dashboard: deps });
  });
  afterAll(async () => app.close());

  async function page(token: string, url: string) {
    const signIn = await app.inject({ method: 'POST', url: '/dasbor/masuk', payload: `token=${encodeURIComponent(token)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const cookie = signIn.cookies.find((c) => c.name === SESSION_COOKIE)!;
    return app.inject({ method: 'GET', url, headers: { cookie: `${SESSION_COOKIE}=${cookie.value}` } });
  }

  it('when a PKB opens /dasbor/kuis, then their workshop is listed with the pre → post change, and another area sees none', async () => {
    const res = await page(f.tokens.pkb, '/dasbor/kuis');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`data-quiz="${workshopId}"`);
    expect(res.body).not.toContain(`data-quiz="${kabupatenWorkshop}"`);
    expect(res.body).toContain('data-figure="changePts" data-value="30"');
    expect(res.body).toContain('data-figure="pairedPrePct" data-value="60"');
    const other = await page(f.tokens.otherKoordinator, '/dasbor/kuis');
    expect(other.body).toContain('Belum ada kuis pelatihan di wilayah Anda.');
    expect((await page(f.tokens.otherKoordinator, `/dasbor/kuis/${workshopId}/unduh?format=csv`)).statusCode).toBe(404);
  });

  it('when the PKB downloads the CSV from the dashboard, then it is the export of the cadres', async () => {
    const res = await page(f.tokens.pkb, `/dasbor/kuis/${workshopId}/unduh?format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="kuis-${preCode}-peserta.csv"`);
    expect(parse<Record<string, string>>(res.body, { columns: true }).map((r) => r.Nama)).toEqual(['Nur Aeni', 'Siti Aminah']);
  });
});
