// Reporting windows of the monthly recap in WITA (docs/domain.md §9). A window always ends at the end of a named day
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

/** A deployment's reporting calendar (IMP_RECAP_DUE_DAY / IMP_RECAP_CLOSE_DAY): days of the month after the period. */
export interface ReportingCalendar {
  /** Due by this day, 23:59 WITA; later is accepted and marked late. */
  dueDay: number;
  /** The ordinary window closes after this day. */
  closeDay: number;
}

/** docs/domain.md §9: and the configuration's defaults: due on the 3rd, closed after the 15th. */
export const DEFAULT_CALENDAR: ReportingCalendar = Object.freeze({ dueDay: 3, closeDay: 15 });

export type WitaDay = Pick<WitaParts, 'year' | 'month' | 'day'>;

export interface PeriodDeadlines {
  /** The window opens on the 1st of the next month, 00:00 WITA. */
  opensAt: Date;
  /** The day the recap is due (the whole day counts), and the first instant after it. */
  due: WitaDay;
  dueEnd: Date;
  /** The last day of the ordinary window, and the first instant after it. */
  close: WitaDay;
  closeEnd: Date;
}

export function periodDeadlines(period: string, calendar: ReportingCalendar): PeriodDeadlines {
  const [y, m] = shiftPeriod(period, 1).split('-').map(Number) as [number, number];
  const dueEnd = endOfDay(y, m, calendar.dueDay);
  const closeEnd = endOfDay(y, m, calendar.closeDay);
  return { opensAt: fromWita(y, m, 1), due: lastDayBefore(dueEnd), dueEnd, close: lastDayBefore(closeEnd), closeEnd };
}

/** Whole WITA calendar days from today to `day`: 0 on the day itself, 1 the day before, negative once it is past. */
export function daysUntil(now: Date, day: WitaDay): number {
  const today = toWita(now);
  return Math.round((Date.UTC(day.year, day.month - 1, day.day) - Date.UTC(today.year, today.month - 1, today.day)) / 86_400_000);
}

/** "2026-12-03": a WITA day as the exports and machine-read summaries write it. */
export function isoDay(day: WitaDay): string {
  return `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

/** [from, to) of the WITA month "YYYY-MM": what "reported in November" means for cases and summaries. */
export function periodRange(period: string): { from: Date; to: Date } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const [ny, nm] = shiftPeriod(period, 1).split('-').map(Number) as [number, number];
  return { from: fromWita(y, m, 1), to: fromWita(ny, nm, 1) };
}
