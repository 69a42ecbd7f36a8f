// The dashboard in a real browser (issue 13): a month played through the real bot, the app on loopback, headless
// Chromium driven by playwright-core. It signs in with a token, opens the kabupaten overview, a kecamatan and a desa,
// checks the figures shown (read from their data attributes) against the aggregation, downloads exports and opens
// them, and saves a screenshot of each page under test-artifacts/.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/db/repos/api-tokens.repo.js';
import { DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { buildApp } from '../../src/http/app.js';
import type { DashboardDeps } from '../../src/http/dashboard/plugin.js';
import { silentLogger } from '../../src/logger.js';
import type { AreaAggregate } from '../../src/reports/aggregate.js';
import { aggregateArea } from '../../src/reports/aggregate-data.js';
import { chromiumPath } from '../helpers/chromium.js';
import { headlineOfAggregate, headlineOfExports, readWorkbook } from '../helpers/export-figures.js';
import { Harness } from '../helpers/harness.js';
import { playNovember, STORY, STORY_END, STORY_PEOPLE, STORY_START } from '../helpers/month-story.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const SETTINGS = { recap: DEFAULT_RECAP_SETTINGS, calendar: { dueDay: 3, closeDay: 15 }, caseFollowUpDays: 7 };

let h: Harness;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;
let token: string;

beforeAll(async () => {
  const executablePath = chromiumPath(); // fails here, clearly, when there is no browser
  mkdirSync(ARTIFACTS, { recursive: true });
  h = await Harness.create({ people: STORY_PEOPLE, start: STORY_START });
  await playNovember(h);
  token = createApiToken(h.db, { name: 'Dinas Gowa', role: 'dinas', areaSpec: '73.06', homeAreaCode: '73.06' }, STORY_END).token;
  const deps: DashboardDeps = { db: h.db, areas: h.database.areas, now: () => h.clock.now(), settings: SETTINGS };
  app = await buildApp({ logger: silentLogger(), health: () => ({ status: 'ok', transport: { name: 'memory', state: 'open', detail: '', since: STORY_END.toISOString() }, outbox: { pending: 0, sent: 0, failed: 0 }, alerts: [] }), dashboard: deps });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await h?.close();
});

const aggregateOf = (areaCode: string): AreaAggregate => aggregateArea(h.db, h.database.areas, { period: STORY.period, areaCode, now: STORY_END, settings: SETTINGS });

/** The raw values of the figures in a part of the page, by name (the first of each name). */
async function figures(scope: string): Promise<Record<string, string>> {
  return page.$$eval(`${scope} [data-figure]`, (elements) => {
    const out: Record<string, string> = {};
    for (const e of elements) {
      const name = e.getAttribute('data-figure')!;
      if (!(name in out)) out[name] = e.getAttribute('data-value') ?? '';
    }
    return out;
  });
}

const raw = (x: number | null) => (x === null ? '' : String(x));

async function download(selector: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = join(h.dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

describe('the dashboard in a browser', () => {
  it('when the Dinas signs in and walks from the kabupaten to a kecamatan and a desa, then every figure shown is the aggregation\'s and the exports open', async () => {
    // Sign in: a page without a session goes to the form; the token turns into a session cookie.
    await page.goto(`${base}/dasbor`);
    expect(new URL(page.url()).pathname).toBe('/dasbor/masuk');
    await page.screenshot({ path: join(ARTIFACTS, 'dasbor-masuk.png') });
    await page.fill('#token', token);
    await Promise.all([page.waitForURL(`${base}/dasbor`), page.click('button[type=submit]')]);

    // The kabupaten overview of the latest reporting month (November: the story ends on 5 December).
    const kab = aggregateOf('73.06');
    expect(await page.inputValue('#bulan')).toBe(STORY.period);
    const cards = await figures('.cards');
    expect(cards).toMatchObject({
      expected: raw(kab.completeness.expected),
      sent: raw(kab.completeness.sent),
      sentPct: raw(kab.completeness.sentPct),
      verified: raw(kab.completeness.verified),
      onTimePct: raw(kab.timeliness.onTimePct),
      cpr: raw(kab.indicators.verified.cpr),
      mcpr: raw(kab.indicators.verified.mcpr),
      unmetNeedPct: raw(kab.indicators.verified.unmetNeedPct),
      mkjpShare: raw(kab.indicators.verified.mkjpShare),
      openCases: raw(kab.cases.openNow),
      overdueCases: raw(kab.cases.overdueNow),
    });
    for (const k of kab.byKecamatan.filter((x) => x.completeness.expected > 0 || x.cases.openNow > 0)) {
      const row = await figures(`tr[data-kecamatan="${k.kecamatan.code}"]`);
      expect(row, k.kecamatan.name).toMatchObject({ expected: raw(k.completeness.expected), sent: raw(k.completeness.sent), cpr: raw(k.indicators.verified.cpr), openCases: raw(k.cases.openNow) });
    }
    // The trend's last point is this month's verified CPR; four charts, twelve months each.
    expect(await page.locator('figure[data-chart]').count()).toBe(5);
    expect(await page.getAttribute('figure[data-chart="cpr"] circle[data-period="2026-11"]', 'data-value')).toBe(raw(kab.indicators.verified.cpr));
    await page.screenshot({ path: join(ARTIFACTS, 'dasbor-kabupaten.png'), fullPage: true });

    // The kecamatan: every desa with its status and figures.
    await Promise.all([page.waitForURL(/\/dasbor\/kecamatan\//), page.click(`tr[data-kecamatan="${STORY.kecamatan}"] a`)]);
    const kec = aggregateOf(STORY.kecamatan);
    expect(await figures('.cards')).toMatchObject({ sent: raw(kec.completeness.sent), verified: raw(kec.completeness.verified), cpr: raw(kec.indicators.verified.cpr), late: raw(kec.timeliness.late) });
    const statuses = await page.$$eval('tr[data-desa]', (rows) => Object.fromEntries(rows.map((r) => [r.getAttribute('data-desa'), r.getAttribute('data-status')])));
    expect(statuses).toMatchObject({ [STORY.pakatto]: 'terkirim', [STORY.nirannuang]: 'terverifikasi', [STORY.sokkolia]: 'terkirim', [STORY.biliBili]: 'tidak_ikut' });
    expect(Object.values(statuses)).toContain('terlambat'); // taking part, nothing sent, past the due day
    for (const d of kec.byDesa) {
      expect(await figures(`tr[data-desa="${d.code}"]`), d.name).toMatchObject({ cpr: raw(d.indicators?.cpr ?? null), paTotal: raw(d.indicators?.paTotal ?? null) });
    }
    await page.screenshot({ path: join(ARTIFACTS, 'dasbor-kecamatan.png'), fullPage: true });

    // Downloads of the kecamatan: the XLSX files carry the same headline as the aggregation; the CSV parses.
    const recapXlsx = await download('[data-download="rekap-xlsx"]');
    const casesXlsx = await download('[data-download="kasus-xlsx"]');
    expect(recapXlsx.endsWith(`rekap-${STORY.period}-${STORY.kecamatan}.xlsx`)).toBe(true);
    expect(await headlineOfExports(recapXlsx, casesXlsx)).toEqual(headlineOfAggregate(kec));
    expect((await readWorkbook(recapXlsx)).getWorksheet('Rekap')).toBeDefined();
    const csv = parse(readFileSync(await download('[data-download="rekap-csv"]'), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(csv).toHaveLength(kec.byDesa.length);

    // One desa: the paper form with its versions (Nirannuang: sent, returned, corrected, verified).
    await Promise.all([page.waitForURL(/\/dasbor\/desa\//), page.click(`tr[data-desa="${STORY.nirannuang}"] a`)]);
    const desa = kec.byDesa.find((d) => d.code === STORY.nirannuang)!;
    expect(await page.getAttribute('section.paper', 'data-version')).toBe(String(desa.version));
    const shown = await page.$$eval('[data-field]', (cells) => Object.fromEntries(cells.map((c) => [c.getAttribute('data-field'), c.getAttribute('data-value')])));
    for (const [field, value] of Object.entries(desa.values)) expect(shown[field], field).toBe(raw(value));
    expect(await figures('section.paper')).toMatchObject({ cpr: raw(desa.indicators!.cpr), mkjpShare: raw(desa.indicators!.mkjpShare) });
    expect(await page.locator('[data-version-link]').count()).toBe(2);
    await page.screenshot({ path: join(ARTIFACTS, 'dasbor-desa.png'), fullPage: true });

    // The first version is one click away.
    await Promise.all([page.waitForURL(/versi=1/), page.click('[data-version-link="1"] a')]);
    expect(await page.getAttribute('section.paper', 'data-version')).toBe('1');

    // On a phone the same page fits the screen's width; wide tables scroll inside their box.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.$eval('html', (root) => root.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS, 'dasbor-desa-ponsel.png'), fullPage: true });
  }, 60_000);
});
