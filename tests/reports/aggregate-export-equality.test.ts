// "Digest numbers equal the export" (issue 10): the digests and Dinas summaries format the aggregation, so this test
// proves the aggregation's numbers equal what the exports show for the same period and area, read back from the
// files a PKB or the Dinas opens. A digest test adds its own reader of the digest text (tests/helpers/export-figures.ts)
// and compares it with the same headline.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeFields, DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import type { AreaAggregate } from '../../src/reports/aggregate.js';
import { aggregateArea } from '../../src/reports/aggregate-data.js';
import { casesExport } from '../../src/reports/cases-export.js';
import { casesSummaryLine, writeCasesXlsx } from '../../src/reports/cases-xlsx.js';
import { exportAreaLabel, INDICATOR_COLUMNS, recapExport, toCsv } from '../../src/reports/recap-export.js';
import { writeXlsx } from '../../src/reports/recap-xlsx.js';
import { SUMMARY_SHEET, SUMMARY_TOTAL_LABEL } from '../../src/reports/summary-sheet.js';
import { headlineOfAggregate, headlineOfExports, readWorkbook, sheetRecords } from '../helpers/export-figures.js';
import { Harness } from '../helpers/harness.js';
import { playNovember, STORY, STORY_END, STORY_PEOPLE, STORY_START } from '../helpers/month-story.js';

const CALENDAR = { dueDay: 3, closeDay: 15 };
const FOLLOW_UP = 7;
const settings = DEFAULT_RECAP_SETTINGS;

let h: Harness;
beforeAll(async () => {
  h = await Harness.create({ people: STORY_PEOPLE, start: STORY_START });
  await playNovember(h);
}, 120_000);
afterAll(() => h.close());

const aggregateOf = (areaCode: string): AreaAggregate =>
  aggregateArea(h.db, h.database.areas, { period: STORY.period, areaCode, now: STORY_END, settings: { recap: settings, calendar: CALENDAR, caseFollowUpDays: FOLLOW_UP } });

/** Both exports of the scope written as the operator's command writes them; returns the file paths and the aggregation they carry. */
async function exportFiles(kecamatanCode: string | undefined) {
  const scope = { period: STORY.period, kecamatanCode, now: STORY_END, caseFollowUpDays: FOLLOW_UP };
  const recap = recapExport(h.db, h.database.areas, { ...scope, settings, calendar: CALENDAR });
  const cases = casesExport(h.db, h.database.areas, scope);
  const meta = { period: STORY.period, areaLabel: exportAreaLabel(h.database.areas, kecamatanCode) };
  const name = kecamatanCode ?? 'kab';
  const files = { recap: join(h.dir, `rekap-${name}.xlsx`), cases: join(h.dir, `kasus-${name}.xlsx`) };
  await writeXlsx(recap.rows, settings, { ...meta, summary: recap.summary }, files.recap);
  await writeCasesXlsx(cases.rows, { ...meta, summary: cases.summary }, files.cases);
  return { files, recap, cases };
}

