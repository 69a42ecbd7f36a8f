// Workshop quizzes over the API: the workshops a token may see (a PKB token its binaan's, a koordinator its
// kecamatan's, dinas and admin all) with the pre → post change, one workshop's full results, opening a pre- or
// post-test and closing one (the same operations as KUIS BUKA/POST/TUTUP and `imp-smart quiz`), and the export.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../db/repos/audit.repo.js';
import { closeQuiz, openByName, openPost, type OpenOutcome } from '../../db/repos/quiz-open.js';
import { findWorkshop, latestWorkshops, testsOf } from '../../db/repos/quiz.repo.js';
import { cleanWorkshopName, maySeeWorkshop, QUIZ_KINDS, QUIZ_STATES, WORKSHOP_NAME_MAX, WORKSHOP_NAME_MIN, type QuizViewer } from '../../domain/quiz/quiz-rules.js';
import { bundledQuizBanks } from '../../quiz/bank-files.js';
import { loadWorkshopData } from '../../reports/quiz-data.js';
import { QUIZ_TABLES, quizFileName, quizToCsv } from '../../reports/quiz-export.js';
import { workshopResults, type TestSummary, type WorkshopResults } from '../../reports/quiz-results.js';
import { quizXlsxBuffer } from '../../reports/quiz-xlsx.js';
import { ALL_ROLES, requireRole, SECURITY } from '../auth/bearer.js';
import type { TokenScope } from '../auth/token-scope.js';
import type { ApiContext } from '../context.js';
import { ApiError, badField, ERROR_RESPONSES, notFound } from '../errors.js';
import { AreaCode, pageOf, paginate, Pagination } from '../schemas.js';
import { CONTENT_TYPES } from './exports.js';

const Pct = z.number().nullable().describe('percent of the questions answered right (0–100), null without a finished attempt');

const Test = z.object({
  code: z.string(),
  state: z.enum(QUIZ_STATES),
  opened_at: z.string(),
  closed_at: z.string().nullable(),
  joined: z.number().int(),
  finished: z.number().int(),
  average_score: z.number().nullable(),
  average_pct: Pct,
});

const Workshop = z.object({
  id: z.number().int(),
  name: z.string(),
  area_spec: z.string().describe('the kabupaten, a kecamatan, or desa codes separated by ";"'),
  area_label: z.string(),
  bank_id: z.string(),
  bank_title: z.string(),
  questions: z.number().int(),
  organiser_name: z.string().nullable(),
  created_at: z.string(),
  pre: Test.nullable(),
  post: Test.nullable(),
  paired: z.object({ count: z.number().int(), pre_pct: Pct, post_pct: Pct, change_pts: z.number().nullable(), average_change: z.number().nullable() }).describe('cadres who finished both tests'),
});

const Attempt = z.object({ finished: z.boolean(), answered: z.number().int(), score: z.number().int().nullable(), pct: Pct }).nullable();

const WorkshopDetail = Workshop.extend({
  participants: z.array(
    z.object({
      name: z.string(),
      role: z.string(),
      desa_code: z.string(),
      desa_name: z.string(),
      kecamatan_name: z.string(),
      pre: Attempt,
      post: Attempt,
      change: z.number().int().nullable(),
      change_pts: z.number().nullable(),
      note: z.string(),
    }),
  ),
  by_desa: z.array(
    z.object({
      desa_code: z.string(),
      desa_name: z.string(),
      kecamatan_name: z.string(),
      participants: z.number().int(),
      pre_finished: z.number().int(),
      pre_pct: Pct,
      post_finished: z.number().int(),
      post_pct: Pct,
      paired: z.number().int(),
      change_pts: z.number().nullable(),
    }),
  ),
  by_question: z.array(
    z.object({
      number: z.number().int(),
      topic: z.string().nullable(),
      text: z.string(),
      answer: z.string(),
      pre: z.object({ answered: z.number().int(), correct: z.number().int(), pct: Pct }),
      post: z.object({ answered: z.number().int(), correct: z.number().int(), pct: Pct }),
      change_pts: z.number().nullable(),
    }),
  ),
});

const test = (t: TestSummary | null) =>
  t && { code: t.code, state: t.state, opened_at: t.openedAt, closed_at: t.closedAt, joined: t.joined, finished: t.finished, average_score: t.averageScore, average_pct: t.averagePct };

const item = (r: WorkshopResults) => ({
  id: r.id,
  name: r.name,
  area_spec: r.areaSpec,
  area_label: r.areaLabel,
  bank_id: r.bankId,
  bank_title: r.bankTitle,
  questions: r.questionCount,
  organiser_name: r.organiserName,
  created_at: r.createdAt,
  pre: test(r.pre),
  post: test(r.post),
  paired: { count: r.paired.count, pre_pct: r.paired.prePct, post_pct: r.paired.postPct, change_pts: r.paired.changePts, average_change: r.paired.averageChange },
});

