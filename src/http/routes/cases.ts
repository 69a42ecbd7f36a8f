// Unmet-need cases: the month's list (the rows of the cases export: no reporter, no address, no phone), one case with
// its history and the status changes the token's role may make (domain/cases/lifecycle.ts), and recording one of
// them: the same rules, history and notices as `KASUS <kode>` in WhatsApp, through the port main.ts passes in
// (bot/features/api-case-action.ts), under the case's assignee or the first registered person of the token's role.
import { inArray } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseHistory, findCaseByCode } from '../../db/repos/cases.repo.js';
import { people } from '../../db/schema.js';
import { CASE_STATUS_LABELS, isCaseStatus, SERVICE_METHODS } from '../../domain/cases/case-model.js';
import { ACTION_LABELS, ACTION_TARGET, availableActions, CASE_STATUSES } from '../../domain/cases/lifecycle.js';
import { DECLINE_OPTIONS, FACILITY_OPTIONS, INVALID_OPTIONS, type LabelledOption } from '../../flows/cases/case-options.js';
import { casesExport } from '../../reports/cases-export.js';
import { ALL_ROLES, areaInScope, requireRole, SECURITY } from '../auth/bearer.js';
import { mayAccess, visibleDesa } from '../auth/token-scope.js';
import type { ApiContext, CaseActionOutcome } from '../context.js';
import { ApiError, ERROR_RESPONSES, forbidden, notFound } from '../errors.js';
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
  allowed_actions: z.array(z.object({ action: z.string(), label: z.string(), to_status: z.enum(CASE_STATUSES) })).describe('what the token\'s role may do next: POST ./actions, or KASUS <kode> in WhatsApp'),
});

const keys = (options: readonly LabelledOption[]) => options.map((o) => o.key) as [string, ...string[]];
const Note = z.string().max(300).optional().describe('a short note, screened for personal data like in WhatsApp (400 on names, NIK, phone numbers…)');

/** One body per action (the keys of domain/cases/lifecycle.ts, plus reassign). */
const CaseActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('follow_up'), note: Note }),
  z.object({
    action: z.literal('serve'),
    method: z.enum(SERVICE_METHODS),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('service date YYYY-MM-DD (WITA): not in the future, not before the report'),
    note: Note,
  }),
  z.object({ action: z.literal('decline'), reason: z.enum(keys(DECLINE_OPTIONS)), note: Note.describe('only with reason "lainnya", and then required') }),
  z.object({ action: z.literal('refer'), facility: z.enum(keys(FACILITY_OPTIONS)), note: Note.describe('only with facility "lainnya" (the kind of place), and then required') }),
  z.object({ action: z.literal('invalid'), reason: z.enum(keys(INVALID_OPTIONS)), note: Note.describe('only with reason "lainnya", and then required') }),
  z.object({ action: z.literal('lost'), note: Note }),
  z.object({ action: z.literal('reassign'), assign_to: z.number().int().positive().describe('person id of an active PKB of the case\'s kecamatan') }),
]);

const CaseActionResult = z.object({
  code: z.string(),
  status: z.enum(CASE_STATUSES),
  acted_as: z.object({ name: z.string(), role: z.string() }).describe('the registered person the action is recorded under (a token is not a person)'),
  resident_notified: z.boolean().describe('a resident who agreed to be contacted was told the case is closed'),
});

function statusLabel(status: string | undefined): string {
  return status !== undefined && isCaseStatus(status) ? CASE_STATUS_LABELS[status] : (status ?? '');
}

function refusal(outcome: Extract<CaseActionOutcome, { ok: false }>, action: string): ApiError {
  switch (outcome.reason) {
    case 'not_found':
      return notFound('Kasus', 'Case');
    case 'out_of_scope':
      return forbidden();
    case 'role':
      return new ApiError(403, 'not_allowed_for_role', 'Peran token ini tidak boleh mencatat tindakan itu pada kasus.', `This token's role may not record "${action}" on a case.`, 'action');
    case 'no_person':
      return new ApiError(409, 'no_person', 'Belum ada petugas terdaftar dengan peran token ini untuk desa kasus ini.', `No active person with this token's role is registered for the case's desa: ${outcome.detail}.`);
    case 'status':
      return new ApiError(
        409,
        'status_conflict',
        `Kasus berstatus "${statusLabel(outcome.status)}"; tindakan itu tidak bisa dicatat sekarang.`,
        `The case is "${outcome.status ?? ''}"; "${action}" is not allowed from that status.`,
        'action',
      );
    case 'invalid':
      return new ApiError(400, 'invalid_field', outcome.detail, `Field "${outcome.field ?? 'action'}" is not acceptable: ${outcome.detail}`, outcome.field ?? 'action');
  }
}

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

  api.post(
    '/cases/:code/actions',
    {
      schema: {
        tags: ['cases'],
        summary: 'Catat tindakan pada kasus (seperti KASUS <kode> di WhatsApp)',
        description:
          'Same lifecycle rules, history row and WhatsApp notices as KASUS <kode>. The action is recorded under the case\'s assignee when the token\'s role is theirs, else under the first registered active person of that role for the desa (409 if none). 409 when the case\'s status does not allow the action.',
        security: SECURITY,
        params: z.object({ code: z.string().min(3).max(40) }),
        body: CaseActionBody,
        response: { 200: CaseActionResult, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const scope = requireRole(request, ALL_ROLES);
      const body = request.body;
      const outcome = ctx.actOnCase({
        code: request.params.code,
        action: body.action,
        ...(body.action === 'serve' ? { method: body.method, date: body.date } : {}),
        ...(body.action === 'decline' || body.action === 'invalid' ? { reason: body.reason } : {}),
        ...(body.action === 'refer' ? { facility: body.facility } : {}),
        ...(body.action === 'reassign' ? { assignTo: body.assign_to } : { note: body.note ?? null }),
        role: scope.role,
        allowedDesa: scope.desa,
        tokenId: request.apiToken!.id,
      });
      if (!outcome.ok) throw refusal(outcome, body.action);
      ctx.kick();
      return { code: request.params.code.toUpperCase(), status: outcome.status as (typeof CASE_STATUSES)[number], acted_as: { name: outcome.actedAsName, role: outcome.actedAsRole }, resident_notified: outcome.residentNotified };
    },
  );
};
