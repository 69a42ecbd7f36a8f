// Every CSV the product writes goes through here: RFC 4180 quoting, and no cell that a spreadsheet would run as a
// formula. Text that reached us from WhatsApp (a place, a facility, a PKB note, a name) may start with "=", "+", "-"
// or "@"; Excel and LibreOffice evaluate such a cell when the file is opened (CSV/formula injection). Numbers are
// written as numbers, so a numeric column keeps a plain negative number as a number.

/** A cell: text (neutralised when it looks like a formula), a number (written as is), or empty. */
export type CsvCell = string | number | null;

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"): = + - @, and a leading tab or
 * line break, which some spreadsheets skip before looking at the next character. Leading spaces are skipped too.
 */
const FORMULA_START = /^[\s]*[=+\-@]|^[\t\r\n]/;

/** Whether text would start a formula in a spreadsheet cell. Also used to refuse such names at import. */
export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** The text as a spreadsheet shows it literally: a leading apostrophe makes it text, never a formula. */
export function neutraliseFormula(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field only when it holds a comma, a quote or a line break; quotes are doubled. */
function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Numbers in JavaScript notation (dot decimals, no thousands separator) so every tool reads them back as numbers. */
export function csvCell(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  return quote(neutraliseFormula(cell));
}

/** The whole file: a header line and the rows, CRLF line ends as RFC 4180 asks (Excel and csv-parse accept them). */
export function csvText(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
