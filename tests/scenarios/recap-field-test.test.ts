// Issue 9, the monthly recap as cadres met it in the field test: dusun parts of a desa whose dusun are not all
// registered (1), whole numbers (7), Indonesian words only (11), short messages and paged help (12), example
// numbers that cannot be sent (13), partial LAPOR and the PUS balance at once (14), senders without the role
// (15), and choices answered in words or as a month (24). Through the real bot (harness).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPersonByPhone, setPersonActive } from '../../src/db/repos/people.repo.js';
import { findRecap, reopenPeriod } from '../../src/db/repos/recaps.repo.js';
import { importPeople } from '../../src/people/people-import.js';
import { activeGroups, DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { fromWita } from '../../src/time/wita.js';
import { Harness } from '../helpers/harness.js';
import { DINAS_PHONE, KOORD_PHONE, PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE as P, RESIDENT_PHONE, SUB_PPKBD_PHONE as SUB } from '../helpers/people.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';

const GROUPS = activeGroups(DEFAULT_RECAP_SETTINGS);
const FIELDS = GROUPS.flatMap((g) => g.fields);
const FIRST_III = GROUPS.findIndex((g) => g.section === 'III');
const AFTER_III = GROUPS.findIndex((g, n) => n > FIRST_III && g.section !== 'III');
const SECTION_III = GROUPS.filter((g) => g.section === 'III');
const answer = (i: number, values: Record<string, number> = CLEAN_RECAP) => GROUPS[i]!.fields.map((f) => String(values[f])).join(' ');
const lapor = (values: Record<string, number>, fields: readonly string[] = FIELDS) => `LAPOR 11/2026 ${fields.map((f) => `${f}=${values[f]}`).join(' ')}`;
const DESA = '73.06.06.2003';

let h: Harness;
beforeEach(async () => {
  // 2 December 2026, 09:00 WITA: November is the only open month.
  h = await Harness.create({ people: PEOPLE_CSV, start: fromWita(2026, 12, 2, 9, 0) });
});
afterEach(() => h.close());

/** A Sub-PPKBD sends her dusun's Section III in guided entry. */
async function sendPart(phone: string, values: Record<string, number>) {
  await h.reply(phone, '1');
  for (const g of SECTION_III) await h.reply(phone, g.fields.map((f) => String(values[f])).join(' '));
  return h.reply(phone, 'KIRIM');
}

// One dusun of a desa of about 4 dusun: a quarter of CLEAN_RECAP's Section III, balanced.
const BONTOA = { jml_keluarga: 160, pus: 120, pa_iud: 5, pa_mow: 1, pa_mop: 0, pa_implan: 8, pa_suntik: 30, pa_pil: 20, pa_kondom: 3, hamil: 6, ias: 15, iat: 18, tial: 14 };

describe('1. dusun parts when not every dusun is registered', () => {
  it('when the desa has 4 Sub-PPKBD and only the one registered dusun has reported, then the offer says 1 of 4 is in, names the others as not in, and the true desa total is accepted (no C7)', async () => {
    expect(await sendPart(SUB, BONTOA)).toContain('terkirim');
    await h.reply(P, '1');
    let offer = '';
    for (let i = 0; i < FIRST_III; i++) offer = await h.reply(P, answer(i));
    expect(offer).toContain('Sudah masuk 1 dari 4 dusun: Dusun Bontoa.');
    expect(offer).toContain('Belum masuk: 3 dusun lain.');
    expect(offer).toContain('baru sebagian');
    expect(offer).not.toContain('Semua dusun sudah masuk');
    // The PPKBD enters the whole desa herself; it differs from the one part, and that is right.
    expect(await h.reply(P, 'isi sendiri')).toContain(`(${FIRST_III + 1}/${GROUPS.length})`);
    for (let i = FIRST_III; i < GROUPS.length; i++) await h.reply(P, answer(i));
    const receipt = await h.reply(P, 'KIRIM');
    expect(receipt).toContain('Terima kasih!');
    expect(receipt).not.toContain('tidak cocok');
    expect(JSON.parse(findRecap(h.db, DESA, '2026-11', null)!.values).pus).toBe(CLEAN_RECAP.pus);
  });

  it('when the PPKBD uses a partial sum, then she is told it is partial at once and asked to confirm it at KIRIM, and her YA is stored with the recap', async () => {
    await sendPart(SUB, BONTOA);
    await h.reply(P, '1');
    for (let i = 0; i < FIRST_III; i++) await h.reply(P, answer(i));
    expect(await h.reply(P, '1')).toContain('baru dari 1 dari 4 dusun');
    for (let i = AFTER_III; i < GROUPS.length; i++) await h.reply(P, answer(i));
    const asked = await h.reply(P, 'KIRIM');
    expect(asked).toContain('sama dengan jumlah 1 dari 4 dusun saja');
    expect(asked).toContain('Balas YA jika benar');
    await h.reply(P, 'YA');
    const row = findRecap(h.db, DESA, '2026-11', null)!;
    expect(JSON.parse(row.warnings)).toContainEqual(expect.objectContaining({ rule: 'S9', answer: 'YA' }));
  });

  it('when a LAPOR message leaves Section III empty and a dusun part is in, then the dusun offer comes when Section III is reached', async () => {
    await sendPart(SUB, BONTOA);
    const first = GROUPS.slice(0, FIRST_III).flatMap((g) => g.fields);
    expect(await h.reply(P, lapor(CLEAN_RECAP, first))).toContain('Sudah masuk 1 dari 4 dusun: Dusun Bontoa.');
  });

  it('when a dusun is known but its Sub-PPKBD is no longer registered, then it is named among those not in yet', async () => {
    importPeople(h.db, 'phone,name,role,area,unit\n+6281234567031,Hasna,sub_ppkbd,73.06.06.2003,Dusun Borong\n', h.database.areas, 't', h.clock.now());
    setPersonActive(h.db, '+6281234567031', false, 't', h.clock.now());
    await sendPart(SUB, BONTOA);
    await h.reply(P, '1');
    let offer = '';
    for (let i = 0; i < FIRST_III; i++) offer = await h.reply(P, answer(i));
    expect(offer).toContain('Belum masuk: Dusun Borong dan 2 dusun lain.');
  });

  it('when every dusun the desa says it has has reported, then the offer says all are in and C7 holds the desa to their sum', async () => {
    const one = { ...CLEAN_RECAP, sub_ppkbd_ada: 1, sub_ppkbd_lapor: 1 };
    await sendPart(SUB, BONTOA);
    await h.reply(P, '1');
    let offer = '';
    for (let i = 0; i < FIRST_III; i++) offer = await h.reply(P, answer(i, one));
    expect(offer).toContain('Semua 1 dusun sudah masuk');
    await h.reply(P, '2');
    for (let i = FIRST_III; i < GROUPS.length; i++) await h.reply(P, answer(i, one));
    const refused = (await h.send(P, 'KIRIM')).map((m) => m.text);
    expect(refused[0]).toContain('Laporan belum bisa dikirim');
    expect(refused[0]).toContain('Dusun Bontoa 120');
    for (const text of refused) expect(text.length).toBeLessThanOrEqual(1000);
  });
});

describe('7. counts are whole numbers', () => {
  it('when LAPOR has TOKOH=6,5 and PUS=-480, then both are refused as "harus bilangan bulat, tidak boleh negatif" and neither is kept', async () => {
    const reply = await h.reply(P, 'LAPOR 11/2026 TOKOH=6,5 PUS=-480 RAKOR=2');
    expect(reply).toContain("Tokoh masyarakat/agama aktif KIE '6,5': harus bilangan bulat, tidak boleh negatif.");
    expect(reply).toContain("Jumlah PUS '-480': harus bilangan bulat, tidak boleh negatif.");
    expect(reply).not.toContain("'5'");
    await h.reply(P, 'BATAL');
    // Only what was refused is asked again: nothing of it was kept.
    const gap = await h.reply(P, lapor(CLEAN_RECAP, FIELDS.filter((f) => f !== 'jml_tokoh_aktif_kie' && f !== 'pus')));
    expect(gap).toContain('Masih kurang: tokoh.');
  });

  it('when a guided group gets "6,5" among its numbers, then the cadre is told it must be a whole number, not a wrong count', async () => {
    await h.reply(P, '1');
    await h.reply(P, answer(0));
    await h.reply(P, answer(1));
    const reply = await h.reply(P, '1 2 2 6,5');
    expect(reply).toContain('harus bilangan bulat, tidak boleh negatif');
    expect(reply).not.toContain('Perlu 4 angka');
    // "20,5,1,30" with no spaces is still four numbers.
    expect(await h.reply(P, '1,2,2,5')).toContain(`(4/${GROUPS.length})`);
  });

  it('when a single number is asked and "6,5" or "-480" comes, then the cadre is told it must be a whole number, not negative', async () => {
    await h.reply(P, '1');
    await h.reply(P, '1 2');
    await h.reply(P, '1 2 3'); // two miscounts: one at a time
    expect(await h.reply(P, '6,5')).toContain('harus bilangan bulat, tidak boleh negatif');
    expect(await h.reply(P, '-480')).toContain('harus bilangan bulat, tidak boleh negatif');
  });

  it('when "1,250" answers a question of two numbers, then the bot asks whether it is one number or two and stores nothing', async () => {
    await h.reply(P, '1');
    for (let i = 0; i < FIRST_III; i++) await h.reply(P, answer(i));
    const asked = await h.reply(P, '1,250');
    expect(asked).toContain('"1,250" bisa berarti satu angka (1250) atau beberapa angka (1 dan 250)');
    expect(asked).toContain(`(${FIRST_III + 1}/${GROUPS.length})`);
    const dotted = await h.reply(P, '1.250');
    expect(dotted).toContain('"1.250" bisa berarti satu angka (1250)');
    // With the second number there is no doubt, whichever separator is used.
    expect(await h.reply(P, '1,250 980')).toContain(`(${FIRST_III + 2}/${GROUPS.length})`);
    await h.reply(P, 'BATAL');
    await h.reply(P, 'LANJUT');
    await h.reply(P, 'BATAL');
  });

  it('when PUS=1,250 and PUS=1.250 come in fast entry, or 1.250 and 1,250 in guided entry, then each is 1250', async () => {
    for (const pus of ['1,250', '1.250']) {
      const others = FIELDS.filter((f) => f !== 'jml_keluarga' && f !== 'pus');
      expect(await h.reply(P, `${lapor(CLEAN_RECAP, others)} PUS=${pus}`)).toContain('Sudah ada PUS 1250.');
      await h.reply(P, 'BATAL');
    }
    await h.reply(P, lapor(CLEAN_RECAP));
    const line = GROUPS.findIndex((g) => g.id === 'pus') + 1;
    for (const [typed, read] of [
      ['1.600 1.250', 'Keluarga 1600, PUS 1250'],
      ['1,700 1,350', 'Keluarga 1700, PUS 1350'],
    ]) {
      await h.reply(P, `UBAH ${line}`);
      expect(await h.reply(P, typed!)).toContain(`${line}. ${read}`);
    }
  });
});

describe('11. cadres see Indonesian words only', () => {
  it('when a Sub-PPKBD sends a desa-only field by fast entry, then the message names it by its form label, never its internal name', async () => {
    const reply = await h.reply(SUB, 'LAPOR 11/2026 RAKOR=2 FREK_RAKOR_DESA=2 PUS=120');
    expect(reply).toContain('Frekuensi rakor desa bukan bagian laporan dusun');
    expect(reply).not.toMatch(/FREK_RAKOR_DESA|frek_rakor_desa/);
  });

  it('when fast entry has an unreadable part, then the message shows how to write it, without "KUNCI"', async () => {
    const reply = await h.reply(P, 'LAPOR 11/2026 IUD=20 MOW 5, oke');
    expect(reply).not.toContain('KUNCI');
    expect(reply).toContain('Maksud Anda MOW=5?');
  });

  it('when the summary and the unusual-number questions are shown, then "CPR", "unmet need" and field ids never appear', async () => {
    // W5 (PA share of PUS) and W6 (IAT + TIAL share) both fire.
    const odd = { ...CLEAN_RECAP, pa_suntik: 0, pa_pil: 0, pa_implan: 0, iat: CLEAN_RECAP.iat! + 230 };
    const texts = [await h.reply(P, lapor(odd))];
    let reply = await h.reply(P, 'KIRIM');
    for (let i = 0; i < 5 && reply.includes('Balas YA'); i++) {
      texts.push(reply);
      reply = await h.reply(P, 'YA');
    }
    expect(texts.length).toBeGreaterThan(2);
    const all = texts.join('\n');
    expect(all).not.toMatch(/\bCPR\b|unmet need|Unmet need/);
    expect(all).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    expect(all).toContain('kebutuhan ber-KB tidak terpenuhi');
  });
});

describe('12. short messages', () => {
  it('when BANTUAN LAPOR is asked, then it comes in short pages, each saying how to get the next', async () => {
    const first = await h.reply(P, 'BANTUAN LAPOR');
    expect(first).toMatch(/\*BANTUAN LAPOR \(1\/(\d)\)\*/);
    const pages = Number(/\(1\/(\d)\)/.exec(first)![1]);
    expect(pages).toBeGreaterThan(1);
    expect(first).toContain('Ketik BANTUAN LAPOR 2 untuk halaman berikutnya.');
    const all = [first];
    for (let n = 2; n <= pages; n++) all.push(await h.reply(P, `bantuan lapor ${n}`));
    for (const page of all) expect(page.length).toBeLessThanOrEqual(1000);
    expect(all.at(-1)).toContain('Ketik MENU');
    expect(all.join('\n')).toContain('TIAL = Tidak ingin anak lagi (TIAL)');
  });

  it('when BANTUAN is asked by a cadre, then it mentions sending the recap in one LAPOR message; a resident is not told', async () => {
    expect(await h.reply(P, 'BANTUAN')).toContain('LAPOR — kirim laporan bulanan sekaligus dalam satu pesan');
    expect(await h.reply(RESIDENT_PHONE, 'BANTUAN')).not.toContain('LAPOR —');
  });

  it('when the full recap is summarised, then the summary is one message under 1,000 characters with every line numbered', async () => {
    const summary = await h.reply(P, lapor(CLEAN_RECAP));
    expect(summary.length).toBeLessThanOrEqual(1000);
    for (let n = 1; n <= GROUPS.length; n++) expect(summary).toContain(`\n${n}. `);
  });

  it('when BANTUAN LAPOR is typed in the middle of the recap, then the help comes, the same question follows and the draft is kept', async () => {
    await h.reply(P, '1');
    await h.reply(P, answer(0));
    const reply = await h.reply(P, 'BANTUAN LAPOR');
    expect(reply).toContain('*BANTUAN LAPOR (1/');
    expect(reply).toContain(`(2/${GROUPS.length})`);
    expect(await h.reply(P, answer(1))).toContain(`(3/${GROUPS.length})`);
    await h.reply(P, 'BATAL');
    await h.reply(P, 'BANTUAN LAPOR 2');
    expect(await h.reply(P, 'LANJUT')).toContain(`(3/${GROUPS.length})`);
  });
});

describe('13. the example numbers cannot be sent', () => {
  it('when a cadre answers every question with its example, then the PUS does not balance and KIRIM is refused with a plain message about the examples', async () => {
    await h.reply(P, '1');
    let reply = '';
    const told: string[] = [];
    for (const group of GROUPS) told.push((reply = await h.reply(P, group.example)));
    expect(told.join('\n')).toContain('*Jumlah PUS belum seimbang*');
    expect(reply).toContain('*Ringkasan laporan November 2026*');
    const refused = await h.reply(P, 'KIRIM');
    expect(refused).toContain('sama persis dengan contoh di pertanyaan');
    expect(findRecap(h.db, DESA, '2026-11', null)).toBeUndefined();
  });

  it('when a Sub-PPKBD copies the examples of her dusun part, then it is refused too', async () => {
    await h.reply(SUB, '1');
    for (const group of SECTION_III) await h.reply(SUB, group.example);
    expect(await h.reply(SUB, 'KIRIM')).toContain('sama persis dengan contoh di pertanyaan');
  });
});

describe('14. partial LAPOR and the PUS balance', () => {
  it('when LAPOR gives part of a group, then only the missing numbers of that group are asked and the given ones are kept', async () => {
    const given = FIELDS.filter((f) => !['pa_mop', 'pa_implan', 'pa_suntik'].includes(f));
    const asked = await h.reply(P, lapor(CLEAN_RECAP, given));
    expect(asked).toContain('Peserta KB aktif: sudah ada IUD 20, MOW 5, Pil 80, Kondom 10.');
    expect(asked).toContain('Masih kurang: MOP, Implan, Suntik.');
    expect(asked).toContain('Balas 3 angka');
    const summary = await h.reply(P, '1 30 120');
    expect(summary).toContain('*Ringkasan laporan November 2026*');
    expect(summary).toContain('Peserta KB aktif: IUD 20, MOW 5, MOP 1, Implan 30, Suntik 120, Pil 80, Kondom 10');
  });

  it('when LAPOR gives one number of a group and then a second LAPOR gives another, then each asks only what is still missing', async () => {
    await h.reply(P, 'LAPOR 11/2026 PUS=480');
    await h.reply(P, 'BATAL');
    const next = await h.reply(P, 'LAPOR 11/2026 IUD=20');
    expect(next).toContain(`(1/${GROUPS.length})`);
    await h.reply(P, 'BATAL');
    const rest = FIELDS.filter((f) => f !== 'jml_keluarga' && f !== 'pus' && f !== 'pa_iud');
    const gap = await h.reply(P, lapor(CLEAN_RECAP, rest));
    expect(gap).toContain('Sudah ada PUS 480.');
    expect(gap).toContain('Masih kurang: Keluarga.');
    expect(gap).not.toContain('IUD');
  });

  it('when LAPOR is sent at the summary, then its numbers replace those lines and the rest is kept', async () => {
    await h.reply(P, lapor(CLEAN_RECAP));
    const summary = await h.reply(P, 'LAPOR RAKOR=3 TOKOH=7');
    expect(summary).toContain('3. Kegiatan: rakor 3, penyuluhan 2, KIE Kit 2, tokoh 7');
    expect(summary).toContain('4. Keluarga 620, PUS 480');
  });

  it('when LAPOR brings a Section III that does not balance, then the PUS balance is reported at once, not only at KIRIM', async () => {
    const reply = await h.reply(P, lapor({ ...CLEAN_RECAP, pus: 500 }));
    expect(reply).toContain('*Jumlah PUS belum seimbang*');
    expect(reply).toContain('PUS 500');
    expect(reply).toContain('*Ringkasan laporan November 2026*');
  });

  it('when guided Section III does not balance, then the cadre is told at once with the lines to fix, and UBAH from the next question fixes it and comes back there', async () => {
    await h.reply(P, '1');
    let reply = '';
    for (let i = 0; i < AFTER_III; i++) reply = await h.reply(P, answer(i, { ...CLEAN_RECAP, pus: 470 }));
    expect(reply).toContain('*Jumlah PUS belum seimbang*');
    expect(reply).toContain('PUS 470, tetapi');
    expect(reply).toContain(`UBAH dan nomor baris (${FIRST_III + 1} Keluarga dan PUS,`);
    expect(reply).toContain(`(${AFTER_III + 1}/${GROUPS.length})`);
    expect(await h.reply(P, `UBAH ${FIRST_III + 1}`)).toContain('Sekarang: 620 470');
    const fixed = await h.reply(P, answer(FIRST_III));
    expect(fixed).not.toContain('belum seimbang');
    expect(fixed).toContain('Baik, jumlah PUS sekarang sudah seimbang.');
    expect(fixed).toContain(`(${AFTER_III + 1}/${GROUPS.length})`);
  });
});

describe('15. senders without the role', () => {
  it.each([
    ['a resident', RESIDENT_PHONE, 'PKB'],
    ['a PKB', PKB_PHONE, 'Periksa laporan desa'],
    ['a koordinator', KOORD_PHONE, 'Periksa laporan desa'],
    ['a Dinas officer', DINAS_PHONE, 'DPPKB'],
  ])('when %s sends LAPOR, BANTUAN LAPOR or asks for the monthly recap, then they are told plainly who sends it and whom to ask, not shown the menu', async (_who, phone, whom) => {
    for (const text of ['LAPOR 11/2026 PUS=480 IUD=20', 'BANTUAN LAPOR', 'laporan bulanan', 'lapor']) {
      const reply = await h.reply(phone, text);
      expect(reply).toContain('Laporan bulanan hanya bisa dikirim oleh PPKBD atau Sub-PPKBD yang terdaftar.');
      expect(reply).toContain(whom);
      expect(reply).not.toContain('Pilih menu dengan membalas angkanya');
    }
    expect(findRecap(h.db, DESA, '2026-11', null)).toBeUndefined();
  });

  it('when a resident writes "lapor" with words that are not recap numbers, then it is not taken for the recap', async () => {
    expect(await h.reply(RESIDENT_PHONE, 'lapor 2 orang belum dilayani')).toContain('Pilih menu dengan membalas angkanya');
  });
});

describe('24. choices answered in words, months in any form', () => {
  function reopenOctober() {
    const pkb = findPersonByPhone(h.db, PKB_PHONE)!;
    reopenPeriod(h.db, DESA, '2026-10', pkb.id, h.clock.now(), fromWita(2026, 12, 9, 9, 0));
  }

  it('when only one month is open, then it is named and not asked', async () => {
    const reply = await h.reply(P, 'laporan bulanan');
    expect(reply).toContain('*Laporan bulanan November 2026*');
    expect(reply).not.toContain('Untuk bulan apa?');
  });

  it.each(['nov', '11/2026', 'November 2026', '1'])(
    'when only one month is open and the cadre still answers it (%j), then she is told it is chosen and the first question follows, with no wrong answer counted',
    async (typed) => {
      await h.reply(P, '1');
      const reply = await h.reply(P, typed);
      expect(reply).toContain('Baik, laporan November 2026. Sekarang isi angkanya.');
      expect(reply).toContain(`(1/${GROUPS.length}) *I. Keadaan Umum*`);
      expect(reply).not.toContain('Maaf');
      expect(await h.reply(P, answer(0))).toContain(`(2/${GROUPS.length})`);
    },
  );

  it.each(['11/2026', '11-2026', 'November', 'nov', 'nov 2026', 'bulan 11', '1'])(
    'when two months are open and the cadre answers %j, then November is chosen',
    async (typed) => {
      reopenOctober();
      const asked = await h.reply(P, '1');
      expect(asked).toContain('Untuk bulan apa?\n1. November 2026\n2. Oktober 2026');
      const reply = await h.reply(P, typed);
      expect(reply).toContain(`(1/${GROUPS.length}) *I. Keadaan Umum*`);
      await h.reply(P, 'BATAL');
      expect(await h.reply(P, `LAPOR ${typed === '1' ? '11/2026' : typed} PUS=480`)).not.toContain('tidak terbuka');
    },
  );

  it('when the month answer fits no open month, then the example comes from the months shown, never "misalnya 25"', async () => {
    reopenOctober();
    await h.reply(P, '1');
    const reply = await h.reply(P, 'desember');
    expect(reply).toContain('balas angka antara 1 dan 2, atau tulis bulannya (misalnya november atau 11/2026).');
    expect(reply).not.toContain('misalnya 25');
  });

  it('when the dusun offer is answered with the option\'s words, then it is understood', async () => {
    await sendPart(SUB, BONTOA);
    await h.reply(P, '1');
    for (let i = 0; i < FIRST_III; i++) await h.reply(P, answer(i));
    expect(await h.reply(P, 'Isi sendiri angka seluruh desa')).toContain(`(${FIRST_III + 1}/${GROUPS.length})`);
  });

  it('when a PKB reopens a month, then the desa is taken by name and the month as a month', async () => {
    h.clock.set(fromWita(2026, 12, 20, 9, 0));
    expect(await h.reply(PKB_PHONE, 'buka kembali')).toContain('Buka kembali laporan untuk desa mana?');
    expect(await h.reply(PKB_PHONE, 'pakato')).toContain('Bulan apa?');
    expect(await h.reply(PKB_PHONE, 'nov')).toContain('Buka kembali laporan November 2026 untuk Desa Pakatto, Kec. Bontomarannu');
  });

  it('when a PKB picks a recap to review by the desa name, then that recap is shown', async () => {
    await h.reply(P, 'laporan bulanan');
    for (let i = 0; i < GROUPS.length; i++) await h.reply(P, answer(i));
    await h.send(P, 'KIRIM');
    expect(await h.reply(PKB_PHONE, 'periksa laporan')).toContain('*Laporan menunggu diperiksa*');
    expect(await h.reply(PKB_PHONE, 'Pakatto')).toContain('*Desa Pakatto, Kec. Bontomarannu — November 2026*');
  });

  it('when a resident answers a case question with a slightly misspelt option, then it is understood', async () => {
    await h.reply(RESIDENT_PHONE, '1');
    await h.reply(RESIDENT_PHONE, 'Pakatto');
    await h.reply(RESIDENT_PHONE, '0');
    expect(await h.reply(RESIDENT_PHONE, 'Ingin menunda kehamilan')).toContain('(4/6)');
    expect(await h.reply(RESIDENT_PHONE, 'suntikk')).toContain('(5/6)');
  });
});
