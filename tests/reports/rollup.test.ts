// The roll-up of many areas at once sums in SQL what aggregateArea computes area by area: every number of each line
// must equal that area's own aggregation (one aggregation, two paths). The roll-up sums the recaps' headline columns,
// aggregateArea their JSON: also after a correction, and with dusun parts beside the desa records.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { insertAreas, kabupatenCode, kecamatanCode } from '../../bench/synthetic-areas.js';
import { openReadyDatabase } from '../../src/db/bootstrap.js';
import { loadAreaDirectory } from '../../src/db/repos/areas.repo.js';
import { findPersonByPhone } from '../../src/db/repos/people.repo.js';
import { recapValueColumns, recordReview, saveSubmission } from '../../src/db/repos/recaps.repo.js';
import { DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { HEADLINE_FIELDS } from '../../src/domain/recap/headline-counts.js';
import { importPeople } from '../../src/people/people-import.js';
import { aggregateArea } from '../../src/reports/aggregate-data.js';
import { headlineFields, rollUp, rollUpQuery } from '../../src/reports/rollup.js';
import { headlineColumnProblems } from '../helpers/headline-columns.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';

const PERIOD = '2026-11';
const NOW = new Date('2026-12-20T01:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'imp-rollup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 3 kabupaten × 3 kecamatan × 5 desa; two months of recaps in every status, some late, some fields unanswered. */
function syntheticTable() {
  const database = openReadyDatabase(join(dir, `${Math.random().toString(36).slice(2)}.db`), { create: true });
  const desa = insertAreas(database.native, { kabupaten: 3, kecamatanPerKabupaten: 3, desaPerKecamatan: 5 });
  expect(importPeople(database.db, 'phone,name,role,area,unit\n+6281234567001,Siti Aminah,ppkbd,73.06.06.2003,', loadAreaDirectory(database.db), 't', NOW).ok).toBe(true);
  const reporter = findPersonByPhone(database.db, '+6281234567001')!.id;
  const insert = database.native.prepare(
    `insert into recaps (desa_code, period, unit_id, unit_key, status, version, warnings, reporter_id, receipt_code, submitted_at, late, verified_at, verified_by, returned_reason, updated_at, "values", ${HEADLINE_FIELDS.join(', ')})
     values (?, ?, null, '', ?, 1, '[]', ?, ?, '2026-12-02T01:00:00.000Z', ?, null, null, null, '2026-12-02T01:00:00.000Z', ?, ${HEADLINE_FIELDS.map(() => '?').join(', ')})`,
  );
  const statuses = ['verified', 'submitted', 'returned', 'verified', null] as const;
  desa.forEach((code, i) => {
    for (const [m, period] of ['2026-10', PERIOD].entries()) {
      const status = statuses[(i + m * 2) % statuses.length];
      if (status === null) continue;
      const values: Record<string, number> = { ...CLEAN_RECAP, pus: 300 + ((i * 37 + m * 11) % 200), pa_iud: 10 + (i % 7) };
      if (i % 4 === 0) delete values.pa_implan; // a field left unanswered
      if (i % 9 === 0) delete values.pus;
      const stored = recapValueColumns(values);
      insert.run(code, period, status, reporter, `${period}-${code}`, i % 3 === 0 ? 1 : 0, stored.values, ...HEADLINE_FIELDS.map((f) => stored[f]));
    }
  });
  // Phased roll-out: two desa left before November (one of them still sent), one joins only in December.
  const participation = database.native.prepare(`insert into area_participation (desa_code, action, from_period, created_at) values (?, ?, ?, '2026-01-01T00:00:00.000Z')`);
  participation.run(desa[1], 'leave', '2026-09');
  participation.run(desa[7], 'leave', '2026-11');
  participation.run(desa[20], 'leave', '2026-12');
  database.close();
  return { database: openReadyDatabase(database.path), desa, reporter };
}

type Table = ReturnType<typeof syntheticTable>;
type Settings = typeof DEFAULT_RECAP_SETTINGS;

const aggregateSettings = (recap: Settings) => ({ recap, calendar: { dueDay: 3, closeDay: 15 }, caseFollowUpDays: 7 });

/** Rolls these areas up and checks every line against the area's own aggregation; returns the lines. */
function rollUpEqualsAggregation({ database }: Table, codes: readonly string[], settings: Settings) {
  const lines = rollUp(database.db, database.areas, { period: PERIOD, areaCodes: codes, settings });
  expect(lines.map((l) => l.area.code)).toEqual(codes);
  for (const line of lines) {
    const agg = aggregateArea(database.db, database.areas, { period: PERIOD, areaCode: line.area.code, now: NOW, settings: aggregateSettings(settings) });
    const { missing: _m, returnedDesa: _r, sentNotTakingPart: _s, ...completeness } = agg.completeness;
    expect(line.completeness, line.area.code).toEqual(completeness);
    expect(line.timeliness).toEqual({ onTime: agg.timeliness.onTime, late: agg.timeliness.late, onTimePct: agg.timeliness.onTimePct });
    for (const basis of ['verified', 'latest'] as const) {
      const pick = ({ recaps, paTotal, unmetNeed, cpr, mcpr, unmetNeedPct, mkjpShare }: typeof line.indicators.verified) => ({ recaps, paTotal, unmetNeed, cpr, mcpr, unmetNeedPct, mkjpShare });
      expect(line.indicators[basis]).toEqual(pick(agg.indicators[basis]));
      expect(line.previous[basis]).toEqual(pick(agg.previous[basis]));
      expect(line.change[basis]).toEqual(agg.change[basis]);
    }
  }
  return lines;
}

const MAL_ON: Settings = { ...DEFAULT_RECAP_SETTINGS, parts: { ...DEFAULT_RECAP_SETTINGS.parts, mal_traditional: true } };

describe('the roll-up of many areas', () => {
  for (const [name, settings] of [
    ['default parts', DEFAULT_RECAP_SETTINGS],
    ['MAL and traditional methods on', MAL_ON],
  ] as const) {
    it(`when every kabupaten and some kecamatan are rolled up (${name}), then each line equals that area's own aggregation`, () => {
      const table = syntheticTable();
      try {
        const lines = rollUpEqualsAggregation(table, [kabupatenCode(0), kabupatenCode(1), kabupatenCode(2), kecamatanCode(0, 0), kecamatanCode(2, 1)], settings);
        // Not trivial: every status, lateness and a desa not taking part that still sent are in the table.
        const province = lines.slice(0, 3);
        expect(province.reduce((t, l) => t + l.completeness.notTakingPart, 0)).toBe(2);
        expect(province.every((l) => l.completeness.waiting > 0 && l.completeness.returned > 0 && l.timeliness.late > 0)).toBe(true);
      } finally {
        table.database.close();
      }
    });
  }

  it('when a recap is corrected after it was sent (other counts, one left unanswered) and then verified, then the roll-up sums the new version, equal to the aggregation', () => {
    const table = syntheticTable();
    const { database, desa, reporter } = table;
    try {
      // desa[2] sent nothing for November in the synthetic table: version 1, then a correction, through the repo.
      const code = desa[2]!;
      const sent = (values: Record<string, number>, at: string) =>
        saveSubmission(database.db, { desaCode: code, period: PERIOD, unitId: null, values, warnings: [], reporterId: reporter, late: false, now: new Date(at) }).row;
      sent({ ...CLEAN_RECAP, pus: 900, pa_suntik: 400 }, '2026-12-02T02:00:00.000Z');
      const { iat: _iat, ...withoutIat } = CLEAN_RECAP;
      const corrected = sent({ ...withoutIat, pus: 510, pa_mal: 7 }, '2026-12-03T02:00:00.000Z');
      recordReview(database.db, corrected, 'verified', null, reporter, new Date('2026-12-04T02:00:00.000Z'));
      expect(corrected.version).toBe(2);
      expect([corrected.pus, corrected.pa_suntik, corrected.iat, corrected.pa_mal]).toEqual([510, CLEAN_RECAP.pa_suntik, null, 7]);
      expect(headlineColumnProblems(database.db)).toEqual([]);
      for (const settings of [DEFAULT_RECAP_SETTINGS, MAL_ON]) rollUpEqualsAggregation(table, [kabupatenCode(0), kecamatanCode(0, 0)], settings);
    } finally {
      database.close();
    }
  });

  it('when a desa has only dusun parts and no desa recap, then the roll-up counts none of them, equal to the aggregation', () => {
    const table = syntheticTable();
    const { database, desa, reporter } = table;
    try {
      const codes = [kabupatenCode(0), kecamatanCode(0, 0)];
      const before = rollUpEqualsAggregation(table, codes, DEFAULT_RECAP_SETTINGS);
      // desa[2] has no November desa record; two of its dusun send their parts (and a desa that has one, a third).
      const unit = database.native.prepare(`insert into area_units (desa_code, name, name_key) values (?, ?, ?)`);
      const units = [unit.run(desa[2], 'Dusun Satu', 'dusun satu'), unit.run(desa[2], 'Dusun Dua', 'dusun dua'), unit.run(desa[0], 'Dusun Tiga', 'dusun tiga')].map((r) => Number(r.lastInsertRowid));
      for (const [i, unitId] of units.entries()) {
        const values = { pus: 150 + i, pa_iud: 5, pa_suntik: 40, pa_pil: 20, hamil: 5, ias: 30, iat: 25, tial: 25 };
        saveSubmission(database.db, { desaCode: i < 2 ? desa[2]! : desa[0]!, period: PERIOD, unitId, values, warnings: [], reporterId: reporter, late: false, now: new Date('2026-12-02T03:00:00.000Z') });
      }
      expect(headlineColumnProblems(database.db)).toEqual([]);
      expect(rollUpEqualsAggregation(table, codes, DEFAULT_RECAP_SETTINGS)).toEqual(before);
    } finally {
      database.close();
    }
  });

  it("when SQLite plans the roll-up's query, then it reads only the covering index, never the recaps' rows and their JSON", () => {
    const { database } = syntheticTable();
    try {
      for (const settings of [DEFAULT_RECAP_SETTINGS, MAL_ON]) {
        const plan = database.db.all<{ detail: string }>(sql`explain query plan ${rollUpQuery(PERIOD, [kabupatenCode(0)], headlineFields(settings))}`).map((r) => r.detail);
        expect(plan.filter((d) => /\brecaps\b/.test(d))).toEqual(['SEARCH recaps USING COVERING INDEX recaps_rollup_idx (period=? AND unit_key=?)']);
      }
    } finally {
      database.close();
    }
  });
});
