// One desa's recap laid out like the paper F/I/Dal form, for printing on A4 portrait and signing: the header (month,
// desa/kelurahan, kecamatan, the report's status), sections I–V top to bottom with the form's Indonesian row labels,
// the derived indicators, the warnings the cadre confirmed, and a signature block for the PKB and the PPKBD.
// Empty cells mean "not reported", never 0, so a printed blank can be filled in by hand.
import type ExcelJS from 'exceljs';
import { activeFields, EXTRA_METHODS, FIELD_BY_ID, INSTITUTIONS, METHODS, POKTAN, SECTION_TITLES, type RecapSettings } from '../domain/recap/fields.js';
import { periodText, RECAP_STATUS_LABELS, witaDateTime, witaLongDate } from './labels.js';
import type { ExportRow } from './recap-export.js';
import { BORDER, HEADER_FILL } from './xlsx-style.js';

/** Section IV's rows, in the form's order: the field suffix after the poktan (bkb_…, bkr_…, bkl_…) and its label. */
export const POKTAN_ROWS = [
  ['keluarga_sasaran', 'Keluarga sasaran'],
  ['keluarga_anggota', 'Keluarga anggota'],
  ['anggota_hadir', 'Anggota hadir'],
  ['pus_anggota', 'PUS anggota'],
  ['pus_anggota_kb', 'PUS anggota ber-KB'],
  ['pertemuan', 'Jumlah pertemuan'],
] as const;

export const PAPER_FORM_TITLE = 'LAPORAN BULANAN PENGENDALIAN LAPANGAN TINGKAT DESA/KELURAHAN';

/** Columns A–G: number, label, then up to five value columns (the widest table is section III with the flows). */
const LAST_COLUMN = 7;
const WIDTHS = [5, 40, 12, 12, 12, 12, 12];

type Value = number | null;

/** An empty text is left a truly empty cell: blank in Excel, skipped by COUNTA, and written the same by the streaming writer. */
const textOrEmpty = (text: string): string | null => (text === '' ? null : text);

/** Writes rows top to bottom; each helper returns nothing and moves the cursor. */
class FormWriter {
  row = 1;
  constructor(readonly sheet: ExcelJS.Worksheet) {}

  /** A line of text over columns from..to (merged), optionally bold/centred. */
  text(value: string, options: { from?: number; to?: number; bold?: boolean; center?: boolean; italic?: boolean; size?: number; wrap?: boolean } = {}): void {
    const from = options.from ?? 1;
    const to = options.to ?? LAST_COLUMN;
    if (to > from) this.sheet.mergeCells(this.row, from, this.row, to);
    const cell = this.sheet.getCell(this.row, from);
    cell.value = textOrEmpty(value);
    cell.font = { bold: options.bold ?? false, italic: options.italic ?? false, ...(options.size ? { size: options.size } : {}) };
    cell.alignment = { horizontal: options.center ? 'center' : 'left', vertical: 'top', wrapText: options.wrap ?? false };
    this.row++;
  }

  /** "Label : value" header line. */
  field(label: string, value: string): void {
    this.sheet.getCell(this.row, 1).value = label;
    this.sheet.getCell(this.row, 1).font = { bold: true };
    this.sheet.mergeCells(this.row, 1, this.row, 2);
    this.sheet.mergeCells(this.row, 3, this.row, LAST_COLUMN);
    const cell = this.sheet.getCell(this.row, 3);
    cell.value = `: ${value}`;
    cell.alignment = { wrapText: true, vertical: 'top' };
    // A long status line wraps over the merged cell; give it the height it needs (about 60 characters a line).
    if (value.length > 60) this.sheet.getRow(this.row).height = 15 * Math.ceil(value.length / 60);
    this.row++;
  }

  section(title: string): void {
    this.row++;
    this.sheet.mergeCells(this.row, 1, this.row, LAST_COLUMN);
    const cell = this.sheet.getCell(this.row, 1);
    cell.value = title;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    this.row++;
  }

  /** The column headers of a table: "No", "Uraian" (or a numbered sub-table's own title), then one per value column. */
  head(columns: readonly string[], first: readonly [string, string] = ['No', 'Uraian']): void {
    [...first, ...columns].forEach((label, i) => {
      const cell = this.sheet.getCell(this.row, i + 1);
      cell.value = label;
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
    });
    this.sheet.getRow(this.row).height = 30;
    this.row++;
  }

