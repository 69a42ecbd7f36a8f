// The invitation sheet for a training session: one QR code per person who has not written to the bot yet, with their
// name and role under it. Every code opens a chat with the bot with the greeting typed in (WhatsApp click-to-chat),
// so the person sends the first message themselves: the bot never writes first to a new number.
import { newPdf } from './pdf.js';

/** The greeting the link types in for them. */
export const INVITE_GREETING = 'Halo IMP Smart';

export interface InviteCard {
  name: string;
  /** Role and area in words ("PPKBD Desa Pakatto, Kec. Bontomarannu"). */
  caption: string;
}

/** `https://wa.me/<digits>?text=…`: WhatsApp's click-to-chat link to the bot's number. */
export function inviteLink(botPhone: string, greeting = INVITE_GREETING): string {
  return `https://wa.me/${botPhone.replace(/\D/g, '')}?text=${encodeURIComponent(greeting)}`;
}

const COLUMNS = 3;
const ROWS_PER_PAGE = 4;

/** A4 pages of 3 × 4 cards, a QR code each. */
export async function renderInviteSheetPdf(cards: readonly InviteCard[], link: string, options: { compress?: boolean; fontDir?: string | null } = {}): Promise<Buffer> {
  const QRCode = await import('qrcode');
  const qr = await QRCode.toBuffer(link, { type: 'png', margin: 2, width: 360, errorCorrectionLevel: 'M' });
  const { doc, fonts, finish } = await newPdf({ title: 'Undangan IMP Smart', ...options });
  const left = doc.page.margins.left;
  const top = doc.page.margins.top;
  const cellWidth = (doc.page.width - left - doc.page.margins.right) / COLUMNS;
  const cellHeight = (doc.page.height - top - doc.page.margins.bottom - 24) / ROWS_PER_PAGE;
  const size = Math.min(cellWidth - 24, cellHeight - 52);
  const header = () =>
    doc.font(fonts.bold).fontSize(11).text('IMP Smart — pindai kode ini dengan kamera HP, lalu tekan Kirim.', left, top, { lineBreak: false });
  header();
  cards.forEach((card, i) => {
    const slot = i % (COLUMNS * ROWS_PER_PAGE);
    if (i > 0 && slot === 0) {
      doc.addPage();
      header();
    }
    const x = left + (slot % COLUMNS) * cellWidth;
    const y = top + 24 + Math.floor(slot / COLUMNS) * cellHeight;
    doc.image(qr, x + (cellWidth - size) / 2, y, { width: size, height: size });
    doc.font(fonts.bold).fontSize(9).text(card.name, x + 6, y + size + 4, { width: cellWidth - 12, align: 'center', height: 12, ellipsis: true });
    doc.font(fonts.regular).fontSize(7.5).text(card.caption, x + 6, y + size + 17, { width: cellWidth - 12, align: 'center', height: 28, ellipsis: true });
  });
  return finish();
}

/** One PNG of all the cards, 3 across (for a screen or a phone; the PDF prints better). */
export async function renderInviteSheetPng(cards: readonly InviteCard[], link: string): Promise<Buffer> {
  const QRCode = await import('qrcode');
  const { renderAsync } = await import('@resvg/resvg-js');
  const matrix = QRCode.create(link, { errorCorrectionLevel: 'M' }).modules;
  const cell = 300;
  const quiet = 4;
  const scale = Math.floor((cell - 40) / (matrix.size + quiet * 2));
  const qrSize = scale * (matrix.size + quiet * 2);
  const height = 120 + qrSize + 10;
  const rows = Math.max(1, Math.ceil(cards.length / COLUMNS));
  const parts: string[] = [];
  cards.forEach((card, i) => {
    const x0 = (i % COLUMNS) * cell + (cell - qrSize) / 2;
    const y0 = Math.floor(i / COLUMNS) * height + 10;
    parts.push(`<rect x="${x0}" y="${y0}" width="${qrSize}" height="${qrSize}" fill="#fff"/>`);
    for (let r = 0; r < matrix.size; r++) {
      for (let c = 0; c < matrix.size; c++) {
        if (matrix.get(r, c)) parts.push(`<rect x="${x0 + (c + quiet) * scale}" y="${y0 + (r + quiet) * scale}" width="${scale}" height="${scale}"/>`);
      }
    }
    const cx = (i % COLUMNS) * cell + cell / 2;
    parts.push(`<text x="${cx}" y="${y0 + qrSize + 24}" font-size="17" font-weight="bold" text-anchor="middle">${escapeXml(clip(card.name, 28))}</text>`);
    parts.push(`<text x="${cx}" y="${y0 + qrSize + 46}" font-size="12" text-anchor="middle">${escapeXml(clip(card.caption, 44))}</text>`);
  });
  const width = cell * COLUMNS;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${rows * height}" font-family="DejaVu Sans"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>`;
  const image = await renderAsync(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: '#fff' });
  return Buffer.from(image.asPng());
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
