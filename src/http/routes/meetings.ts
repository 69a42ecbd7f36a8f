// Meetings of a month (the rows of the meetings export) and one meeting with its check-in list: names and roles of
// who checked in, never phone numbers.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findMeetingByCode } from '../../db/repos/meetings.repo.js';
import { MEETING_KINDS, MEETING_LEVELS } from '../../domain/meetings/meeting-model.js';
import { meetingsExport, type MeetingExportRow } from '../../reports/meetings-export.js';
import { ALL_ROLES, areaInScope, requireRole, SECURITY } from '../auth/bearer.js';
import { mayAccess, type TokenScope } from '../auth/token-scope.js';
import type { ApiContext } from '../context.js';
import { ERROR_RESPONSES, forbidden, notFound } from '../errors.js';
import { AreaCode, pageOf, paginate, Pagination, Period } from '../schemas.js';

const MeetingItem = z.object({
  code: z.string(),
  level: z.enum(MEETING_LEVELS),
  kind: z.enum(MEETING_KINDS),
  kecamatan_code: z.string(),
  kecamatan_name: z.string(),
  desa_code: z.string().nullable(),
  desa_name: z.string().nullable(),
  dusun: z.string().nullable(),
  held_on: z.string(),
  place: z.string(),
  attendance: z.record(z.string(), z.number().int()),
  attendance_total: z.number().int(),
  kie_kit: z.boolean(),
  topics: z.array(z.string()),
  reporter_name: z.string(),
  reporter_role: z.string(),
  reported_at: z.string(),
});
const MeetingDetail = MeetingItem.extend({
  follow_up: z.string().nullable(),
  checked_in: z.array(z.object({ name: z.string(), role: z.string() })).describe('who checked in with HADIR: names and roles only'),
});

function visible(scope: TokenScope, m: Pick<MeetingExportRow, 'level' | 'desaCode' | 'kecamatanCode'>, ctx: ApiContext): boolean {
  if (scope.desa === null) return true;
  if (m.desaCode) return scope.desa.has(m.desaCode);
  return m.level !== 'kabupaten' && mayAccess(scope, m.kecamatanCode, ctx.areas);
}

const item = (m: MeetingExportRow) => ({
  code: m.code,
  level: m.level,
  kind: m.kind,
  kecamatan_code: m.kecamatanCode,
  kecamatan_name: m.kecamatanName,
  desa_code: m.desaCode,
  desa_name: m.desaName,
  dusun: m.dusun,
  held_on: m.heldOn,
  place: m.placeOther ?? m.place,
  attendance: { ...m.attendance },
  attendance_total: m.attendanceTotal,
  kie_kit: m.kieKit,
  topics: m.topics,
  reporter_name: m.reporterName,
  reporter_role: m.reporterRole,
  reported_at: m.reportedAt,
});

export const meetingsRoutes: FastifyPluginAsync<{ api: ApiContext }> = async (app, { api: ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const kecamatanOf = (area: string) => (ctx.areas.isKecamatan(area) ? area : ctx.areas.isDesa(area) ? ctx.areas.kecamatanOf(area)!.code : undefined);

  api.get(
    '/meetings',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Pertemuan yang dilaporkan untuk satu bulan',
        security: SECURITY,
        querystring: Pagination.extend({ period: Period, area: AreaCode.optional(), kind: z.enum(MEETING_KINDS).optional(), level: z.enum(MEETING_LEVELS).optional() }),
        response: { 200: pageOf(MeetingItem), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const scope = requireRole(request, ALL_ROLES);
      const { period, kind, level } = request.query;
      const area = areaInScope(scope, request.query.area, ctx);
      const { rows } = meetingsExport(ctx.db, ctx.areas, { period, kecamatanCode: kecamatanOf(area), now: ctx.now() });
      const items = rows.filter(
        (m) => visible(scope, m, ctx) && (!ctx.areas.isDesa(area) || m.desaCode === area) && (!kind || m.kind === kind) && (!level || m.level === level),
      );
      return paginate(items.map(item), request.query);
    },
  );

  api.get(
    '/meetings/:code',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Satu pertemuan dengan daftar hadirnya (tanpa nomor telepon)',
        security: SECURITY,
        params: z.object({ code: z.string().min(3).max(20) }),
        response: { 200: MeetingDetail, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const scope = requireRole(request, ALL_ROLES);
      const stored = findMeetingByCode(ctx.db, request.params.code.toUpperCase());
      if (!stored) throw notFound('Pertemuan', 'Meeting');
      const kecamatan = stored.kecamatanCode ?? undefined;
      const row = meetingsExport(ctx.db, ctx.areas, { period: stored.period, kecamatanCode: kecamatan, now: ctx.now() }).rows.find((m) => m.code === stored.code);
      if (!row) throw notFound('Pertemuan', 'Meeting');
      if (!visible(scope, row, ctx)) throw forbidden();
      return { ...item(row), follow_up: row.followUp, checked_in: row.checkedIn };
    },
  );
};