  /** A table line: number ("1", "a."), label, values (numbers or empty), each cell bordered. */
  line(no: string, label: string, values: readonly Value[], options: { bold?: boolean; percent?: boolean } = {}): void {
    const no_ = this.sheet.getCell(this.row, 1);
    no_.value = textOrEmpty(no);
    no_.alignment = { horizontal: 'center', vertical: 'top' };
    const text = this.sheet.getCell(this.row, 2);
    text.value = label;
    text.alignment = { wrapText: true, vertical: 'top' };
    values.forEach((v, i) => {
      const cell = this.sheet.getCell(this.row, i + 3);
      cell.value = v;
      cell.numFmt = options.percent ? '0.0' : '0';
      cell.alignment = { horizontal: 'right', vertical: 'top' };
    });
    for (let c = 1; c <= 2 + values.length; c++) {
      const cell = this.sheet.getCell(this.row, c);
      cell.border = BORDER;
      if (options.bold) cell.font = { bold: true };
    }
    this.row++;
  }
}

const letter = (i: number) => `${String.fromCharCode(97 + i)}.`;

/** The kind and name as the form writes it: "Desa Pakatto", "Kelurahan Bontoramba". */
function desaTitle(row: ExportRow): string {
  return `${row.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${row.desaName}`;
}

function statusLine(row: ExportRow): string {
  if (row.status === 'belum lapor') return row.takingPart ? 'belum lapor' : 'belum lapor (tidak ikut program bulan ini)';
  const parts = [`${RECAP_STATUS_LABELS[row.status]}, versi ${row.version}`];
  if (row.submittedAt) parts.push(`dikirim ${witaDateTime(row.submittedAt)} WITA${row.late ? ' (terlambat)' : ' (tepat waktu)'}`);
  if (row.receiptCode) parts.push(`kode tanda terima ${row.receiptCode}`);
  if (row.status === 'returned' && row.returnedReason) parts.push(`alasan dikembalikan: ${row.returnedReason}`);
  return parts.join('; ');
}

