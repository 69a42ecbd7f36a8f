// What the printed documents (the LAPOR card, the invitation sheet) share: pdfkit loaded on demand (only the commands
// that print need it), DejaVu Sans when the machine has it (the font the charts use; it has every Indonesian
// letter), else pdfkit's built-in Helvetica, and the finished document as bytes.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';

export interface PdfFonts {
  regular: string;
  bold: string;
}

export interface PdfOptions {
  size?: 'A4' | 'A5';
  /** false writes readable content streams (tests read the text back); default true. */
  compress?: boolean;
  /** Where DejaVuSans.ttf is looked for; null forces Helvetica. */
  fontDir?: string | null;
  title: string;
}

/** A new one-page document with the fonts registered; `finish()` ends it and resolves to the PDF bytes. */
export async function newPdf(options: PdfOptions): Promise<{ doc: PDFKit.PDFDocument; fonts: PdfFonts; finish: () => Promise<Buffer> }> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: options.size ?? 'A4', margin: 36, compress: options.compress ?? true, info: { Title: options.title, Author: 'IMP Smart' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const dir = options.fontDir === undefined ? DEJAVU_DIR : options.fontDir;
  let fonts: PdfFonts = { regular: 'Helvetica', bold: 'Helvetica-Bold' };
  if (dir !== null && existsSync(join(dir, 'DejaVuSans.ttf')) && existsSync(join(dir, 'DejaVuSans-Bold.ttf'))) {
    doc.registerFont('regular', join(dir, 'DejaVuSans.ttf'));
    doc.registerFont('bold', join(dir, 'DejaVuSans-Bold.ttf'));
    fonts = { regular: 'regular', bold: 'bold' };
  }
  return {
    doc,
    fonts,
    finish: () => {
      doc.end();
      return done;
    },
  };
}
