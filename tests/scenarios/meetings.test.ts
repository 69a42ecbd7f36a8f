// Meetings and check-ins through the real bot (the simulator): a report end to end, dates refused and corrected,
// wrong answers then recovery, @restart and @redeliver, the check-in story, expiry, and area limits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { meetingAttendees, meetingCheckins, meetings, outbox } from '../../src/db/schema.js';
import { PEOPLE_CSV, PKB_PHONE as PKB, PPKBD_PHONE as PPKBD, SUB_PPKBD_PHONE as SUB, KOORD_PHONE as KOORD, RESIDENT_PHONE as RES, DINAS_PHONE as DINAS } from '../helpers/people.js';
import { messagesOf, simulate } from '../helpers/simulate.js';

const PPKBD_NIRANNUANG = '+6281234567021';
const PEOPLE = [PEOPLE_CSV, `${PPKBD_NIRANNUANG},Nurlaela,ppkbd,73.06.06.2004,`].join('\n');

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});
function dbFile(): string {
  dir = mkdtempSync(join(tmpdir(), 'imp-meetings-'));
  return join(dir, 'sim.db');
}
async function run(lines: string[], dbPath: string) {
  return messagesOf(await simulate(lines.join('\n'), { people: PEOPLE, dbPath }));
}
function withDb<T>(path: string, fn: (db: ReturnType<typeof openDatabase>['db']) => T): T {
  const { db, close } = openDatabase(path);
  try {
    return fn(db);
  } finally {
    close();
  }
}
const to = (out: { to: string; text: string }[], phone: string) => out.filter((m) => m.to === phone).map((m) => m.text);

/** A PPKBD's report from the menu to the summary (her desa is not asked). */
const PPKBD_REPORT = [
  `${PPKBD}: pertemuan`,
  `${PPKBD}: 1`,
  `${PPKBD}: kemarin`,
  `${PPKBD}: 4`,
  `${PPKBD}: 1 1 1 2 4 0 1 2 15`,
  `${PPKBD}: ya`,
  `${PPKBD}: 1 3`,
  `${PPKBD}: Kunjungan rumah PUS yang belum ber-KB`,
];

