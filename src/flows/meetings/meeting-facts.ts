// The facts the meeting report reads (loaded by bot/features/meetings.ts before the engine runs).
import type { Attendance } from '../../domain/meetings/meeting-model.js';
import type { Scope } from '../engine/types.js';

export const MEETING_FACTS = 'meetings';

/** A check-in this organiser opened and no report has used yet. */
export interface OpenCheckin {
  id: number;
  code: string;
  /** The WITA day it was opened, YYYY-MM-DD. */
  day: string;
  /** Registered people who checked in, counted by attendance role. */
  counts: Attendance;
  people: number;
}

export interface MeetingFacts {
  /** The first day that may be reported (YYYY-MM-DD): the open recap period's first day. */
  openFrom: string;
  /** Registered dusun of each desa the person covers (the Sub-PPKBD bound); absent: unknown. */
  dusunCount: Readonly<Record<string, number>>;
  checkins: readonly OpenCheckin[];
}

export function meetingFacts(scope: Scope): MeetingFacts {
  return (scope.facts[MEETING_FACTS] as MeetingFacts | undefined) ?? { openFrom: '0000-01-01', dusunCount: {}, checkins: [] };
}
