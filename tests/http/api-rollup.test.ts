// The roll-up: a kecamatan's figures are the sum of its desa, the kabupaten's the sum of its kecamatan, and the
// API shows the same numbers as the PKB digest and the XLSX exports of the same period (one aggregation).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateArea } from '../../src/reports/aggregate-data.js';
import { pkbDigestText } from '../../src/reports/pkb-digest-text.js';
import { headlineOfAggregate, headlineOfDigest, headlineOfExports, type HeadlineFigures } from '../helpers/export-figures.js';
import { apiFixture, KEC, NOW, PERIOD, type ApiFixture } from './api-fixture.js';

let f: ApiFixture;
let dir: string;
beforeAll(async () => {
  f = await apiFixture();
  dir = mkdtempSync(join(tmpdir(), 'imp-rollup-'));
});
afterAll(async () => {
  await f.close();
  rmSync(dir, { recursive: true, force: true });
});

const indicators = async (query: string) => {
  const res = await f.app.inject({ method: 'GET', url: `/api/v1/indicators?${query}`, headers: f.auth('dinas') });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().periods as any[];
};
const sum = (xs: (number | null)[]) => xs.reduce<number>((n, x) => n + (x ?? 0), 0);

/** The API's figures of one area as the reports' headline (the same keys the digest and the exports give). */
function headlineOfApi(p: any): Omit<HeadlineFigures, 'missing'> {
  const c = p.figures.completeness;
  const v = p.figures.indicators.verified;
  return {
    expected: c.expected,
    sent: c.sent,
    verified: c.verified,
    waiting: c.waiting,
    returned: c.returned,
    late: p.figures.timeliness.late,
    verifiedRecaps: v.recaps,
    pus: v.pus,
    paTotal: v.pa_total,
    cpr: v.cpr,
    mcpr: v.mcpr,
    unmetNeedPct: v.unmet_need_pct,
    mkjpShare: v.mkjp_share,
    casesOpened: p.figures.cases.opened,
    stockOuts: p.figures.cases.stock_outs,
  };
}

describe('indicators roll-up', () => {
  it('when the kabupaten is asked, then its counts are the sum of its kecamatan and each kecamatan the sum of its desa', async () => {
    const [p] = await indicators(`from=${PERIOD}`);
    const kab = p.figures;
    for (const key of ['expected', 'sent', 'verified', 'waiting', 'returned']) {
      expect(kab.completeness[key], key).toBe(sum(p.kecamatan.map((k: any) => k.completeness[key])));
    }
    expect(kab.indicators.verified.pus).toBe(sum(p.kecamatan.map((k: any) => k.indicators.verified.pus)));
    expect(kab.indicators.verified.pa_total).toBe(sum(p.kecamatan.map((k: any) => k.indicators.verified.pa_total)));
    expect(kab.cases.opened).toBe(sum(p.kecamatan.map((k: any) => k.cases.opened)));
    for (const k of p.kecamatan) {
      const desa = p.desa.filter((d: any) => d.kecamatan_code === k.code);
      const verified = desa.filter((d: any) => d.status === 'verified');
      expect(k.indicators.verified.recaps).toBe(verified.length);
      expect(k.indicators.verified.pus).toBe(verified.length === 0 ? null : sum(verified.map((d: any) => d.pus)));
      expect(k.indicators.verified.pa_total).toBe(verified.length === 0 ? null : sum(verified.map((d: any) => d.pa_total)));
      expect(k.completeness.sent).toBe(desa.filter((d: any) => d.taking_part && d.status !== 'not_sent').length);
    }
    // Two kecamatan report: Bontomarannu (Pakatto verified) and the other one.
    expect(kab.indicators.verified.recaps).toBe(2);
  });

  it('when a kecamatan is asked, then the API equals the aggregation, the PKB digest and the XLSX exports of that period', async () => {
    const [p] = await indicators(`from=${PERIOD}&area=${KEC}`);
    const agg = aggregateArea(f.database.db, f.database.areas, { period: PERIOD, areaCode: KEC, now: NOW, settings: { recap: { pusRule: 'C3', parts: { flows: false, channel: false, mal_traditional: false } }, calendar: { dueDay: 5, closeDay: 10 }, caseFollowUpDays: 7 } });
    const { missing: _m, ...fromAggregate } = headlineOfAggregate(agg);
    expect(headlineOfApi(p)).toEqual(fromAggregate);

    const digest = pkbDigestText({ aggregate: agg, scope: 'Kec. Bontomarannu', now: NOW, calendar: { dueDay: 5, closeDay: 10 } });
    const { missing: _d, ...fromDigest } = headlineOfDigest(digest);
    expect(headlineOfApi(p)).toEqual(fromDigest);

    const files: string[] = [];
    for (const kind of ['recap', 'cases']) {
      const res = await f.app.inject({ method: 'GET', url: `/api/v1/exports/${kind}?period=${PERIOD}&kecamatan=${KEC}&format=xlsx`, headers: f.auth('koordinator') });
      expect(res.statusCode).toBe(200);
      const file = join(dir, `${kind}.xlsx`);
      writeFileSync(file, res.rawPayload);
      files.push(file);
    }
    const { missing: _e, ...fromExports } = await headlineOfExports(files[0]!, files[1]!);
    expect(headlineOfApi(p)).toEqual(fromExports);
  });

  it('when a PKB asks its kecamatan, then the figures cover only its binaan desa', async () => {
    const res = await f.app.inject({ method: 'GET', url: `/api/v1/indicators?from=${PERIOD}&area=${KEC}`, headers: f.auth('pkb') });
    const [p] = res.json().periods;
    expect(p.desa.map((d: any) => d.name)).toEqual(['Pakatto', 'Nirannuang']);
    expect(p.figures.completeness.expected).toBe(2);
  });

  it('when the range is longer than two years, then 400 names "to"', async () => {
    const res = await f.app.inject({ method: 'GET', url: '/api/v1/indicators?from=2024-01&to=2026-11', headers: f.auth('dinas') });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('to');
  });
});
