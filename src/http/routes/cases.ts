// Unmet-need cases: the month's list (the rows of the cases export: no reporter, no address, no phone), one case with
// its history and the status changes the token's role may make (domain/cases/lifecycle.ts). Changing a case stays
// in WhatsApp (KASUS <kode>), where the officer who holds it acts; the API shows what is allowed.
import { inArray } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseHistory, findCaseByCode } from '../../db/repos/cases.repo.js';
import { people } from '../../db/schema.js';
import { ACTION_LABELS, ACTION_TARGET, availableActions, CASE_STATUSES } from '../../domain/cases/lifecycle.js';
import { casesExport } from '../../reports/cases-export.js';
import { ALL_ROLES, areaInScope, requireRole, SECURITY } from '../auth/bearer.js';
import { mayAccess, visibleDesa } from '../auth/token-scope.js';
import type { ApiContext } from '../context.js';
import { ERROR_RESPONSES, forbidden, notFound } from '../errors.js';
import { AreaCode, pageOf, paginate, Pagination, Period } from '../schemas.js';

const CaseItem = z.object({
  code: z.string(),
  desa_code: z.string(),
  desa_name: z.string(),
  kecamatan_code: z.string(),
  place: z.string().nullable().describe('dusun/RT as stored, screened of personal data'),
  category: z.enum(['IAT', 'TIAL', 'CALON_AKSEPTOR']),
  method_wanted: z.string(),
  reasons: z.array(z.string()),
  status: z.enum(CASE_STATUSES),
  reported_at: z.string(),
  closed_at: z.string().nullable(),
  age_days: z.number().int(),
  referred_to: z.string().nullable(),
  assigned: z.boolean(),
});

const CaseDetail = CaseItem.omit({ age_days: true, assigned: true }).extend({
  assignee_name: z.string().nullable(),
  outcome_method: z.string().nullable(),
  outcome_date: z.string().nullable(),
  history: z.array(z.object({ action: z.string(), from_status: z.string().nullable(), to_status: z.string(), note: z.string().nullable(), by_name: z.string().nullable(), at: z.string() })),
  allowed_actions: z.array(z.object({ action: z.string(), label: z.string(), to_status: z.enum(CASE_STATUSES) })).describe('what the token\'s role may do next (in WhatsApp: KASUS <kode>)'),
});

function reasonsOf(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

export const casesRoutes: FastifyPluginAsync<{ api: ApiContext }> = async (app, { api: ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Kasus kebutuhan ber-KB yang dilaporkan dalam satu bulan',
        security: SECURITY,
        querystring: Pagination.extend({ period: Period, area: AreaCode.optional(), status: z.enum(CASE_STATUSES).optional(), open: z.enum(['true', 'false']).optional() }),
        response: { 200: pageOf(CaseItem), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const scope = requireRole(request, ALL_ROLES);
      const { period, status, open } = request.query;
      const area = areaInScope(scope, request.query.area, ctx);
      const seen = new Set(visibleDesa(scope, area, ctx.areas));
      const kecamatan = ctx.areas.isKecamatan(area) ? area : ctx.areas.isDesa(area) ? ctx.areas.kecamatanOf(area)!.code : undefined;
      const { rows } = casesExport(ctx.db, ctx.areas, { period, kecamatanCode: kecamatan, now: ctx.now(), caseFollowUpDays: ctx.settings.caseFollowUpDays });
      const items = rows
        .filter((r) => seen.has(r.desaCode) && (!status || r.status === status) && (!open || (r.closedAt === null) === (open === 'true')))
        .map((r) => ({
          code: r.code,
          desa_code: r.desaCode,
          desa_name: r.desaName,
          kecamatan_code: r.kecamatanCode,
          place: r.place,
          category: r.category,
          method_wanted: r.methodWanted,
          reasons: r.reasons,
          status: r.status,
          reported_at: r.reportedAt,
          closed_at: r.closedAt,
          age_days: r.ageDays,
          referred_to: r.referredTo,
          assigned: r.assigned,
        }));
      return paginate(items, request.query);
    },
  );

  api.get(
    '/cases/:code',
    {
      schema: {
        tags: ['cases'],
        summary: 'Satu kasus dengan riwayatnya dan langkah yang boleh diambil',
        security: SECURITY,
        params: z.object({ code: z.string().min(3).max(40) }),
        response: { 200: CaseDetail, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const scope = requireRole(request, ALL_ROLES);
      const row = findCaseByCode(ctx.db, request.params.code.toUpperCase());
      if (!row) throw notFound('Kasus', 'Case');
      if (!mayAccess(scope, row.desaCode, ctx.areas)) throw forbidden();
      const history = caseHistory(ctx.db, row.id);
      const ids = [...new Set([row.assigneeId, ...history.map((h) => h.byPersonId)].filter((id): id is number => id !== null))];
      const names = new Map(ids.length === 0 ? [] : ctx.db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, ids)).all().map((p) => [p.id, p.name]));
      const desa = ctx.areas.get(row.desaCode);
      return {
        code: row.code,
        desa_code: row.desaCode,
        desa_name: desa?.name ?? '',
        kecamatan_code: desa?.parentCode ?? '',
        place: row.place,
        category: row.category,
        method_wanted: row.methodWanted,
        reasons: reasonsOf(row.reasons),
        status: row.status,
        reported_at: row.reportedAt,
        closed_at: row.closedAt,
        referred_to: row.referredTo,
        assignee_name: row.assigneeId === null ? null : (names.get(row.assigneeId) ?? null),
        outcome_method: row.outcomeMethod,
        outcome_date: row.outcomeDate,
        history: history.map((h) => ({ action: h.action, from_status: h.fromStatus, to_status: h.toStatus, note: h.note, by_name: h.byPersonId === null ? null : (names.get(h.byPersonId) ?? null), at: h.at })),
        allowed_actions: availableActions(row.status, scope.role).map((action) => ({ action, label: ACTION_LABELS[action], to_status: ACTION_TARGET[action] })),
      };
    },
  );
};
