// The DHIS2 validation rules and indicators say what the bot says: run through a small DHIS2 expression evaluator on
// many recaps (a clean one with one to three numbers changed), under every combination of the recap settings, the
// rules DHIS2 would flag are exactly the hard rules checkHard reports, and the indicators equal derive.ts's.
import { describe, expect, it } from 'vitest';
import { indicators as botIndicators, percent } from '../../../src/domain/recap/derive.js';
import { activeFields, type RecapSettings, type RecapValues } from '../../../src/domain/recap/fields.js';
import { checkHard } from '../../../src/domain/recap/rules.js';
import { dataElementRef } from '../../../src/reports/dhis2/elements.js';
import { EMPTY_MAPPING } from '../../../src/reports/dhis2/mapping.js';
import { indicators } from '../../../src/reports/dhis2/indicators.js';
import { RULES_LEFT_OUT, validationRules } from '../../../src/reports/dhis2/rules.js';
import { evaluate, violates } from '../../helpers/dhis2-expression.js';
import { CLEAN_RECAP_ALL_PARTS } from '../../helpers/recap-fixture.js';

const ALL_SETTINGS: RecapSettings[] = (['C3', 'C3_PRIME'] as const).flatMap((pusRule) =>
  [0, 1, 2, 3, 4, 5, 6, 7].map((bits) => ({ pusRule, parts: { flows: (bits & 1) !== 0, channel: (bits & 2) !== 0, mal_traditional: (bits & 4) !== 0 } })),
);

/** Seeded, so a failure reproduces. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** CLEAN_RECAP_ALL_PARTS made consistent under `settings`, with only the active fields answered. */
function cleanFor(settings: RecapSettings): Record<string, number> {
  const v: Record<string, number> = { ...CLEAN_RECAP_ALL_PARTS };
  if (!settings.parts.mal_traditional) {
    v.pus! -= v.pa_mal! + v.pa_lain!;
    v.pa_swasta! -= v.pa_mal! + v.pa_lain!;
  }
  if (settings.pusRule === 'C3_PRIME') v.pus! -= v.hamil!;
  const active = new Set(activeFields(settings).map((f) => f.id));
  return Object.fromEntries(Object.entries(v).filter(([id]) => active.has(id)));
}

const ref = (id: string) => dataElementRef(id, EMPTY_MAPPING);
const byUid = (settings: RecapSettings, values: RecapValues) => {
  const map = new Map(activeFields(settings).map((f) => [ref(f.id), values[f.id]]));
  return (uid: string) => map.get(uid);
};

describe('DHIS2 rules and indicators mirror the bot', () => {
  it('when the recap is clean, then no DHIS2 rule is violated under any settings', () => {
    for (const settings of ALL_SETTINGS) {
      const clean = cleanFor(settings);
      expect(checkHard(clean, settings)).toEqual([]);
      const rules = validationRules(settings, ref);
      expect(rules.filter((r) => violates(r, byUid(settings, clean)) !== false).map((r) => r.code)).toEqual([]);
    }
  });

  it('when one to three numbers of a clean recap change, then DHIS2 flags exactly the hard rules the bot reports', () => {
    const random = mulberry32(20261127);
    let violated = 0;
    let total = 0;
    for (const settings of ALL_SETTINGS) {
      const fields = activeFields(settings);
      const rules = validationRules(settings, ref);
      const ruleOf = new Map(rules.map((r) => [r.id, r.code]));
      for (let n = 0; n < 250; n++) {
        const v = cleanFor(settings);
        const changes = 1 + Math.floor(random() * 3);
        for (let c = 0; c < changes; c++) {
          const f = fields[Math.floor(random() * fields.length)]!;
          const x = v[f.id]!;
          // Near the old value, anywhere up to PUS (where C3/C5 sit), or well above it.
          const candidates = [0, x - 1, x + 1, x + 1 + Math.floor(random() * 50), Math.floor(random() * (2 * x + 10)), Math.floor(random() * (v.pus! + 2))];
          v[f.id] = Math.min(f.max, Math.max(0, candidates[Math.floor(random() * candidates.length)]!));
        }
        const bot = new Set(checkHard(v, settings).map((r) => r.rule));
        const value = byUid(settings, v);
        const dhis2 = new Set(rules.filter((r) => violates(r, value) === true).map((r) => r.code.replace(/^IMP_(C\d(?:_PRIME)?).*$/, '$1')));
        expect([...dhis2].sort(), `${JSON.stringify(settings)} ${JSON.stringify(v)} (${[...ruleOf.values()].length} rules)`).toEqual([...bot].sort());
        total++;
        if (bot.size > 0) violated++;
      }
    }
    // Both kinds of case were tried.
    expect(violated).toBeGreaterThan(total / 4);
    expect(violated).toBeLessThan(total);
  });

  it('when the indicators are computed from the DHIS2 expressions, then they equal the bot\'s CPR, mCPR, unmet need and MKJP share', () => {
    const random = mulberry32(7306);
    for (const settings of ALL_SETTINGS) {
      const defs = indicators(settings, ref);
      for (let n = 0; n < 50; n++) {
        const v = cleanFor(settings);
        for (const id of ['pus', 'pa_iud', 'pa_implan', 'pa_suntik', 'pa_lain', 'pa_mal', 'iat', 'tial']) if (id in v) v[id] = Math.floor(random() * 300);
        if (n === 0) v.pus = 0; // n/a, not 0
        if (n === 1) for (const id of Object.keys(v).filter((k) => k.startsWith('pa_'))) v[id] = 0;
        const value = byUid(settings, v);
        const dhis2 = Object.fromEntries(defs.map((d) => [d.code, percent(evaluate(d.numerator, value)!, evaluate(d.denominator, value)!)]));
        const bot = botIndicators(v, settings);
        expect(dhis2).toEqual({ IMP_CPR: bot.cpr, IMP_MCPR: bot.mcpr, IMP_UNMET_NEED: bot.unmetNeedPct, IMP_MKJP: bot.mkjpShare });
      }
    }
  });

  it('when a rule cannot be written in DHIS2, then it is named with the reason, and every other hard rule is there', () => {
    expect(RULES_LEFT_OUT.map((r) => r.rule)).toEqual(['C1', 'C4', 'C7']);
    const all = { pusRule: 'C3' as const, parts: { flows: true, channel: true, mal_traditional: true } };
    const codes = validationRules(all, ref).map((r) => r.code);
    expect(new Set(codes.map((c) => c.replace(/^IMP_(C\d).*$/, '$1')))).toEqual(new Set(['C2', 'C3', 'C5', 'C6', 'C8']));
    expect(validationRules({ ...all, pusRule: 'C3_PRIME' }, ref).map((r) => r.code)).toEqual(expect.arrayContaining(['IMP_C3_PRIME', 'IMP_C3_PRIME_hamil']));
  });
});
