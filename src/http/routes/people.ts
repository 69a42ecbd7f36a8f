// People (cadres, PKB, koordinator, Dinas): list in the token's areas; create, update, deactivate and CSV import for
// admin and dinas tokens. Writes go through the CLI's code (people-import.ts: the same checks, the same row errors,
// the same history), so the API and `imp-smart people import` can never disagree about a file.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findPersonByPhone, listPeople, setPersonActive, type PersonView } from '../../db/repos/people.repo.js';
import type { ApiRole } from '../../domain/api-roles.js';
import { ROLES } from '../../domain/roles.js';
import { parsePeopleCsv } from '../../people/people-csv.js';
import { importPeople, type ImportReport } from '../../people/people-import.js';
import { normalizePhone } from '../../people/phone.js';
import { ALL_ROLES, areaInScope, requireRole, SECURITY } from '../auth/bearer.js';
import type { TokenScope } from '../auth/token-scope.js';
import type { ApiContext } from '../context.js';
import { ApiError, ERROR_RESPONSES, ErrorSchema, forbidden, notFound } from '../errors.js';
import { AreaCode, pageOf, paginate, Pagination } from '../schemas.js';

/** Who may change the register: operators and the Dinas (who runs the programme); PKB and koordinator only read. */
export const PEOPLE_WRITERS: readonly ApiRole[] = ['admin', 'dinas'];

const PersonSchema = z.object({
  phone: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  area: z.string().describe('the area column: a desa, a kecamatan, the kabupaten, or desa codes separated by ";"'),
  home_area_code: z.string(),
  desa_codes: z.array(z.string()),
  unit: z.string().nullable(),
  active: z.boolean(),
});

const PersonBody = z.object({
  phone: z.string().min(1).max(40),
  name: z.string().min(1).max(120),
  role: z.enum(ROLES),
  area: z.string().min(1).max(2000),
  unit: z.string().max(120).nullable().optional(),
});
const PersonPatch = PersonBody.omit({ phone: true }).partial();
const PhoneParams = z.object({ phone: z.string().min(1).max(40) });

const ImportReportSchema = z.object({
  ok: z.boolean(),
  errors: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  counts: z.object({ created: z.number().int(), updated: z.number().int(), reactivated: z.number().int(), unchanged: z.number().int() }),
});
const ImportRefused = ErrorSchema.extend({ report: ImportReportSchema });

const view = (p: PersonView) => ({ phone: p.phone, name: p.name, role: p.role, area: p.areaSpec, home_area_code: p.homeAreaCode, desa_codes: [...p.desaCodes], unit: p.unitName, active: p.active });

/** A PKB or koordinator token sees the cadres and officers of its desa; the Dinas and operators only with a kabupaten token. */
function visible(scope: TokenScope, p: PersonView): boolean {
  if (scope.desa === null) return true;
  if (p.role === 'dinas' || p.role === 'admin') return false;
  return p.desaCodes.some((code) => scope.desa!.has(code));
}

