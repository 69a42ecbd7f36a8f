// The reminder ladder of the monthly recap (docs/domain.md §9): a cadre whose recap is missing or returned is reminded two
// days before the due day, on the due morning and the day after; never on a Sunday or a configured holiday, unless
// the due day itself falls on it (the deadline does not move, so its reminder must not either). A step that falls on
// a rest day is skipped, not moved: the job does only what is due on its day. Pure: `now` is passed in.
import { toWita } from '../../time/wita.js';
import { daysUntil, formatDay, isoDay, periodDeadlines, type ReportingCalendar, type WitaDay } from './calendar.js';

/** D-2, D-0 and D+1 of the due day. */
export type LadderStep = 'before' | 'due' | 'after';

/** Whole days from the step's day to the due day. */
export const LADDER_DAYS_TO_DUE: Readonly<Record<LadderStep, number>> = { before: 2, due: 0, after: -1 };

/** "2026-12-25": a holiday as configured (IMP_HOLIDAYS), checked to be a real calendar date. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A comma-separated list of ISO dates ("2026-12-25,2027-01-01"); blanks ignored. Null when one is not a date. */
export function parseHolidays(text: string): string[] | null {
  const days = text
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '');
  return days.every(isIsoDate) ? [...new Set(days)].sort() : null;
}

/** 0 = Sunday … 6 = Saturday, of a WITA calendar day. */
export function weekday(day: WitaDay): number {
  return new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
}

const WEEKDAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'] as const;

/** "Kamis, 3/12/2026": a day as reminders and digests name it. */
export function dayWithWeekday(day: WitaDay): string {
  return `${WEEKDAYS[weekday(day)]}, ${formatDay(day)}`;
}

/** No reminders on Sundays and configured holidays. */
export function isRestDay(day: WitaDay, holidays: ReadonlySet<string>): boolean {
  return weekday(day) === 0 || holidays.has(isoDay(day));
}

/**
 * The step of the ladder due on the WITA day of `now` for a period, or null: none that day, a rest day that is not
 * the due day, or a period not open for reporting (before its window opens, after it closes).
 */
export function ladderStepOn(period: string, calendar: ReportingCalendar, now: Date, holidays: ReadonlySet<string>): LadderStep | null {
  const deadlines = periodDeadlines(period, calendar);
  if (now < deadlines.opensAt || now >= deadlines.closeEnd) return null;
  const days = daysUntil(now, deadlines.due);
  const step = (Object.keys(LADDER_DAYS_TO_DUE) as LadderStep[]).find((s) => LADDER_DAYS_TO_DUE[s] === days);
  if (!step) return null;
  if (step !== 'due' && isRestDay(toWita(now), holidays)) return null;
  return step;
}
