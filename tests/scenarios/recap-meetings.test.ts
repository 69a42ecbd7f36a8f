// Issue 11, point 3: Section II of the desa recap proposed from the meetings recorded for the desa and month, through
// the real bot. Guided (accept, or type one's own), fast entry (the missing Section II numbers filled and marked),
// a desa without meetings unchanged, a Sub-PPKBD's dusun part untouched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { findRecap } from '../../src/db/repos/recaps.repo.js';
import { activeGroups, DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { MAX_MESSAGE_CHARS } from '../../src/flows/engine/limits.js';
import { fromWita } from '../../src/time/wita.js';
import { Harness } from '../helpers/harness.js';
import { insertMeeting } from '../helpers/meeting-fixture.js';
import { PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE as P, SUB_PPKBD_PHONE } from '../helpers/people.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';
import { messagesOf, simulate } from '../helpers/simulate.js';

const PAKATTO = '73.06.06.2003';
const NIRANNUANG = '73.06.06.2004';
const NIRANNUANG_PPKBD = '+6281234567021';
const PEOPLE = `${PEOPLE_CSV}\n${NIRANNUANG_PPKBD},Nur Aeni,ppkbd,${NIRANNUANG},`;
const GROUPS = activeGroups(DEFAULT_RECAP_SETTINGS);
const FIELDS = GROUPS.flatMap((g) => g.fields);
const II = GROUPS.findIndex((g) => g.id === 'operasional');
const answer = (i: number) => GROUPS[i]!.fields.map((f) => String(CLEAN_RECAP[f])).join(' ');

let h: Harness;
beforeEach(async () => {
  // 2 December 2026: November is open.
  h = await Harness.create({ people: PEOPLE, start: fromWita(2026, 12, 2, 9, 0) });
});
afterEach(() => h.close());

/** Three meetings in Pakatto in November (a rakor with the kit, a PKB counselling, a poktan meeting), one in October. */
function recordNovember(): void {
  insertMeeting(h.db, { areaCode: PAKATTO, kind: 'RAKOR_DESA', heldOn: '2026-11-05', kieKit: true, attendance: { pkb: 1, ppkbd: 1, tokoh_agama: 2, tokoh_masyarakat: 3 }, reporter: P });
  insertMeeting(h.db, { areaCode: PAKATTO, kind: 'PENYULUHAN_PKB', heldOn: '2026-11-12', kieKit: true, attendance: { pkb: 1, tokoh_agama: 1, peserta_lain: 20 }, reporter: PKB_PHONE });
  insertMeeting(h.db, { areaCode: PAKATTO, dusun: 'Dusun Bontoa', kind: 'POKTAN_BKB', heldOn: '2026-11-20', attendance: { sub_ppkbd: 1, peserta_lain: 15 }, reporter: SUB_PPKBD_PHONE });
  insertMeeting(h.db, { areaCode: PAKATTO, kind: 'RAKOR_DESA', heldOn: '2026-10-28', reporter: P });
}

/** Guided answers up to (not including) Section II; returns the Section II question. */
async function upToSectionII(phone = P): Promise<string> {
  await h.reply(phone, '1');
  let reply = '';
  for (let i = 0; i < II; i++) reply = await h.reply(phone, answer(i));
  return reply;
}

async function rest(phone = P): Promise<string> {
  let reply = '';
  for (let i = II + 1; i < GROUPS.length; i++) reply = await h.reply(phone, answer(i));
  return reply;
}

describe('Section II proposed from the meetings', () => {
  it('when meetings were recorded and the cadre answers YA, then the summary marks them and the recap stores the proposed numbers', async () => {
    recordNovember();
    const question = await upToSectionII();
    expect(question).toContain(`(${II + 1}/${GROUPS.length})`);
    expect(question).toContain('Dari 3 pertemuan yang dicatat di desa ini untuk November 2026: rakor 1, penyuluhan PKB 1, KIE Kit 2, tokoh aktif 5 (perkiraan: terbanyak dalam satu pertemuan).');
    expect(question).toContain('Balas YA (atau 1)');
    expect(question.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    const next = await h.reply(P, 'ya');
    expect(next).toContain(`(${II + 2}/${GROUPS.length})`);
    const summary = await rest();
    expect(summary).toContain(`${II + 1}. Kegiatan: rakor 1, penyuluhan 1, KIE Kit 2, tokoh 5 (dari catatan pertemuan; tokoh perkiraan)`);
    for (const page of summary.split('\n---\n')) expect(page.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    let reply = await h.reply(P, 'KIRIM');
    for (let i = 0; i < 5 && !reply.includes('Terima kasih!'); i++) reply = await h.reply(P, 'YA');
    expect(reply).toContain('Terima kasih!');
    const stored = JSON.parse(findRecap(h.db, PAKATTO, '2026-11', null)!.values) as Record<string, number>;
    expect(stored).toMatchObject({ frek_rakor_desa: 1, frek_penyuluhan_pkb: 1, frek_kie_kit: 2, jml_tokoh_aktif_kie: 5 });
  });

  it('when the cadre answers 1, then the proposal is taken as with YA', async () => {
    recordNovember();
    await upToSectionII();
    expect(await h.reply(P, '1')).toContain(`(${II + 2}/${GROUPS.length})`);
    const summary = await rest();
    expect(summary).toContain('Kegiatan: rakor 1, penyuluhan 1, KIE Kit 2, tokoh 5 (dari catatan pertemuan; tokoh perkiraan)');
  });

  it('when the cadre types her own four numbers, then those are stored and the summary marks nothing', async () => {
    recordNovember();
    await upToSectionII();
    await h.reply(P, '2 1 2 7');
    const summary = await rest();
    expect(summary).toContain(`${II + 1}. Kegiatan: rakor 2, penyuluhan 1, KIE Kit 2, tokoh 7\n`);
    expect(summary).not.toContain('catatan pertemuan');
    let reply = await h.reply(P, 'KIRIM');
    for (let i = 0; i < 5 && !reply.includes('Terima kasih!'); i++) reply = await h.reply(P, 'YA');
    const stored = JSON.parse(findRecap(h.db, PAKATTO, '2026-11', null)!.values) as Record<string, number>;
    expect(stored).toMatchObject({ frek_rakor_desa: 2, frek_penyuluhan_pkb: 1, frek_kie_kit: 2, jml_tokoh_aktif_kie: 7 });
  });

  it('when the cadre accepted and later changes the line with UBAH, then the proposal is shown with the current numbers and her numbers replace it', async () => {
    recordNovember();
    await upToSectionII();
    await h.reply(P, 'YA');
    await rest();
    const again = await h.reply(P, `UBAH ${II + 1}`);
    expect(again).toContain('Dari 3 pertemuan');
    expect(again).toContain('Sekarang: 1 1 2 5');
    const summary = await h.reply(P, '1 1 2 4');
    expect(summary).toContain(`${II + 1}. Kegiatan: rakor 1, penyuluhan 1, KIE Kit 2, tokoh 4\n`);
    expect(summary).not.toContain('catatan pertemuan');
  });

  it('when fast entry leaves out Section II, then its numbers come from the meetings and the summary says so; given ones win', async () => {
    recordNovember();
    const given = FIELDS.filter((f) => f !== 'frek_penyuluhan_pkb' && f !== 'frek_kie_kit' && f !== 'jml_tokoh_aktif_kie');
    const summary = await h.reply(P, `LAPOR 11/2026 ${given.map((f) => `${f}=${f === 'frek_rakor_desa' ? 3 : CLEAN_RECAP[f]}`).join(' ')}`);
    expect(summary).toContain('*Ringkasan laporan November 2026*');
    expect(summary).toContain(`${II + 1}. Kegiatan: rakor 3, penyuluhan 1, KIE Kit 2, tokoh 5 (penyuluhan, KIE Kit, tokoh dari catatan pertemuan; tokoh perkiraan)`);
    let reply = await h.reply(P, 'KIRIM');
    for (let i = 0; i < 5 && !reply.includes('Terima kasih!'); i++) reply = await h.reply(P, 'YA');
    expect(reply).toContain('Terima kasih!');
    const stored = JSON.parse(findRecap(h.db, PAKATTO, '2026-11', null)!.values) as Record<string, number>;
    expect(stored).toMatchObject({ frek_rakor_desa: 3, frek_penyuluhan_pkb: 1, frek_kie_kit: 2, jml_tokoh_aktif_kie: 5 });
  });

  it('when fast entry gives every Section II number, then nothing is taken from the meetings', async () => {
    recordNovember();
    const summary = await h.reply(P, `LAPOR 11/2026 ${FIELDS.map((f) => `${f}=${CLEAN_RECAP[f]}`).join(' ')}`);
    expect(summary).toContain(`${II + 1}. Kegiatan: rakor 1, penyuluhan 2, KIE Kit 2, tokoh 5\n`);
    expect(summary).not.toContain('catatan pertemuan');
  });

  it('when a desa has no meeting recorded for the month, then Section II is asked as before', async () => {
    recordNovember(); // Pakatto's meetings say nothing about Nirannuang
    const question = await upToSectionII(NIRANNUANG_PPKBD);
    expect(question).toContain('Frekuensi rakor desa');
    expect(question).not.toContain('pertemuan yang dicatat');
    expect(await h.reply(NIRANNUANG_PPKBD, 'YA')).toContain('mohon balas dengan 4 angka');
    await h.reply(NIRANNUANG_PPKBD, answer(II));
    expect(await rest(NIRANNUANG_PPKBD)).not.toContain('catatan pertemuan');
  });

  it('when only an October meeting exists, then November is asked as before', async () => {
    insertMeeting(h.db, { areaCode: PAKATTO, kind: 'RAKOR_DESA', heldOn: '2026-10-28', reporter: P });
    const question = await upToSectionII();
    expect(question).not.toContain('pertemuan yang dicatat');
  });

  it("when the Sub-PPKBD sends her dusun part, then nothing about meetings is asked (her part is Section III only)", async () => {
    recordNovember();
    const first = await h.reply(SUB_PPKBD_PHONE, '1');
    expect(first).not.toContain('pertemuan');
  });
});

describe('Section II from the meetings in the simulator', () => {
  it('when a story records meetings in November and the PPKBD reports in December with a restart at Section II, then the proposal is offered, taken with YA and kept across the restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imp-recap-meetings-sim-'));
    try {
      const path = join(dir, 'sim.db');
      await simulate('@at 2026-11-30 09:00', { dbPath: path });
      const { db, close } = openDatabase(path);
      insertMeeting(db, { areaCode: PAKATTO, kind: 'RAKOR_DESA', heldOn: '2026-11-05', kieKit: true, attendance: { tokoh_agama: 1, tokoh_masyarakat: 2 }, reporter: P });
      insertMeeting(db, { areaCode: PAKATTO, kind: 'PENYULUHAN_PKB', heldOn: '2026-11-19', attendance: { tokoh_agama: 4 }, reporter: PKB_PHONE });
      close();
      const lines = ['@at 2026-12-02 09:00', `${P}: 1`, ...GROUPS.slice(0, II).map((g) => `${P}: ${g.fields.map((f) => CLEAN_RECAP[f]).join(' ')}`), '@restart', `${P}: YA`];
      lines.push(...GROUPS.slice(II + 1).map((g) => `${P}: ${g.fields.map((f) => CLEAN_RECAP[f]).join(' ')}`));
      const out = messagesOf(await simulate(lines.join('\n'), { dbPath: path, people: null })).filter((m) => m.to === P);
      expect(out.some((m) => m.text.includes('Dari 2 pertemuan yang dicatat di desa ini untuk November 2026: rakor 1, penyuluhan PKB 1, KIE Kit 1, tokoh aktif 4'))).toBe(true);
      expect(out.slice(-2).map((m) => m.text).join('\n')).toContain(`${II + 1}. Kegiatan: rakor 1, penyuluhan 1, KIE Kit 1, tokoh 4 (dari catatan pertemuan; tokoh perkiraan)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