describe('meeting report', () => {
  it('when a PPKBD reports a meeting end to end, then one row is stored with her desa, the counts by role and a receipt code', async () => {
    const path = dbFile();
    const out = await run(['@at 2026-11-25 09:00', ...PPKBD_REPORT, `${PPKBD}: KIRIM`], path);
    const mine = to(out, PPKBD);
    const summary = mine.find((t) => t.startsWith('*Ringkasan laporan pertemuan*'))!;
    expect(summary).toContain('1. Wilayah: Desa Pakatto');
    expect(summary).toContain('3. Tanggal: 24/11/2026');
    expect(summary).toContain('5. Hadir 27 orang');
    const receipt = mine.at(-1)!;
    expect(receipt).toMatch(/Kode tanda terima: \*RPT-[A-Z2-9]{4}\*/);
    withDb(path, (db) => {
      const rows = db.select().from(meetings).all();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        level: 'desa',
        areaCode: '73.06.06.2003',
        kecamatanCode: '73.06.06',
        kind: 'RAKOR_DESA',
        heldOn: '2026-11-24',
        period: '2026-11',
        place: 'posyandu',
        attPkb: 1,
        attPpkbd: 1,
        attSubPpkbd: 1,
        attTokohAgama: 2,
        attTokohMasyarakat: 4,
        attPesertaLain: 15,
        attTotal: 27,
        kieKit: true,
        topics: JSON.stringify(['kb_mkjp', 'stunting_bkb']),
        followUp: 'Kunjungan rumah PUS yang belum ber-KB',
        dusun: null,
      });
      expect(receipt).toContain(rows[0]!.code);
    });
  });

  it('when the date is in the future or in a closed month, then it is refused and a correct date is taken', async () => {
    const path = dbFile();
    const out = await run(
      ['@at 2026-11-25 09:00', `${PPKBD}: pertemuan`, `${PPKBD}: 1`, `${PPKBD}: 28/11`, `${PPKBD}: 2/9/2026`, `${PPKBD}: 20/11/2026`],
      path,
    );
    const mine = to(out, PPKBD);
    expect(mine[2]).toContain('tidak boleh setelah hari ini (25/11/2026)');
    expect(mine[3]).toContain('sudah ditutup');
    expect(mine[4]).toContain('(3/7) Di mana tempatnya?');
  });

  it('when answers are wrong at each kind of step, then the bot says what it expects and the report goes on', async () => {
    const path = dbFile();
    const out = await run(
      [
        '@at 2026-11-25 09:00',
        `${PPKBD}: pertemuan`,
        `${PPKBD}: 12`,
        `${PPKBD}: 2`,
        `${PPKBD}: besok lusa`,
        `${PPKBD}: hari ini`,
        `${PPKBD}: 6`,
        `${PPKBD}: Jl. Poros Malino No. 12`,
        `${PPKBD}: aula sekolah`,
        `${PPKBD}: 1 2 3`,
        `${PPKBD}: 1 1 5 0 0 0 0 0 3`,
        `${PPKBD}: 1 1 1 0 0 0 0 0 3`,
        `${PPKBD}: mungkin`,
        `${PPKBD}: tidak`,
        `${PPKBD}: 9`,
        `${PPKBD}: 1`,
        `${PPKBD}: hubungi 081234567890`,
        `${PPKBD}: -`,
        `${PPKBD}: UBAH 9`,
        `${PPKBD}: UBAH 1`,
        `${PPKBD}: oke`,
        `${PPKBD}: KIRIM`,
      ],
      path,
    );
    const mine = to(out, PPKBD);
    const said = (text: string) => mine.some((t) => t.toLowerCase().includes(text.toLowerCase()));
    expect(said('antara 1 dan 9, atau tulis pilihannya (misalnya: rakor)')).toBe(true);
    expect(said('tanggalnya belum terbaca')).toBe(true);
    expect(said('jangan menulis alamat rumah')).toBe(true);
    expect(said('jumlah angkanya 3')).toBe(true);
    expect(said('Sub-PPKBD paling banyak 1')).toBe(true);
    expect(said('YA atau TIDAK')).toBe(true);
    expect(said('nomor itu tidak ada dalam daftar')).toBe(true);
    expect(said('jangan menulis nomor HP')).toBe(true);
    expect(mine.some((t) => t.includes('Baris 9 tidak ada'))).toBe(true);
    expect(mine.some((t) => t.includes('tidak bisa diubah'))).toBe(true);
    expect(mine.at(-1)).toContain('Kode tanda terima');
    withDb(path, (db) => {
      const [row] = db.select().from(meetings).all();
      expect(row).toMatchObject({ kind: 'PENYULUHAN_PKB', place: 'lainnya', placeOther: 'aula sekolah', attTotal: 6, kieKit: false, followUp: null });
      // Nothing typed with a phone number was stored anywhere in the meeting.
      expect(JSON.stringify(row)).not.toContain('0812');
    });
  });

  it('when the bot restarts mid-report and KIRIM is delivered twice, then nothing is lost and the meeting is stored once', async () => {
    const path = dbFile();
    const out = await run(['@at 2026-11-25 09:00', ...PPKBD_REPORT.slice(0, 4), '@restart', ...PPKBD_REPORT.slice(4), `${PPKBD}: KIRIM`, '@redeliver'], path);
    expect(to(out, PPKBD).filter((t) => t.includes('Kode tanda terima'))).toHaveLength(1);
    withDb(path, (db) => expect(db.select().from(meetings).all()).toHaveLength(1));
  });

  it('when a conversation expires mid-report, then the draft is kept and LANJUT resumes it', async () => {
    const path = dbFile();
    const out = await run(['@at 2026-11-25 09:00', ...PPKBD_REPORT.slice(0, 3), '@at 2026-11-29 09:00', `${PPKBD}: 4`, `${PPKBD}: LANJUT`], path);
    const mine = to(out, PPKBD);
    expect(mine.at(-1)).toContain('(3/7) Di mana tempatnya?');
  });

  it('when people report, then each may record only for their own area: a PKB chooses among the binaan and the kecamatan level, a koordinator has the kecamatan level, a resident has no such menu', async () => {
    const path = dbFile();
    const out = await run(
      ['@at 2026-11-25 09:00', `${PKB}: pertemuan`, `${PKB}: Bontolempangan`, `${PKB}: 3`, `${PKB}: 1`, `${KOORD}: pertemuan`, `${RES}: pertemuan`, `${RES}: HADIR ABCD`],
      path,
    );
    const pkb = to(out, PKB);
    expect(pkb[0]).toContain('3. Tingkat kecamatan (Kec. Bontomarannu)');
    expect(pkb[0]).not.toContain('Bontolempangan');
    expect(pkb.at(-2)).toContain('1. Rapat lengkap tingkat kecamatan');
    expect(pkb.at(-1)).toContain('(2/7) Kapan pertemuannya?');
    expect(to(out, KOORD)[0]).toContain('Tingkat kecamatan (Kec. Bontomarannu)');
    const res = to(out, RES);
    expect(res[0]).not.toContain('Laporan pertemuan');
    expect(res.at(-1)).toContain('hanya untuk kader dan petugas KB yang terdaftar');
  });

  it('when a Dinas officer chooses the kecamatan level and names the kecamatan with a typo, then a RAPAT_KECAMATAN is stored at that kecamatan', async () => {
    const path = dbFile();
    const out = await run(
      [
        '@at 2026-11-25 09:00',
        `${DINAS}: pertemuan`,
        `${DINAS}: 2`,
        `${DINAS}: Bontomaranu`,
        `${DINAS}: 1`,
        `${DINAS}: kemarin`,
        `${DINAS}: 5`,
        `${DINAS}: 18 0 0 2 2 0 3 4 0`,
        `${DINAS}: tidak`,
        `${DINAS}: 1 7`,
        `${DINAS}: -`,
        `${DINAS}: KIRIM`,
      ],
      path,
    );
    const dinas = to(out, DINAS);
    expect(dinas[0]).toContain('1. Tingkat kabupaten\n2. Tingkat kecamatan');
    expect(dinas[0]).toContain('tulis nama kecamatannya');
    expect(dinas[1]).toContain('Kecamatan mana?');
    expect(dinas[2]).toContain('1. Rapat lengkap tingkat kecamatan');
    expect(dinas.find((t) => t.startsWith('*Ringkasan laporan pertemuan*'))).toContain('1. Wilayah: Tingkat kecamatan (Kec. Bontomarannu)');
    expect(dinas.at(-1)).toContain('Kode tanda terima');
    withDb(path, (db) => {
      const rows = db.select().from(meetings).all();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ level: 'kecamatan', areaCode: '73.06.06', kecamatanCode: '73.06.06', kind: 'RAPAT_KECAMATAN', heldOn: '2026-11-24', place: 'kantor_camat', attTotal: 29, dusun: null });
    });
  });

  it('when a Dinas officer writes a kecamatan name that is not found at the first question, then the bot suggests the nearest and the corrected name is taken', async () => {
    const path = dbFile();
    const out = await run(
      [
        '@at 2026-11-25 09:00',
        `${DINAS}: pertemuan`,
        `${DINAS}: Tombolo`,
        `${DINAS}: kec. tombolo pao`,
        `${DINAS}: 1`,
        `${DINAS}: hari ini`,
        `${DINAS}: 5`,
        `${DINAS}: 12 0 0 1 1 0 2 2 0`,
        `${DINAS}: ya`,
        `${DINAS}: 1`,
        `${DINAS}: -`,
        `${DINAS}: KIRIM`,
      ],
      path,
    );
    const dinas = to(out, DINAS);
    expect(dinas[1]).toContain('nama kecamatan itu tidak ditemukan di Kabupaten Gowa. Mungkin maksud Anda: Tombolopao?');
    expect(dinas[1]).toContain('Balas 1 untuk tingkat kabupaten, atau tulis nama kecamatannya');
    expect(dinas[2]).toContain('1. Rapat lengkap tingkat kecamatan');
    withDb(path, (db) => {
      const [row] = db.select().from(meetings).all();
      expect(row).toMatchObject({ level: 'kecamatan', areaCode: '73.06.10', kecamatanCode: '73.06.10', kind: 'RAPAT_KECAMATAN', kieKit: true });
    });
  });

  it('when a Dinas officer chooses the kabupaten level, then a RAPAT_KABUPATEN is stored with no kecamatan', async () => {
    const path = dbFile();
    const out = await run(
      [
        '@at 2026-11-25 09:00',
        `${DINAS}: pertemuan`,
        `${DINAS}: kabupaten`,
        `${DINAS}: 1`,
        `${DINAS}: kemarin`,
        `${DINAS}: 6`,
        `${DINAS}: aula kantor dinas`,
        `${DINAS}: 30 0 0 0 0 0 0 2 0`,
        `${DINAS}: tidak`,
        `${DINAS}: 7`,
        `${DINAS}: -`,
        `${DINAS}: KIRIM`,
      ],
      path,
    );
    const dinas = to(out, DINAS);
    expect(dinas[1]).toContain('1. Rapat lengkap tingkat kabupaten');
    expect(dinas.find((t) => t.startsWith('*Ringkasan laporan pertemuan*'))).toContain('1. Wilayah: Tingkat kabupaten');
    withDb(path, (db) => {
      const [row] = db.select().from(meetings).all();
      expect(row).toMatchObject({ level: 'kabupaten', areaCode: '73.06', kecamatanCode: null, kind: 'RAPAT_KABUPATEN', place: 'lainnya', placeOther: 'aula kantor dinas', attTotal: 32 });
    });
  });

  it('when a koordinator or a PKB names another kecamatan at the area question, then it is not taken and only their own areas are offered', async () => {
    const path = dbFile();
    const out = await run(['@at 2026-11-25 09:00', `${KOORD}: pertemuan`, `${KOORD}: Bajeng`, `${PKB}: pertemuan`, `${PKB}: Bajeng`], path);
    for (const phone of [KOORD, PKB]) {
      const mine = to(out, phone);
      expect(mine).toHaveLength(2);
      expect(mine[1]).not.toContain('Pertemuan apa?');
      expect(mine[1]).toContain('Balas nomor wilayah pertemuannya.');
    }
    withDb(path, (db) => expect(db.select().from(meetings).all()).toEqual([]));
  });
});

