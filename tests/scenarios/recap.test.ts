// The monthly village recap through the real bot: guided entry, summary, UBAH, rules, drafts, restart, expiry,
// submission with receipt and the PKB's notification.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRecap, recapHistory } from '../../src/db/repos/recaps.repo.js';
import { activeGroups, DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { fromWita } from '../../src/time/wita.js';
import { Harness } from '../helpers/harness.js';
import { PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE as P } from '../helpers/people.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';

const GROUPS = activeGroups(DEFAULT_RECAP_SETTINGS);
const answer = (groupIndex: number, values: Record<string, number> = CLEAN_RECAP) =>
  GROUPS[groupIndex]!.fields.map((f) => String(values[f])).join(' ');

let h: Harness;
beforeEach(async () => {
  // 2 December 2026, 09:00 WITA: November is open and not yet due.
  h = await Harness.create({ people: PEOPLE_CSV, start: fromWita(2026, 12, 2, 9, 0) });
});
afterEach(() => h.close());

async function enterAll(from = 0, values: Record<string, number> = CLEAN_RECAP): Promise<string> {
  let last = '';
  for (let i = from; i < GROUPS.length; i++) last = await h.reply(P, answer(i, values));
  return last;
}

describe('guided recap', () => {
  it('when a PPKBD fills every group and sends, then the recap is stored, she gets a receipt and her PKB is told', async () => {
    // Only November is open: it is named, not asked.
    const first = await h.reply(P, '1');
    expect(first).toContain('*Laporan bulanan November 2026*');
    expect(first).toContain(`(1/${GROUPS.length}) *I. Keadaan Umum*`);
    expect(first).not.toContain('Untuk bulan apa?');
    const summary = await enterAll(1 - 1);
    expect(summary).toContain('*Ringkasan laporan November 2026*');
    expect(summary).toContain('Desa Pakatto, Kec. Bontomarannu');
    expect(summary).toContain('Balas KIRIM');
    const sent = await h.send(P, 'KIRIM');
    const receipt = sent.find((m) => m.to === P)!.text;
    expect(receipt).toContain('Terima kasih! Laporan November 2026 terkirim (versi 1).');
    expect(receipt).toMatch(/Kode tanda terima: \*2611-062003-v1\*/);
    expect(receipt).toContain('Peserta KB aktif 266 dari 480 PUS (55,4%).');
    expect(receipt).toContain('PUS yang ingin ber-KB tetapi belum ber-KB: 129 (26,9%).');
    expect(receipt).toContain('Diteruskan ke Andi Baso (PKB).');
    expect(receipt).not.toMatch(/CPR|unmet need/i);
    const toPkb = sent.filter((m) => m.to === PKB_PHONE);
    expect(toPkb).toHaveLength(1);
    expect(toPkb[0]!.text).toContain('Rekap November 2026 masuk dari Siti Aminah (PPKBD)');
    const row = findRecap(h.db, '73.06.06.2003', '2026-11', null)!;
    expect(row).toMatchObject({ status: 'submitted', version: 1, late: false });
    expect(JSON.parse(row.values)).toEqual(Object.fromEntries(GROUPS.flatMap((g) => g.fields).map((f) => [f, CLEAN_RECAP[f]])));
  });

  it('when a group gets the wrong number of values twice, then the bot asks its fields one at a time', async () => {
    await h.reply(P, '1');
    expect(await h.reply(P, '1 2')).toContain('Perlu 7 angka, tetapi Anda mengirim 2.');
    const single = await h.reply(P, '1 2 3');
    expect(single).toContain('Kita isi satu per satu saja (7 angka).');
    expect(single).toContain('PPKBD yang ada? (1 dari 7)');
    let reply = '';
    for (const f of GROUPS[0]!.fields) reply = await h.reply(P, String(CLEAN_RECAP[f]));
    expect(reply).toContain(`(2/${GROUPS.length})`);
  });

  it('when UBAH n is sent on the summary, then line n is asked again and the summary comes back with the new value', async () => {
    await h.reply(P, '1');
    await enterAll();
    const line = GROUPS.findIndex((g) => g.id === 'operasional') + 1;
    expect(await h.reply(P, `UBAH ${line}`)).toContain('Frekuensi rakor desa');
    const summary = await h.reply(P, '2 2 2 6');
    expect(summary).toContain(`${line}. Kegiatan: rakor 2, penyuluhan 2, KIE Kit 2, tokoh 6`);
  });

  it('when BATAL is sent mid-recap and LANJUT later, then no answer is lost', async () => {
    await h.reply(P, '1');
    await h.reply(P, answer(0));
    await h.reply(P, answer(1));
    expect(await h.reply(P, 'BATAL')).toContain('tersimpan sebagai draf');
    expect(await h.reply(P, 'LANJUT')).toContain(`(3/${GROUPS.length})`);
    const summary = await enterAll(2);
    expect(summary).toContain(`1. Yang ada: PPKBD ${CLEAN_RECAP.ppkbd_ada}`);
  });

  it('when the bot restarts mid-recap, then the cadre continues at the same question', async () => {
    await h.reply(P, '1');
    await h.reply(P, answer(0));
    await h.restart();
    expect(await h.reply(P, answer(1))).toContain(`(3/${GROUPS.length})`);
  });

  it('when the conversation expires mid-recap, then LANJUT resumes it with the answers kept', async () => {
    await h.reply(P, '1');
    await h.reply(P, answer(0));
    h.clock.advance(4 * 24 * 3600_000);
    expect(await h.reply(P, answer(1))).toContain('sudah ditutup');
    expect(await h.reply(P, 'LANJUT')).toContain(`(2/${GROUPS.length})`);
  });

  it('when the PUS does not balance (C3), then the cadre is told as soon as Section III is in, KIRIM is refused naming the numbers, and UBAH fixes it', async () => {
    await h.reply(P, '1');
    const wrong = { ...CLEAN_RECAP, pus: CLEAN_RECAP.pus! + 2 };
    const lastIII = GROUPS.findLastIndex((g) => g.section === 'III');
    let reply = '';
    for (let i = 0; i <= lastIII; i++) reply = await h.reply(P, answer(i, wrong));
    // Told at once, with the next question: the cadre goes on and fixes it later.
    expect(reply).toContain('*Jumlah PUS belum seimbang*');
    expect(reply).toContain(`PUS ${wrong.pus}`);
    expect(reply).toContain(`(${lastIII + 2}/${GROUPS.length})`);
    await enterAll(lastIII + 1, wrong);
    const refused = await h.reply(P, 'KIRIM');
    expect(refused).toContain('Laporan belum bisa dikirim');
    expect(refused).toContain(`PUS ${wrong.pus}`);
    const pusLine = GROUPS.findIndex((g) => g.id === 'pus') + 1;
    await h.reply(P, `UBAH ${pusLine}`);
    await h.reply(P, answer(pusLine - 1));
    expect((await h.send(P, 'KIRIM')).some((m) => m.text.includes('Terima kasih!'))).toBe(true);
  });

  it('when a number is outside plausible bounds, then it never passes', async () => {
    await h.reply(P, '1');
    expect(await h.reply(P, '1 4 12 3 2 1 99999')).toContain('terlalu besar');
  });

  it('when a recap is corrected, then a new version is stored and the PKB is sent what changed', async () => {
    await h.reply(P, '1');
    await enterAll();
    await h.send(P, 'KIRIM');
    expect(await h.reply(P, '1')).toContain('sudah pernah dikirim (versi 1)');
    const line = GROUPS.findIndex((g) => g.id === 'operasional') + 1;
    await h.reply(P, `UBAH ${line}`);
    await h.reply(P, '3 2 2 5');
    const sent = await h.send(P, 'KIRIM');
    expect(sent.find((m) => m.to === P)!.text).toContain('(versi 2)');
    expect(sent.find((m) => m.to === PKB_PHONE)!.text).toContain(`Frekuensi rakor desa: ${CLEAN_RECAP.frek_rakor_desa} → 3`);
    const row = findRecap(h.db, '73.06.06.2003', '2026-11', null)!;
    expect(recapHistory(h.db, row.id).map((e) => [e.change, e.version])).toEqual([
      ['submitted', 1],
      ['corrected', 2],
    ]);
  });

  it('when a recap is sent after the due day, then it is marked late', async () => {
    h.clock.set(fromWita(2026, 12, 5, 9, 0));
    await h.reply(P, '1');
    await enterAll();
    expect((await h.send(P, 'KIRIM')).find((m) => m.to === P)!.text).toContain('terlambat');
    expect(findRecap(h.db, '73.06.06.2003', '2026-11', null)!.late).toBe(true);
  });

  it('when the period is closed (after the 15th), then the cadre is told no period is open', async () => {
    h.clock.set(fromWita(2026, 12, 16, 9, 0));
    expect(await h.reply(P, '1')).toContain('tidak ada periode laporan yang terbuka');
  });
});

const fastLine = (values: Record<string, number>, fields: readonly string[]) =>
  fields.map((f) => `${f}=${values[f]}`).join(' ');

describe('fast entry', () => {
  const allFields = GROUPS.flatMap((g) => g.fields);

  it('when the whole recap comes in one LAPOR message, then the summary follows and the stored record equals the guided one', async () => {
    const summary = await h.reply(P, `LAPOR 11/2026 ${fastLine(CLEAN_RECAP, allFields)}`);
    expect(summary).toContain('*Ringkasan laporan November 2026*');
    await h.send(P, 'KIRIM');
    const fast = JSON.parse(findRecap(h.db, '73.06.06.2003', '2026-11', null)!.values);
    expect(fast).toEqual(Object.fromEntries(allFields.map((f) => [f, CLEAN_RECAP[f]])));
  });

  it('when a LAPOR message has errors and gaps, then every error is listed at once and the gaps are asked in guided mode', async () => {
    const reply = await h.reply(P, 'lapor nov 2026 pus=480 keluarga=620 iud=dua XYZ=4 mow=5');
    expect(reply).toContain('Ada 2 hal yang perlu diperbaiki');
    expect(reply).toContain('IUD');
    expect(reply).toContain('XYZ');
    expect(reply).toContain(`(1/${GROUPS.length}) *I. Keadaan Umum*`);
  });

  it('when BANTUAN LAPOR is sent, then the keys are explained', async () => {
    const help = await h.reply(P, 'bantuan lapor');
    expect(help).toContain('LAPOR 11/2026 PUS=480 IUD=20 MOW=5');
    expect(help).toContain('PUS');
  });

  it('when a resident sends LAPOR, then it is not a recap and she is told who sends it', async () => {
    const reply = await h.reply('+6285299990001', 'LAPOR PUS=480');
    expect(reply).toContain('hanya bisa dikirim oleh PPKBD atau Sub-PPKBD yang terdaftar');
    expect(reply).not.toContain('Selamat datang');
  });
});

describe('soft rules', () => {
  it('when a number is unusual, then the cadre is asked YA/UBAH and the confirmation is stored with the recap', async () => {
    // W4: more than 1.3 couples per family.
    const unusual = { ...CLEAN_RECAP, jml_keluarga: 300 };
    await h.reply(P, `LAPOR 11/2026 ${fastLine(unusual, allFieldsOf())}`);
    const asked = await h.reply(P, 'KIRIM');
    expect(asked).toContain('Balas YA jika benar');
    const sent = await h.send(P, 'YA');
    expect(sent.some((m) => m.text.includes('Terima kasih!'))).toBe(true);
    const warnings = JSON.parse(findRecap(h.db, '73.06.06.2003', '2026-11', null)!.warnings);
    expect(warnings).toEqual([expect.objectContaining({ rule: 'W4', answer: 'YA' })]);
  });

  it('when the cadre answers UBAH to a warning, then the line is asked again and the warning disappears when fixed', async () => {
    const unusual = { ...CLEAN_RECAP, jml_keluarga: 300 };
    await h.reply(P, `LAPOR 11/2026 ${fastLine(unusual, allFieldsOf())}`);
    await h.reply(P, 'KIRIM');
    const pusLine = GROUPS.findIndex((g) => g.id === 'pus') + 1;
    await h.reply(P, `UBAH ${pusLine}`);
    await h.reply(P, answer(pusLine - 1));
    const sent = await h.send(P, 'KIRIM');
    expect(sent.some((m) => m.text.includes('Terima kasih!'))).toBe(true);
    expect(JSON.parse(findRecap(h.db, '73.06.06.2003', '2026-11', null)!.warnings)).toEqual([]);
  });
});

function allFieldsOf(): string[] {
  return GROUPS.flatMap((g) => g.fields);
}

describe('review by the PKB', () => {
  async function submitClean() {
    await h.reply(P, `LAPOR 11/2026 ${fastLine(CLEAN_RECAP, allFieldsOf())}`);
    await h.send(P, 'KIRIM');
  }

  it('when the PKB returns a recap, the cadre corrects and resubmits, and the PKB verifies, then versions and messages are right', async () => {
    await submitClean();
    expect(await h.reply(PKB_PHONE, '1')).toContain('1. Desa Pakatto, Kec. Bontomarannu — November 2026 (versi 1)');
    expect(await h.reply(PKB_PHONE, '1')).toContain('1. Verifikasi (laporan dikunci)');
    expect(await h.reply(PKB_PHONE, '2')).toContain('Tulis alasan pengembalian');
    const returned = await h.send(PKB_PHONE, 'Rakor desa bulan ini 2 kali');
    expect(returned.find((m) => m.to === P)!.text).toContain('dikembalikan oleh Andi Baso untuk diperbaiki.\nAlasan: Rakor desa bulan ini 2 kali');
    expect(returned.find((m) => m.to === PKB_PHONE)!.text).toContain('dikembalikan ke PPKBD');

    expect(await h.reply(P, '1')).toContain('dikembalikan PKB');
    const line = GROUPS.findIndex((g) => g.id === 'operasional') + 1;
    await h.reply(P, `UBAH ${line}`);
    await h.reply(P, `2 ${CLEAN_RECAP.frek_penyuluhan_pkb} ${CLEAN_RECAP.frek_kie_kit} ${CLEAN_RECAP.jml_tokoh_aktif_kie}`);
    const resent = await h.send(P, 'KIRIM');
    expect(resent.find((m) => m.to === PKB_PHONE)!.text).toContain(`Frekuensi rakor desa: ${CLEAN_RECAP.frek_rakor_desa} → 2`);

    await h.reply(PKB_PHONE, 'menu');
    await h.reply(PKB_PHONE, '1');
    expect(await h.reply(PKB_PHONE, '1')).toContain('versi 2');
    const verified = await h.send(PKB_PHONE, '1');
    expect(verified.find((m) => m.to === P)!.text).toContain('sudah diverifikasi oleh Andi Baso dan dikunci');

    const row = findRecap(h.db, '73.06.06.2003', '2026-11', null)!;
    expect(row).toMatchObject({ status: 'verified', version: 2 });
    expect(recapHistory(h.db, row.id).map((e) => [e.change, e.version])).toEqual([
      ['submitted', 1],
      ['returned', 1],
      ['corrected', 2],
      ['verified', 2],
    ]);
    // Verified means locked.
    expect(await h.reply(P, '1')).toContain('sudah diverifikasi PKB dan terkunci');
  });

  it('when a PKB of other desa looks for recaps, then the desa outside their binaan is not there, and a forged review is refused', async () => {
    const other = '+6281234567099';
    const { importPeople } = await import('../../src/people/people-import.js');
    importPeople(h.db, `phone,name,role,area,unit\n${other},PKB Lain,pkb,73.06.06.2005,\n`, h.database.areas, 't', h.clock.now());
    await submitClean();
    expect(await h.reply(other, '1')).toContain('Tidak ada laporan desa yang menunggu diperiksa');
    const { recapReviewedHandler } = await import('../../src/bot/features/recap-review.js');
    const { DEFAULT_RECAP } = await import('../../src/bot/bot.js');
    const { findActivePersonByPhone } = await import('../../src/db/repos/people.repo.js');
    const { actorOf } = await import('../../src/bot/actor.js');
    const { silentLogger } = await import('../../src/logger.js');
    const row = findRecap(h.db, '73.06.06.2003', '2026-11', null)!;
    h.db.transaction((tx) =>
      recapReviewedHandler(DEFAULT_RECAP.settings, DEFAULT_RECAP.calendar)(tx, { type: 'recap_reviewed', recapId: row.id, version: 1, decision: 'verified', reason: null }, {
        now: h.clock.now(),
        areas: h.database.areas,
        actor: actorOf(findActivePersonByPhone(tx, other)),
        replyTo: other,
        senderKey: other,
        inboundId: null,
        logger: silentLogger(),
      }),
    );
    expect(findRecap(h.db, '73.06.06.2003', '2026-11', null)!.status).toBe('submitted');
  });
});

describe('dusun parts', () => {
  const SUBS = [
    ['+6281234567002', { jml_keluarga: 200, pus: 160, pa_iud: 7, pa_mow: 2, pa_mop: 0, pa_implan: 10, pa_suntik: 40, pa_pil: 27, pa_kondom: 3, hamil: 8, ias: 20, iat: 23, tial: 20 }],
    ['+6281234567012', { jml_keluarga: 210, pus: 160, pa_iud: 6, pa_mow: 2, pa_mop: 1, pa_implan: 10, pa_suntik: 40, pa_pil: 26, pa_kondom: 4, hamil: 9, ias: 20, iat: 22, tial: 20 }],
    ['+6281234567013', { jml_keluarga: 210, pus: 160, pa_iud: 7, pa_mow: 1, pa_mop: 0, pa_implan: 10, pa_suntik: 40, pa_pil: 27, pa_kondom: 3, hamil: 8, ias: 20, iat: 25, tial: 19 }],
  ] as const;

  beforeEach(async () => {
    const { importPeople } = await import('../../src/people/people-import.js');
    const report = importPeople(
      h.db,
      'phone,name,role,area,unit\n+6281234567012,Nurul,sub_ppkbd,73.06.06.2003,Dusun Borong\n+6281234567013,Ratna,sub_ppkbd,73.06.06.2003,Dusun Tamalate\n',
      h.database.areas,
      't',
      h.clock.now(),
    );
    expect(report.ok).toBe(true);
  });

  // This desa has three Sub-PPKBD (Section I says so), all registered.
  const THREE = { ...CLEAN_RECAP, sub_ppkbd_ada: 3, sub_ppkbd_lapor: 3 };

  async function sendPart(phone: string, values: Record<string, number>) {
    const dusun = GROUPS.filter((g) => g.section === 'III');
    await h.reply(phone, '1');
    for (const g of dusun) await h.reply(phone, g.fields.map((f) => String(values[f])).join(' '));
    return h.send(phone, 'KIRIM');
  }

  it('when a Sub-PPKBD sends the dusun part, then it is stored for the dusun and the PPKBD is told', async () => {
    const sent = await sendPart(SUBS[0][0], SUBS[0][1]);
    expect(sent.find((m) => m.to === SUBS[0][0])!.text).toContain('Laporan Dusun Bontoa, November 2026 terkirim');
    expect(sent.find((m) => m.to === P)!.text).toContain('Bagian Dusun Bontoa untuk laporan November 2026 masuk dari Rahmawati');
  });

  it('when two of three dusun parts are in, then the PPKBD is offered their sum and told which dusun is missing', async () => {
    await sendPart(SUBS[0][0], SUBS[0][1]);
    await sendPart(SUBS[1][0], SUBS[1][1]);
    await h.reply(P, '1');
    let reply = '';
    const first = GROUPS.findIndex((g) => g.section === 'III');
    for (let i = 0; i < first; i++) reply = await h.reply(P, answer(i, THREE));
    expect(reply).toContain('Sudah masuk 2 dari 3 dusun: Dusun Bontoa dan Dusun Borong.');
    expect(reply).toContain('Belum masuk: Dusun Tamalate.');
    expect(reply).toContain('baru sebagian');
    expect(reply).toContain('• Keluarga 410, PUS 320');
  });

  it('when all three parts are in and summed, then the desa recap passes C7; a desa number that differs is refused naming the dusun', async () => {
    for (const [phone, values] of SUBS) await sendPart(phone, values);
    await h.reply(P, '1');
    const first = GROUPS.findIndex((g) => g.section === 'III');
    let reply = '';
    for (let i = 0; i < first; i++) reply = await h.reply(P, answer(i, THREE));
    expect(reply).toContain('Semua 3 dusun sudah masuk');
    await h.reply(P, '1'); // use the sum
    const afterIII = GROUPS.findIndex((g, n) => n > first && g.section !== 'III');
    for (let i = afterIII; i < GROUPS.length; i++) reply = await h.reply(P, answer(i, THREE));
    expect(reply).toContain('*Ringkasan laporan November 2026*');
    // Change the PUS line so the desa no longer equals its dusun: C3 (told at once) and C7 speak.
    const pusLine = GROUPS.findIndex((g) => g.id === 'pus') + 1;
    await h.reply(P, `UBAH ${pusLine}`);
    const told = await h.reply(P, '620 481');
    expect(told).toContain('*Jumlah PUS belum seimbang*');
    expect(told).toContain('*Ringkasan laporan November 2026*');
    const refused = await h.reply(P, 'KIRIM');
    expect(refused).toContain('Dusun Bontoa 160 + Dusun Borong 160 + Dusun Tamalate 160');
    await h.reply(P, `UBAH ${pusLine}`);
    await h.reply(P, '620 480');
    expect((await h.send(P, 'KIRIM')).some((m) => m.text.includes('Terima kasih!'))).toBe(true);
    expect(JSON.parse(findRecap(h.db, '73.06.06.2003', '2026-11', null)!.values).pus).toBe(480);
  });
});

describe('closed periods', () => {
  it('when the PKB reopens a closed month for a desa, then the PPKBD is told and can send it, marked late', async () => {
    h.clock.set(fromWita(2026, 12, 20, 9, 0));
    expect(await h.reply(P, '1')).toContain('tidak ada periode laporan yang terbuka');
    expect(await h.reply(PKB_PHONE, '2')).toContain('Buka kembali laporan untuk desa mana?\n1. Desa Pakatto, Kec. Bontomarannu\n2. Desa Nirannuang');
    expect(await h.reply(PKB_PHONE, '1')).toContain('1. November 2026');
    expect(await h.reply(PKB_PHONE, '1')).toContain('Buka kembali laporan November 2026 untuk Desa Pakatto, Kec. Bontomarannu selama 7 hari, sampai 27/12/2026 pukul 23.59?');
    const reopened = await h.send(PKB_PHONE, 'ya');
    expect(reopened.find((m) => m.to === P)!.text).toContain('dibuka kembali oleh Andi Baso sampai 27/12/2026 pukul 23.59');
    expect(await h.reply(P, '1')).toContain('*Laporan bulanan November 2026*');
    await h.reply(P, 'menu');
    await h.reply(P, `LAPOR 11/2026 ${fastLine(CLEAN_RECAP, allFieldsOf())}`);
    expect((await h.send(P, 'KIRIM')).find((m) => m.to === P)!.text).toContain('terlambat');
    h.clock.set(fromWita(2026, 12, 28, 9, 0));
    expect(await h.reply(P, 'menu')).toContain('Laporan bulanan');
    expect(await h.reply(P, '1')).toContain('tidak ada periode laporan yang terbuka');
  });

  it('when a locked period is named in fast entry, then it is refused with a clear message', async () => {
    expect(await h.reply(P, `LAPOR 10/2026 PUS=480`)).toContain('Laporan Oktober 2026 tidak bisa dikirim sekarang: periode itu tidak terbuka');
  });
});

describe('guided and fast entry give the same record', () => {
  it('when one desa reports guided and another by LAPOR with the same numbers, then the stored values and export rows are equal', async () => {
    const { importPeople } = await import('../../src/people/people-import.js');
    const { recapExportRows } = await import('../../src/reports/recap-export.js');
    const other = '+6281234567021';
    importPeople(h.db, `phone,name,role,area,unit\n${other},Hasnah,ppkbd,73.06.06.2004,\n`, h.database.areas, 't', h.clock.now());
    await h.reply(P, '1');
    await enterAll();
    await h.send(P, 'KIRIM');
    await h.reply(other, `LAPOR 11/2026 ${fastLine(CLEAN_RECAP, allFieldsOf())}`);
    await h.send(other, 'KIRIM');
    const guided = findRecap(h.db, '73.06.06.2003', '2026-11', null)!;
    const fast = findRecap(h.db, '73.06.06.2004', '2026-11', null)!;
    expect(JSON.parse(fast.values)).toEqual(JSON.parse(guided.values));
    const rows = recapExportRows(h.db, h.database.areas, { period: '2026-11', kecamatanCode: '73.06.06', settings: DEFAULT_RECAP_SETTINGS });
    const row = (code: string) => {
      const { values, indicators, status, version, late } = rows.find((r) => r.desaCode === code)!;
      return { values, indicators, status, version, late };
    };
    expect(row('73.06.06.2004')).toEqual(row('73.06.06.2003'));
    expect(row('73.06.06.2003')).toMatchObject({ status: 'submitted', version: 1, late: false });
  });

  it('when a cadre names another desa in a LAPOR message, then it is refused and the recap stays her own desa', async () => {
    const reply = await h.reply(P, `LAPOR 11/2026 DESA=73.06.06.2004 ${fastLine(CLEAN_RECAP, allFieldsOf())}`);
    expect(reply).toContain('DESA');
    await h.send(P, 'KIRIM');
    expect(findRecap(h.db, '73.06.06.2004', '2026-11', null)).toBeUndefined();
    expect(findRecap(h.db, '73.06.06.2003', '2026-11', null)).toBeDefined();
  });
});
