// Cron expressions read in WITA, for the two places that need a job's slots without node-cron's timers: the
// simulator (every slot between two @at lines) and catch-up at start (the last slot before now). node-cron's own
// parser reads the expression, so production and simulation agree on what it means.
import cron from 'node-cron';
import { fromWita, toWita } from '../../time/wita.js';

const DAY_MS = 86_400_000;

interface Fields {
  minutes: readonly number[];
  hours: readonly number[];
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  daysOfWeek: ReadonlySet<number>;
  /** Standard cron: when both day fields are restricted, a day matching either one fires. */
  eitherDay: boolean;
}

const cache = new Map<string, Fields>();

export function isValidCron(expression: string): boolean {
  return expression.trim().split(/\s+/).length === 5 && cron.validate(expression);
}

function fieldsOf(expression: string): Fields {
  const known = cache.get(expression);
  if (known) return known;
  if (!isValidCron(expression)) throw new RangeError(`not a 5-field cron expression: "${expression}"`);
  const parsed = cron.parse(expression);
  const dom = parsed.dayOfMonth.map(Number);
  const dow = parsed.dayOfWeek.map((d) => Number(d) % 7);
  const fields: Fields = {
    minutes: [...parsed.minute].sort((a, b) => a - b),
    hours: [...parsed.hour].sort((a, b) => a - b),
    daysOfMonth: new Set(dom),
    months: new Set(parsed.month),
    daysOfWeek: new Set(dow),
    eitherDay: dom.length < 31 && new Set(dow).size < 7,
  };
  cache.set(expression, fields);
  return fields;
}

function dayMatches(f: Fields, year: number, month: number, day: number): boolean {
  if (!f.months.has(month)) return false;
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const byDate = f.daysOfMonth.has(day);
  const byWeekday = f.daysOfWeek.has(weekday);
  return f.eitherDay ? byDate || byWeekday : byDate && byWeekday;
}

/** The instants in (from, to] at which the expression fires, read in WITA, oldest first. */
export function cronSlots(expression: string, from: Date, to: Date): Date[] {
  const f = fieldsOf(expression);
  const slots: Date[] = [];
  if (to <= from) return slots;
  const first = toWita(from);
  for (let dayStart = fromWita(first.year, first.month, first.day, 0, 0); dayStart <= to; dayStart = new Date(dayStart.getTime() + DAY_MS)) {
    const d = toWita(dayStart);
    if (!dayMatches(f, d.year, d.month, d.day)) continue;
    for (const hour of f.hours) {
      for (const minute of f.minutes) {
        const at = fromWita(d.year, d.month, d.day, hour, minute);
        if (at > from && at <= to) slots.push(at);
      }
    }
  }
  return slots;
}

/** The last instant at or before `at` at which the expression fired, looking back at most `lookbackDays`. */
export function lastSlotAtOrBefore(expression: string, at: Date, lookbackDays = 35): Date | null {
  const slots = cronSlots(expression, new Date(at.getTime() - lookbackDays * DAY_MS), at);
  return slots.at(-1) ?? null;
}

/** Whether the expression fires at most once a day (its runs are then keyed by date). */
export function firesAtMostDaily(expression: string): boolean {
  const f = fieldsOf(expression);
  return f.hours.length * f.minutes.length === 1;
}
