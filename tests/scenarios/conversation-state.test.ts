// The conversation state is read and written on every message, so it is kept small: a guided recap stays around
// 2 KB (it was 10 KB before results were reduced to their values). And a bot upgraded mid-recap: states stored by
// the version before (a fixture captured from it, with its replies) load into this one and the recap goes on
// exactly as the old version went on.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { conversations, recaps } from '../../src/db/schema.js';
import { activeGroups, DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { fromWita } from '../../src/time/wita.js';
import { Harness } from '../helpers/harness.js';
import { PEOPLE_CSV, PPKBD_PHONE } from '../helpers/people.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';

interface Case {
  clock: string;
  state: unknown;
  steps: { send: string; replies: string }[];
  stored: Record<string, number>[];
}
const FIXTURE = JSON.parse(readFileSync(new URL('../fixtures/recap-states-before-compaction.json', import.meta.url), 'utf8')) as { cases: Record<string, Case> };

interface Session {
  results: Record<string, object>;
}

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

function storedState(harness: Harness): string {
  return harness.db.select().from(conversations).get()!.state;
}

describe('states stored before the upgrade', () => {
  it.each([
    ['active', 'a guided recap waiting at the first line of Section III (one miscount before)'],
    ['draft', 'the same recap left with BATAL, resumed with LANJUT'],
    ['fast', 'a fast entry without Section III, waiting at its first gap'],
  ])('when %s (%s) is loaded after the upgrade, then every reply is the old version\'s and the same recap is stored', async (name) => {
    const old = FIXTURE.cases[name]!;
    h = await Harness.create({ people: PEOPLE_CSV, start: new Date(old.clock) });
    h.db.insert(conversations).values({ senderKey: PPKBD_PHONE, state: JSON.stringify(old.state), updatedAt: old.clock }).run();

    const first = await h.reply(PPKBD_PHONE, old.steps[0]!.send);
    expect(first).toBe(old.steps[0]!.replies);
    // Written back compact at once: values only, none of the old per-answer fields.
    const state = storedState(h);
    const sessions = Object.values((JSON.parse(state) as { drafts: Record<string, Session> }).drafts).concat((JSON.parse(state) as { active: Session }).active ?? []);
    for (const session of sessions) for (const result of Object.values(session.results)) expect(Object.keys(result)).toEqual(['value']);
    expect(state.length).toBeLessThan(JSON.stringify(old.state).length / 2);

    for (const step of old.steps.slice(1)) expect(await h.reply(PPKBD_PHONE, step.send)).toBe(step.replies);
    expect(h.db.select().from(recaps).all().map((r) => JSON.parse(r.values) as unknown)).toEqual(old.stored);
  });
});

describe('state size', () => {
  const groups = activeGroups(DEFAULT_RECAP_SETTINGS);
  const line = (i: number) => groups[i]!.fields.map((f) => String(CLEAN_RECAP[f])).join(' ');

  it('when a cadre goes through a guided recap (a miscount, UBAH, BATAL and LANJUT on the way), then the stored state never passes 2.5 KB', async () => {
    h = await Harness.create({ people: PEOPLE_CSV, start: fromWita(2026, 12, 2, 9, 0) });
    const steps = ['1', line(0), '1 2 3', ...groups.slice(1).map((_, i) => line(i + 1)), 'UBAH 2', line(1), 'BATAL', 'LANJUT'];
    const sizes: number[] = [];
    for (const text of steps) {
      await h.reply(PPKBD_PHONE, text);
      sizes.push(storedState(h).length);
    }
    // At the summary every number of the recap is in the state: about 35 bytes each.
    expect(Math.max(...sizes)).toBeLessThan(2500);
    expect(await h.reply(PPKBD_PHONE, 'KIRIM')).toContain('terkirim');
  });

  it('when a whole recap comes as one fast entry, then the state at its summary keeps the numbers, not the message', async () => {
    h = await Harness.create({ people: PEOPLE_CSV, start: fromWita(2026, 12, 2, 9, 0) });
    const all = `LAPOR 11/2026 ${groups.flatMap((g) => g.fields).map((f) => `${f}=${CLEAN_RECAP[f]}`).join(' ')}`;
    expect(await h.reply(PPKBD_PHONE, all)).toContain('Ringkasan');
    const state = storedState(h);
    expect(state).not.toContain('LAPOR');
    expect(state.length).toBeLessThan(2500);
  });
});
