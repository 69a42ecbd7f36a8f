// Counterexamples the fuzzer found (tests/fuzz/bot.fuzz.test.ts), kept as ordinary tests after the fix.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from '../../src/flows/engine/limits.js';
import { Harness } from '../helpers/harness.js';
import { DINAS_PHONE, PEOPLE_CSV } from '../helpers/people.js';
import { fromWita } from '../../src/time/wita.js';

let h: Harness;
beforeEach(async () => {
  h = await Harness.create({ people: PEOPLE_CSV, start: fromWita(2026, 12, 2, 9, 0) });
});
afterEach(() => h.close());

describe('fuzz counterexamples', () => {
  it('when a Dinas officer opens "Buka kembali periode laporan", then the list of every desa fits one message, a wrong answer too, and a desa left out of the list is taken by its name', async () => {
    await h.reply(DINAS_PHONE, 'menu');
    const list = await h.reply(DINAS_PHONE, 'buka kembali');
    expect(list.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(list).toMatch(/…dan \d+ desa lain: tulis nama desanya\./);
    expect(list).not.toContain('Julumate');
    const wrong = await h.reply(DINAS_PHONE, 'PUS tidak sama dengan register');
    expect(wrong.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(wrong).toContain('nama desanya');
    // A command that works inside any flow answers, then asks the open question again with a line before it.
    const again = await h.send(DINAS_PHONE, 'HADIR ABCD');
    expect(again.map((m) => m.text).join('\n')).toContain('Kembali ke isian tadi:');
    for (const m of again) expect(m.text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(await h.reply(DINAS_PHONE, 'Julumatene')).toContain('Bulan apa?');
  });
});
