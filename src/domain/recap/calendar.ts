// Reporting windows of the monthly recap in WITA (domain.md §9). A window always ends at the end of a named day
// (23:59 WITA): people are told "sampai 27/12/2026", and they read that as the whole of the 27th. Pure: `now` is
// passed in.
import { fromWita, toWita, type WitaParts } from '../../time/wita.js';

/** "2026-11" shifted by a number of months. */
export function shiftPeriod(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The first instant after the named WITA day (year, month, day); days past the month's end roll over. */
export function endOfDay(year: number, month: number, day: number): Date {
  return fromWita(year, month, day + 1);
}

/** When the ordinary window of a period ends: the close day of the next month, 23:59 WITA. */
export function calendarWindowEnd(period: string, closeDay: number): Date {
  const [y, m] = shiftPeriod(period, 1).split('-').map(Number) as [number, number];
  return endOfDay(y, m, closeDay);
}

/** A window of `days` days opened now ends with the day `days` days from today (WITA), not at this time of day. */
export function windowEndAfterDays(now: Date, days: number): Date {
  const today = toWita(now);
  return endOfDay(today.year, today.month, today.day + days);
}

/** The last WITA day inside a window that ends (exclusively) at `end`. */
export function lastDayBefore(end: Date): WitaParts {
  return toWita(new Date(end.getTime() - 1));
}

/** "27/12/2026": how dates are written to cadres and PKB. */
export function formatDay(day: Pick<WitaParts, 'year' | 'month' | 'day'>): string {
  return `${day.day}/${day.month}/${day.year}`;
}

/** "27/12/2026", the last day of a window ending at `end`. */
export function formatWindowEnd(end: Date): string {
  return formatDay(lastDayBefore(end));
}
