// Shared look of the XLSX exports (thin borders, grey header fill) and Excel's rules for sheet names.

const THIN = { style: 'thin' } as const;
export const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } } as const;

/** The structural type of an ExcelJS worksheet this module needs (so it does not import exceljs). */
interface HeaderSheet {
  getCell(row: number, col: number): { value: unknown; font: unknown; alignment: unknown; fill: unknown; border: unknown };
  getColumn(col: number): { width?: number };
}

/** A table's header row: bold, centred, wrapped, grey, bordered; each column given its width. */
export function writeHeaderRow(sheet: HeaderSheet, row: number, columns: readonly (readonly [label: string, width: number])[]): void {
  columns.forEach(([label, width], i) => {
    const cell = sheet.getCell(row, i + 1);
    cell.value = label;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    sheet.getColumn(i + 1).width = width;
  });
}

/** Excel refuses these in a sheet name, and names longer than 31 characters. */
const FORBIDDEN = /[[\]:*?/\\]/g;
const MAX_NAME = 31;

/**
 * Names sheets after desa: the name itself when it is free, else the name with its code digits (the same desa name
 * exists in several kecamatan of Gowa). Excel compares sheet names without case, so this does too. An apostrophe
 * (Pa'bentengang) becomes the typographic one: exceljs writes the print area as 'name'!A1:G90 without doubling a
 * straight apostrophe, which Excel then reports as a damaged file.
 */
export function sheetNamer(taken: readonly string[]): (name: string, code: string) => string {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  return (name, code) => {
    const clean = name.replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim().replace(/'/g, '\u2019') || code;
    const suffix = ` (${code.split('.').slice(2).join('')})`;
    const take = (candidate: string): string | null => {
      if (used.has(candidate.toLowerCase())) return null;
      used.add(candidate.toLowerCase());
      return candidate;
    };
    const named = take(clean.slice(0, MAX_NAME).trimEnd()) ?? take(`${clean.slice(0, MAX_NAME - suffix.length).trimEnd()}${suffix}`);
    if (named !== null) return named;
    for (let n = 2; ; n++) {
      const numbered = take(`${clean.slice(0, MAX_NAME - suffix.length - 1 - String(n).length).trimEnd()}${suffix} ${n}`);
      if (numbered !== null) return numbered;
    }
  };
}
