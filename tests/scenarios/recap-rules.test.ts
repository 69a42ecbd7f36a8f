// Every hard rule blocks KIRIM with the numbers named and then recovers; every soft rule is asked and its
// confirmation stored. All optional parts on, so the rules that need them (C2, C8, W1) can speak.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRecap, saveSubmission } from '../../src/db/repos/recaps.repo.js';
import { activeGroups, type RecapSettings } from '../../src/domain/recap/fields.js';
import { findPersonByPhone } from '../../src/db/repos/people.repo.js';
import { fromWita } from '../../src/time/wita.js';
import { Harness } from '../helpers/harness.js';
import { PEOPLE_CSV, PPKBD_PHONE as P } from '../helpers/people.js';
import { CLEAN_RECAP_ALL_PARTS as CLEAN } from '../helpers/recap-fixture.js';

const SETTINGS: RecapSettings = { pusRule: 'C3', parts: { flows: true, channel: true, mal_traditional: true } };
const GROUPS = activeGroups(SETTINGS);
const FIELDS = GROUPS.flatMap((g) => g.fields);
const lineOf = (field: string) => GROUPS.findIndex((g) => g.fields.includes(field)) + 1;
const groupAnswer = (field: string, values: Record<string, number>) => GROUPS[lineOf(field) - 1]!.fields.map((f) => values[f]).join(' ');
const lapor = (values: Record<string, number>, extra = '') => `LAPOR 11/2026 ${FIELDS.map((f) => `${f}=${values[f]}`).join(' ')} ${extra}`;

let h: Harness;
beforeEach(async () => {
  h = await Harness.create({ people: PEOPLE_CSV, start: fromWita(2026, 12, 2, 9, 0), recap: { settings: SETTINGS, calendar: { dueDay: 3, closeDay: 15 } } });
});
afterEach(() => h.close());

async function sendUntilReceipt(): Promise<string[]> {
  const asked: string[] = [];
  let reply = await h.reply(P, 'KIRIM');
  for (let i = 0; i < 10 && reply.includes('Balas YA jika benar'); i++) {
    asked.push(reply);
    reply = await h.reply(P, 'YA');
  }
  expect(reply).toContain('Terima kasih!');
  return asked;
}

describe('hard rules block, name the numbers, and recover', () => {
  it('when the clean recap with every part is sent, then nothing blocks or warns', async () => {
    await h.reply(P, lapor(CLEAN));
    expect(await sendUntilReceipt()).toEqual([]);
  });

  const cases: [string, string, number, RegExp][] = [
    ['C2 (channel ≠ PA)', 'pa_pemerintah', CLEAN.pa_pemerintah! + 5, /jalur/i],
    ['C3 (PUS balance)', 'pus', CLEAN.pus! + 2, /PUS \d+, tetapi/],
    ['C5 (PA above PUS)', 'pa_suntik', 900, /lebih besar dari jumlah PUS/],
    ['C6 (lapor above ada)', 'bkb_lapor', CLEAN.bkb_ada! + 1, /BKB/],
    ['C6 (poktan nesting)', 'bkr_keluarga_anggota', CLEAN.bkr_keluarga_sasaran! + 10, /BKR/],
    ['C6 (UPPKA nesting)', 'uppka_pus_kb', CLEAN.uppka_pus! + 1, /UPPKA/],
    ['C8 (ganti cara net zero)', 'gc_dari_pil', CLEAN.gc_dari_pil! + 3, /[Gg]anti cara/],
  ];

  it.each(cases)('when %s is broken, then KIRIM is refused and UBAH of that line recovers', async (_name, field, value, message) => {
    await h.reply(P, lapor({ ...CLEAN, [field]: value }));
    const refused = await h.reply(P, 'KIRIM');
    expect(refused).toContain('Laporan belum bisa dikirim');
    expect(refused).toMatch(message);
    expect(refused).toContain(String(value));
    await h.reply(P, `UBAH ${lineOf(field)}`);
    await h.reply(P, groupAnswer(field, CLEAN));
    await sendUntilReceipt();
    expect(JSON.parse(findRecap(h.db, '73.06.06.2003', '2026-11', null)!.values)[field]).toBe(CLEAN[field]);
  });

  it('when C1 is broken (a typed PA total that is not the sum), then KIRIM is refused, and a corrected LAPOR recovers', async () => {
    await h.reply(P, lapor(CLEAN, 'PA=999'));
    const refused = await h.reply(P, 'KIRIM');
    expect(refused).toContain('Total peserta KB aktif ditulis 999');
    await h.reply(P, 'BATAL');
    const pa = ['pa_iud', 'pa_mow', 'pa_mop', 'pa_implan', 'pa_suntik', 'pa_pil', 'pa_kondom', 'pa_mal', 'pa_lain'].reduce((a, f) => a + CLEAN[f]!, 0);
    expect(await h.reply(P, `LAPOR 11/2026 PA=${pa}`)).toContain('*Ringkasan laporan November 2026*');
    await sendUntilReceipt();
  });

  it('when someone types an unmet-need number (C4), then it is refused: unmet need is always computed', async () => {
    const reply = await h.reply(P, `${lapor(CLEAN)} UNMET=5`);
    expect(reply).toContain('UNMET');
    expect(reply).toContain(`kebutuhan ber-KB tidak terpenuhi ${CLEAN.iat! + CLEAN.tial!}`);
  });
});

