// The headline figures of a period and area, as each report shows them, so tests can prove the reports agree:
// headlineOfAggregate reads the aggregation (src/reports/aggregate.ts), headlineOfExports reads them back from the
// XLSX files a PKB or the Dinas opens. A digest or Dinas summary test adds its own reader (its text → the same
// HeadlineFigures) and compares it with these two.
import ExcelJS from 'exceljs';
import type { AreaAggregate } from '../../src/reports/aggregate.js';

export interface HeadlineFigures {
  /** Desa/kelurahan taking part; of them sent, verified, waiting, returned, late; and the names not sent. */
  expected: number;
  sent: number;
  verified: number;
  waiting: number;
  returned: number;
  late: number;
  missing: string[];
  /** The official indicators: verified recaps only, from summed counts (the XLSX JUMLAH row). */
  verifiedRecaps: number;
  pus: number | null;
  paTotal: number | null;
  cpr: number | null;
  mcpr: number | null;
  unmetNeedPct: number | null;
  mkjpShare: number | null;
  /** Cases reported in the period, and the stock-outs among them (not those closed as invalid). */
  casesOpened: number;
  stockOuts: number;
}

export function headlineOfAggregate(agg: AreaAggregate): HeadlineFigures {
  const v = agg.indicators.verified;
  return {
    expected: agg.completeness.expected,
    sent: agg.completeness.sent,
    verified: agg.completeness.verified,
    waiting: agg.completeness.waiting,
    returned: agg.completeness.returned,
    late: agg.timeliness.late,
    missing: agg.completeness.missing.map((d) => d.name),
    verifiedRecaps: v.recaps,
    pus: v.sums.pus ?? null,
    paTotal: v.paTotal,
    cpr: v.cpr,
    mcpr: v.mcpr,
    unmetNeedPct: v.unmetNeedPct,
    mkjpShare: v.mkjpShare,
    casesOpened: agg.cases.opened,
    stockOuts: agg.stockOuts.total,
  };
}

export type SheetRecord = Record<string, unknown>;

/** Rows of a sheet as header → value, from the header row down to the first empty first-column cell. */
export function sheetRecords(sheet: ExcelJS.Worksheet, headerRow: number): SheetRecord[] {
  const headers = sheet.getRow(headerRow).values as unknown[];
  const out: SheetRecord[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (row.getCell(1).value === null || row.getCell(1).value === undefined) break;
    const record: SheetRecord = {};
    headers.forEach((h, i) => {
      if (typeof h === 'string') record[h] = row.getCell(i).value;
    });
    out.push(record);
  }
  return out;
}

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** The headline read from the recap XLSX (sheet "Rekap": desa rows and JUMLAH) and the cases XLSX (sheet "Kasus"). */
export async function headlineOfExports(recapXlsx: string, casesXlsx: string): Promise<HeadlineFigures> {
  const records = sheetRecords((await readWorkbook(recapXlsx)).getWorksheet('Rekap')!, 6);
  const total = records.find((r) => r.No === 'JUMLAH')!;
  const desa = records.filter((r) => typeof r.No === 'number');
  const taking = desa.filter((r) => r['Ikut program'] === 'ya');
  const status = (s: string) => taking.filter((r) => r.Status === s).length;
  const cases = sheetRecords((await readWorkbook(casesXlsx)).getWorksheet('Kasus')!, 5);
  return {
    expected: taking.length,
    sent: taking.filter((r) => r.Status !== 'belum lapor').length,
    verified: status('terverifikasi'),
    waiting: status('terkirim'),
    returned: status('dikembalikan'),
    late: taking.filter((r) => r.Terlambat === 'ya').length,
    missing: taking.filter((r) => r.Status === 'belum lapor').map((r) => String(r['Desa/Kelurahan'])),
    verifiedRecaps: desa.filter((r) => r.Status === 'terverifikasi').length,
    pus: num(total['Jumlah PUS']),
    paTotal: num(total['Jumlah peserta KB aktif']),
    cpr: num(total['CPR (%)']),
    mcpr: num(total['mCPR (%)']),
    unmetNeedPct: num(total['Kebutuhan ber-KB tidak terpenuhi (%)']),
    mkjpShare: num(total['MKJP dari peserta KB aktif (%)']),
    casesOpened: cases.length,
    stockOuts: cases.filter((c) => String(c.Alasan ?? '').includes('Alat/obat KB habis') && c.Status !== 'ditutup (tidak valid)').length,
  };
}

/** "55,4%" → 55.4; "–" (no figure) → null. */
const pct = (text: string | undefined): number | null => (text === undefined || text === '–' ? null : Number(text.replace('%', '').replace(',', '.')));

/** "A, B dan C" → names; a list shortened with "dan N lainnya" keeps only the names shown. */
function listedNames(text: string): string[] {
  return text
    .split(/, | dan /)
    .map((n) => n.replace(/ \(perbaikan\)$/, '').trim())
    .filter((n) => n !== '' && !/^\d+ lainnya$/.test(n));
}

/**
 * The headline read back from a PKB digest (src/reports/pkb-digest-text.ts) while its month is open: the counts of
 * its recap block, the official (verified) figures line, and the month's cases. What the digest leaves out when it is
 * zero (terverifikasi, terlambat, the lists, the figures, the month's cases) reads as zero or no figure.
 */
export function headlineOfDigest(text: string): HeadlineFigures {
  const grab = (re: RegExp) => re.exec(text);
  const count = (label: string) => Number(grab(new RegExp(`${label} \\((\\d+)\\)`))?.[1] ?? 0);
  const block = grab(/\*Laporan [^*]+\*: (\d+) dari (\d+) desa\/kelurahan sudah lapor(?: \(([^)]*)\))?\./);
  if (!block) throw new Error(`no recap block in the digest:\n${text}`);
  const detail = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(block[3] ?? '')?.[1] ?? 0);
  const p = '(\\d+,\\d%|–)';
  const official = grab(new RegExp(`Angka terverifikasi \\((\\d+) desa/kelurahan\\): PUS (\\d+|–), peserta KB aktif (\\d+|–) \\(${p}\\), cara modern ${p}, ingin ber-KB tetapi belum ber-KB ${p}, MKJP ${p} dari`));
  const month = grab(/\nBulan [^:]+: (\d+) kasus dilaporkan(?:, (\d+) stok kosong)?/);
  const num = (s: string | undefined) => (s === undefined || s === '–' ? null : Number(s));
  return {
    expected: Number(block[2]),
    sent: Number(block[1]),
    verified: detail('terverifikasi'),
    waiting: count('Menunggu verifikasi'),
    returned: count('Dikembalikan, belum diperbaiki'),
    late: detail('terlambat'),
    missing: listedNames(grab(/Belum lapor \(\d+\): (.*)\./)?.[1] ?? ''),
    verifiedRecaps: Number(official?.[1] ?? 0),
    pus: num(official?.[2]),
    paTotal: num(official?.[3]),
    cpr: pct(official?.[4]),
    mcpr: pct(official?.[5]),
    unmetNeedPct: pct(official?.[6]),
    mkjpShare: pct(official?.[7]),
    casesOpened: Number(month?.[1] ?? 0),
    stockOuts: Number(month?.[2] ?? 0),
  };
}
