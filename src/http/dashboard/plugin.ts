// The dashboard as one fastify plugin: `registerDashboard(app, deps)`. Server-rendered pages under /dasbor, no
// script; every page checks the session and the token's area scope (auth/token-scope.ts) before reading anything.
import { recordAudit } from '../../db/repos/audit.repo.js';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { digestPeriod } from '../../reports/pkb-digest-text.js';
import { mayAccess } from '../auth/token-scope.js';
import { BASE, type DashboardDeps, type Viewer } from './deps.js';

export type { DashboardDeps } from './deps.js';
import { desaPage } from './desa-page.js';
import { buildExport, EXPORT_KINDS, type ExportKind } from './export-files.js';
import { PERIOD_PATTERN } from './format.js';
import { homePage } from './home-page.js';
import { kecamatanPage } from './kecamatan-page.js';
import { forbiddenPage, messagePage, notFoundPage, signInPage } from './layout.js';
import { overviewPage } from './overview-page.js';
import { quizDownload, quizPage } from './quiz-page.js';
import { signIn, SignInLimiter, signOut, viewerOf } from './session.js';

const FORM = 'application/x-www-form-urlencoded';
// The pages carry no script and load only their own stylesheet.
const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

type Query = Record<string, string | undefined>;

function send(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').header('content-security-policy', CSP).send(body);
}

