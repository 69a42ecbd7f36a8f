// Issue 9, point 13: the example numbers shown in the recap's questions must not make a valid recap.
import { describe, expect, it } from 'vitest';
import { copiedExampleLines, exampleNumbers } from '../../../src/domain/recap/examples.js';
import { activeGroups, dusunGroups, type RecapSettings } from '../../../src/domain/recap/fields.js';
import { checkHard } from '../../../src/domain/recap/rules.js';

const SETTINGS: [string, RecapSettings][] = [
  ['default, C3', { pusRule: 'C3', parts: { flows: false, channel: false, mal_traditional: false } }],
  ['default, C3′', { pusRule: 'C3_PRIME', parts: { flows: false, channel: false, mal_traditional: false } }],
  ['every part on, C3', { pusRule: 'C3', parts: { flows: true, channel: true, mal_traditional: true } }],
  ['every part on, C3′', { pusRule: 'C3_PRIME', parts: { flows: true, channel: true, mal_traditional: true } }],
];

function fromExamples(groups: ReturnType<typeof activeGroups>): Record<string, number> {
  return Object.fromEntries(groups.flatMap((g) => g.fields.map((f, i) => [f, exampleNumbers(g)[i]!])));
}

describe('example numbers', () => {
  it.each(SETTINGS)('when a desa recap is made of the examples (%s), then a hard rule refuses it', (_name, settings) => {
    const rules = checkHard(fromExamples(activeGroups(settings)), settings).map((v) => v.rule);
    expect(rules.some((r) => r === 'C3' || r === 'C3_PRIME')).toBe(true);
  });

  it.each(SETTINGS)('when a dusun part is made of the examples (%s), then a hard rule refuses it', (_name, settings) => {
    expect(checkHard(fromExamples(dusunGroups(settings)), settings)).not.toEqual([]);
  });

  it('when every group has an example, then it has one number per field', () => {
    for (const g of activeGroups(SETTINGS[2]![1])) expect(exampleNumbers(g)).toHaveLength(g.fields.length);
  });

  it('when half the lines equal their examples, then the recap looks copied; one line alone does not', () => {
    const groups = activeGroups(SETTINGS[0]![1]);
    const all = fromExamples(groups);
    expect(copiedExampleLines(all, groups)).toEqual(groups.map((_, i) => i + 1));
    const oneLine = Object.fromEntries(Object.entries(all).map(([f, v]) => [f, groups[0]!.fields.includes(f) ? v : v + 1]));
    expect(copiedExampleLines(oneLine, groups)).toBeNull();
  });
});
