// The roll-up of many areas at once (every kabupaten of a province, every kecamatan of a kabupaten): the headline
// figures of each — completeness and timeliness over the desa taking part, the indicators on both bases, their change
// from last month — summed by SQLite in two queries over the whole table instead of one aggregation per area.
// "One aggregation": the same rules and the same pure formulas as aggregate.ts (indicators() over summed counts,
// percent(), indicatorChange()), so each line equals the aggregateArea of that area (tests/reports/rollup.test.ts).
// Only numbers: the lists (missing desa, waiting recaps, cases) stay with aggregateArea for one area.
import { sql } from 'drizzle-orm';
import type { AreaDirectory } from '../areas/directory.js';
import type { DbOrTx } from '../db/client.js';
import { participatingDesa } from '../db/repos/areas.repo.js';
import { shiftPeriod } from '../domain/recap/calendar.js';
import { activeMethodFields, indicators, percent } from '../domain/recap/derive.js';
import type { RecapSettings, RecapValues } from '../domain/recap/fields.js';
import { areaScope } from './aggregate-data.js';
import { indicatorChange, type AreaRef, type Completeness, type IndicatorBasis, type IndicatorChange, type IndicatorSet, type Timeliness } from './aggregate.js';

export type Headline = Pick<IndicatorSet, 'recaps' | 'paTotal' | 'unmetNeed' | 'cpr' | 'mcpr' | 'unmetNeedPct' | 'mkjpShare'>;

export interface RollUpLine {
  area: AreaRef;
  completeness: Pick<Completeness, 'expected' | 'sent' | 'verified' | 'waiting' | 'returned' | 'sentPct' | 'verifiedPct' | 'notTakingPart'>;
  timeliness: Pick<Timeliness, 'onTime' | 'late' | 'onTimePct'>;
  indicators: Record<IndicatorBasis, Headline>;
  previous: Record<IndicatorBasis, Headline>;
  change: Record<IndicatorBasis, IndicatorChange>;
}

export interface RollUpRequest {
  period: string;
  /** Kabupaten or kecamatan codes (a mix is fine); one line each, in this order. */
  areaCodes: readonly string[];
  settings: RecapSettings;
}

/** The counts the headline indicators are computed from (derive.ts): PUS, the active methods, IAT and TIAL. */
function headlineFields(settings: RecapSettings): string[] {
  return ['pus', ...activeMethodFields(settings), 'iat', 'tial'];
}

interface Sums {
  recaps: number;
  /** Per field: the sum over the recaps that answered it, null when none did (as sumFields). */
  values: Record<string, number | null>;
}

const emptySums = (): Sums => ({ recaps: 0, values: {} });

function addSums(into: Sums, recaps: number, values: Record<string, number | null>): void {
  into.recaps += recaps;
  for (const [id, x] of Object.entries(values)) if (x !== null) into.values[id] = (into.values[id] ?? 0) + x;
}

function headline(sums: Sums, settings: RecapSettings): Headline {
  const answered: RecapValues = Object.fromEntries(Object.entries(sums.values).filter((e): e is [string, number] => e[1] !== null));
  const ind = indicators(answered, settings);
  const none = sums.recaps === 0;
  return { recaps: sums.recaps, paTotal: none ? null : ind.paTotal, unmetNeed: none ? null : ind.unmetNeed, cpr: ind.cpr, mcpr: ind.mcpr, unmetNeedPct: ind.unmetNeedPct, mkjpShare: ind.mkjpShare };
}

// A desa code is its kecamatan's code, a dot and four digits (Kemendagri): SQLite groups by kecamatan, the lines sum
// their kecamatan.
const KECAMATAN_OF = `substr(desa_code, 1, length(desa_code) - 5)`;

