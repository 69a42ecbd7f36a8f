// Exports as files: the same CSV and XLSX as `imp-smart export recap|cases|meetings` (reports/), for a kecamatan or
// the kabupaten. An export covers whole kecamatan (its summary is the kecamatan's), so a PKB token downloads only
// kecamatan it holds entirely; a koordinator its kecamatan; dinas and admin any.
import { recordAudit } from '../../db/repos/audit.repo.js';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { casesExport, casesToCsv } from '../../reports/cases-export.js';
import { writeCasesXlsx } from '../../reports/cases-xlsx.js';
import { meetingsExport, meetingsToCsv } from '../../reports/meetings-export.js';
import { writeMeetingsXlsx } from '../../reports/meetings-xlsx.js';
import { exportAreaLabel, recapExport, toCsv } from '../../reports/recap-export.js';
import { writeXlsx } from '../../reports/recap-xlsx.js';
import { ALL_ROLES, requireRole, SECURITY } from '../auth/bearer.js';
import type { ApiContext } from '../context.js';
import { badField, ERROR_RESPONSES, forbidden } from '../errors.js';
import { AreaCode, Period } from '../schemas.js';

export const EXPORT_KINDS = ['recap', 'cases', 'meetings'] as const;
type Kind = (typeof EXPORT_KINDS)[number];

/** The CLI's default file names: rekap-2026-11-73.06.06.xlsx, kasus-…, pertemuan-…. */
const PREFIX: Record<Kind, string> = { recap: 'rekap', cases: 'kasus', meetings: 'pertemuan' };
export const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

interface Built {
  csv(): string;
  xlsx(file: string): Promise<void>;
}

function build(ctx: ApiContext, kind: Kind, period: string, kecamatanCode: string | undefined): Built {
  const now = ctx.now();
  const meta = { period, areaLabel: exportAreaLabel(ctx.areas, kecamatanCode) };
  switch (kind) {
    case 'recap': {
      const data = recapExport(ctx.db, ctx.areas, { period, kecamatanCode, settings: ctx.settings.recap, calendar: ctx.settings.calendar, caseFollowUpDays: ctx.settings.caseFollowUpDays, now });
      return { csv: () => toCsv(data.rows, ctx.settings.recap), xlsx: (file) => writeXlsx(data.rows, ctx.settings.recap, { ...meta, summary: data.summary }, file) };
    }
    case 'cases': {
      const data = casesExport(ctx.db, ctx.areas, { period, kecamatanCode, now, caseFollowUpDays: ctx.settings.caseFollowUpDays });
      return { csv: () => casesToCsv(data.rows), xlsx: (file) => writeCasesXlsx(data.rows, { ...meta, summary: data.summary }, file) };
    }
    case 'meetings': {
      const data = meetingsExport(ctx.db, ctx.areas, { period, kecamatanCode, now });
      return { csv: () => meetingsToCsv(data.rows), xlsx: (file) => writeMeetingsXlsx(data.rows, { ...meta, summary: data.summary }, file) };
    }
  }
}

export const exportsRoutes: FastifyPluginAsync<{ api: ApiContext }> = async (app, { api: ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/exports/:kind',
    {
      schema: {
        tags: ['exports'],
        summary: 'Unduh ekspor (CSV atau XLSX), sama dengan perintah imp-smart export',
        description: 'recap: one row per desa with every field and indicator; cases: cases reported in the month (no personal data); meetings: meetings of the month with check-ins (names and roles).',
        security: SECURITY,
        params: z.object({ kind: z.enum(EXPORT_KINDS) }),
        querystring: z.object({ period: Period, kecamatan: AreaCode.optional(), format: z.enum(['csv', 'xlsx']).default('csv') }),
        response: {
          200: z.string().describe('the file (text/csv or XLSX), with Content-Disposition: attachment; filename=…'),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request, reply) => {
      const scope = requireRole(request, ALL_ROLES);
      const { period, format } = request.query;
      let kecamatan = request.query.kecamatan;
      if (kecamatan !== undefined && !ctx.areas.isKecamatan(kecamatan)) {
        throw badField('kecamatan', `${kecamatan} bukan kode kecamatan.`, `${kecamatan} is not a kecamatan code.`);
      }
      // A kecamatan token's export defaults to its kecamatan; only whole kecamatan (or the kabupaten) are exported.
      if (kecamatan === undefined && scope.desa !== null) kecamatan = ctx.areas.isKecamatan(scope.homeAreaCode) ? scope.homeAreaCode : undefined;
      if (scope.desa !== null && (kecamatan === undefined || !scope.wholeKecamatan.has(kecamatan))) throw forbidden();

      const kind = request.params.kind;
      const name = `${PREFIX[kind]}-${period}${kecamatan ? `-${kecamatan}` : ''}.${format}`;
      const built = build(ctx, kind, period, kecamatan);
      // Who exported what is kept (UU PDP): the token, the file's scope, never its content.
      recordAudit(ctx.db, { actor: { kind: 'token', id: request.apiToken!.id }, action: `export.${kind}`, at: ctx.now(), areaCode: kecamatan ?? ctx.areas.kabupaten().code, period, detail: { format, via: 'api' } });
      reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
      if (format === 'csv') return reply.type(CONTENT_TYPES.csv).send(built.csv());

      // ExcelJS writes a file; it is streamed out and removed once sent (or the client went away).
      const dir = await mkdtemp(join(tmpdir(), 'imp-export-'));
      const file = join(dir, name);
      try {
        await built.xlsx(file);
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
      const stream = createReadStream(file);
      stream.on('close', () => void rm(dir, { recursive: true, force: true }));
      // A stream is sent as it is (never through the serializer); the 200 schema documents the file.
      return reply.type(CONTENT_TYPES.xlsx).send(stream as never);
    },
  );
};
