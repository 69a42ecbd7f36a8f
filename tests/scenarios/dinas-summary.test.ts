// The Dinas' weekly and monthly summaries through `imp-smart simulate`: on their days, exactly once across
// restarts, to the registered Dinas group (or each officer), the monthly one with its chart and XLSX; and the
// summary's numbers equal the export's for the same month.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dinasMonthlyJob } from '../../src/bot/features/dinas-summary.js';
import { dinasMonthlyCron } from '../../src/bot/jobs/schedule.js';
import { openDatabase } from '../../src/db/client.js';
import { jobRuns } from '../../src/db/schema.js';
import { DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { casesExport } from '../../src/reports/cases-export.js';
import { writeCasesXlsx } from '../../src/reports/cases-xlsx.js';
import { exportAreaLabel, recapExport } from '../../src/reports/recap-export.js';
import { writeXlsx } from '../../src/reports/recap-xlsx.js';
import { fromWita } from '../../src/time/wita.js';
import { headlineOfExports, type HeadlineFigures } from '../helpers/export-figures.js';
import { Harness } from '../helpers/harness.js';
import { playNovember, STORY, STORY_END, STORY_PEOPLE, STORY_START } from '../helpers/month-story.js';
import { DINAS_PHONE, PEOPLE_CSV, PKB_PHONE } from '../helpers/people.js';
import { messagesOf, simulate } from '../helpers/simulate.js';

const PNG_SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});
function tempDir(): string {
  dir = mkdtempSync(join(tmpdir(), 'imp-dinas-summary-'));
  return dir;
}

describe('the Dinas summaries on their days', () => {
  it('when a month goes by with restarts, then each weekly and monthly summary reaches the Dinas group exactly once, the monthly ones with the chart and the XLSX written to --media-dir', async () => {
    const root = tempDir();
    const mediaDir = join(root, 'media');
    const dbPath = join(root, 'sim.db');
    const transcript = [
      '@at 2026-11-25 07:00',
      `${DINAS_PHONE} @ grp-dinas: DAFTAR GRUP DINAS`,
      // Monday 30 November, 08:00: the weekly summary of October (the latest month whose reports are open).
      '@at 2026-11-30 09:00',
      '@restart',
      // Saturday 5 December, 08:00: the monthly summary of November, just due.
      '@at 2026-12-05 09:00',
      '@restart',
      '@at 2026-12-05 10:00',
      // Monday 7 and 14 December: weekly; Wednesday 16 December (the day after the close day): the final one.
      '@at 2026-12-16 09:00',
      '@restart',
      '@at 2026-12-17 09:00',
    ].join('\n');
    const out = messagesOf(await simulate(transcript, { dbPath, mediaDir }));
    const toGroup = out.filter((m) => m.to === 'grp-dinas');
    // Nothing to the officer personally: the group has it.
    expect(out.filter((m) => m.to === DINAS_PHONE)).toEqual([]);
    const titles = toGroup.map((m) => m.text.split('\n')[0]).filter((t) => t!.startsWith('*Ringkasan'));
    expect(titles).toEqual([
      '*Ringkasan mingguan laporan Oktober 2026*',
      '*Ringkasan bulanan laporan November 2026*',
      '*Ringkasan mingguan laporan November 2026*',
      '*Ringkasan mingguan laporan November 2026*',
      '*Ringkasan akhir laporan November 2026*',
    ]);
    const images = toGroup.filter((m) => m.text.startsWith('[gambar: '));
    const documents = toGroup.filter((m) => m.text.startsWith('[dokumen: '));
    expect(images.map((m) => m.text.split(']')[0])).toEqual(['[gambar: rekap-2026-11.png', '[gambar: rekap-2026-11.png']);
    expect(documents).toHaveLength(2);
    expect(documents[0]!.text).toMatch(/^\[dokumen: rekap-[\w-]*2026-11[\w-]*\.xlsx\] Rekap laporan desa November 2026/);
    // The text comes first, then the chart, then the workbook.
    const monthly = toGroup.findIndex((m) => m.text.startsWith('*Ringkasan bulanan'));
    expect(toGroup.findIndex((m) => m.text.startsWith('[gambar: '))).toBeGreaterThan(monthly);
    expect(toGroup.findIndex((m) => m.text.startsWith('[dokumen: '))).toBeGreaterThan(toGroup.findIndex((m) => m.text.startsWith('[gambar: ')));
    for (const m of toGroup) expect(m.text.length).toBeLessThanOrEqual(1000);

    expect(readFileSync(join(mediaDir, 'rekap-2026-11.png')).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const xlsxName = /^\[dokumen: ([^\]]+)\]/.exec(documents[0]!.text)![1]!;
    expect(existsSync(join(mediaDir, xlsxName))).toBe(true);

    const { db, close } = openDatabase(dbPath);
    try {
      const runs = db.select({ job: jobRuns.job, key: jobRuns.periodKey }).from(jobRuns).all().filter((r) => r.job.startsWith('dinas_'));
      expect(runs.filter((r) => r.job === 'dinas_monthly').map((r) => r.key)).toEqual(['2026-11/due', '2026-11/final']);
    } finally {
      close();
    }
  }, 120_000);

  it('when no Dinas group is registered, then each Dinas officer gets the weekly summary personally and a PKB gets none of it', async () => {
    const out = messagesOf(await simulate(['@at 2026-11-29 20:00', '@at 2026-11-30 09:00'].join('\n')));
    const toOfficer = out.filter((m) => m.to === DINAS_PHONE).map((m) => m.text.split('\n')[0]);
    expect(toOfficer[0]).toBe('*Ringkasan mingguan laporan Oktober 2026*');
    expect(toOfficer.slice(1).every((t) => t!.startsWith('*Per kecamatan'))).toBe(true);
    // The PKB gets their own daily digest that morning, not the Dinas summary.
    expect(out.filter((m) => m.to === PKB_PHONE).map((m) => m.text.split('\n')[0]!.split(' (')[0])).toEqual(['*Ringkasan harian desa binaan Anda, Kec. Bontomarannu*']);
  }, 60_000);

  it('when the bot was down over a Monday morning and starts within two days, then the weekly summary is made up once; three days later it is skipped', async () => {
    for (const [at, expected] of [
      [fromWita(2026, 12, 1, 10, 0), 1],
      [fromWita(2026, 12, 3, 10, 0), 0],
    ] as const) {
      const h = await Harness.create({ people: PEOPLE_CSV, start: at });
      try {
        const before = h.transport.sent.length;
        await h.bot.runner.catchUp(h.bot.jobs);
        await h.bot.runner.catchUp(h.bot.jobs);
        await h.bot.idle();
        const weekly = h.transport.sent.slice(before).filter((m) => m.to === DINAS_PHONE && m.content.kind === 'text' && m.content.text.startsWith('*Ringkasan mingguan'));
        expect(weekly, at.toISOString()).toHaveLength(expected);
      } finally {
        await h.close();
      }
    }
  }, 60_000);
});

