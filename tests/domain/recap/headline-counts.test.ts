// The headline counts kept beside a recap's JSON (the roll-up sums them): every count any setting's indicators use,
// null for what the recap did not answer.
import { describe, expect, it } from 'vitest';
import { activeMethodFields } from '../../../src/domain/recap/derive.js';
import { DEFAULT_RECAP_SETTINGS } from '../../../src/domain/recap/fields.js';
import { HEADLINE_FIELDS, headlineCounts } from '../../../src/domain/recap/headline-counts.js';
import { CLEAN_RECAP } from '../../helpers/recap-fixture.js';

describe('headline counts', () => {
  it('when any settings compute the headline indicators, then every count they read is a headline field', () => {
    for (const mal_traditional of [false, true]) {
      const settings = { ...DEFAULT_RECAP_SETTINGS, parts: { ...DEFAULT_RECAP_SETTINGS.parts, mal_traditional } };
      for (const id of ['pus', ...activeMethodFields(settings), 'iat', 'tial']) expect(HEADLINE_FIELDS).toContain(id);
    }
  });

  it('when a recap answers some counts, then those are kept and the others are null (also a count that is not a number)', () => {
    const { iat: _iat, ...values } = CLEAN_RECAP;
    const counts = headlineCounts({ ...values, pa_mal: 0, tial: '59' });
    expect(Object.keys(counts)).toEqual([...HEADLINE_FIELDS]);
    expect(counts).toMatchObject({ pus: 480, pa_iud: CLEAN_RECAP.pa_iud, pa_mal: 0, pa_lain: null, iat: null, tial: null });
  });
});
