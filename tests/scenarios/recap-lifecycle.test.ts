// The recap after KIRIM, through the real bot (issue 9): "Cek status laporan" for cadres, reopening and unlocking a
// verified recap, the reopen window, lateness of corrections, unchanged resubmissions, dusun parts changed after the
// desa recap, confirmed warnings in the review, Indonesian words only, and desa with no PKB or koordinator.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase } from '../../src/db/repos/cases.repo.js';
import { findRecap, recapHistory } from '../../src/db/repos/recaps.repo.js';
import { importPeople } from '../../src/people/people-import.js';
import { activeGroups, DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { fromWita } from '../../src/time/wita.js';
import { Harness, type HarnessOptions, type Sent } from '../helpers/harness.js';
import { headlineColumnProblems } from '../helpers/headline-columns.js';
import { KOORD_PHONE, PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE as P, SUB_PPKBD_PHONE as S } from '../helpers/people.js';
import { CLEAN_RECAP, CLEAN_RECAP_ALL_PARTS } from '../helpers/recap-fixture.js';

const DESA = '73.06.06.2003';
const GROUPS = activeGroups(DEFAULT_RECAP_SETTINGS);
const ALL_FIELDS = GROUPS.flatMap((g) => g.fields);
const line = (values: Record<string, number>, fields: readonly string[] = ALL_FIELDS) => fields.map((f) => `${f}=${values[f]}`).join(' ');

let h: Harness;
const opened: Harness[] = [];
afterEach(async () => {
  for (const harness of opened.splice(0)) await harness.close();
});

async function start(at: Date, people = PEOPLE_CSV, recap?: HarnessOptions['recap']) {
  h = await Harness.create({ people, start: at, ...(recap ? { recap } : {}) });
  opened.push(h);
}

/** LAPOR … then KIRIM, confirming warnings with YA; returns everything sent by the last message. */
async function submit(phone: string, values: Record<string, number>, period = '11/2026', fields: readonly string[] = ALL_FIELDS): Promise<Sent[]> {
  await h.reply(phone, 'menu');
  await h.reply(phone, `LAPOR ${period} ${line(values, fields)}`);
  let sent = await h.send(phone, 'KIRIM');
  for (let i = 0; i < 12 && sent.some((m) => m.to === phone && m.text.includes('Balas YA jika benar')); i++) sent = await h.send(phone, 'YA');
  return sent;
}

/** The reviewer opens "Periksa laporan desa" and the first recap in the list; returns the review text. */
async function openReview(phone = PKB_PHONE): Promise<string> {
  await h.reply(phone, 'menu');
  await h.reply(phone, 'periksa');
  return h.reply(phone, '1');
}

async function verify(phone = PKB_PHONE): Promise<Sent[]> {
  await openReview(phone);
  return h.send(phone, '1');
}

async function returnWith(reason: string): Promise<Sent[]> {
  await openReview();
  await h.reply(PKB_PHONE, '2');
  return h.send(PKB_PHONE, reason);
}

const to = (sent: Sent[], phone: string) => sent.filter((m) => m.to === phone).map((m) => m.text).join('\n---\n');

describe('Cek status laporan (issue 9.2)', () => {
  it('when a PPKBD checks the status right after her receipt, then November shows sent and waiting for the PKB, with the receipt code', async () => {
    const { simulate, messagesOf } = await import('../helpers/simulate.js');
    const out = messagesOf(
      await simulate(['@at 2026-12-02 09:00', `${P}: LAPOR 11/2026 ${line(CLEAN_RECAP)}`, `${P}: KIRIM`, `${P}: menu`, `${P}: 3`, `${P}: cek status`].join('\n')),
    );
    const answers = out.filter((m) => m.to === P).slice(-2);
    for (const answer of answers) {
      expect(answer.text).toContain('*Status laporan bulanan*');
      expect(answer.text).toContain('November 2026: terkirim, menunggu diperiksa PKB. Versi 1, kode 2611-062003-v1.');
      expect(answer.text).not.toContain('Belum ada laporan');
    }
  });

  it('when months are late and verified, returned with a reason, or not sent, then each month says so with its receipt code', async () => {
    await start(fromWita(2026, 11, 5, 9, 0)); // October is open and past its due day
    await submit(P, CLEAN_RECAP, '10/2026');
    await verify();
    h.clock.set(fromWita(2026, 12, 2, 9, 0));
    await submit(P, CLEAN_RECAP);
    await returnWith('PUS tidak sama dengan register RT 3');
    const status = await h.reply(P, 'status');
    expect(status).toContain('November 2026: dikembalikan PKB untuk diperbaiki. Alasan: PUS tidak sama dengan register RT 3 Versi 1, kode 2611-062003-v1. Perbaiki lewat menu Laporan bulanan sampai 15/12/2026.');
    expect(status).toContain('Oktober 2026: sudah diverifikasi PKB (terkunci). Versi 1, kode 2610-062003-v1, terlambat.');
    expect(status).toContain('September 2026: belum dikirim; periode sudah ditutup.');
    expect(status).toContain('Agustus 2026: belum dikirim');
    expect(status.indexOf('November')).toBeLessThan(status.indexOf('Oktober'));
    for (const wording of ['cek laporan', 'Lihat status', 'STATUS LAPORAN']) expect(await h.reply(P, wording)).toContain('Oktober 2026: sudah diverifikasi');

    // A correction started and left is a draft.
    await h.reply(P, 'menu');
    await h.reply(P, 'laporan bulanan');
    await h.reply(P, '1');
    await h.reply(P, 'BATAL');
    expect(await h.reply(P, 'cek status')).toContain('Ada perbaikan yang belum dikirim (ketik LANJUT).');
  });

  it('when a PPKBD has only a draft for the open month, then the status says draft and gives the due day', async () => {
    await start(fromWita(2026, 12, 2, 9, 0));
    await h.reply(P, 'laporan bulanan');
    await h.reply(P, '1');
    await h.reply(P, GROUPS[0]!.fields.map((f) => String(CLEAN_RECAP[f])).join(' '));
    await h.reply(P, 'BATAL');
    expect(await h.reply(P, 'cek status')).toContain('November 2026: draf tersimpan, belum dikirim (ketik LANJUT untuk melanjutkan). Batas 3/12/2026.');
    h.clock.set(fromWita(2026, 12, 4, 9, 0));
    expect(await h.reply(P, 'cek status')).toContain('Sudah lewat batas 3/12/2026; masih bisa dikirim sampai 15/12/2026 (tercatat terlambat).');
  });

  it('when a Sub-PPKBD checks the status, then it shows their dusun part and where the desa recap stands', async () => {
    await start(fromWita(2026, 12, 2, 9, 0));
    // The one registered dusun reports the whole desa's Section III, so the desa recap agrees with it.
    const part = Object.fromEntries(GROUPS.filter((g) => g.section === 'III').flatMap((g) => g.fields).map((f) => [f, CLEAN_RECAP[f]!]));
    const receipt = to(await submit(S, part, '11/2026', Object.keys(part)), S);
    const code = /\*(\S+)\*/.exec(receipt)![1]!;
    let status = await h.reply(S, 'cek status');
    expect(status).toContain('*Status laporan bulanan* (bagian dusun)\nDusun Bontoa, Desa Pakatto, Kec. Bontomarannu');
    expect(status).toContain(`November 2026: terkirim ke PPKBD. Versi 1, kode ${code}. Rekap desa: belum dikirim PPKBD.`);
    await submit(P, CLEAN_RECAP);
    status = await h.reply(S, 'cek status');
    expect(status).toContain('Rekap desa: menunggu diperiksa PKB.');
    expect(await h.reply(P, 'cek status')).toContain('November 2026: terkirim, menunggu diperiksa PKB.');
  });

  it('when a cadre has case reports, then the status lists them and STATUS with a code still answers for one', async () => {
    await start(fromWita(2026, 12, 2, 9, 0));
    const row = h.db.transaction((tx) =>
      createCase(
        tx,
        {
          desaCode: DESA,
          place: 'RT 2',
          category: 'IAT',
          methodWanted: 'suntik',
          reasons: '["belum_sempat"]',
          consentToContact: true,
          reporterPersonId: 1,
          reporterKey: P,
          reporterAddress: P,
        },
        2026,
        h.clock.now(),
      ),
    );
    const status = await h.reply(P, 'cek status');
    expect(status).toContain('*Status laporan bulanan*');
    expect(status).toContain(`*Laporan calon akseptor belum terlayani*\n• ${row.code}: dilaporkan`);
    expect(await h.reply(P, `STATUS ${row.code}`)).toContain(`Laporan ${row.code}`);
    expect(await h.reply(P, 'STATUS UN-062003-2026-0099')).toContain('tidak ditemukan');
  });
});

describe('reopening a verified recap (issue 9.3, 9.4)', () => {
  it('when the PKB reopens a verified month after it closed, then they confirm unlocking it, and the PPKBD really sends a corrected version the PKB verifies again', async () => {
    await start(fromWita(2026, 12, 2, 9, 0));
    await submit(P, CLEAN_RECAP);
    await verify();
    h.clock.set(fromWita(2026, 12, 20, 10, 0));
    await h.reply(PKB_PHONE, 'menu');
    await h.reply(PKB_PHONE, 'buka kembali');
    expect(await h.reply(PKB_PHONE, '1')).toContain('1. November 2026 — sudah diverifikasi');
    const asked = await h.reply(PKB_PHONE, '1');
    expect(asked).toContain('Laporan November 2026 Desa Pakatto, Kec. Bontomarannu sudah diverifikasi (versi 1) dan terkunci.');
    expect(asked).toContain('Buka kunci dan buka kembali sampai 27/12/2026 pukul 23.59? (YA/TIDAK)');
    const reopened = await h.send(PKB_PHONE, 'ya');
    expect(to(reopened, P)).toContain('kunci verifikasinya dilepas sampai 27/12/2026 pukul 23.59');
    expect(findRecap(h.db, DESA, '2026-11', null)!.status).toBe('returned');
    expect(await h.reply(P, 'cek status')).toContain('November 2026: dibuka kembali oleh PKB untuk perbaikan.');

    const corrected = await submit(P, { ...CLEAN_RECAP, frek_rakor_desa: 3 });
    expect(to(corrected, P)).toContain('terkirim (versi 2)');
    expect(to(corrected, PKB_PHONE)).toContain('Frekuensi rakor desa: 1 → 3');
    expect(to(await verify(), P)).toContain('(versi 2) sudah diverifikasi');
    const row = findRecap(h.db, DESA, '2026-11', null)!;
    expect(row).toMatchObject({ status: 'verified', version: 2, late: false });
    expect(recapHistory(h.db, row.id).map((e) => e.change)).toEqual(['submitted', 'verified', 'reopened', 'corrected', 'verified']);
  });

  it('when the PKB answers TIDAK to unlocking a verified recap of the open month, then it stays locked; YA unlocks it', async () => {
    await start(fromWita(2026, 12, 2, 9, 0));
    await submit(P, CLEAN_RECAP);
    await verify();
    h.clock.set(fromWita(2026, 12, 6, 9, 0));
    await h.reply(PKB_PHONE, 'menu');
    await h.reply(PKB_PHONE, 'buka kembali');
    await h.reply(PKB_PHONE, '1');
    expect(await h.reply(PKB_PHONE, '1')).toContain('sudah diverifikasi (versi 1) dan terkunci');
    await h.reply(PKB_PHONE, 'tidak');
    expect(findRecap(h.db, DESA, '2026-11', null)!.status).toBe('verified');
    await h.reply(P, 'laporan bulanan');
    expect(await h.reply(P, '1')).toContain('terkunci');
    await h.reply(P, 'menu');
    await h.reply(PKB_PHONE, 'menu');
    await h.reply(PKB_PHONE, 'buka kembali');
    await h.reply(PKB_PHONE, '1');
    await h.reply(PKB_PHONE, '1');
    await h.reply(PKB_PHONE, 'ya');
    // The only open month is named, not asked.
    expect(await h.reply(P, 'laporan bulanan')).toContain('Perbaikan akan menjadi versi baru');
  });

  it('when a month that is still open and not verified is chosen, then the PKB is told it is already open', async () => {
    await start(fromWita(2026, 12, 2, 9, 0));
    await h.reply(PKB_PHONE, 'buka kembali');
    await h.reply(PKB_PHONE, '1');
    expect(await h.reply(PKB_PHONE, '1')).toContain('masih terbuka sampai 15/12/2026 pukul 23.59');
  });

  it('when a month is reopened, then it stays open until 23:59 WITA of the day the message names', async () => {
    await start(fromWita(2026, 12, 20, 9, 0));
    await h.reply(PKB_PHONE, 'buka kembali');
    await h.reply(PKB_PHONE, '1');
    await h.reply(PKB_PHONE, '1');
    expect(to(await h.send(PKB_PHONE, 'ya'), P)).toContain('sampai 27/12/2026 pukul 23.59');
    h.clock.set(fromWita(2026, 12, 27, 23, 50));
    await h.reply(P, 'laporan bulanan');
    expect(await h.reply(P, 'menu')).toContain('Laporan bulanan');
    await h.reply(P, `LAPOR 11/2026 ${line(CLEAN_RECAP)}`);
    expect(to(await h.send(P, 'KIRIM'), P)).toContain('terkirim (versi 1, terlambat)');
    h.clock.set(fromWita(2026, 12, 28, 0, 0));
    await h.reply(P, 'menu');
    expect(await h.reply(P, 'laporan bulanan')).toContain('tidak ada periode laporan yang terbuka');
  });

  it('when a recap is returned after its month closed, then the month is reopened so the PPKBD can correct it', async () => {
    await start(fromWita(2026, 12, 14, 9, 0));
    await submit(P, CLEAN_RECAP);
    h.clock.set(fromWita(2026, 12, 18, 9, 0));
    const returned = await returnWith('Rakor desa dua kali');
    expect(to(returned, P)).toContain('paling lambat 25/12/2026 pukul 23.59');
    expect(to(await submit(P, { ...CLEAN_RECAP, frek_rakor_desa: 2 }), P)).toContain('terkirim (versi 2, tercatat terlambat)');
  });
});

describe('lateness and unchanged recaps (issue 9.5, 9.6)', () => {
  it('when a recap sent on time is returned and corrected after the due day, then it is not late', async () => {
    await start(fromWita(2026, 12, 2, 9, 0));
    await submit(P, CLEAN_RECAP);
    h.clock.set(fromWita(2026, 12, 3, 9, 0));
    await returnWith('Rakor desa dua kali');
    h.clock.set(fromWita(2026, 12, 5, 9, 0));
    const sent = await submit(P, { ...CLEAN_RECAP, frek_rakor_desa: 2 });
    expect(to(sent, P)).toContain('terkirim (versi 2).');
    expect(to(sent, P)).not.toContain('terlambat');
    expect(findRecap(h.db, DESA, '2026-11', null)).toMatchObject({ version: 2, late: false });
    expect(await openReview()).not.toContain('terlambat');
  });

  it('when a recap first sent late is corrected, then it stays late', async () => {
    await start(fromWita(2026, 12, 5, 9, 0));
    await submit(P, CLEAN_RECAP);
    const sent = await submit(P, { ...CLEAN_RECAP, frek_rakor_desa: 2 });
    expect(to(sent, P)).toContain('(versi 2, tercatat terlambat)');
    expect(findRecap(h.db, DESA, '2026-11', null)!.late).toBe(true);
  });

  it('when a recap is sent again without any change, then the cadre hears "tidak ada perubahan", nothing is stored and the PKB gets nothing', async () => {
    await start(fromWita(2026, 12, 2, 9, 0));
    await submit(P, CLEAN_RECAP);
    await h.reply(P, 'menu');
    expect(await h.reply(P, 'laporan bulanan')).toContain('sudah pernah dikirim (versi 1)');
    const again = await h.send(P, 'KIRIM');
    expect(to(again, P)).toContain('Tidak ada perubahan dibanding versi 1 (kode 2611-062003-v1)');
    expect(again.filter((m) => m.to === PKB_PHONE)).toHaveLength(0);
    const fast = await submit(P, CLEAN_RECAP);
    expect(to(fast, P)).toContain('Tidak ada perubahan');
    expect(fast.filter((m) => m.to === PKB_PHONE)).toHaveLength(0);
    const row = findRecap(h.db, DESA, '2026-11', null)!;
    expect(row.version).toBe(1);
    expect(recapHistory(h.db, row.id)).toHaveLength(1);
  });

  it('when a returned recap is sent back unchanged, then nothing is stored and the cadre is reminded of the reason', async () => {
    await start(fromWita(2026, 12, 2, 9, 0));
    await submit(P, CLEAN_RECAP);
    await returnWith('Cek lagi jumlah PUS');
    const again = await submit(P, CLEAN_RECAP);
    expect(to(again, P)).toContain('Tidak ada perubahan');
    expect(to(again, P)).toContain('Alasan: Cek lagi jumlah PUS');
    expect(again.filter((m) => m.to === PKB_PHONE)).toHaveLength(0);
    expect(findRecap(h.db, DESA, '2026-11', null)).toMatchObject({ status: 'returned', version: 1 });
    // The PKB still finds it, and may verify it as it is.
    await h.reply(PKB_PHONE, 'menu');
    expect(await h.reply(PKB_PHONE, 'periksa')).toContain('*Dikembalikan, belum diperbaiki*\n1. Desa Pakatto, Kec. Bontomarannu — November 2026 (versi 1)');
    expect(await h.reply(PKB_PHONE, '1')).toContain('Sudah dikembalikan ke PPKBD (alasan: Cek lagi jumlah PUS); belum diperbaiki.');
    expect(to(await h.send(PKB_PHONE, '1'), P)).toContain('sudah diverifikasi');
  });
});

describe('a dusun part changed after the desa recap (issue 9.8)', () => {
  const SUBS = [
    [S, { jml_keluarga: 200, pus: 160, pa_iud: 7, pa_mow: 2, pa_mop: 0, pa_implan: 10, pa_suntik: 40, pa_pil: 27, pa_kondom: 3, hamil: 8, ias: 20, iat: 23, tial: 20 }],
    ['+6281234567012', { jml_keluarga: 210, pus: 160, pa_iud: 6, pa_mow: 2, pa_mop: 1, pa_implan: 10, pa_suntik: 40, pa_pil: 26, pa_kondom: 4, hamil: 9, ias: 20, iat: 22, tial: 20 }],
    ['+6281234567013', { jml_keluarga: 210, pus: 160, pa_iud: 7, pa_mow: 1, pa_mop: 0, pa_implan: 10, pa_suntik: 40, pa_pil: 27, pa_kondom: 3, hamil: 8, ias: 20, iat: 25, tial: 19 }],
  ] as const;
  const bontoa = SUBS[0][1];

  beforeEach(async () => {
    await start(fromWita(2026, 12, 2, 9, 0));
    importPeople(h.db, 'phone,name,role,area,unit\n+6281234567012,Nurul,sub_ppkbd,73.06.06.2003,Dusun Borong\n+6281234567013,Ratna,sub_ppkbd,73.06.06.2003,Dusun Tamalate\n', h.database.areas, 't', h.clock.now());
    for (const [phone, values] of SUBS) await submit(phone, values, '11/2026', Object.keys(values));
    await submit(P, CLEAN_RECAP); // the desa recap equals the sum of the three parts
  });

  const changeBontoa = () => submit(S, { ...bontoa, pus: 165, ias: 25 }, '11/2026', Object.keys(bontoa));

  it('when a dusun part changes, then the PPKBD and the PKB are told and the PKB cannot verify until the PPKBD sends a corrected desa recap', async () => {
    const sent = await changeBontoa();
    expect(to(sent, P)).toContain('tidak lagi cocok dengan bagian dusun');
    expect(to(sent, P)).toContain('Dusun Bontoa: PUS 160 → 165');
    expect(to(sent, PKB_PHONE)).toContain('berubah setelah rekap desa dikirim');
    expect(to(sent, PKB_PHONE)).toContain('belum bisa diverifikasi');

    expect(await h.reply(PKB_PHONE, 'periksa')).toContain('(versi 1, bagian dusun berubah)');
    const review = await h.reply(PKB_PHONE, '1');
    expect(review).toContain('Dusun Bontoa: PUS 160 → 165');
    expect(review).toContain('1. Kembalikan ke PPKBD untuk diperbaiki\n2. Nanti saja');
    expect(review).not.toContain('Verifikasi (laporan dikunci)');
    await h.reply(PKB_PHONE, 'verifikasi');
    expect(findRecap(h.db, DESA, '2026-11', null)!.status).toBe('submitted');
    expect(await h.reply(P, 'cek status')).toContain('Bagian dusun berubah setelah rekap dikirim');

    await submit(P, { ...CLEAN_RECAP, pus: 485, ias: 65 });
    expect(to(await verify(), P)).toContain('(versi 2) sudah diverifikasi');
    // Parts sent and changed, the desa recap corrected and verified, the parts locked: every row's headline columns
    // still say what its values say (the roll-up sums the columns).
    expect(headlineColumnProblems(h.db)).toEqual([]);
    expect(findRecap(h.db, DESA, '2026-11', null)!.pus).toBe(485);
  });

  it('when the changed dusun part is changed back, then the parts match again and the PKB can verify', async () => {
    await changeBontoa();
    const back = await submit(S, bontoa, '11/2026', Object.keys(bontoa));
    expect(to(back, P)).toContain('sudah cocok lagi');
    expect(to(back, PKB_PHONE)).toContain('sudah cocok lagi');
    expect(await openReview()).toContain('1. Verifikasi (laporan dikunci)');
    expect(to(await h.send(PKB_PHONE, '1'), P)).toContain('sudah diverifikasi');
  });

  it('when a dusun part changes while the PKB has the review open, then the verification is refused', async () => {
    await openReview();
    await changeBontoa();
    expect(await h.reply(PKB_PHONE, '1')).toContain('belum bisa diverifikasi');
    expect(findRecap(h.db, DESA, '2026-11', null)!.status).toBe('submitted');
  });

  it('when the desa recap is verified, then the dusun parts are locked with it', async () => {
    await verify();
    await h.reply(S, 'laporan bulanan');
    expect(await h.reply(S, '1')).toContain('terkunci');
    expect(await h.reply(S, 'cek status')).toContain('terkirim dan terkunci bersama rekap desa');
  });
});

describe('what the reviewer sees (issue 9.9, 9.11)', () => {
  it('when the cadre confirmed an unusual number with YA, then the PKB is told and the review shows the finding', async () => {
    await start(fromWita(2026, 12, 2, 9, 0));
    const sent = await submit(P, { ...CLEAN_RECAP, jml_keluarga: 300 });
    expect(to(sent, PKB_PHONE)).toContain('1 angka tidak biasa sudah dinyatakan benar oleh PPKBD.');
    const review = await openReview();
    expect(review).toContain('Angka tidak biasa yang sudah dinyatakan benar oleh PPKBD (1):');
    expect(review).toContain('• Jumlah PUS 480 lebih dari 1,3 kali jumlah keluarga (300)');
    expect(review).not.toContain('Apakah benar?');
  });

  it('when a recap goes round (sent, reviewed, corrected), then the cadre and the PKB read Indonesian words only, each message short', async () => {
    await start(fromWita(2026, 12, 2, 9, 0), PEOPLE_CSV, { settings: { pusRule: 'C3', parts: { flows: true, channel: true, mal_traditional: true } }, calendar: { dueDay: 3, closeDay: 15 } });
    const texts: string[] = [];
    const keep = (sent: Sent[]) => texts.push(...sent.filter((m) => m.to === P || m.to === PKB_PHONE).map((m) => m.text));
    const fields = Object.keys(CLEAN_RECAP_ALL_PARTS);
    keep(await submit(P, CLEAN_RECAP_ALL_PARTS, '11/2026', fields));
    await h.reply(PKB_PHONE, 'periksa');
    keep(await h.send(PKB_PHONE, '1'));
    keep(await h.send(PKB_PHONE, '2'));
    keep(await h.send(PKB_PHONE, 'Cek lagi rakor desa'));
    keep(await submit(P, { ...CLEAN_RECAP_ALL_PARTS, frek_rakor_desa: 2 }, '11/2026', fields));
    keep(await h.send(P, 'cek status'));
    expect(texts.length).toBeGreaterThan(6);
    for (const text of texts) {
      expect(text).not.toMatch(/CPR|unmet need|\bPA\b/i);
      expect(text.length).toBeLessThanOrEqual(1000);
    }
  });
});

describe('a desa with no PKB (issue 9.15)', () => {
  const CADRE = '+6281234567031';

  it('when a desa has no PKB and no koordinator, then its recap reaches the Dinas, the receipt says so, and the Dinas verifies it', async () => {
    const { simulate, messagesOf } = await import('../helpers/simulate.js');
    const people = [PEOPLE_CSV, `${CADRE},Daeng Caya,ppkbd,73.06.01.2004,`].join('\n');
    const DINAS = '+6281234567005';
    const out = messagesOf(
      await simulate(
        ['@at 2026-12-02 09:00', `${CADRE}: LAPOR 11/2026 ${line(CLEAN_RECAP)}`, `${CADRE}: KIRIM`, `${DINAS}: menu`, `${DINAS}: periksa`, `${DINAS}: 1`, `${DINAS}: 1`].join('\n'),
        { people },
      ),
    );
    const receipt = out.find((m) => m.to === CADRE && m.text.startsWith('Terima kasih!'))!.text;
    expect(receipt).toContain('Diteruskan ke Dinas PP dan KB (Muh. Ridwan).');
    const notice = out.find((m) => m.to === DINAS && m.text.includes('Rekap November 2026 masuk dari Daeng Caya'));
    expect(notice!.text).toContain('Desa Bontolangkasa Utara, Kec. Bontonompo');
    expect(out.some((m) => m.to === DINAS && m.text.includes('1. Desa Bontolangkasa Utara, Kec. Bontonompo — November 2026'))).toBe(true);
    expect(out.some((m) => m.to === CADRE && m.text.includes('sudah diverifikasi oleh Muh. Ridwan'))).toBe(true);
    expect(out.some((m) => m.to === PKB_PHONE || m.to === KOORD_PHONE)).toBe(false);
  });

  it('when a desa has no PKB but a koordinator, then the koordinator receives it and the receipt names them', async () => {
    await start(fromWita(2026, 12, 2, 9, 0), [PEOPLE_CSV, `${CADRE},Daeng Caya,ppkbd,73.06.01.2004,`, '+6281234567041,Hj. Sitti,koordinator,73.06.01,'].join('\n'));
    const sent = await submit(CADRE, CLEAN_RECAP);
    expect(to(sent, CADRE)).toContain('Diteruskan ke Hj. Sitti (Koordinator PKB kecamatan).');
    expect(to(sent, '+6281234567041')).toContain('Rekap November 2026 masuk dari Daeng Caya');
    expect(sent.some((m) => m.to === '+6281234567005')).toBe(false);
  });
});
