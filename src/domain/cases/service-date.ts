// The date a couple was served, as a PKB types it: "HARI INI", "KEMARIN", "3 hari lalu", "27/11/2026", "27-11-26",
// "27/11", "27 November 2026", "27 nov". Pure: today's WITA date is passed in. Only real calendar dates come out
// (31/02 does not), and the lifecycle (checkAction) decides whether the date may be recorded.

export interface CalendarDay {
  year: number;
  month: number; // 1..12
  day: number;
}

export type ServiceDateParse = { kind: 'date'; iso: string } | { kind: 'not_a_date' } | { kind: 'unreadable' };

const MONTHS: readonly [number, readonly string[]][] = [
  [1, ['januari', 'jan']],
  [2, ['februari', 'pebruari', 'feb', 'peb']],
  [3, ['maret', 'mar']],
  [4, ['april', 'apr']],
  [5, ['mei']],
  [6, ['juni', 'jun']],
  [7, ['juli', 'jul']],
  [8, ['agustus', 'agu', 'agt', 'ags', 'agus']],
  [9, ['september', 'sep', 'sept']],
  [10, ['oktober', 'okt', 'oct']],
  [11, ['november', 'nopember', 'nov', 'nop']],
  [12, ['desember', 'des', 'dec']],
];

function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  return MONTHS.find(([, names]) => names.includes(w))?.[0] ?? null;
}

export function isoOf(day: CalendarDay): string {
  return `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

/** "27/11/2026", as the bot writes dates to people. */
export function formatDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** A real calendar day (no 31 February, no month 13). */
export function isRealDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function daysBefore(today: CalendarDay, days: number): string {
  const date = new Date(Date.UTC(today.year, today.month - 1, today.day - days));
  return isoOf({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

function fullYear(text: string): number {
  const n = Number(text);
  return text.length === 2 ? 2000 + n : n;
}

function built(year: number, month: number, day: number): ServiceDateParse {
  return isRealDay(year, month, day) ? { kind: 'date', iso: isoOf({ year, month, day }) } : { kind: 'not_a_date' };
}

/** Reads a service date; `today` is the WITA date (HARI INI and KEMARIN are WITA days, not UTC). */
export function parseServiceDate(text: string, today: CalendarDay): ServiceDateParse {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[.!]+$/, '');
  if (/^(hari ini|hr ini|hri ini|tadi|tadi pagi|tadi siang|sekarang|td)$/.test(t)) return { kind: 'date', iso: isoOf(today) };
  if (/^(kemarin|kemaren|kmrn|kmarin|kmren)$/.test(t)) return { kind: 'date', iso: daysBefore(today, 1) };
  if (/^(kemarin lusa|kemaren lusa)$/.test(t)) return { kind: 'date', iso: daysBefore(today, 2) };
  const ago = /^(\d{1,2}) (?:hari|hr) (?:yang )?(?:lalu|yg lalu|sebelumnya)$/.exec(t);
  if (ago) return { kind: 'date', iso: daysBefore(today, Number(ago[1])) };

  const numeric = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}|\d{2}))?$/.exec(t);
  if (numeric) return built(numeric[3] ? fullYear(numeric[3]) : today.year, Number(numeric[2]), Number(numeric[1]));
  const isoLike = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (isoLike) return built(Number(isoLike[1]), Number(isoLike[2]), Number(isoLike[3]));
  const words = /^(?:tgl\.? |tanggal )?(\d{1,2}) ([a-z]+\.?)(?: (\d{4}|\d{2}))?$/.exec(t);
  if (words) {
    const month = monthNumber(words[2]!);
    if (month !== null) return built(words[3] ? fullYear(words[3]) : today.year, month, Number(words[1]));
  }
  return { kind: 'unreadable' };
}
