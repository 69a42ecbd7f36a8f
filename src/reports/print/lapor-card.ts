// The one-page LAPOR card for cadres: the fast-entry keys in paper-form order with their form labels, an example
// message, the deadline and where to get help. Made from the same catalogue the bot parses with
// (fastEntryKeysBySection), and the deployment's optional parts and calendar, so the card cannot disagree with the bot.
import type { ReportingCalendar } from '../../domain/recap/calendar.js';
import { FAST_ENTRY_EXAMPLE, fastEntryKeysBySection } from '../../domain/recap/fast-entry.js';
import { SECTION_TITLES, type RecapSettings } from '../../domain/recap/fields.js';
import { newPdf } from './pdf.js';

export interface LaporCardOptions {
  settings: RecapSettings;
  calendar: ReportingCalendar;
  compress?: boolean;
  fontDir?: string | null;
}

/** The card's words, apart from the key list (Bahasa Indonesia, plain). */
export function laporCardTexts(calendar: ReportingCalendar) {
  return {
    title: 'Kartu LAPOR — IMP Smart',
    intro: 'Laporan bulanan desa bisa dikirim ke IMP Smart dalam satu pesan WhatsApp: kata LAPOR, bulan laporan, lalu nama isian, tanda =, dan angkanya.',
    exampleTitle: 'Contoh:',
    example: FAST_ENTRY_EXAMPLE,
    rules: [
      'Urutan bebas; huruf besar atau kecil sama saja.',
      'Boleh sebagian dulu: isian yang belum ada akan ditanyakan.',
      'Angka bilangan bulat; ribuan boleh 1250 atau 1.250.',
    ],
    deadline: `Batas kirim: tanggal ${calendar.dueDay} bulan berikutnya, pukul 23.59 WITA. Sampai tanggal ${calendar.closeDay} laporan masih diterima, tetapi tercatat terlambat; setelah itu hubungi PKB Anda.`,
    help: 'Lupa nama isian? Ketik BANTUAN LAPOR. Ketik MENU untuk menu utama.',
    keysTitle: 'Nama isian (urutan formulir)',
  };
}

/** Renders the card as a one-page A4 PDF. */
export async function renderLaporCard(options: LaporCardOptions): Promise<Buffer> {
  const texts = laporCardTexts(options.calendar);
  const { doc, fonts, finish } = await newPdf({ title: texts.title, compress: options.compress ?? true, fontDir: options.fontDir ?? undefined });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.font(fonts.bold).fontSize(16).text(texts.title, left, doc.page.margins.top, { width });
  doc.moveDown(0.3);
  doc.font(fonts.regular).fontSize(9.5).text(texts.intro, { width });
  doc.moveDown(0.3);
  doc.font(fonts.bold).text(`${texts.exampleTitle} `, { continued: true }).font(fonts.regular).text(texts.example);
  for (const rule of texts.rules) doc.text(`• ${rule}`, { width });
  doc.moveDown(0.3);
  doc.font(fonts.bold).text(texts.deadline, { width });
  doc.font(fonts.regular).text(texts.help, { width });
  doc.moveDown(0.5);
  doc.font(fonts.bold).fontSize(11).text(texts.keysTitle, { width });
  doc.moveDown(0.2);

  // The key list in two columns, section by section; the font shrinks until everything fits on the page. Nothing
  // is given a width (pdfkit would break a long key in two): the key column is as wide as the widest key.
  const sections = fastEntryKeysBySection(options.settings);
  const top = doc.y;
  const bottom = doc.page.height - doc.page.margins.bottom;
  const rows = sections.reduce((n, s) => n + s.keys.length + 2, 0);
  const columns = 2;
  const gap = 18;
  const columnWidth = (width - gap * (columns - 1)) / columns;
  let size = 9;
  const lineOf = (s: number) => s * 1.3;
  while (size > 5 && (Math.ceil(rows / columns) + 2) * lineOf(size) > bottom - top) size -= 0.25;
  const line = lineOf(size);
  doc.font(fonts.bold).fontSize(size);
  const keyWidth = Math.max(...sections.flatMap((s) => s.keys.map((k) => doc.widthOfString(k.key)))) + size;

  let column = 0;
  let y = top;
  const x = () => left + column * (columnWidth + gap);
  const room = (lines: number) => {
    if (y + lines * line <= bottom) return;
    column += 1;
    y = top;
  };
  for (const { section, keys } of sections) {
    room(2);
    doc.font(fonts.bold).fontSize(size).text(SECTION_TITLES[section], x(), y, { lineBreak: false });
    y += line;
    for (const { key, label } of keys) {
      room(1);
      doc.font(fonts.bold).fontSize(size).text(key, x(), y, { lineBreak: false });
      doc.font(fonts.regular).fontSize(size).text(fitted(doc, label, columnWidth - keyWidth), x() + keyWidth, y, { lineBreak: false });
      y += line;
    }
    y += line * 0.5;
  }
  return finish();
}

/** The label cut (with "…") to the width left beside its key, in the current font. */
function fitted(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