export async function registerDashboard(app: FastifyInstance, deps: DashboardDeps): Promise<void> {
  const css = readFileSync(new URL('../../../resources/dashboard/dasbor.css', import.meta.url), 'utf8');
  const limiter = new SignInLimiter(deps.now);

  await app.register(async (scope) => {
    if (!scope.hasContentTypeParser(FORM)) {
      scope.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));
    }

    // A page that fails says so in Indonesian, as a page; what went wrong goes to the log only.
    scope.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
      const status = error.statusCode ?? 500;
      if (status < 500) return send(reply, status, messagePage('Permintaan tidak sah', 'Periksa alamat halaman lalu coba lagi.', null));
      request.log.error({ err: error, url: request.url }, 'dashboard page failed');
      return send(reply, 500, messagePage('Terjadi gangguan', 'Halaman ini belum bisa ditampilkan. Coba lagi nanti.', null));
    });

    /** Runs a page for a signed-in viewer; without a session, to the sign-in page. */
    const guarded =
      (handler: (request: FastifyRequest, reply: FastifyReply, viewer: Viewer, period: string, latest: string) => Promise<FastifyReply> | FastifyReply) =>
      async (request: FastifyRequest, reply: FastifyReply) => {
        const viewer = viewerOf(deps, request);
        if (!viewer) return reply.redirect(`${BASE}/masuk`, 303);
        const latest = digestPeriod(deps.now());
        const asked = (request.query as Query).bulan;
        if (asked !== undefined && asked !== '' && !PERIOD_PATTERN.test(asked)) return send(reply, 400, messagePage('Bulan tidak sah', 'Pilih bulan dengan format tahun-bulan, misalnya 2026-11.', viewer));
        return handler(request, reply, viewer, asked || latest, latest);
      };

    scope.get(`${BASE}/gaya.css`, async (_request, reply) => reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css));

    scope.get(`${BASE}/masuk`, async (request, reply) => {
      if (viewerOf(deps, request)) return reply.redirect(BASE, 303);
      return send(reply, 200, signInPage(null));
    });

    scope.post(`${BASE}/masuk`, async (request, reply) => {
      if (limiter.blocked(request.ip)) return send(reply, 429, signInPage('Terlalu banyak percobaan. Coba lagi 15 menit lagi.'));
      const token = String((request.body as Query | undefined)?.token ?? '').trim();
      if (token === '') return send(reply, 400, signInPage('Token belum diisi.'));
      if (!signIn(deps, request, reply, token)) {
        limiter.failed(request.ip);
        return send(reply, 401, signInPage('Token tidak dikenal atau sudah dicabut.'));
      }
      return reply.redirect(BASE, 303);
    });

    scope.post(`${BASE}/keluar`, async (request, reply) => {
      signOut(deps, request, reply);
      return reply.redirect(`${BASE}/masuk`, 303);
    });

    scope.get(
      BASE,
      guarded(async (_request, reply, viewer, period, latest) => {
        if (viewer.scope.desa === null) return send(reply, 200, overviewPage(deps, viewer, period, latest));
        // A koordinator (or a PKB of one kecamatan) starts at their kecamatan; a PKB across kecamatan picks one.
        if (deps.areas.isKecamatan(viewer.token.homeAreaCode)) return reply.redirect(`${BASE}/kecamatan/${viewer.token.homeAreaCode}?bulan=${period}`, 303);
        return send(reply, 200, homePage(deps, viewer, period));
      }),
    );

    scope.get(
      `${BASE}/kecamatan/:kode`,
      guarded(async (request, reply, viewer, period, latest) => {
        const code = (request.params as { kode: string }).kode;
        if (!deps.areas.isKecamatan(code)) return send(reply, 404, notFoundPage(viewer));
        if (!mayAccess(viewer.scope, code, deps.areas)) return send(reply, 403, forbiddenPage(viewer));
        return send(reply, 200, kecamatanPage(deps, viewer, code, period, latest));
      }),
    );

    scope.get(
      `${BASE}/desa/:kode`,
      guarded(async (request, reply, viewer, period, latest) => {
        const code = (request.params as { kode: string }).kode;
        if (!deps.areas.isDesa(code)) return send(reply, 404, notFoundPage(viewer));
        if (!mayAccess(viewer.scope, code, deps.areas)) return send(reply, 403, forbiddenPage(viewer));
        const versi = (request.query as Query).versi;
        const version = versi === undefined || versi === '' ? null : /^\d{1,4}$/.test(versi) ? Number(versi) : -1;
        const body = version === -1 ? null : desaPage(deps, viewer, code, period, latest, version);
        return body === null ? send(reply, 404, notFoundPage(viewer)) : send(reply, 200, body);
      }),
    );

    scope.get(
      `${BASE}/kuis`,
      guarded(async (_request, reply, viewer) => send(reply, 200, quizPage(deps, viewer))),
    );

    scope.get(
      `${BASE}/kuis/:id/unduh`,
      guarded(async (request, reply, viewer) => {
        const id = Number((request.params as { id: string }).id);
        const format = (request.query as Query).format ?? 'xlsx';
        if (!Number.isInteger(id) || (format !== 'csv' && format !== 'xlsx')) return send(reply, 404, notFoundPage(viewer));
        // A workshop outside the token's area is "not found", like a wrong number.
        const file = await quizDownload(deps, viewer, id, format);
        if (!file) return send(reply, 404, notFoundPage(viewer));
        recordAudit(deps.db, { actor: { kind: 'token', id: viewer.token.id }, action: 'export.quiz', at: deps.now(), targets: [id], detail: { format, via: 'dashboard' } });
        return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).header('cache-control', 'no-store').send(file.body);
      }),
    );

    scope.get(
      `${BASE}/unduh/:berkas`,
      guarded(async (request, reply, viewer, period) => {
        const kind = (request.params as { berkas: string }).berkas as ExportKind;
        const query = request.query as Query;
        const format = query.format ?? 'xlsx';
        const kecamatan = query.kecamatan || undefined;
        if (!EXPORT_KINDS.includes(kind) || (format !== 'csv' && format !== 'xlsx')) return send(reply, 404, notFoundPage(viewer));
        if (kecamatan !== undefined && !deps.areas.isKecamatan(kecamatan)) return send(reply, 404, notFoundPage(viewer));
        // An export covers a whole kecamatan or the kabupaten: only a token that sees all of it may download it.
        const allowed = kecamatan === undefined ? viewer.scope.desa === null : viewer.scope.wholeKecamatan.has(kecamatan);
        if (!allowed) return send(reply, 403, forbiddenPage(viewer));
        const file = await buildExport(deps, kind, format, period, kecamatan);
        recordAudit(deps.db, { actor: { kind: 'token', id: viewer.token.id }, action: `export.${kind}`, at: deps.now(), areaCode: kecamatan ?? deps.areas.kabupaten().code, period, detail: { format, via: 'dashboard' } });
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('cache-control', 'no-store')
          .send(file.body);
      }),
    );
  });
}