describe('the aggregation equals the exports', () => {
  it('when a kecamatan is exported, then completeness, lateness, the verified indicators and the case counts of its files equal the aggregation', async () => {
    const agg = aggregateOf(STORY.kecamatan);
    const { files } = await exportFiles(STORY.kecamatan);
    const fromFiles = await headlineOfExports(files.recap, files.cases);
    expect(fromFiles).toEqual(headlineOfAggregate(agg));
    // The story is not trivial: something of each kind is there to disagree about.
    expect(fromFiles).toMatchObject({ expected: 8, sent: 3, verified: 1, waiting: 2, late: 1, casesOpened: 2, stockOuts: 1, cpr: 53.2 });
  });

  it('when the kabupaten is exported, then the same holds, and its Ringkasan sheet shows each kecamatan as aggregated alone', async () => {
    const agg = aggregateOf('73.06');
    const { files } = await exportFiles(undefined);
    expect(await headlineOfExports(files.recap, files.cases)).toEqual(headlineOfAggregate(agg));

    const workbook = await readWorkbook(files.recap);
    expect(workbook.worksheets.map((w) => w.name).slice(0, 3)).toEqual(['Rekap', SUMMARY_SHEET, 'Bontonompo']);
    const lines = sheetRecords(workbook.getWorksheet(SUMMARY_SHEET)!, 6);
    expect(lines.map((l) => l.Kecamatan)).toEqual([...h.database.areas.kecamatanList().map((k) => k.name), SUMMARY_TOTAL_LABEL]);
    for (const [code, line] of [
      [STORY.kecamatan, lines.find((l) => l['Kode kecamatan'] === STORY.kecamatan)!],
      ['73.06.01', lines.find((l) => l['Kode kecamatan'] === '73.06.01')!],
      ['73.06', lines.at(-1)!],
    ] as const) {
      const alone = aggregateOf(code);
      expect(line, code).toMatchObject({
        'Desa/kel. ikut program': alone.completeness.expected,
        'Sudah lapor': alone.completeness.sent,
        'Belum lapor': alone.completeness.missing.length,
        Terverifikasi: alone.completeness.verified,
        'Menunggu verifikasi': alone.completeness.waiting,
        Dikembalikan: alone.completeness.returned,
        Terlambat: alone.timeliness.late,
        'Laporan terverifikasi yang dijumlahkan': alone.indicators.verified.recaps,
        'Jumlah PUS': alone.indicators.verified.sums.pus ?? null,
        'CPR (%)': alone.indicators.verified.cpr,
        'CPR: perubahan dari bulan lalu (poin)': alone.change.verified.cpr,
        'mCPR (%)': alone.indicators.verified.mcpr,
        'MKJP dari peserta KB aktif (%)': alone.indicators.verified.mkjpShare,
        'Kasus baru bulan ini': alone.cases.opened,
        'Kasus terbuka saat ini': alone.cases.openNow,
        [`Belum ditindaklanjuti lebih dari ${FOLLOW_UP} hari`]: alone.cases.overdueNow,
        'Laporan stok kosong bulan ini': alone.stockOuts.total,
      });
    }
    // Bontomarannu's line carries last month's change (Nirannuang's verified October), Bontonompo has no October.
    expect(lines.find((l) => l['Kode kecamatan'] === STORY.kecamatan)!['CPR: perubahan dari bulan lalu (poin)']).toBe(1.9);
    expect(lines.find((l) => l['Kode kecamatan'] === '73.06.01')!['CPR: perubahan dari bulan lalu (poin)']).toBeNull();
    // The kabupaten's JUMLAH on the data sheet and its Ringkasan line are one figure.
    const total = sheetRecords(workbook.getWorksheet('Rekap')!, 6).find((r) => r.No === 'JUMLAH')!;
    expect(total['CPR (%)']).toBe(lines.at(-1)!['CPR (%)']);
    expect(total['Jumlah PUS']).toBe(lines.at(-1)!['Jumlah PUS']);
  });

  it('when each desa row and every JUMLAH field are compared, then the export shows the aggregation per desa and its verified sums field by field', async () => {
    const agg = aggregateOf(STORY.kecamatan);
    const { files, recap } = await exportFiles(STORY.kecamatan);
    const records = sheetRecords((await readWorkbook(files.recap)).getWorksheet('Rekap')!, 6);
    const total = records.find((r) => r.No === 'JUMLAH')!;
    // The data sheet's field headers are the catalogue's labels.
    for (const f of activeFields(settings)) expect(total[f.label] ?? null, f.id).toBe(agg.indicators.verified.sums[f.id]);
    for (const d of agg.byDesa) {
      const row = records.find((r) => r['Kode desa'] === d.code)!;
      for (const [header, key] of INDICATOR_COLUMNS) expect(row[header] ?? null, `${d.name} ${header}`).toBe(d.indicators?.[key] ?? null);
    }
    // The CSV carries the same per-desa indicators.
    const [header, ...csvRows] = parse(toCsv(recap.rows, settings)) as string[][];
    const cpr = header!.indexOf('CPR (%)');
    expect(csvRows.map((r) => (r[cpr] === '' ? null : Number(r[cpr])))).toEqual(agg.byDesa.map((d) => d.indicators?.cpr ?? null));
  });

  it('when the cases export is written, then its rows by status and its summary line are the aggregation of the same month', async () => {
    const agg = aggregateOf(STORY.kecamatan);
    const { files, cases } = await exportFiles(STORY.kecamatan);
    expect(cases.rows).toHaveLength(agg.cases.opened);
    for (const [status, count] of Object.entries(agg.cases.openedByStatus)) expect(cases.rows.filter((r) => r.status === status).length, status).toBe(count);
    const sheet = (await readWorkbook(files.cases)).getWorksheet('Kasus')!;
    expect(sheet.getCell(4, 1).value).toBe(casesSummaryLine(agg));
    expect(casesSummaryLine(agg)).toContain('Ringkasan: 2 kasus dilaporkan bulan ini (2 masih terbuka, 0 sudah dilayani, 0 ditutup karena hal lain); 1 laporan stok kosong.');
    expect(casesSummaryLine(agg)).toContain('2 kasus terbuka di wilayah ini, 1 belum ditindaklanjuti lebih dari 7 hari.');
  });

  it('when the operator exports the kabupaten with the command, then the Ringkasan sheet is there with the aggregation of the same database', async () => {
    const file = join(h.dir, 'cli-kab.xlsx');
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/bin.ts', 'export', 'recap', '--period', STORY.period, '--format', 'xlsx', '--out', file, '--db', h.dbPath], {
      encoding: 'utf8',
      env: { ...process.env, IMP_LOG_LEVEL: '', IMP_DB_PATH: join(h.dir, 'unused.db') },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const agg = aggregateOf('73.06');
    const lines = sheetRecords((await readWorkbook(file)).getWorksheet(SUMMARY_SHEET)!, 6);
    // Only what does not depend on the hour of the export (open and overdue cases do).
    expect(lines.at(-1)).toMatchObject({ 'Sudah lapor': agg.completeness.sent, Terverifikasi: agg.completeness.verified, 'CPR (%)': agg.indicators.verified.cpr, 'Kasus baru bulan ini': agg.cases.opened });
  });
});
