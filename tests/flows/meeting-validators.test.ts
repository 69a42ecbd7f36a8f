// The meeting report's validators: attendance lists (9 counts, or 6 on top of a check-in) and topic multi-choice.
import { describe, expect, it } from 'vitest';
import { VALIDATORS } from '../../src/flows/engine/validators.js';
import type { Scope } from '../../src/flows/engine/types.js';
import { emptyAttendance } from '../../src/domain/meetings/meeting-rules.js';
import { MEETING_TOPICS } from '../../src/domain/meetings/meeting-model.js';

const scope = {} as Scope;

describe('attendance', () => {
  it('when 9 counts are given, then they fill the roles in order; the Sub-PPKBD bound holds', () => {
    const run = (raw: string, subMax: number | null = null) => VALIDATORS.attendance!.run(raw, { base: null, subMax }, scope);
    expect(run('1 1 3 2 4 0 1 2 15')).toMatchObject({ category: 'ok', value: { pkb: 1, sub_ppkbd: 3, peserta_lain: 15 } });
    expect(run('1 1 3 2 4 0 1 2 15', 2).category).toBe('invalid');
    expect(run('1 1 3').category).toBe('invalid');
    expect(run('1 1 3 2 4 0 1 2 1,5').category).toBe('invalid');
  });

  it('when a check-in proposed the registered roles, then 6 counts are added to it and 9 replace it', () => {
    const base = { ...emptyAttendance(), pkb: 1, ppkbd: 2 };
    const run = (raw: string) => VALIDATORS.attendance!.run(raw, { base, subMax: null }, scope);
    expect(run('2 4 0 1 2 15')).toMatchObject({ category: 'ok', value: { pkb: 1, ppkbd: 2, tokoh_agama: 2, peserta_lain: 15 } });
    expect(run('0 1 0 0 0 0 0 0 5')).toMatchObject({ category: 'ok', value: { pkb: 0, ppkbd: 1, peserta_lain: 5 } });
  });
});

describe('topics', () => {
  it('when numbers of the list are given in any form, then each topic is kept once in list order; others are refused', () => {
    const run = (raw: string) => VALIDATORS.topics!.run(raw, { keys: MEETING_TOPICS }, scope);
    expect(run('3, 1 dan 3')).toEqual({ category: 'ok', value: ['kb_mkjp', 'stunting_bkb'] });
    expect(run('9').category).toBe('invalid');
    expect(run('KB').category).toBe('invalid');
  });
});
