// The roll-up of many areas at once sums in SQL what aggregateArea computes area by area: every number of each line
// must equal that area's own aggregation (one aggregation, two paths).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { insertAreas, kabupatenCode, kecamatanCode } from '../../bench/synthetic-areas.js';
import { openReadyDatabase } from '../../src/db/bootstrap.js';
import { loadAreaDirectory } from '../../src/db/repos/areas.repo.js';
import { findPersonByPhone } from '../../src/db/repos/people.repo.js';
import { DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { importPeople } from '../../src/people/people-import.js';
import { aggregateArea } from '../../src/reports/aggregate-data.js';
import { rollUp } from '../../src/reports/rollup.js';
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
    `insert into recaps (desa_code, period, unit_id, unit_key, status, version, "values", warnings, reporter_id, receipt_code, submitted_at, late, verified_at, verified_by, returned_reason, updated_at)
     values (?, ?, null, '', ?, 1, ?, '[]', ?, ?, '2026-12-02T01:00:00.000Z', ?, null, null, null, '2026-12-02T01:00:00.000Z')`,
  );
  const statuses = ['verified', 'submitted', 'returned', 'verified', null] as const;
  desa.forEach((code, i) => {
    for (const [m, period] of ['2026-10', PERIOD].entries()) {
      const status = statuses[(i + m * 2) % statuses.length];
      if (status === null) continue;
      const values: Record<string, number> = { ...CLEAN_RECAP, pus: 300 + ((i * 37 + m * 11) % 200), pa_iud: 10 + (i % 7) };
      if (i % 4 === 0) delete values.pa_implan; // a field left unanswered
      if (i % 9 === 0) delete values.pus;
      insert.run(code, period, status, JSON.stringify(values), reporter, `${period}-${code}`, i % 3 === 0 ? 1 : 0);
    }
  });
  // Phased roll-out: two desa left before November (one of them still sent), one joins only in December.
  const participation = database.native.prepare(`insert into area_participation (desa_code, action, from_period, created_at) values (?, ?, ?, '2026-01-01T00:00:00.000Z')`);
  participation.run(desa[1], 'leave', '2026-09');
  participation.run(desa[7], 'leave', '2026-11');
  participation.run(desa[20], 'leave', '2026-12');
  database.close();
  return { database: openReadyDatabase(database.path), desa };
}

describe('the roll-up of many areas', () => {
  for (const [name, settings] of [
    ['default parts', DEFAULT_RECAP_SETTINGS],
    ['MAL and traditional methods on', { ...DEFAULT_RECAP_SETTINGS, parts: { ...DEFAULT_RECAP_SETTINGS.parts, mal_traditional: true } }],
  ] as const) {
    it(`when every kabupaten and some kecamatan are rolled up (${name}), then each line equals that area's own aggregation`, () => {
      const { database } = syntheticTable();
      try {
        const codes = [kabupatenCode(0), kabupatenCode(1), kabupatenCode(2), kecamatanCode(0, 0), kecamatanCode(2, 1)];
        const lines = rollUp(database.db, database.areas, { period: PERIOD, areaCodes: codes, settings });
        expect(lines.map((l) => l.area.code)).toEqual(codes);
        for (const line of lines) {
          const agg = aggregateArea(database.db, database.areas, { period: PERIOD, areaCode: line.area.code, now: NOW, settings: { recap: settings, calendar: { dueDay: 3, closeDay: 15 }, caseFollowUpDays: 7 } });
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
        // Not trivial: every status, lateness and a desa not taking part that still sent are in the table.
        const province = lines.slice(0, 3);
        expect(province.reduce((t, l) => t + l.completeness.notTakingPart, 0)).toBe(2);
        expect(province.every((l) => l.completeness.waiting > 0 && l.completeness.returned > 0 && l.timeliness.late > 0)).toBe(true);
      } finally {
        database.close();
      }
    });
  }
});
