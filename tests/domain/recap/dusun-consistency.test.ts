// When a desa recap and its dusun parts disagree after a part changed (issue 9.8).
import { describe, expect, it } from 'vitest';
import { allDusunIn, dusunMismatch, type DusunPartState } from '../../../src/domain/recap/dusun-consistency.js';

const FIELDS = ['pus', 'iat'];
const part = (name: string, current: Record<string, number>, atDesaSubmission: Record<string, number> | null = current): DusunPartState => ({ name, current, atDesaSubmission });

describe('dusunMismatch', () => {
  it('when no part changed since the desa recap was sent, then they agree', () => {
    expect(dusunMismatch({ pus: 300, iat: 20 }, [part('A', { pus: 100, iat: 5 }), part('B', { pus: 120, iat: 6 })], false, FIELDS)).toBeNull();
  });

  it('when a part changed and some dusun are still missing, then the change itself is the mismatch', () => {
    const m = dusunMismatch({ pus: 300, iat: 20 }, [part('A', { pus: 105, iat: 5 }, { pus: 100, iat: 5 })], false, FIELDS);
    expect(m).toEqual({ changed: [{ name: 'A', changes: [{ field: 'pus', before: 100, after: 105 }] }], differences: [] });
  });

  it('when every dusun reported and the changed parts still add up to the desa, then they agree', () => {
    const parts = [part('A', { pus: 105, iat: 5 }, { pus: 100, iat: 5 }), part('B', { pus: 95, iat: 6 }, { pus: 100, iat: 6 })];
    expect(dusunMismatch({ pus: 200, iat: 11 }, parts, true, FIELDS)).toBeNull();
  });

  it('when every dusun reported and a changed part breaks the sum, then the differing fields are named', () => {
    const parts = [part('A', { pus: 105, iat: 5 }, { pus: 100, iat: 5 }), part('B', { pus: 100, iat: 6 })];
    expect(dusunMismatch({ pus: 200, iat: 11 }, parts, true, FIELDS)?.differences).toEqual([{ field: 'pus', desa: 200, sum: 205 }]);
  });

  it('when a part first arrives after the desa recap, then it is judged by the sum once all are in, and not before', () => {
    const late = part('B', { pus: 130, iat: 6 }, null);
    expect(dusunMismatch({ pus: 200, iat: 11 }, [part('A', { pus: 100, iat: 5 }), late], false, FIELDS)).toBeNull();
    expect(dusunMismatch({ pus: 200, iat: 11 }, [part('A', { pus: 100, iat: 5 }), late], true, FIELDS)?.changed).toEqual([{ name: 'B', changes: [] }]);
  });
});

describe('allDusunIn', () => {
  it('when a registered dusun has not reported or fewer parts came than the Sub-PPKBD the desa counts, then not every dusun is in', () => {
    expect(allDusunIn(0, 4, { sub_ppkbd_ada: 4 })).toBe(true);
    expect(allDusunIn(1, 4, { sub_ppkbd_ada: 4 })).toBe(false);
    expect(allDusunIn(0, 3, { sub_ppkbd_ada: 4 })).toBe(false);
    expect(allDusunIn(0, 1, {})).toBe(true);
  });
});