describe('soft rules are asked and stored', () => {
  function storePrevious(values: Record<string, number>) {
    const reporter = findPersonByPhone(h.db, P)!;
    saveSubmission(h.db, { desaCode: '73.06.06.2003', period: '2026-10', unitId: null, values, warnings: [], reporterId: reporter.id, late: false, now: h.clock.now() });
  }
  // Keeps the channel split (C2) consistent with the changed methods, so only the soft rule speaks.
  const moved = (changes: Record<string, number>) => {
    const values = { ...CLEAN, ...changes };
    const pa = ['pa_iud', 'pa_mow', 'pa_mop', 'pa_implan', 'pa_suntik', 'pa_pil', 'pa_kondom', 'pa_mal', 'pa_lain'].reduce((a, f) => a + values[f]!, 0);
    return { ...values, pa_pemerintah: pa - values.pa_swasta! };
  };

  const cases: [string, Record<string, number>, Record<string, number> | null][] = [
    ['W1', moved({ pb_suntik: CLEAN.pb_suntik! + 30 }), CLEAN],
    ['W2', CLEAN, moved({ pus: CLEAN.pus! - 60 })],
    ['W3', CLEAN, moved({ pa_mow: CLEAN.pa_mow! + 3 })],
    ['W4', moved({ jml_keluarga: 300 }), null],
    ['W5', moved({ pa_suntik: 0, pa_pil: 0, ias: CLEAN.ias! + CLEAN.pa_suntik! + CLEAN.pa_pil! }), null],
    ['W6', moved({ pa_suntik: CLEAN.pa_suntik! - 100, iat: CLEAN.iat! + 100 }), null],
    ['W7', moved({ pa_implan: CLEAN.pa_implan! + CLEAN.pa_suntik! + CLEAN.pa_pil!, pa_suntik: 0, pa_pil: 0 }), null],
    ['W8', moved({ jml_keluarga: 5000, pus: CLEAN.pus! + 5600, ias: CLEAN.ias! + 5600 }), null],
    ['W9', moved({ pus: CLEAN.pus! - CLEAN.hamil! - CLEAN.ias! - CLEAN.iat! - CLEAN.tial!, hamil: 0, ias: 0, iat: 0, tial: 0 }), null],
  ];

  it('when more IAT/TIAL cases were reported this month than the recap counts (W10), then it is asked and stored', async () => {
    const { createCase } = await import('../../src/db/repos/cases.repo.js');
    for (let i = 0; i < 2; i++) {
      createCase(
        h.db,
        { desaCode: '73.06.06.2003', place: null, category: 'IAT', methodWanted: 'pil', reasons: '["biaya"]', consentToContact: false, reporterKey: `+62852999900${i}`, reporterAddress: null },
        2026,
        fromWita(2026, 11, 20, 9, 0),
      );
    }
    await h.reply(P, lapor(moved({ ias: CLEAN.ias! + CLEAN.iat! + CLEAN.tial! - 1, iat: 0, tial: 1 })));
    await sendUntilReceipt();
    const warnings = JSON.parse(findRecap(h.db, '73.06.06.2003', '2026-11', null)!.warnings) as { rule: string }[];
    expect(warnings.map((w) => w.rule)).toContain('W10');
  });

  it.each(cases)('when %s applies, then the cadre is asked YA/UBAH and the answer is stored with the warning', async (rule, values, previous) => {
    if (previous) storePrevious(previous);
    await h.reply(P, lapor(values));
    const asked = await sendUntilReceipt();
    expect(asked.length).toBeGreaterThan(0);
    const warnings = JSON.parse(findRecap(h.db, '73.06.06.2003', '2026-11', null)!.warnings) as { rule: string; answer: string }[];
    expect(warnings).toContainEqual(expect.objectContaining({ rule, answer: 'YA' }));
  });
});
