// The rules of a meeting report and of a check-in that do not need the database: which days may be reported, the
// attendance bounds, who may organise, and the short codes. Pure: `now` is passed in.
import { fromWita, toWita } from '../../time/wita.js';
import type { Role } from '../roles.js';
import { ATTENDANCE_ROLES, type Attendance, type AttendanceRole } from './meeting-model.js';

/** More days back than this is asked again (docs/domain.md §8: soft warning). */
export const OLD_MEETING_DAYS = 35;
/** A total attendance above this is asked again. */
export const LARGE_ATTENDANCE = 300;
export const FOLLOW_UP_MAX = 500;

/**
 * The first day a meeting may be reported for: the first of last month while last month's recap is still open
 * (until the calendar's close day), else the first of this month. "YYYY-MM-DD".
 */
export function meetingOpenFrom(now: Date, closeDay: number): string {
  const t = toWita(now);
  const [y, m] = t.day <= closeDay ? (t.month === 1 ? [t.year - 1, 12] : [t.year, t.month - 1]) : [t.year, t.month];
  return `${y}-${String(m).padStart(2, '0')}-01`;
}

export type MeetingDateCheck = { kind: 'ok' } | { kind: 'future' } | { kind: 'too_early'; openFrom: string } | { kind: 'old'; days: number };

/** Hard: not after today, not before the open period; soft: more than OLD_MEETING_DAYS ago. */
export function checkMeetingDate(iso: string, now: Date, openFrom: string): MeetingDateCheck {
  const t = toWita(now);
  const today = `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
  if (iso > today) return { kind: 'future' };
  if (iso < openFrom) return { kind: 'too_early', openFrom };
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const days = Math.round((Date.UTC(t.year, t.month - 1, t.day) - Date.UTC(y, m - 1, d)) / 86_400_000);
  return days > OLD_MEETING_DAYS ? { kind: 'old', days } : { kind: 'ok' };
}

export function emptyAttendance(): Attendance {
  return Object.fromEntries(ATTENDANCE_ROLES.map((r) => [r, 0])) as Attendance;
}

export function attendanceTotal(a: Readonly<Attendance>): number {
  return ATTENDANCE_ROLES.reduce((sum, r) => sum + a[r], 0);
}

/** Roles that may open a check-in: the organisers of desa and kecamatan meetings, and the Dinas for its own. */
export const ORGANISER_ROLES: readonly Role[] = ['pkb', 'ppkbd', 'koordinator', 'dinas', 'admin'];

/** Where a registered person who checked in is counted. A koordinator is a PKB; Dinas officers are other participants. */
export function attendanceRoleOf(role: string): AttendanceRole {
  switch (role) {
    case 'pkb':
    case 'koordinator':
      return 'pkb';
    case 'ppkbd':
      return 'ppkbd';
    case 'sub_ppkbd':
      return 'sub_ppkbd';
    default:
      return 'peserta_lain';
  }
}

/** 32 characters people cannot confuse: no 0/O, no 1/I. */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_SPACE = 32 ** 4;

/**
 * The 4-character code of the n-th code (n ≥ 1): a fixed permutation of 0…32⁴−1, so codes are unique for the first
 * million, look unrelated to each other (not AAAB, AAAC…) and are the same on every run (the simulator).
 */
export function shortCode(n: number, salt: number): string {
  // An odd multiplier is a bijection modulo a power of two; the xor and the added salt keep it one too.
  let x = ((n + salt) * 747_293) % CODE_SPACE;
  x = (x ^ 0x5a5a5) % CODE_SPACE;
  let out = '';
  for (let i = 0; i < 4; i++) {
    out = CODE_ALPHABET[x % 32]! + out;
    x = Math.floor(x / 32);
  }
  return out;
}

/** What people type as a code, as stored: upper case, no spaces or punctuation. */
export function normalizeCode(raw: string): string {
  return raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** A check-in stops by itself at the end of the WITA day it was opened. */
export function checkinExpiry(openedAt: Date): Date {
  const t = toWita(openedAt);
  return fromWita(t.year, t.month, t.day + 1);
}
