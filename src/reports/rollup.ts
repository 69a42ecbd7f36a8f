// The roll-up of many areas at once (every kabupaten of a province, every kecamatan of a kabupaten): the headline
// figures of each — completeness and timeliness over the desa taking part, the indicators on both bases, their change
// from last month — summed by SQLite in one query over the whole table instead of one aggregation per area.
// "One aggregation": the same rules and the same pure formulas as aggregate.ts (indicators() over summed counts,
// percent(), indicatorChange()), so each line equals the aggregateArea of that area (tests/reports/rollup.test.ts).
// Only numbers: the lists (missing desa, waiting recaps, cases) stay with aggregateArea for one area.
import { sql, type SQL } from 'drizzle-orm';
import type { AreaDirectory } from '../areas/directory.js';
import type { DbOrTx } from '../db/client.js';
import { participatingDesa } from '../db/repos/areas.repo.js';
import { HEADLINE_COLUMNS } from '../db/repos/recaps.repo.js';
import { shiftPeriod } from '../domain/recap/calendar.js';
import { activeMethodFields, indicators, percent } from '../domain/recap/derive.js';
import type { RecapSettings } from '../domain/recap/fields.js';
import type { HeadlineField } from '../domain/recap/headline-counts.js';
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
export function headlineFields(settings: RecapSettings): HeadlineField[] {
  return ['pus', ...(activeMethodFields(settings) as HeadlineField[]), 'iat', 'tial'];
}

/** Desa records summed: how many, and per headline field (in `fields` order) the sum over those that answered it. */
interface Sums {
  recaps: number;
  /** null when no recap answered the field (as sumFields). */
  values: (number | null)[];
}

const emptySums = (fields: readonly HeadlineField[]): Sums => ({ recaps: 0, values: fields.map(() => null) });

function addSums(into: Sums, row: KecamatanRow, sumKeys: readonly SumKey[]): void {
  into.recaps += row.n;
  sumKeys.forEach((key, i) => {
    const x = row[key];
    if (x !== null && x !== undefined) into.values[i] = (into.values[i] ?? 0) + x;
  });
}

function headline(sums: Sums, fields: readonly HeadlineField[], settings: RecapSettings): Headline {
  const answered: Record<string, number> = {};
  fields.forEach((f, i) => {
    const x = sums.values[i];
    if (x !== null && x !== undefined) answered[f] = x;
  });
  const ind = indicators(answered, settings);
  const none = sums.recaps === 0;
  return { recaps: sums.recaps, paTotal: none ? null : ind.paTotal, unmetNeed: none ? null : ind.unmetNeed, cpr: ind.cpr, mcpr: ind.mcpr, unmetNeedPct: ind.unmetNeedPct, mkjpShare: ind.mkjpShare };
}

// A desa code is its kecamatan's code, a dot and four digits (Kemendagri): SQLite groups by kecamatan, the lines sum
// their kecamatan.
const KECAMATAN_OF = `substr(desa_code, 1, length(desa_code) - 5)`;

type SumKey = `s${number}`;

/** One group of desa records: a kecamatan, a month, a status, desa outside the programme or not. */
interface KecamatanRow {
  kec: string;
  period: string;
  status: string;
  outside: 0 | 1;
  n: number;
  late: number;
  /** s0, s1…: the sums of the headline fields, in the order asked. */
  [sum: SumKey]: number | null;
}

/**
 * The one query of a roll-up, both months in one pass over the covering index recaps_rollup_idx (never the table's
 * rows nor their JSON): the desa records by kecamatan, month, status and whether the desa is outside the programme
 * in `period`, with their count, how many were late, and each headline count summed (null when no recap answered
 * it, as sumFields). Exported for the test that checks SQLite's plan reads only that index.
 */
export function rollUpQuery(period: string, notTaking: readonly string[], fields: readonly HeadlineField[]): SQL {
  // Field ids are the catalogue's own ([a-z_]+) and name their columns (HEADLINE_COLUMNS): never input.
  const sums = sql.raw(fields.map((f, i) => `sum(${HEADLINE_COLUMNS[f].name}) as s${i}`).join(', '));
  return sql`select ${sql.raw(KECAMATAN_OF)} as kec, period, status, desa_code in (select value from json_each(${JSON.stringify(notTaking)})) as outside,
               count(*) as n, sum(late) as late, ${sums}
             from recaps where period in (${period}, ${shiftPeriod(period, -1)}) and unit_key = '' group by kec, period, status, outside`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}

export function rollUp(db: DbOrTx, areas: AreaDirectory, request: RollUpRequest): RollUpLine[] {
  const { period, settings } = request;
  // Kecamatan by kabupaten once: areaScope per kabupaten would scan every kecamatan of the table each time.
  const kecamatanOf = groupBy(areas.kecamatanList(), (k) => k.parentCode ?? '');
  const scopes = request.areaCodes.map((code) => {
    const area = areas.get(code);
    if (area?.level !== 'kabupaten') return areaScope(areas, code);
    return { area: { code: area.code, level: area.level, name: area.name }, desa: (kecamatanOf.get(code) ?? []).flatMap((k) => areas.desaOf(k.code)) };
  });
  const allDesa = scopes.flatMap((s) => s.desa.map((d) => d.code));
  const taking = new Set(participatingDesa(db, allDesa, period));
  const notTaking = allDesa.filter((code) => !taking.has(code));

  const fields = headlineFields(settings);
  const sumKeys = fields.map((_, i): SumKey => `s${i}`);
  const rowsOf = groupBy(db.all<KecamatanRow>(rollUpQuery(period, notTaking, fields)), (row) => row.kec);

  return scopes.map(({ area, desa }) => {
    const kecamatan = [...new Set(desa.map((d) => d.parentCode ?? ''))];
    const expected = desa.filter((d) => taking.has(d.code)).length;
    const byStatus = { verified: 0, submitted: 0, returned: 0 } as Record<string, number>;
    let late = 0;
    const month = () => ({ verified: emptySums(fields), latest: emptySums(fields) });
    const sums = { current: month(), previous: month() };
    for (const row of kecamatan.flatMap((k) => rowsOf.get(k) ?? [])) {
      // Completeness and timeliness: this month's records of desa taking part; the indicators: every record.
      if (row.period === period && !row.outside) {
        byStatus[row.status] = (byStatus[row.status] ?? 0) + row.n;
        late += row.late;
      }
      const into = row.period === period ? sums.current : sums.previous;
      addSums(into.latest, row, sumKeys);
      if (row.status === 'verified') addSums(into.verified, row, sumKeys);
    }
    const sent = byStatus.verified! + byStatus.submitted! + byStatus.returned!;
    const now = { verified: headline(sums.current.verified, fields, settings), latest: headline(sums.current.latest, fields, settings) };
    const before = { verified: headline(sums.previous.verified, fields, settings), latest: headline(sums.previous.latest, fields, settings) };
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