const detail = (r: WorkshopResults) => ({
  ...item(r),
  participants: r.participants.map((p) => ({
    name: p.name,
    role: p.role,
    desa_code: p.desaCode,
    desa_name: p.desaName,
    kecamatan_name: p.kecamatanName,
    pre: p.pre,
    post: p.post,
    change: p.change,
    change_pts: p.changePts,
    note: p.note,
  })),
  by_desa: r.byDesa.map((d) => ({
    desa_code: d.desaCode,
    desa_name: d.desaName,
    kecamatan_name: d.kecamatanName,
    participants: d.participants,
    pre_finished: d.preFinished,
    pre_pct: d.prePct,
    post_finished: d.postFinished,
    post_pct: d.postPct,
    paired: d.paired,
    change_pts: d.changePts,
  })),
  by_question: r.byQuestion.map((q) => ({ number: q.number, topic: q.topic, text: q.text, answer: q.answerText, pre: q.pre, post: q.post, change_pts: q.changePts })),
});

const viewerOf = (scope: TokenScope): QuizViewer => ({ personId: null, desa: scope.desa });

const Opened = z.object({ outcome: z.enum(['pre_opened', 'post_opened']), quiz: Workshop });

export const quizzesRoutes: FastifyPluginAsync<{ api: ApiContext }> = async (app, { api: ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const banks = () => ctx.quizBanks ?? bundledQuizBanks();
  const results = (id: number) => workshopResults(loadWorkshopData(ctx.db, id)!, ctx.areas, ctx.now());
  /** The workshop, or 404 — also for one outside the token's scope, so its existence is not told. */
  const visibleWorkshop = (scope: TokenScope, id: number) => {
    const w = findWorkshop(ctx.db, id);
    if (!w || !maySeeWorkshop(viewerOf(scope), w, ctx.areas)) throw notFound('Kuis pelatihan', 'Workshop quiz');
    return w;
  };
  const opened = (outcome: OpenOutcome) => {
    if (outcome.kind === 'bank_needed') throw badField('bank', 'Pilih bank soal (GET /quizzes/banks).', 'Choose a question bank (GET /quizzes/banks).');
    if (outcome.kind === 'already_paired') throw new ApiError(409, 'already_paired', 'Pelatihan ini sudah punya pre-test dan post-test.', 'This workshop already has its pre-test and post-test.');
    return { outcome: outcome.kind, quiz: item(results(outcome.workshop.id)) };
  };
  const Id = z.object({ id: z.coerce.number().int().min(1) });

  api.get(
    '/quizzes',
    {
      schema: { tags: ['quizzes'], summary: 'Kuis pelatihan yang boleh dilihat token ini, terbaru dulu', security: SECURITY, querystring: Pagination, response: { 200: pageOf(Workshop), ...ERROR_RESPONSES } },
    },
    async (request) => {
      const scope = requireRole(request, ALL_ROLES);
      const visible = latestWorkshops(ctx.db, 10_000).filter((w) => maySeeWorkshop(viewerOf(scope), w, ctx.areas));
      const page = paginate(visible, request.query);
      return { ...page, items: page.items.map((w) => item(results(w.id))) };
    },
  );

  api.get(
    '/quizzes/banks',
    {
      schema: {
        tags: ['quizzes'],
        summary: 'Bank soal yang bisa dipakai',
        security: SECURITY,
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), title: z.string(), questions: z.number().int() })) }), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      requireRole(request, ALL_ROLES);
      return { items: banks().banks.map((b) => ({ id: b.id, title: b.title, questions: b.questions.length })) };
    },
  );

  api.post(
    '/quizzes',
    {
      schema: {
        tags: ['quizzes'],
        summary: 'Buka pre-test pelatihan baru (nama yang sama lagi: post-test-nya)',
        security: SECURITY,
        body: z.object({ name: z.string().min(WORKSHOP_NAME_MIN).max(WORKSHOP_NAME_MAX), bank: z.string().optional(), area: AreaCode.optional().describe("the workshop's area; default the token's") }),
        response: { 201: Opened, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const scope = requireRole(request, ALL_ROLES);
      const token = request.apiToken!;
      const name = cleanWorkshopName(request.body.name);
      if (name.length < WORKSHOP_NAME_MIN) throw badField('name', 'Nama pelatihan terlalu pendek.', 'The workshop name is too short.');
      const area = request.body.area ?? token.areaSpec;
      if (request.body.area !== undefined && !maySeeWorkshop(viewerOf(scope), { organiserId: null, areaSpec: area }, ctx.areas)) {
        throw badField('area', `Wilayah ${area} di luar wilayah token ini.`, `Area ${area} is outside this token's scope.`);
      }
      const bankId = request.body.bank;
      const bank = bankId ? banks().get(bankId) : banks().banks.length === 1 ? banks().banks[0] : undefined;
      if (bankId && !bank) throw badField('bank', `Bank soal ${bankId} tidak ada.`, `No question bank ${bankId}.`);
      const now = ctx.now();
      const outcome = ctx.db.transaction((tx) => {
        const done = openByName(tx, ctx.areas, { name, bank: bank ?? null, areaSpec: area, organiserId: null, via: 'api', viewer: viewerOf(scope), now });
        if (done.kind === 'pre_opened' || done.kind === 'post_opened') recordAudit(tx, { actor: { kind: 'token', id: token.id }, action: 'quiz.open', at: now, targets: [done.workshop.id], detail: { kind: done.kind, via: 'api' } });
        return done;
      });
      return reply.status(201).send(opened(outcome));
    },
  );

  api.get(
    '/quizzes/:id',
    { schema: { tags: ['quizzes'], summary: 'Hasil satu kuis pelatihan: per kader, per desa, per soal', security: SECURITY, params: Id, response: { 200: WorkshopDetail, ...ERROR_RESPONSES } } },
    async (request) => {
      const scope = requireRole(request, ALL_ROLES);
      return detail(results(visibleWorkshop(scope, request.params.id).id));
    },
  );

  api.post(
    '/quizzes/:id/post',
    { schema: { tags: ['quizzes'], summary: 'Buka post-test pelatihan ini (pre-test-nya ditutup)', security: SECURITY, params: Id, response: { 201: Opened, ...ERROR_RESPONSES } } },
    async (request, reply) => {
      const scope = requireRole(request, ALL_ROLES);
      const workshop = visibleWorkshop(scope, request.params.id);
      const now = ctx.now();
      const outcome = ctx.db.transaction((tx) => {
        const done = openPost(tx, workshop, now);
        if (done.kind === 'post_opened') recordAudit(tx, { actor: { kind: 'token', id: request.apiToken!.id }, action: 'quiz.open', at: now, targets: [workshop.id], detail: { kind: done.kind, via: 'api' } });
        return done;
      });
      return reply.status(201).send(opened(outcome));
    },
  );

  api.post(
    '/quizzes/:id/close',
    {
      schema: {
        tags: ['quizzes'],
        summary: 'Tutup pre-test atau post-test pelatihan ini',
        security: SECURITY,
        params: Id,
        body: z.object({ test: z.enum(QUIZ_KINDS) }),
        response: { 200: z.object({ closed: z.boolean().describe('false when it was closed already'), quiz: Workshop }), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const scope = requireRole(request, ALL_ROLES);
      const workshop = visibleWorkshop(scope, request.params.id);
      const quiz = testsOf(ctx.db, workshop.id)[request.body.test];
      if (!quiz) throw notFound(request.body.test === 'pre' ? 'Pre-test' : 'Post-test', request.body.test === 'pre' ? 'Pre-test' : 'Post-test');
      const now = ctx.now();
      const closed = ctx.db.transaction((tx) => {
        const done = closeQuiz(tx, quiz, now);
        if (done) recordAudit(tx, { actor: { kind: 'token', id: request.apiToken!.id }, action: 'quiz.close', at: now, targets: [workshop.id, quiz.code], detail: { via: 'api' } });
        return done;
      });
      return { closed, quiz: item(results(workshop.id)) };
    },
  );

  api.get(
    '/quizzes/:id/export',
    {
      schema: {
        tags: ['quizzes'],
        summary: 'Unduh hasil kuis (CSV satu tabel, atau XLSX tiga lembar)',
        security: SECURITY,
        params: Id,
        querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('csv'), table: z.enum(QUIZ_TABLES).default('peserta') }),
        response: { 200: z.string().describe('the file, with Content-Disposition: attachment; filename=…'), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const scope = requireRole(request, ALL_ROLES);
      const r = results(visibleWorkshop(scope, request.params.id).id);
      const { format, table } = request.query;
      recordAudit(ctx.db, { actor: { kind: 'token', id: request.apiToken!.id }, action: 'export.quiz', at: ctx.now(), targets: [r.id], detail: { format, table: format === 'csv' ? table : 'all', via: 'api' } });
      reply.header('content-disposition', `attachment; filename="${quizFileName(r, format, table)}"`).header('cache-control', 'no-store');
      if (format === 'csv') return reply.type(CONTENT_TYPES.csv).send(quizToCsv(r, table));
      // Bytes are sent as they are (never through the serializer); the 200 schema documents the file.
      return reply.type(CONTENT_TYPES.xlsx).send((await quizXlsxBuffer(r)) as never);
    },
  );
};
