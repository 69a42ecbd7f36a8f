// Cron expressions read in WITA: the slots the simulator runs and the last slot catch-up looks for.
import { describe, expect, it } from 'vitest';
import { cronSlots, firesAtMostDaily, isValidCron, lastSlotAtOrBefore } from '../../../src/bot/jobs/cron.js';
import { fromWita } from '../../../src/time/wita.js';

const wita = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('cron slots in WITA', () => {
  it('when a job runs at 07:00 every day, then its slots are 07:00 WITA (23:00 UTC the day before)', () => {
    const slots = cronSlots('0 7 * * *', fromWita(2026, 11, 30, 8, 0), fromWita(2026, 12, 2, 7, 0));
    expect(slots.map(wita)).toEqual(['2026-12-01 07:00', '2026-12-02 07:00']);
    expect(slots[0]!.toISOString()).toBe('2026-11-30T23:00:00.000Z');
  });

  it('when the range starts exactly at a slot, then that slot is not included (from is exclusive, to inclusive)', () => {
    expect(cronSlots('0 7 * * *', fromWita(2026, 12, 1, 7, 0), fromWita(2026, 12, 1, 7, 0))).toEqual([]);
    expect(cronSlots('0 7 * * *', fromWita(2026, 12, 1, 6, 59), fromWita(2026, 12, 1, 7, 0))).toHaveLength(1);
  });

  it('when a job runs on Mondays, then only Mondays are slots', () => {
    const slots = cronSlots('0 8 * * 1', fromWita(2026, 11, 25, 0, 0), fromWita(2026, 12, 15, 0, 0));
    expect(slots.map(wita)).toEqual(['2026-11-30 08:00', '2026-12-07 08:00', '2026-12-14 08:00']);
  });

  it('when both day fields are restricted, then a day matching either fires (standard cron)', () => {
    const slots = cronSlots('0 8 5 * 1', fromWita(2026, 12, 1, 0, 0), fromWita(2026, 12, 10, 0, 0));
    expect(slots.map(wita)).toEqual(['2026-12-05 08:00', '2026-12-07 08:00']);
  });

  it('when a job runs on the 5th and 16th, then the slots cross the month and year boundary', () => {
    const slots = cronSlots('0 8 5,16 * *', fromWita(2026, 12, 10, 0, 0), fromWita(2027, 1, 20, 0, 0));
    expect(slots.map(wita)).toEqual(['2026-12-16 08:00', '2027-01-05 08:00', '2027-01-16 08:00']);
  });

  it('when asked for the last slot before a time, then it looks back across days', () => {
    expect(wita(lastSlotAtOrBefore('15 2 * * *', fromWita(2026, 12, 2, 1, 0))!)).toBe('2026-12-01 02:15');
    expect(wita(lastSlotAtOrBefore('15 2 * * *', fromWita(2026, 12, 2, 2, 15))!)).toBe('2026-12-02 02:15');
    expect(lastSlotAtOrBefore('0 8 1 6 *', fromWita(2026, 12, 2, 1, 0))).toBeNull();
  });

  it('when an expression is malformed or has seconds, then it is refused', () => {
    expect(isValidCron('0 7 * * *')).toBe(true);
    expect(isValidCron('0 25 * * *')).toBe(false);
    expect(isValidCron('0 0 7 * * *')).toBe(false);
    expect(isValidCron('tiap pagi')).toBe(false);
    expect(firesAtMostDaily('0 7 * * *')).toBe(true);
    expect(firesAtMostDaily('0 7,19 * * *')).toBe(false);
  });
});
