// Issue 9, point 12: every message of the recap fits a cheap phone (at most ~1,000 characters). These scenarios
// walk the recap's messages — prompts, help pages, summaries, the PUS balance, rule findings, fast-entry errors,
// the dusun offer, wrong answers, BANTUAN, refusals — with every optional part on, large numbers and many dusun,
// and check the length of everything the bot sent.
import { afterEach, describe, expect, it } from 'vitest';
import { importPeople } from '../../src/people/people-import.js';
import { activeGroups, FIELD_BY_ID, type RecapSettings } from '../../src/domain/recap/fields.js';
import { fromWita } from '../../src/time/wita.js';
import { Harness } from '../helpers/harness.js';
import { DINAS_PHONE, PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE as P, RESIDENT_PHONE } from '../helpers/people.js';
import { CLEAN_RECAP_ALL_PARTS } from '../helpers/recap-fixture.js';

const LIMIT = 1000;
const ALL_PARTS: RecapSettings = { pusRule: 'C3', parts: { flows: true, channel: true, mal_traditional: true } };
const PRIME: RecapSettings = { pusRule: 'C3_PRIME', parts: { flows: true, channel: true, mal_traditional: true } };
const GROUPS = activeGroups(ALL_PARTS);
const FIELDS = GROUPS.flatMap((g) => g.fields);
// A large desa, still consistent: every population count nine times the clean recap (four digits), the
// institution and meeting counts as they are.
const LARGE = Object.fromEntries(FIELDS.map((f) => [f, CLEAN_RECAP_ALL_PARTS[f]! * (FIELD_BY_ID.get(f)!.max >= 1000 ? 9 : 1)]));
const answer = (i: number, values: Record<string, number>) => GROUPS[i]!.fields.map((f) => String(values[f])).join(' ');
const lapor = (values: Record<string, number>) => `LAPOR 11/2026 ${FIELDS.map((f) => `${f}=${values[f]}`).join(' ')}`;

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function bot(settings: RecapSettings): Promise<{ h: Harness; say: (phone: string, text: string) => Promise<string>; sent: string[] }> {
  h = await Harness.create({ people: PEOPLE_CSV, start: fromWita(2026, 12, 2, 9, 0), recap: { settings, calendar: { dueDay: 3, closeDay: 15 } } });
  const harness = h;
  const sent: string[] = [];
  const say = async (phone: string, text: string) => {
    const out = await harness.send(phone, text);
    sent.push(...out.map((m) => m.text));
    return out.filter((m) => m.to === phone).map((m) => m.text).join('\n---\n');
  };
  return { h: harness, say, sent };
}

function expectAllShort(sent: readonly string[]): void {
  expect(sent.length).toBeGreaterThan(0);
  const long = sent.filter((t) => t.length > LIMIT).map((t) => `${t.length}: ${t.slice(0, 80)}…`);
  expect(long).toEqual([]);
}