describe('check-in', () => {
  it('when four registered people answer a check-in (twice, a wrong code, after TUTUP, in the group), then exactly two are recorded, each is told in private, and nothing is posted in the group', async () => {
    const path = dbFile();
    const opened = await run(['@at 2026-11-25 09:00', `${PKB}: BUKA HADIR`], path);
    const code = /\*([A-Z2-9]{4})\*/.exec(to(opened, PKB)[0]!)![1]!;
    const out = await run(
      [
        `${PPKBD}: HADIR ${code}`,
        `${PPKBD}: hadir ${code.toLowerCase()}`,
        `${SUB}: HADIR ZZZZ`,
        `${PPKBD_NIRANNUANG} @ grp-desa: HADIR ${code}`,
        `${RES} @ grp-desa: HADIR ${code}`,
        `${PKB}: TUTUP ${code}`,
        `${KOORD}: HADIR ${code}`,
        `${PKB}: DAFTAR HADIR ${code}`,
      ],
      path,
    );
    expect(out.filter((m) => m.to === 'grp-desa')).toEqual([]);
    expect(to(out, RES)).toEqual([]);
    expect(to(out, PPKBD)[0]).toContain('Terima kasih, Siti Aminah (PPKBD). Kehadiran Anda tercatat pukul 09.00');
    expect(to(out, PPKBD)[1]).toContain('sudah tercatat hadir pukul 09.00');
    expect(to(out, SUB)[0]).toContain('Kode ZZZZ tidak ditemukan');
    expect(to(out, PPKBD_NIRANNUANG)[0]).toContain('Terima kasih, Nurlaela (PPKBD)');
    expect(to(out, KOORD)[0]).toContain('sudah ditutup');
    expect(to(out, PKB)[0]).toContain(`Kode hadir ${code} ditutup. Yang tercatat hadir: 2 orang.`);
    const list = to(out, PKB)[1]!;
    expect(list).toContain('1. Siti Aminah (PPKBD)');
    expect(list).toContain('2. Nurlaela (PPKBD)');
    expect(list).not.toMatch(/\+?62\d{6,}|08\d{6,}/);
    withDb(path, (db) => {
      expect(db.select().from(meetingAttendees).all().map((a) => a.via)).toEqual(['private', 'group']);
      expect(db.select().from(outbox).all().filter((m) => m.toAddress.endsWith('@g.us'))).toEqual([]);
    });
  });

  it('when a code was opened yesterday, then HADIR is told it has expired; a cadre who is not an organiser cannot open one', async () => {
    const path = dbFile();
    const opened = await run(['@at 2026-11-25 22:00', `${PPKBD}: BUKA HADIR`], path);
    const code = /\*([A-Z2-9]{4})\*/.exec(to(opened, PPKBD)[0]!)![1]!;
    const out = await run(['@at 2026-11-25 23:58', `${PKB}: HADIR ${code}`, '@at 2026-11-26 00:01', `${SUB}: HADIR ${code}`, `${SUB}: BUKA HADIR`], path);
    expect(to(out, PKB)[0]).toContain('Kehadiran Anda tercatat pukul 23.58');
    expect(to(out, SUB)[0]).toContain('sudah tidak berlaku');
    expect(to(out, SUB)[1]).toContain('dibuka oleh penyelenggara');
    withDb(path, (db) => expect(db.select().from(meetingAttendees).all()).toHaveLength(1));
  });

  it('when HADIR is sent in the middle of a report, then it is recorded and the open question is asked again', async () => {
    const path = dbFile();
    const opened = await run(['@at 2026-11-25 09:00', `${PKB}: BUKA HADIR`], path);
    const code = /\*([A-Z2-9]{4})\*/.exec(to(opened, PKB)[0]!)![1]!;
    const out = await run([...PPKBD_REPORT.slice(0, 3), `${PPKBD}: HADIR ${code}`], path);
    const mine = to(out, PPKBD);
    expect(mine.at(-2)).toContain('Kehadiran Anda tercatat');
    expect(mine.at(-1)).toContain('(3/7) Di mana tempatnya?');
  });

  it('when the organiser reports the meeting after a check-in, then the attendance is proposed from it, only the unregistered are asked, and the check-in is linked', async () => {
    const path = dbFile();
    const opened = await run(['@at 2026-11-25 09:00', `${PKB}: BUKA HADIR`], path);
    const code = /\*([A-Z2-9]{4})\*/.exec(to(opened, PKB)[0]!)![1]!;
    const out = await run(
      [
        `${PPKBD}: HADIR ${code}`,
        `${SUB}: HADIR ${code}`,
        `${PKB}: HADIR ${code}`,
        '@at 2026-11-25 12:00',
        `${PKB}: pertemuan`,
        `${PKB}: 1`,
        `${PKB}: 1`,
        `${PKB}: hari ini`,
        `${PKB}: 1`,
        `${PKB}: 2 3 0 1 1 10`,
        `${PKB}: tidak`,
        `${PKB}: 1`,
        `${PKB}: -`,
        `${PKB}: KIRIM`,
      ],
      path,
    );
    const pkb = to(out, PKB);
    expect(pkb.find((t) => t.startsWith('(4/7)'))).toContain(`Dari daftar hadir kode ${code}: PKB 1, PPKBD 1, Sub-PPKBD 1.`);
    withDb(path, (db) => {
      const [row] = db.select().from(meetings).all();
      expect(row).toMatchObject({ attPkb: 1, attPpkbd: 1, attSubPpkbd: 1, attTokohAgama: 2, attTokohMasyarakat: 3, attBidan: 1, attAparatDesa: 1, attPesertaLain: 10, attTotal: 20 });
      const [checkin] = db.select().from(meetingCheckins).all();
      expect(row!.checkinId).toBe(checkin!.id);
      expect(checkin!.meetingId).toBe(row!.id);
    });
  });

  it('when people write HADIR the way they chat (a colon, lower case, a word after it), then they are recorded; chatter that names no code stays silent', async () => {
    const path = dbFile();
    const opened = await run(['@at 2026-11-25 09:00', `${PKB}: buka hadir`], path);
    const code = /\*([A-Z2-9]{4})\*/.exec(to(opened, PKB)[0]!)![1]!;
    const out = await run(
      [
        `${PPKBD}: Hadir: ${code.toLowerCase()}`,
        `${SUB} @ grp-rakor: HADIR ${code} pak`,
        `${KOORD} @ grp-rakor: hadir semua ya`,
        `${KOORD} @ grp-rakor: hadir juga`,
        `${DINAS} @ grp-rakor: HADIR ZZZZ`,
      ],
      path,
    );
    expect(to(out, PPKBD)).toEqual([expect.stringContaining(`Kehadiran Anda tercatat pukul 09.00 (kode ${code})`)]);
    expect(to(out, SUB)).toEqual([expect.stringContaining(`Kehadiran Anda tercatat pukul 09.00 (kode ${code})`)]);
    expect(to(out, KOORD)).toEqual([]);
    expect(to(out, DINAS)).toEqual(['Kode ZZZZ tidak ditemukan. Periksa lagi kode hadir dari penyelenggara (4 huruf/angka), lalu balas HADIR dan kodenya.']);
    expect(out.filter((m) => m.to === 'grp-rakor')).toEqual([]);
  });
});