/** Adds the sheet and returns it for the caller to commit (the streaming writer writes it out then). */
export function addPaperFormSheet(workbook: ExcelJS.Workbook, name: string, row: ExportRow, settings: RecapSettings, period: string): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  });
  WIDTHS.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  const w = new FormWriter(sheet);
  const placed = new Set<string>();
  const v = (id: string): Value => {
    placed.add(id);
    return row.values[id] ?? null;
  };
  const label = (id: string) => FIELD_BY_ID.get(id)?.label ?? id;

  w.text(PAPER_FORM_TITLE, { bold: true, center: true, size: 12 });
  w.text('(F/I/Dal)', { center: true });
  w.row++;
  w.field('Bulan', periodText(period));
  w.field('Desa/Kelurahan', `${desaTitle(row)} (kode ${row.desaCode})`);
  w.field('Kecamatan', `${row.kecamatanName} (kode ${row.kecamatanCode})`);
  w.field('Status laporan', statusLine(row));

  // I. Institutions: how many exist and how many reported, side by side as on the form.
  w.section('I. KEADAAN UMUM');
  w.head(['Jumlah yang ada', 'Jumlah yang lapor']);
  INSTITUTIONS.forEach(([id, title], i) => w.line(String(i + 1), title, [v(`${id}_ada`), v(`${id}_lapor`)]));

  w.section('II. KEGIATAN OPERASIONAL');
  w.head(['Jumlah']);
  ['frek_rakor_desa', 'frek_penyuluhan_pkb', 'frek_kie_kit', 'jml_tokoh_aktif_kie'].forEach((id, i) => w.line(String(i + 1), label(id), [v(id)]));

  // III. PUS and contraceptive use; the methods as one table, with this month's flows beside the stock when asked.
  w.section('III. PUS DAN KESERTAAN BER-KB');
  w.head(['Jumlah']);
  w.line('1', label('jml_keluarga'), [v('jml_keluarga')]);
  w.line('2', label('pus'), [v('pus')]);
  const flows = settings.parts.flows;
  const methods = settings.parts.mal_traditional ? [...METHODS, ...EXTRA_METHODS] : [...METHODS];
  const flowPrefixes = flows ? ['pa_', 'pb_', 'do_', 'gc_dari_', 'gc_ke_'] : ['pa_'];
  w.head(flows ? ['Peserta KB aktif', 'Peserta KB baru', 'Drop out', 'Ganti cara dari', 'Ganti cara ke'] : ['Peserta KB aktif'], ['3', 'Peserta KB aktif menurut cara']);
  methods.forEach(([id, title], i) => w.line(letter(i), title, flowPrefixes.map((p) => v(`${p}${id}`))));
  const columnTotal = (prefix: string): Value => {
    const answered = methods.map(([id]) => row.values[`${prefix}${id}`]).filter((x): x is number => typeof x === 'number');
    return answered.length === 0 ? null : answered.reduce((a, b) => a + b, 0);
  };
  w.line('', 'Jumlah', flowPrefixes.map(columnTotal), { bold: true });
  let next = 4;
  if (settings.parts.channel) {
    w.line(String(next++), 'Peserta KB aktif menurut jalur pelayanan', []);
    w.line('a.', 'Pemerintah', [v('pa_pemerintah')]);
    w.line('b.', 'Swasta', [v('pa_swasta')]);
  }
  w.line(String(next), 'PUS bukan peserta KB', []);
  w.line('a.', 'Hamil', [v('hamil')]);
  w.line('b.', label('ias'), [v('ias')]);
  w.line('c.', label('iat'), [v('iat')]);
  w.line('d.', label('tial'), [v('tial')]);

  // IV. Poktan: one column per poktan, as the form's table with columns BKB, BKR and BKL.
  w.section('IV. POKTAN BKB, BKR, BKL');
  w.head(POKTAN.map(([, title]) => title));
  POKTAN_ROWS.forEach(([suffix, title], i) => w.line(String(i + 1), title, POKTAN.map(([p]) => v(`${p}_${suffix}`))));

  w.section('V. UPPKA');
  w.head(['Jumlah']);
  const uppka = activeFields(settings).filter((f) => f.section === 'V');
  const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  uppka.forEach((f, i) => w.line(String(i + 1), capitalised(f.label.replace(/^UPPKA: /, '')), [v(f.id)]));

  // A field the layout above does not know (the catalogue grew) is still shown, under its own section's name.
  const rest = activeFields(settings).filter((f) => !placed.has(f.id));
  if (rest.length > 0) {
    w.section('ISIAN LAIN');
    w.head(['Jumlah']);
    rest.forEach((f, i) => w.line(String(i + 1), `${f.label} (${SECTION_TITLES[f.section]})`, [v(f.id)]));
  }

  w.section('INDIKATOR (DIHITUNG OTOMATIS)');
  w.head(['Nilai']);
  const ind = row.indicators;
  w.line('1', 'Jumlah peserta KB aktif', [ind?.paTotal ?? null]);
  w.line('2', 'CPR: peserta KB aktif dibanding PUS (%)', [ind?.cpr ?? null], { percent: true });
  w.line('3', 'mCPR: peserta KB cara modern dibanding PUS (%)', [ind?.mcpr ?? null], { percent: true });
  w.line('4', 'Kebutuhan ber-KB tidak terpenuhi (IAT + TIAL)', [ind?.unmetNeed ?? null]);
  w.line('5', 'Kebutuhan ber-KB tidak terpenuhi dibanding PUS (%)', [ind?.unmetNeedPct ?? null], { percent: true });
  w.line('6', 'MKJP dibanding peserta KB aktif (%)', [ind?.mkjpShare ?? null], { percent: true });

  w.section('CATATAN: ANGKA TIDAK BIASA YANG SUDAH DIKONFIRMASI KADER');
  if (row.warnings.length === 0) w.text(row.status === 'belum lapor' ? '-' : 'Tidak ada.', { from: 2 });
  for (const [i, warning] of row.warnings.entries()) {
    sheet.getCell(w.row, 1).value = `${i + 1}.`;
    sheet.getCell(w.row, 1).alignment = { horizontal: 'center', vertical: 'top' };
    if (warning.text.length > 80) sheet.getRow(w.row).height = 15 * Math.ceil(warning.text.length / 80);
    w.text(warning.text, { from: 2, wrap: true });
  }

  signatureBlock(w, row);
  sheet.pageSetup.printArea = `A1:G${w.row - 1}`;
  return sheet;
}

/** PKB on the left ("Mengetahui"), PPKBD on the right under the place and date, names printed when known. */
function signatureBlock(w: FormWriter, row: ExportRow): void {
  const blank = '(.................................)';
  const place = `${row.desaName}, ${row.submittedAt ? witaLongDate(row.submittedAt) : '.................... 20....'}`;
  w.row += 2;
  const pair = (left: string, right: string, bold = false) => {
    w.sheet.getCell(w.row, 2).value = textOrEmpty(left);
    w.sheet.getCell(w.row, 2).font = { bold };
    w.sheet.getCell(w.row, 2).alignment = { horizontal: 'center' };
    w.sheet.mergeCells(w.row, 4, w.row, LAST_COLUMN);
    const cell = w.sheet.getCell(w.row, 4);
    cell.value = textOrEmpty(right);
    cell.font = { bold };
    cell.alignment = { horizontal: 'center' };
    w.row++;
  };
  pair('', place);
  pair('Mengetahui,', 'Yang melaporkan,');
  pair('Penyuluh KB (PKB)', `PPKBD ${desaTitle(row)}`);
  w.row += 3;
  pair(row.verifierName ? `(${row.verifierName})` : blank, row.reporterName ? `(${row.reporterName})` : blank, true);
  if (row.verifiedAt) pair(`Diverifikasi ${witaLongDate(row.verifiedAt)}`, '');
}