export function rollUp(db: DbOrTx, areas: AreaDirectory, request: RollUpRequest): RollUpLine[] {
  const { period, settings } = request;
  // Kecamatan by kabupaten once: areaScope per kabupaten would scan every kecamatan of the table each time.
  const kecamatanOf = new Map<string, string[]>();
  for (const k of areas.kecamatanList()) kecamatanOf.set(k.parentCode ?? '', [...(kecamatanOf.get(k.parentCode ?? '') ?? []), k.code]);
  const scopes = request.areaCodes.map((code) => {
    const area = areas.get(code);
    if (area?.level !== 'kabupaten') return areaScope(areas, code);
    return { area: { code: area.code, level: area.level, name: area.name }, desa: (kecamatanOf.get(code) ?? []).flatMap((k) => areas.desaOf(k)) };
  });
  const allDesa = scopes.flatMap((s) => s.desa.map((d) => d.code));
  const taking = new Set(participatingDesa(db, allDesa, period));
  const notTaking = allDesa.filter((code) => !taking.has(code));

  // Completeness and timeliness: the desa records of the period of desa taking part, by kecamatan and status.
  const counts = db.all<{ kec: string; status: string; n: number; late: number }>(
    sql`select ${sql.raw(KECAMATAN_OF)} as kec, status, count(*) as n, sum(late) as late from recaps
        where period = ${period} and unit_key = '' and desa_code not in (select value from json_each(${JSON.stringify(notTaking)}))
        group by kec, status`,
  );

  // Indicators: each headline count summed (and whether any recap answered it) by kecamatan, month and status.
  const fields = headlineFields(settings);
  const previousPeriod = shiftPeriod(period, -1);
  // Field ids are the catalogue's own ([a-z_]+), never user input.
  const sumsSql = sql.raw(fields.map((f, i) => `sum("values" ->> '$.${f}') as s${i}`).join(', '));
  const sumRows = db.all<{ kec: string; period: string; status: string; n: number } & Record<string, number | null>>(
    sql`select ${sql.raw(KECAMATAN_OF)} as kec, period, status, count(*) as n, ${sumsSql} from recaps
        where period in (${period}, ${previousPeriod}) and unit_key = '' group by kec, period, status`,
  );

  const byKecamatan = <T extends { kec: string }>(rows: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.kec, [...(map.get(row.kec) ?? []), row]);
    return map;
  };
  const countsOf = byKecamatan(counts);
  const sumsOf = byKecamatan(sumRows);

  return scopes.map(({ area, desa }) => {
    const kecamatan = [...new Set(desa.map((d) => d.parentCode ?? ''))];
    const expected = desa.filter((d) => taking.has(d.code)).length;
    const byStatus = { verified: 0, submitted: 0, returned: 0 } as Record<string, number>;
    let late = 0;
    for (const row of kecamatan.flatMap((k) => countsOf.get(k) ?? [])) {
      byStatus[row.status] = (byStatus[row.status] ?? 0) + row.n;
      late += row.late;
    }
    const sent = byStatus.verified! + byStatus.submitted! + byStatus.returned!;
    const sums = { current: { verified: emptySums(), latest: emptySums() }, previous: { verified: emptySums(), latest: emptySums() } };
    for (const row of kecamatan.flatMap((k) => sumsOf.get(k) ?? [])) {
      const values = Object.fromEntries(fields.map((f, i) => [f, row[`s${i}`] ?? null]));
      const month = row.period === period ? sums.current : sums.previous;
      addSums(month.latest, row.n, values);
      if (row.status === 'verified') addSums(month.verified, row.n, values);
    }
    const now = { verified: headline(sums.current.verified, settings), latest: headline(sums.current.latest, settings) };
    const before = { verified: headline(sums.previous.verified, settings), latest: headline(sums.previous.latest, settings) };
    return {
      area,
      completeness: {
        expected,
        sent,
        verified: byStatus.verified!,
        waiting: byStatus.submitted!,
        returned: byStatus.returned!,
        sentPct: percent(sent, expected),
        verifiedPct: percent(byStatus.verified!, expected),
        notTakingPart: desa.length - expected,
      },
      timeliness: { onTime: sent - late, late, onTimePct: percent(sent - late, expected) },
      indicators: now,
      previous: before,
      change: { verified: indicatorChange(now.verified, before.verified), latest: indicatorChange(now.latest, before.latest) },
    };
  });
}
