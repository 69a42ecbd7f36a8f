// Indicators and completeness for a period range, rolled up desa → kecamatan → kabupaten, all from the one
// aggregation (reports/aggregate.ts): the same figures as the digests, the Dinas summaries and the exports.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { shiftPeriod } from '../../domain/recap/calendar.js';
import type { AreaFigures, IndicatorSet } from '../../reports/aggregate.js';
import { aggregateArea } from '../../reports/aggregate-data.js';
import { ALL_ROLES, areaInScope, requireRole, SECURITY } from '../auth/bearer.js';
import { visibleDesa } from '../auth/token-scope.js';
import type { ApiContext } from '../context.js';
import { badField, ERROR_RESPONSES } from '../errors.js';
import { AreaCode, Period } from '../schemas.js';

/** At most two years per request: each month is one aggregation. */
export const MAX_PERIODS = 24;

const Pct = z.number().nullable();
const Indicators = z.object({
  recaps: z.number().int().describe('desa recaps summed'),
  pus: z.number().nullable(),
  pa_total: z.number().nullable(),
  unmet_need: z.number().nullable(),
  cpr: Pct,
  mcpr: Pct,
  unmet_need_pct: Pct,
  mkjp_share: Pct,
});
const Figures = z.object({
  completeness: z.object({
    expected: z.number().int(),
    sent: z.number().int(),
    verified: z.number().int(),
    waiting: z.number().int(),
    returned: z.number().int(),
    not_sent: z.number().int(),
    sent_pct: Pct,
    verified_pct: Pct,
  }),
  timeliness: z.object({ on_time: z.number().int(), late: z.number().int(), on_time_pct: Pct }),
  indicators: z.object({ verified: Indicators, latest: Indicators }).describe('verified: official (verified recaps only); latest: every recap as sent'),
  cases: z.object({ opened: z.number().int(), open_now: z.number().int(), overdue_now: z.number().int(), stock_outs: z.number().int() }),
});
const DesaRow = z.object({
  code: z.string(),
  name: z.string(),
  kecamatan_code: z.string(),
  taking_part: z.boolean(),
  status: z.enum(['not_sent', 'submitted', 'returned', 'verified']),
  late: z.boolean().nullable(),
  pus: z.number().nullable(),
  pa_total: z.number().nullable(),
  cpr: Pct,
  mcpr: Pct,
  unmet_need_pct: Pct,
  mkjp_share: Pct,
});
const PeriodFigures = z.object({
  period: z.string(),
  area: z.object({ code: z.string(), level: z.enum(['desa', 'kecamatan', 'kabupaten']), name: z.string() }),
  figures: Figures,
  kecamatan: z.array(Figures.extend({ code: z.string(), name: z.string() })),
  desa: z.array(DesaRow),
});
const IndicatorsResponse = z.object({ from: z.string(), to: z.string(), periods: z.array(PeriodFigures) });

function indicators(set: IndicatorSet) {
  return {
    recaps: set.recaps,
    pus: set.sums.pus ?? null,
    pa_total: set.paTotal,
    unmet_need: set.unmetNeed,
    cpr: set.cpr,
    mcpr: set.mcpr,
    unmet_need_pct: set.unmetNeedPct,
    mkjp_share: set.mkjpShare,
  };
}

function figures(f: AreaFigures) {
  const c = f.completeness;
  return {
    completeness: { expected: c.expected, sent: c.sent, verified: c.verified, waiting: c.waiting, returned: c.returned, not_sent: c.missing.length, sent_pct: c.sentPct, verified_pct: c.verifiedPct },
    timeliness: { on_time: f.timeliness.onTime, late: f.timeliness.late, on_time_pct: f.timeliness.onTimePct },
    indicators: { verified: indicators(f.indicators.verified), latest: indicators(f.indicators.latest) },
    cases: { opened: f.cases.opened, open_now: f.cases.openNow, overdue_now: f.cases.overdueNow, stock_outs: f.stockOuts.total },
  };
}

/** The periods from..to inclusive; 400 naming the field when the range is backwards or too long. */
export function periodsBetween(from: string, to: string): string[] {
  if (to < from) throw badField('to', '"to" harus sama dengan atau sesudah "from".', '"to" must not be before "from".');
  const out = [from];
  while (out.at(-1)! < to) {
    out.push(shiftPeriod(out.at(-1)!, 1));
    if (out.length > MAX_PERIODS) throw badField('to', `Paling banyak ${MAX_PERIODS} bulan sekali minta.`, `At most ${MAX_PERIODS} months per request.`);
  }
  return out;
}

export const indicatorsRoutes: FastifyPluginAsync<{ api: ApiContext }> = async (app, { api: ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/indicators',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Indikator dan kelengkapan laporan per bulan: desa → kecamatan → kabupaten',
        security: SECURITY,
        querystring: z.object({ from: Period, to: Period.optional(), area: AreaCode.optional() }),
        response: { 200: IndicatorsResponse, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const scope = requireRole(request, ALL_ROLES);
      const { from } = request.query;
      const to = request.query.to ?? from;
      const periods = periodsBetween(from, to);
      const area = areaInScope(scope, request.query.area, ctx);
      // A PKB whose binaan is part of a kecamatan sees the figures of its desa only, summed the same way.
      const onlyDesa = scope.desa === null ? undefined : visibleDesa(scope, area, ctx.areas);
      const now = ctx.now();
      return {
        from,
        to,
        periods: periods.map((period) => {
          const agg = aggregateArea(ctx.db, ctx.areas, { period, areaCode: area, now, onlyDesa, settings: ctx.settings });
          return {
            period,
            area: { code: agg.area.code, level: agg.area.level, name: agg.area.name },
            figures: figures(agg),
            kecamatan: agg.byKecamatan.map((k) => ({ code: k.kecamatan.code, name: k.kecamatan.name, ...figures(k) })),
            desa: agg.byDesa.map((d) => ({
              code: d.code,
              name: d.name,
              kecamatan_code: d.kecamatanCode,
              taking_part: d.takingPart,
              status: d.status === 'belum lapor' ? ('not_sent' as const) : d.status,
              late: d.late,
              pus: d.values.pus ?? null,
              pa_total: d.indicators?.paTotal ?? null,
              cpr: d.indicators?.cpr ?? null,
              mcpr: d.indicators?.mcpr ?? null,
              unmet_need_pct: d.indicators?.unmetNeedPct ?? null,
              mkjp_share: d.indicators?.mkjpShare ?? null,
            })),
          };
        }),
      };
    },
  );
};