function csvCell(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** One person as a one-row people file, so the CLI's checks judge it. */
function asCsv(p: { phone: string; name: string; role: string; area: string; unit?: string | null | undefined }): string {
  return ['phone,name,role,area,unit', [p.phone, p.name, p.role, p.area, p.unit ?? ''].map(csvCell).join(',')].join('\n');
}

/** The field a row error is about, for a 400 that names it. */
function fieldOfReason(reason: string): string {
  const m = /^(?:invalid )?(phone|name|unit|area)\b/.exec(reason) ?? /\b(role|unit|area|PPKBD)\b/.exec(reason);
  if (!m) return 'body';
  return m[1] === 'PPKBD' ? 'area' : m[1]!;
}

function refusedRow(reason: string): ApiError {
  return new ApiError(400, 'invalid_person', `Data orang ini tidak benar: ${reason}`, reason, fieldOfReason(reason));
}

export const peopleRoutes: FastifyPluginAsync<{ api: ApiContext }> = async (app, { api: ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const writeOne = (scope: TokenScope, input: z.infer<typeof PersonBody>, source: string) => {
    if (input.role === 'admin' && scope.role !== 'admin') throw forbidden();
    const report = importPeople(ctx.db, asCsv(input), ctx.areas, source, ctx.now());
    if (!report.ok) throw refusedRow(report.errors[0]!.reason);
    return view(findPersonByPhone(ctx.db, normalizePhone(input.phone)!)!);
  };
  const existing = (raw: string) => {
    const phone = normalizePhone(raw);
    const person = phone ? findPersonByPhone(ctx.db, phone) : undefined;
    if (!person) throw notFound('Orang dengan nomor ini', 'Person with this phone number');
    return person;
  };

  api.get(
    '/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Daftar kader dan petugas di wilayah token',
        security: SECURITY,
        querystring: Pagination.extend({
          role: z.enum(ROLES).optional(),
          area: AreaCode.optional().describe('only people serving this desa or kecamatan code'),
          active: z.enum(['true', 'false']).optional(),
          q: z.string().max(60).optional().describe('part of the name'),
        }),
        response: { 200: pageOf(PersonSchema), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const scope = requireRole(request, ALL_ROLES);
      const { role, active, q } = request.query;
      const area = request.query.area === undefined ? undefined : areaInScope(scope, request.query.area, ctx);
      const needle = q?.toLowerCase();
      const all = listPeople(ctx.db).filter(
        (p) =>
          visible(scope, p) &&
          (!role || p.role === role) &&
          (!active || p.active === (active === 'true')) &&
          (!needle || p.name.toLowerCase().includes(needle)) &&
          (!area || p.homeAreaCode === area || p.desaCodes.some((d) => d === area || d.startsWith(`${area}.`))),
      );
      return paginate(all.map(view), request.query);
    },
  );

  api.post(
    '/people',
    { schema: { tags: ['people'], summary: 'Daftarkan satu orang (aturan sama dengan impor CSV)', security: SECURITY, body: PersonBody, response: { 201: PersonSchema, ...ERROR_RESPONSES } } },
    async (request, reply) => {
      const scope = requireRole(request, PEOPLE_WRITERS);
      const phone = normalizePhone(request.body.phone);
      if (phone && findPersonByPhone(ctx.db, phone)) {
        throw new ApiError(409, 'exists', 'Nomor ini sudah terdaftar; ubah dengan PATCH.', 'This phone number is already registered; change it with PATCH.', 'phone');
      }
      return reply.status(201).send(writeOne(scope, request.body, `api:${request.apiToken!.id}`));
    },
  );

  api.patch(
    '/people/:phone',
    {
      schema: { tags: ['people'], summary: 'Ubah nama, peran, wilayah atau dusun', security: SECURITY, params: PhoneParams, body: PersonPatch, response: { 200: PersonSchema, ...ERROR_RESPONSES } },
    },
    async (request) => {
      const scope = requireRole(request, PEOPLE_WRITERS);
      const current = existing(request.params.phone);
      if (current.role === 'admin' && scope.role !== 'admin') throw forbidden();
      const merged = {
        phone: current.phone,
        name: request.body.name ?? current.name,
        role: request.body.role ?? current.role,
        area: request.body.area ?? current.areaSpec,
        unit: request.body.unit === undefined ? current.unitName : request.body.unit,
      };
      return writeOne(scope, merged, `api:${request.apiToken!.id}`);
    },
  );

  for (const action of ['deactivate', 'activate'] as const) {
    api.post(
      `/people/:phone/${action}`,
      {
        schema: {
          tags: ['people'],
          summary: action === 'deactivate' ? 'Nonaktifkan (riwayat tetap disimpan)' : 'Aktifkan kembali',
          security: SECURITY,
          params: PhoneParams,
          response: { 200: PersonSchema.extend({ changed: z.boolean() }), ...ERROR_RESPONSES },
        },
      },
      async (request) => {
        const scope = requireRole(request, PEOPLE_WRITERS);
        const current = existing(request.params.phone);
        if (current.role === 'admin' && scope.role !== 'admin') throw forbidden();
        const changed = setPersonActive(ctx.db, current.phone, action === 'activate', `api:${request.apiToken!.id}`, ctx.now());
        return { ...view(findPersonByPhone(ctx.db, current.phone)!), changed };
      },
    );
  }

  api.post(
    '/people/import',
    {
      schema: {
        tags: ['people'],
        summary: 'Impor berkas CSV (phone,name,role,area,unit): semua baris atau tidak sama sekali',
        description: 'Send the file as the body with Content-Type: text/csv. The same checks and row errors as `imp-smart people import`.',
        security: SECURITY,
        body: z.string().min(1).max(2_000_000),
        response: { 200: ImportReportSchema, 422: ImportRefused, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const scope = requireRole(request, PEOPLE_WRITERS);
      // Only an operator registers operators.
      if (scope.role !== 'admin' && parsePeopleCsv(request.body, ctx.areas).rows.some((r) => r.role === 'admin')) throw forbidden();
      const report: ImportReport = importPeople(ctx.db, request.body, ctx.areas, `api-import:${request.apiToken!.id}`, ctx.now());
      if (report.ok) return report;
      return reply.status(422).send({
        error: {
          code: 'import_refused',
          message_id: `${report.errors.length} baris salah; tidak ada yang diimpor.`,
          message_en: `${report.errors.length} bad row(s); nothing was imported.`,
        },
        report,
      });
    },
  );
};
