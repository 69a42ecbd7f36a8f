// An XLSX written with ExcelJS's streaming writer, one finished sheet at a time. The writer zips each committed
// sheet in the background; without waiting, a large export would queue every sheet's XML in memory before the zip
// catches up. `sheet()` commits a finished sheet and waits while more than a few are still being zipped, so memory
// stays bounded however many desa (sheets, rows) the file holds.
import { createWriteStream } from 'node:fs';
import type ExcelJS from 'exceljs';

/** Sheets committed but not yet written to the file before `sheet()` waits. */
const IN_FLIGHT = 4;

export interface StreamedWorkbook {
  workbook: ExcelJS.Workbook;
  /** Commits a finished sheet (no cell of it may change afterwards). */
  sheet(sheet: ExcelJS.Worksheet): Promise<void>;
  /** Writes the workbook's remaining parts and closes the file. */
  close(): Promise<void>;
}

/** The zip stream ExcelJS writes through (archiver): it emits 'entry' after each part is written out. */
interface Zipper {
  on(event: 'entry', listener: () => void): void;
}

export async function openStreamedWorkbook(file: string): Promise<StreamedWorkbook> {
  // ExcelJS is large: loaded when a file is written, not with every command that imports the reports.
  const { default: Excel } = await import('exceljs');
  // Inline strings, not a shared-string table: the table would grow with every distinct text of the file.
  // The file is opened first, so a missing folder or a refused path fails here with node's own error (the command
  // prints it) instead of leaving the writer waiting for a zip that never drains.
  const stream = createWriteStream(file);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  let failed: Error | null = null;
  let wake: (() => void) | null = null;
  stream.on('error', (error) => {
    failed = error;
    wake?.();
  });
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'IMP Smart';
  let pending = 0;
  (workbook as unknown as { zip: Zipper }).zip.on('entry', () => {
    pending = Math.max(0, pending - 1);
    wake?.();
  });
  return {
    workbook,
    async sheet(sheet) {
      writePrintOptions(sheet);
      sheet.commit();
      pending++;
      while (pending > IN_FLIGHT && failed === null) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      if (failed) throw failed;
    },
    close: () => workbook.commit(),
  };
}

/** The streaming sheet's private writer steps used below (exceljs 4.4). */
interface SheetWriter {
  _write(xml: string): void;
  _writePageMargins(): void;
}

/**
 * The streaming writer leaves out <printOptions> (the in-memory one writes it): without it a paper form would no
 * longer print centred on the page. Written just before the page margins, where the schema puts it.
 */
function writePrintOptions(sheet: ExcelJS.Worksheet): void {
  const { horizontalCentered, verticalCentered, showGridLines, showRowColHeaders } = sheet.pageSetup;
  const attributes = [
    showRowColHeaders ? 'headings="1"' : '',
    showGridLines ? 'gridLines="1"' : '',
    horizontalCentered ? 'horizontalCentered="1"' : '',
    verticalCentered ? 'verticalCentered="1"' : '',
  ].filter(Boolean);
  if (attributes.length === 0) return;
  const writer = sheet as unknown as SheetWriter;
  const margins = writer._writePageMargins.bind(writer);
  writer._writePageMargins = () => {
    writer._write(`<printOptions ${attributes.join(' ')}/>`);
    margins();
  };
}