describe('every recap message fits one screen', () => {
  it.each([
    ['C3', ALL_PARTS],
    ['C3′', PRIME],
  ])('when a large desa fills in the recap with every part on (%s), with wrong answers, BANTUAN, the balance and the rules, then every message is at most 1,000 characters', async (_rule, settings) => {
    const { say, sent } = await bot(settings);
    await say(P, 'BANTUAN');
    for (let n = 1; n <= 8; n++) await say(P, `BANTUAN LAPOR ${n}`);
    await say(P, '1');
    // Wrong answers three times (the "this seems hard" message carries the help and the question).
    for (const wrong of ['x', '1,5', '-3']) await say(P, wrong);
    await say(P, 'BANTUAN');
    const unbalanced = { ...LARGE, pus: LARGE.pus! + 1 };
    let told = '';
    for (let i = 0; i < GROUPS.length; i++) {
      const reply = await say(P, answer(i, unbalanced));
      if (reply.includes('*Jumlah PUS belum seimbang*')) {
        told = reply;
        // Back to the PUS line and on again, with wrong answers on the way.
        await say(P, 'UBAH 4');
        for (const wrong of ['x', 'y', 'z']) await say(P, wrong);
        await say(P, answer(3, unbalanced));
      }
    }
    expect(told).not.toBe('');
    // At the summary: wrong answers, BANTUAN, LANJUT, then KIRIM blocked by many rules at once.
    for (const wrong of ['apa', 'kirim dong', '???']) await say(P, wrong);
    await say(P, 'BANTUAN');
    await say(P, 'LANJUT');
    await say(P, 'KIRIM');
    // Every nesting rule broken at once, through fast entry, then the warnings one by one.
    const broken = Object.fromEntries(Object.entries(LARGE).map(([f, v]) => [f, /_(lapor|anggota_kb|pus_kb|hadir|anggota)$/.test(f) ? Math.min(v * 3, 9999) : v]));
    await say(P, lapor(broken));
    await say(P, 'KIRIM');
    // Unusual numbers (W4, S3) to confirm one by one.
    await say(P, lapor({ ...LARGE, jml_keluarga: 1000, frek_rakor_desa: 9 }));
    let reply = await say(P, 'KIRIM');
    // Under C3′ the same numbers break the balance (hamil counts inside IAS/IAT/TIAL) and KIRIM is refused instead.
    expect(reply).toContain(settings === ALL_PARTS ? 'Balas YA' : 'Laporan belum bisa dikirim');
    for (let i = 0; i < 20 && reply.includes('Balas YA'); i++) {
      if (i === 0) for (const wrong of ['mungkin', 'hmm', '?']) await say(P, wrong);
      reply = await say(P, 'YA');
    }
    expectAllShort(sent);
  });

  it('when fast entry has dozens of errors, then the list is cut to fit and says how many more there are', async () => {
    const { say, sent } = await bot(ALL_PARTS);
    const garbage = Array.from({ length: 60 }, (_, i) => `SALAH${i}=${i},5`).join(' ');
    const reply = await say(P, `LAPOR 11/2026 ${garbage} PUS=-4 IUD=1,5 MOW 5 oke sekali`);
    expect(reply).toContain('hal lain');
    expectAllShort(sent);
  });

  it('when a desa has many dusun with long names, then the offer fits, and so do the C7 findings once every part disagrees with the desa', async () => {
    const { h: harness, say, sent } = await bot(ALL_PARTS);
    const names = Array.from({ length: 8 }, (_, i) => `Dusun Bontolempangang Timur Bagian ${i + 1}`);
    const csv = ['phone,name,role,area,unit', ...names.map((n, i) => `+62812345671${String(i).padStart(2, '0')},Kader ${i},sub_ppkbd,73.06.06.2003,${n}`)].join('\n');
    expect(importPeople(harness.db, csv, harness.database.areas, 't', harness.clock.now()).ok).toBe(true);
    const sectionIII = GROUPS.filter((g) => g.section === 'III');
    const part = Object.fromEntries(sectionIII.flatMap((g) => g.fields).map((f) => [f, Math.floor(LARGE[f]! / 10)]));
    // Keep each part balanced (PUS = PA + non-users) so it can be sent.
    const methods = ['pa_iud', 'pa_mow', 'pa_mop', 'pa_implan', 'pa_suntik', 'pa_pil', 'pa_kondom', 'pa_mal', 'pa_lain'];
    const pa = methods.reduce((a, f) => a + part[f]!, 0);
    Object.assign(part, { pus: pa + part.hamil! + part.ias! + part.iat! + part.tial!, pa_pemerintah: pa - part.pa_swasta! });
    Object.assign(part, { gc_ke_iud: part.gc_ke_iud! + methods.reduce((a, m) => a + part[`gc_dari_${m.slice(3)}`]!, 0) - methods.reduce((a, m) => a + part[`gc_ke_${m.slice(3)}`]!, 0) });
    const sendPart = async (phone: string) => {
      await say(phone, '1');
      for (const g of sectionIII) await say(phone, g.fields.map((f) => String(part[f])).join(' '));
      let reply = await say(phone, 'KIRIM');
      for (let n = 0; n < 10 && reply.includes('Balas YA'); n++) reply = await say(phone, 'YA');
      expect(reply).toContain('terkirim');
    };
    for (let i = 0; i < names.length - 1; i++) await sendPart(`+62812345671${String(i).padStart(2, '0')}`);
    await say(P, '1');
    const first = GROUPS.findIndex((g) => g.section === 'III');
    const desa = { ...LARGE, sub_ppkbd_ada: 12, sub_ppkbd_lapor: 12 };
    let offer = '';
    for (let i = 0; i < first; i++) offer = await say(P, answer(i, desa));
    expect(offer).toContain('Sudah masuk 7 dari 12 dusun');
    await say(P, 'x');
    await say(P, 'BANTUAN');
    await say(P, 'BATAL');
    // The last two dusun report; the desa (9 dusun) enters its own numbers, every one different from the sum: C7.
    await sendPart(`+62812345671${String(names.length - 1).padStart(2, '0')}`);
    await sendPart('+6281234567002');
    await say(P, lapor({ ...LARGE, sub_ppkbd_ada: 9, sub_ppkbd_lapor: 9 }));
    const refused = await say(P, 'KIRIM');
    expect(refused).toContain('jumlah dari dusun');
    expect(refused).toContain('hal lain');
    expectAllShort(sent);
  });

  it('when people without the role ask for the recap, then their answer is short too', async () => {
    const { say, sent } = await bot(ALL_PARTS);
    for (const phone of [RESIDENT_PHONE, PKB_PHONE, DINAS_PHONE]) {
      await say(phone, 'LAPOR 11/2026 PUS=480');
      await say(phone, 'BANTUAN LAPOR 3');
      await say(phone, 'rekap');
    }
    expectAllShort(sent);
  });
});
