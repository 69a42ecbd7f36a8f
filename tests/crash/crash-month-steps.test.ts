// Where the crash test resumes its story after a kill (tests/crash/crash-month.ts, pure).
import { describe, expect, it } from 'vitest';
import { fromWita } from '../../src/time/wita.js';
import { remainingSteps, type StoryStep } from './crash-month.js';

const at = (day: number, hour: number): StoryStep => ({ kind: 'at', at: fromWita(2026, 12, day, hour, 0), line: `@at 2026-12-0${day} ${hour}:00` });
const msg = (text: string): StoryStep => ({ kind: 'message', line: `+6281234567001: ${text}` });
const STORY = [at(1, 8), msg('a'), msg('b'), at(2, 8), msg('c'), at(3, 8), at(4, 8)];

describe('resuming the crash story', () => {
  it('when nothing was taken in, then the whole story plays again', () => {
    expect(remainingSteps(STORY, 0, null)).toEqual(STORY);
  });

  it('when some messages were taken in, then the rest plays under the @at they were written under, without those messages', () => {
    expect(remainingSteps(STORY, 1, fromWita(2026, 12, 1, 8, 0)).map((s) => s.line)).toEqual([STORY[0]!.line, STORY[2]!.line, ...STORY.slice(3).map((s) => s.line)]);
  });

  it('when every message was taken in, then only the @at lines the stored clock has not passed are left', () => {
    expect(remainingSteps(STORY, 3, fromWita(2026, 12, 3, 8, 0)).map((s) => s.line)).toEqual([STORY[5]!.line, STORY[6]!.line]);
    expect(remainingSteps(STORY, 3, fromWita(2026, 12, 4, 9, 0))).toEqual([]);
  });
});
