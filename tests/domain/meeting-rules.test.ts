// Pure meeting rules: which days may be reported, the short codes, expiry, attendance roles.
import { describe, expect, it } from 'vitest';
import { attendanceRoleOf, checkinExpiry, checkMeetingDate, CODE_ALPHABET, meetingOpenFrom, normalizeCode, shortCode } from '../../src/domain/meetings/meeting-rules.js';
import { fromWita } from '../../src/time/wita.js';

describe('meeting dates', () => {
  it('when last month is still open (on or before the close day), then it may be reported; after it, only this month', () => {
    expect(meetingOpenFrom(fromWita(2026, 12, 15, 23, 0), 15)).toBe('2026-11-01');
    expect(meetingOpenFrom(fromWita(2026, 12, 16, 0, 30), 15)).toBe('2026-12-01');
    expect(meetingOpenFrom(fromWita(2027, 1, 3), 15)).toBe('2026-12-01');
  });

  it('when a date is after today (WITA), before the open period, or more than 35 days ago, then it is refused or flagged', () => {
    const now = fromWita(2026, 12, 10, 7, 0);
    expect(checkMeetingDate('2026-12-11', now, '2026-11-01')).toEqual({ kind: 'future' });
    expect(checkMeetingDate('2026-10-31', now, '2026-11-01')).toEqual({ kind: 'too_early', openFrom: '2026-11-01' });
    expect(checkMeetingDate('2026-11-02', now, '2026-11-01')).toEqual({ kind: 'old', days: 38 });
    expect(checkMeetingDate('2026-12-10', now, '2026-11-01')).toEqual({ kind: 'ok' });
  });
});

describe('short codes', () => {
  it('when many codes are made, then they are 4 unambiguous characters, all different, and the same on every run', () => {
    const codes = Array.from({ length: 20_000 }, (_, i) => shortCode(i + 1, 0));
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes.slice(0, 200)) expect(c).toMatch(new RegExp(`^[${CODE_ALPHABET}]{4}$`));
    expect(CODE_ALPHABET).not.toMatch(/[01IO]/);
    expect(shortCode(1, 0)).toBe(shortCode(1, 0));
    expect(normalizeCode(' k7-q2 ')).toBe('K7Q2');
  });

  it('when a code is opened late in the evening, then it stops at the end of that WITA day', () => {
    expect(checkinExpiry(fromWita(2026, 11, 25, 22, 0)).toISOString()).toBe(fromWita(2026, 11, 26).toISOString());
  });

  it('when registered people check in, then a koordinator counts as PKB and Dinas officers as other participants', () => {
    expect(['pkb', 'koordinator', 'ppkbd', 'sub_ppkbd', 'dinas', 'admin'].map(attendanceRoleOf)).toEqual(['pkb', 'pkb', 'ppkbd', 'sub_ppkbd', 'peserta_lain', 'peserta_lain']);
  });
});
