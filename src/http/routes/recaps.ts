// Monthly desa recaps: the list of a period (one row per desa of the token's areas, also those not sent), one recap
// with every version and the warnings the cadre confirmed, and verify / return by its reviewer — the WhatsApp review's
// rules and the cadre's notice, through the port main.ts passes in (bot/features/api-review.ts).
import { inArray } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { desaRecapsIn, recapById, recapHistory } from '../../db/repos/recaps.repo.js';
import { people } from '../../db/schema.js';
import type { ApiRole } from '../../domain/api-roles.js';
import { aggregateArea } from '../../reports/aggregate-data.js';
import { confirmedWarnings } from '../../reports/labels.js';
import { ALL_ROLES, areaInScope, requireRole, SECURITY } from '../auth/bearer.js';
import { mayAccess, visibleDesa } from '../auth/token-scope.js';
import type { ApiContext, RecapReviewOutcome } from '../context.js';
import { ApiError, ERROR_RESPONSES, forbidden, notFound } from '../errors.js';
import { AreaCode, pageOf, paginate, Pagination, Period } from '../schemas.js';

/** Who verifies or returns through the API: the roles of the WhatsApp review chain (PKB → koordinator → Dinas). */
export const RECAP_REVIEWERS = ['pkb', 'koordinator', 'dinas'] as const satisfies readonly ApiRole[];

const STATUS = ['not_sent', 'submitted', 'returned', 'verified'] as const;
const Numbers = z.record(z.string(), z.number().nullable());

const RecapListItem = z.object({
  desa_code: z.string(),
  desa_name: z.string(),
  kecamatan_code: z.string(),
  kecamatan_name: z.string(),
  taking_part: z.boolean(),
  status: z.enum(STATUS),
  recap_id: z.number().int().nullable(),
  version: z.number().int().nullable(),
  late: z.boolean().nullable(),
  submitted_at: z.string().nullable(),
  verified_at: z.string().nullable(),
  indicators: Numbers.nullable(),
});

const Warning = z.object({ rule: z.string(), text: z.string() });
const RecapDetail = z.object({
  id: z.number().int(),
  desa_code: z.string(),
  desa_label: z.string(),
  period: z.string(),
  status: z.enum(['submitted', 'returned', 'verified']),
  version: z.number().int(),
  late: z.boolean(),
  receipt_code: z.string(),
  submitted_at: z.string(),
  verified_at: z.string().nullable(),
  returned_reason: z.string().nullable(),
  reporter_name: z.string().nullable(),
  values: Numbers,
  warnings: z.array(Warning),
  versions: z.array(
    z.object({
      version: z.number().int(),
      change: z.enum(['submitted', 'corrected', 'returned', 'verified', 'reopened']),
      at: z.string(),
      by_name: z.string().nullable(),
      note: z.string().nullable(),
      values: Numbers.nullable(),
      warnings: z.array(Warning),
    }),
  ),
});

const ReviewResult = z.object({ status: z.enum(['verified', 'returned']), reviewer_name: z.string(), cadre_notified: z.boolean() });
const IdParams = z.object({ id: z.coerce.number().int().positive() });

function values(json: string | null): Record<string, number | null> | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as Record<string, number | null>;
  } catch {
    return null;
  }
}

