// WITA (Asia/Makassar) is UTC+8 all year (no daylight saving), so a fixed offset is exact.
export const WITA_OFFSET_MS = 8 * 3600_000;
export const WITA_ZONE = 'Asia/Makassar';

export interface WitaParts {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
}

export function toWita(date: Date): WitaParts {
  const d = new Date(date.getTime() + WITA_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** The instant of a WITA wall-clock time. */
export function fromWita(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - WITA_OFFSET_MS);
}

/** "YYYY-MM" of the WITA month containing the instant. */
export function witaPeriod(date: Date): string {
  const p = toWita(date);
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

/** Parses "YYYY-MM-DD HH:MM" (or "YYYY-MM-DDTHH:MM") as WITA wall-clock time; null when malformed. */
export function parseWitaDateTime(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number) as [
    number, number, number, number, number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const date = fromWita(year, month, day, hour, minute);
  return toWita(date).day === day ? date : null;
}

/** The WITA calendar date of an instant, YYYY-MM-DD. */
export function witaDate(date: Date): string {
  const t = toWita(date);
  return `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
}