/** The figures a Dinas officer reads in the summary's first message, as HeadlineFigures (those the text shows). */
function headlineOfSummary(text: string): Partial<HeadlineFigures> {
  const num = (s: string) => Number(s.replace(/\./g, '').replace(',', '.'));
  const pct = (label: string) => {
    const m = new RegExp(`${label} ([\\d,]+)%`).exec(text);
    return m ? num(m[1]!) : null;
  };
  const sent = /Laporan masuk (\d+) dari (\d+) desa\/kelurahan yang ikut .*terlambat (\d+)\./.exec(text)!;
  const state = /Terverifikasi (\d+) • menunggu verifikasi (\d+) • dikembalikan (\d+)/.exec(text)!;
  const basis = /dari (\d+) laporan terverifikasi/.exec(text);
  const pa = /PUS ([\d.]+) • peserta KB aktif ([\d.]+)/.exec(text);
  const cases = /Kasus calon akseptor: (\d+) baru bulan ini/.exec(text);
  const stock = /Stok alat\/obat KB kosong: (\d+) laporan/.exec(text);
  return {
    expected: num(sent[2]!),
    sent: num(sent[1]!),
    late: num(sent[3]!),
    verified: num(state[1]!),
    waiting: num(state[2]!),
    returned: num(state[3]!),
    verifiedRecaps: basis ? num(basis[1]!) : 0,
    pus: pa ? num(pa[1]!) : null,
    paTotal: pa ? num(pa[2]!) : null,
    cpr: pct('CPR'),
    mcpr: pct('mCPR'),
    unmetNeedPct: pct('tidak terpenuhi'),
    mkjpShare: pct('MKJP'),
    casesOpened: cases ? num(cases[1]!) : 0,
    stockOuts: stock ? num(stock[1]!) : 0,
  };
}

describe('the monthly summary equals the export', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.create({ people: STORY_PEOPLE, start: STORY_START });
    await playNovember(h);
  }, 120_000);
  afterAll(() => h.close());

  it('when the monthly summary of November is sent, then its kabupaten figures equal the kabupaten XLSX exports of the same moment', async () => {
    const calendar = { dueDay: 3, closeDay: 15 };
    const settings = { recap: DEFAULT_RECAP_SETTINGS, calendar, caseFollowUpDays: 7 };
    const job = dinasMonthlyJob(dinasMonthlyCron(15), { db: h.db, media: null, settings });
    h.clock.set(STORY_END);
    const before = h.transport.sent.length;
    await h.bot.runner.runSlot(job, fromWita(2026, 12, 5, 8, 0));
    await h.bot.idle();
    const summary = h.transport.sent.slice(before).filter((m) => m.to === DINAS_PHONE);
    const first = summary[0]!.content.kind === 'text' ? summary[0]!.content.text : '';
    expect(first).toContain('*Ringkasan bulanan laporan November 2026*');

    const scope = { period: STORY.period, kecamatanCode: undefined, now: STORY_END, caseFollowUpDays: 7 };
    const recap = recapExport(h.db, h.database.areas, { ...scope, settings: DEFAULT_RECAP_SETTINGS, calendar });
    const cases = casesExport(h.db, h.database.areas, scope);
    const meta = { period: STORY.period, areaLabel: exportAreaLabel(h.database.areas, undefined) };
    const files = { recap: join(h.dir, 'rekap-kab.xlsx'), cases: join(h.dir, 'kasus-kab.xlsx') };
    await writeXlsx(recap.rows, DEFAULT_RECAP_SETTINGS, { ...meta, summary: recap.summary }, files.recap);
    await writeCasesXlsx(cases.rows, { ...meta, summary: cases.summary }, files.cases);
    const exported = await headlineOfExports(files.recap, files.cases);
    const shown = headlineOfSummary(first);
    const { missing: _missing, ...comparable } = exported;
    // The text rounds percentages to one decimal, like the XLSX.
    expect(shown).toEqual(comparable);
    expect(shown).toMatchObject({ sent: 4, casesOpened: 3, stockOuts: 1 });
  });
});