export const recapsRoutes: FastifyPluginAsync<{ api: ApiContext }> = async (app, { api: ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/recaps',
    {
      schema: {
        tags: ['recaps'],
        summary: 'Rekap desa satu bulan dengan statusnya (juga yang belum lapor)',
        security: SECURITY,
        querystring: Pagination.extend({ period: Period, area: AreaCode.optional(), status: z.enum(STATUS).optional(), late: z.enum(['true', 'false']).optional() }),
        response: { 200: pageOf(RecapListItem), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const scope = requireRole(request, ALL_ROLES);
      const { period, status, late } = request.query;
      const area = areaInScope(scope, request.query.area, ctx);
      const desa = visibleDesa(scope, area, ctx.areas);
      const agg = aggregateArea(ctx.db, ctx.areas, { period, areaCode: area, now: ctx.now(), onlyDesa: desa, settings: ctx.settings });
      const ids = new Map(desaRecapsIn(ctx.db, desa, [period]).map((r) => [r.desaCode, r.id]));
      const rows = agg.byDesa
        .map((d) => ({
          desa_code: d.code,
          desa_name: d.name,
          kecamatan_code: d.kecamatanCode,
          kecamatan_name: d.kecamatanName,
          taking_part: d.takingPart,
          status: d.status === 'belum lapor' ? ('not_sent' as const) : d.status,
          recap_id: ids.get(d.code) ?? null,
          version: d.version,
          late: d.late,
          submitted_at: d.submittedAt,
          verified_at: d.verifiedAt,
          indicators: d.indicators ? { ...d.indicators } : null,
        }))
        .filter((r) => (!status || r.status === status) && (!late || r.late === (late === 'true')));
      return paginate(rows, request.query);
    },
  );

  api.get(
    '/recaps/:id',
    { schema: { tags: ['recaps'], summary: 'Satu rekap dengan semua versinya dan peringatan yang dikonfirmasi', security: SECURITY, params: IdParams, response: { 200: RecapDetail, ...ERROR_RESPONSES } } },
    async (request) => {
      const scope = requireRole(request, ALL_ROLES);
      const row = recapById(ctx.db, request.params.id);
      if (!row) throw notFound('Rekap', 'Recap');
      if (!mayAccess(scope, row.desaCode, ctx.areas)) throw forbidden();
      const events = recapHistory(ctx.db, row.id);
      const ids = [...new Set([row.reporterId, ...events.map((e) => e.byPersonId)])];
      const names = new Map(ctx.db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, ids)).all().map((p) => [p.id, p.name]));
      return {
        id: row.id,
        desa_code: row.desaCode,
        desa_label: ctx.areas.label(row.desaCode),
        period: row.period,
        status: row.status,
        version: row.version,
        late: row.late,
        receipt_code: row.receiptCode,
        submitted_at: row.submittedAt,
        verified_at: row.verifiedAt,
        returned_reason: row.status === 'returned' ? row.returnedReason : null,
        reporter_name: names.get(row.reporterId) ?? null,
        values: values(row.values) ?? {},
        warnings: confirmedWarnings(row.warnings),
        versions: events.map((e) => ({
          version: e.version,
          change: e.change,
          at: e.at,
          by_name: names.get(e.byPersonId) ?? null,
          note: e.note,
          values: values(e.values),
          warnings: e.warnings ? confirmedWarnings(e.warnings) : [],
        })),
      };
    },
  );

  for (const decision of ['verified', 'returned'] as const) {
    api.post(
      `/recaps/:id/${decision === 'verified' ? 'verify' : 'return'}`,
      {
        schema: {
          tags: ['recaps'],
          summary: decision === 'verified' ? 'Verifikasi dan kunci rekap (oleh pemeriksanya)' : 'Kembalikan rekap ke PPKBD dengan alasan',
          description: 'Same rules and cadre notice as the WhatsApp review. The version must be the one you saw (409 if it changed).',
          security: SECURITY,
          params: IdParams,
          body:
            decision === 'verified'
              ? z.object({ version: z.number().int().positive() })
              : z.object({ version: z.number().int().positive(), reason: z.string().trim().min(5).max(300) }),
          response: { 200: ReviewResult, ...ERROR_RESPONSES },
        },
      },
      async (request) => {
        const scope = requireRole(request, RECAP_REVIEWERS);
        const body = request.body as { version: number; reason?: string };
        const outcome: RecapReviewOutcome = ctx.reviewRecap({
          recapId: request.params.id,
          version: body.version,
          decision,
          reason: body.reason ?? null,
          role: scope.role as (typeof RECAP_REVIEWERS)[number],
          allowedDesa: scope.desa,
        });
        if (!outcome.ok) throw refusal(outcome);
        ctx.kick();
        return { status: outcome.status, reviewer_name: outcome.reviewerName, cadre_notified: outcome.cadreNotified };
      },
    );
  }
};

function refusal(outcome: Extract<RecapReviewOutcome, { ok: false }>): ApiError {
  switch (outcome.reason) {
    case 'not_found':
      return notFound('Rekap', 'Recap');
    case 'out_of_scope':
      return forbidden();
    case 'not_reviewer':
      return new ApiError(403, 'not_reviewer', 'Rekap desa ini diperiksa oleh petugas lain (PKB desa, atau koordinator bila tidak ada PKB).', outcome.detail);
    case 'no_reviewer':
      return new ApiError(409, 'no_reviewer', 'Belum ada pemeriksa terdaftar untuk desa ini.', outcome.detail);
    case 'changed':
      return new ApiError(409, 'changed', 'Rekap ini sudah berubah (ada versi baru atau sudah diperiksa). Muat ulang dan periksa lagi.', 'The recap changed (a new version, or already reviewed). Reload it.', 'version');
    case 'dusun_mismatch':
      return new ApiError(409, 'dusun_mismatch', outcome.detail, 'The desa recap disagrees with a changed dusun part; return it for correction.');
  }
}
