// Areas: the tree the token may see, a tolerant lookup by name (the same as the bot's), and who takes part in a month.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Area } from '../../areas/types.js';
import { participatingDesa } from '../../db/repos/areas.repo.js';
import { ALL_ROLES, areaInScope, requireRole, SECURITY } from '../auth/bearer.js';
import { mayAccess, visibleDesa } from '../auth/token-scope.js';
import type { ApiContext } from '../context.js';
import { ERROR_RESPONSES } from '../errors.js';
import { AreaCode, Period } from '../schemas.js';

const AreaSchema = z.object({ code: z.string(), level: z.enum(['kabupaten', 'kecamatan', 'desa']), name: z.string(), kind: z.enum(['desa', 'kelurahan']).nullable(), label: z.string() });
const DesaNode = AreaSchema;
const KecamatanNode = AreaSchema.extend({ desa: z.array(DesaNode) });
const TreeSchema = AreaSchema.extend({ kecamatan: z.array(KecamatanNode) });
const LookupSchema = z.object({
  result: z.enum(['found', 'ambiguous', 'not_found']),
  area: AreaSchema.nullable(),
  candidates: z.array(AreaSchema),
});
const ParticipationSchema = z.object({
  period: z.string(),
  taking_part: z.number().int(),
  total: z.number().int(),
  desa: z.array(AreaSchema.extend({ kecamatan_code: z.string(), taking_part: z.boolean() })),
});

export const areasRoutes: FastifyPluginAsync<{ api: ApiContext }> = async (app, { api: ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const view = (a: Area) => ({ code: a.code, level: a.level, name: a.name, kind: a.kind, label: ctx.areas.label(a.code) });

  api.get(
    '/areas',
    {
      schema: {
        tags: ['areas'],
        summary: 'Pohon wilayah yang boleh dilihat token',
        security: SECURITY,
        querystring: z.object({ kecamatan: AreaCode.optional().describe('only this kecamatan') }),
        response: { 200: TreeSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const scope = requireRole(request, ALL_ROLES);
      const area = areaInScope(scope, request.query.kecamatan, ctx, 'kecamatan');
      const seen = new Set(visibleDesa(scope, area, ctx.areas));
      const kecamatan = ctx.areas
        .kecamatanList()
        .map((k) => ({ ...view(k), desa: ctx.areas.desaOf(k.code).filter((d) => seen.has(d.code)).map(view) }))
        .filter((k) => k.desa.length > 0);
      return { ...view(ctx.areas.kabupaten()), kecamatan };
    },
  );

  api.get(
    '/areas/lookup',
    {
      schema: {
        tags: ['areas'],
        summary: 'Cari desa/kecamatan menurut nama (toleran ejaan)',
        security: SECURITY,
        querystring: z.object({ name: z.string().trim().min(2).max(100), level: z.enum(['desa', 'kecamatan']).default('desa'), kecamatan: AreaCode.optional() }),
        response: { 200: LookupSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const scope = requireRole(request, ALL_ROLES);
      const { name, level, kecamatan } = request.query;
      if (kecamatan) areaInScope(scope, kecamatan, ctx, 'kecamatan');
      const match = level === 'kecamatan' ? ctx.areas.findKecamatan(name) : ctx.areas.findDesa(name, kecamatan ? { kecamatanCode: kecamatan } : undefined);
      // Names of areas are public; the lookup still keeps to the token's areas, so a PKB is not sent elsewhere.
      const allowed = (a: Area) => mayAccess(scope, a.code, ctx.areas);
      if (match.kind === 'found') {
        return allowed(match.area) ? { result: 'found' as const, area: view(match.area), candidates: [] } : { result: 'not_found' as const, area: null, candidates: [] };
      }
      const list = (match.kind === 'ambiguous' ? match.candidates : match.suggestions).filter(allowed).map(view);
      return { result: match.kind, area: null, candidates: list };
    },
  );

  api.get(
    '/areas/participation',
    {
      schema: {
        tags: ['areas'],
        summary: 'Desa yang ikut pelaporan pada suatu bulan',
        security: SECURITY,
        querystring: z.object({ period: Period, area: AreaCode.optional() }),
        response: { 200: ParticipationSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const scope = requireRole(request, ALL_ROLES);
      const area = areaInScope(scope, request.query.area, ctx);
      const desa = visibleDesa(scope, area, ctx.areas);
      const taking = new Set(participatingDesa(ctx.db, desa, request.query.period));
      return {
        period: request.query.period,
        taking_part: taking.size,
        total: desa.length,
        desa: desa.map((code) => {
          const d = ctx.areas.get(code)!;
          return { ...view(d), kecamatan_code: d.parentCode ?? '', taking_part: taking.has(code) };
        }),
      };
    },
  );
};
