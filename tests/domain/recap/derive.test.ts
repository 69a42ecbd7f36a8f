import { describe, expect, it } from 'vitest';
import { bukanPeserta, formatPct, formatPointChange, indicators, modernPaTotal, paTotal, percent, unmetNeed } from '../../../src/domain/recap/derive.js';
import { DEFAULT_RECAP_SETTINGS, type RecapSettings } from '../../../src/domain/recap/fields.js';
import { CLEAN_RECAP, CLEAN_RECAP_ALL_PARTS } from '../../helpers/recap-fixture.js';

const ALL_PARTS: RecapSettings = { pusRule: 'C3', parts: { flows: true, channel: true, mal_traditional: true } };
const C3_PRIME: RecapSettings = { ...DEFAULT_RECAP_SETTINGS, pusRule: 'C3_PRIME' };

describe('paTotal', () => {
  it('when the default settings are used, then PA is the sum of the seven register methods', () => {
    expect(paTotal(CLEAN_RECAP, DEFAULT_RECAP_SETTINGS)).toBe(20 + 5 + 1 + 30 + 120 + 80 + 10);
  });

  it('when the MAL/traditional part is on, then MAL and "lain" are counted too', () => {
    expect(paTotal(CLEAN_RECAP_ALL_PARTS, ALL_PARTS)).toBe(266 + 2 + 3);
  });

  it('when the MAL/traditional part is off, then stray MAL and "lain" values are ignored', () => {
    expect(paTotal(CLEAN_RECAP_ALL_PARTS, DEFAULT_RECAP_SETTINGS)).toBe(266);
  });

  it('when methods are not answered yet, then they count as 0', () => {
    expect(paTotal({ pa_iud: 4, pa_pil: 6 }, DEFAULT_RECAP_SETTINGS)).toBe(10);
    expect(paTotal({}, DEFAULT_RECAP_SETTINGS)).toBe(0);
  });
});

describe('unmetNeed and bukanPeserta', () => {
  it('when IAT and TIAL are given, then unmet need is their sum', () => {
    expect(unmetNeed(CLEAN_RECAP)).toBe(70 + 59);
  });

  it('when the rule is C3, then bukan peserta includes the pregnant couples', () => {
    expect(bukanPeserta(CLEAN_RECAP, DEFAULT_RECAP_SETTINGS)).toBe(25 + 60 + 70 + 59);
  });

  it('when the rule is C3′, then bukan peserta is IAS + IAT + TIAL only', () => {
    expect(bukanPeserta(CLEAN_RECAP, C3_PRIME)).toBe(60 + 70 + 59);
  });
});

describe('indicators', () => {
  it('when the clean recap is used, then CPR, mCPR, unmet need % and MKJP share follow §7', () => {
    expect(indicators(CLEAN_RECAP, DEFAULT_RECAP_SETTINGS)).toEqual({
      paTotal: 266,
      unmetNeed: 129,
      cpr: 55.4, // 266 / 480 = 55.42
      mcpr: 55.4, // no traditional methods in the default form
      unmetNeedPct: 26.9, // 129 / 480 = 26.875
      mkjpShare: 21.1, // (20 + 5 + 1 + 30) / 266 = 21.05
    });
  });

  it('when traditional methods are reported, then mCPR leaves out "lain" but keeps MAL', () => {
    const ind = indicators(CLEAN_RECAP_ALL_PARTS, ALL_PARTS);
    expect(ind.paTotal).toBe(271);
    expect(ind.cpr).toBe(55.9); // 271 / 485 = 55.88
    expect(ind.mcpr).toBe(55.3); // (271 − 3) / 485 = 55.26
    expect(ind.mkjpShare).toBe(20.7); // 56 / 271 = 20.66
  });

  it('when PUS is 0 or unanswered, then the PUS-based rates are null, not 0', () => {
    const zero = indicators({ ...CLEAN_RECAP, pus: 0 }, DEFAULT_RECAP_SETTINGS);
    expect([zero.cpr, zero.mcpr, zero.unmetNeedPct]).toEqual([null, null, null]);
    expect(zero.mkjpShare).toBe(21.1);
    const { pus: _pus, ...noPus } = CLEAN_RECAP;
    expect(indicators(noPus, DEFAULT_RECAP_SETTINGS).cpr).toBeNull();
  });

  it('when there are no acceptors, then the MKJP share is null', () => {
    const ind = indicators({ pus: 100, hamil: 10, ias: 30, iat: 30, tial: 30 }, DEFAULT_RECAP_SETTINGS);
    expect(ind.paTotal).toBe(0);
    expect(ind.cpr).toBe(0);
    expect(ind.mkjpShare).toBeNull();
  });

  it('when a rate falls on a half, then it rounds half up to one decimal', () => {
    expect(percent(5, 8)).toBe(62.5);
    expect(percent(1249, 2000)).toBe(62.5); // 62.45
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(1, 0)).toBeNull();
  });
});

describe('formatPct', () => {
  it('when a figure is given, then it uses the Indonesian decimal comma and one decimal', () => {
    expect(formatPct(62.5)).toBe('62,5%');
    expect(formatPct(100)).toBe('100,0%');
    expect(formatPct(0)).toBe('0,0%');
  });

  it('when the figure is undefined, then it shows a dash', () => {
    expect(formatPct(null)).toBe('–');
  });
});

describe('modern methods and changes in points', () => {
  it('when "lain" is answered, then modern PA leaves it out only when the MAL/traditional part is on', () => {
    expect(modernPaTotal(CLEAN_RECAP_ALL_PARTS, ALL_PARTS)).toBe(paTotal(CLEAN_RECAP_ALL_PARTS, ALL_PARTS) - 3);
    expect(modernPaTotal({ ...CLEAN_RECAP, pa_lain: 9 }, DEFAULT_RECAP_SETTINGS)).toBe(266);
  });

  it('when a change is shown, then it has a sign, a decimal comma, and a dash when there is no figure', () => {
    expect(formatPointChange(1.2)).toBe('+1,2');
    expect(formatPointChange(-0.5)).toBe('−0,5');
    expect(formatPointChange(0)).toBe('0,0');
    expect(formatPointChange(-0.04)).toBe('0,0');
    expect(formatPointChange(null)).toBe('–');
  });
});
