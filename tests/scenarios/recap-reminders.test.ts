// The reminder ladder through `imp-smart simulate` (issue 10.6): D-2, D-0 and D+1 of the due day at 08:00 WITA, each
// skipped once the recap is in; a returned recap reminded with its reason; the PKB's named list the day after the
// due day; none on Sundays or configured holidays unless it is the due day; Sub-PPKBD for their part; exactly once
// across @restart and a second run; only active cadres of desa taking part.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RECAP_REMINDERS_JOB } from '../../src/bot/features/recap-reminders.js';
import { recordParticipation } from '../../src/db/repos/areas.repo.js';
import { setPersonActive } from '../../src/db/repos/people.repo.js';
import { activeGroups, DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { fromWita } from '../../src/time/wita.js';
import { Harness } from '../helpers/harness.js';
import { PPKBD_PHONE } from '../helpers/people.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';
import { messagesOf, simulate } from '../helpers/simulate.js';

const PAKATTO = '+6281234567001';
const BONTOA_SUB = '+6281234567002';
const PKB = '+6281234567003';
const KOORD = '+6281234567004';
const NIRANNUANG = '+6281234567021';
const SOKKOLIA = '+6281234567022';
const BORONG_SUB = '+6281234567012';
const PEOPLE = [
  'phone,name,role,area,unit',
  `${PAKATTO},Siti Aminah,ppkbd,73.06.06.2003,`,
  `${BONTOA_SUB},Rahmawati,sub_ppkbd,73.06.06.2003,Dusun Bontoa`,
  `${BORONG_SUB},Nurul,sub_ppkbd,73.06.06.2003,Dusun Borong`,
  `${PKB},Andi Baso,pkb,73.06.06.2003;73.06.06.2004;73.06.06.2006,`,
  `${KOORD},Hj. Nurhayati,koordinator,73.06.06,`,
  `${NIRANNUANG},Nur Aeni,ppkbd,73.06.06.2004,`,
  `${SOKKOLIA},Hasnah,ppkbd,73.06.06.2006,`,
].join('\n');

const FIELDS = activeGroups(DEFAULT_RECAP_SETTINGS).flatMap((g) => g.fields);
const lapor = (phone: string, period = '11/2026') => [`${phone}: LAPOR ${period} ${FIELDS.map((f) => `${f}=${CLEAN_RECAP[f]}`).join(' ')}`, `${phone}: KIRIM`];
const PART = { jml_keluarga: 200, pus: 160, pa_iud: 7, pa_mow: 2, pa_mop: 0, pa_implan: 10, pa_suntik: 40, pa_pil: 27, pa_kondom: 3, hamil: 8, ias: 20, iat: 23, tial: 20 };
const laporPart = (phone: string) => [`${phone}: LAPOR 11/2026 ${Object.entries(PART).map(([f, v]) => `${f}=${v}`).join(' ')}`, `${phone}: KIRIM`];
const returnRecap = (desa: string, reason: string) => [`${PKB}: periksa`, `${PKB}: ${desa}`, `${PKB}: 2`, `${PKB}: ${reason}`];

type Message = { to: string; text: string };
const reminders = (out: Message[], to: string) => out.filter((m) => m.to === to && m.text.startsWith('*Pengingat laporan bulanan*'));
const lists = (out: Message[], to: string) => out.filter((m) => m.to === to && m.text.startsWith('*Belum lapor:'));

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('reminder ladder', () => {
  it('when one cadre submits on the 2nd, one never does and one is returned, then the first gets no reminder on the 3rd, the second all three, the third the reason, and their PKB the named list', async () => {
    const out = messagesOf(
      await simulate(
        [
          '@at 2026-11-30 12:00',
          '@at 2026-12-02 09:00',
          ...lapor(PAKATTO),
          ...lapor(SOKKOLIA),
          ...returnRecap('Sokkolia', 'PUS tidak sama dengan register'),
          '@at 2026-12-06 12:00',
        ].join('\n'),
        { people: PEOPLE },
      ),
    );
    // Pakatto sent on the 2nd, after its D-2 reminder: nothing on the 3rd or the 4th.
    expect(reminders(out, PAKATTO)).toHaveLength(1);
    expect(reminders(out, PAKATTO)[0]!.text).toContain('Laporan bulanan November 2026 untuk Desa Pakatto belum dikirim.');
    // Nirannuang never sends: D-2, D-0 and D+1, each saying what is missing and how to start.
    const never = reminders(out, NIRANNUANG);
    expect(never.map((m) => m.text.split('\n')[2])).toEqual([
      'Batas pengiriman: Kamis, 3/12/2026 (2 hari lagi).',
      'Batas pengiriman hari ini (Kamis, 3/12/2026) sampai pukul 23.59 WITA.',
      'Batas pengiriman kemarin (3/12/2026) sudah lewat. Laporan masih diterima sampai 15/12/2026 dan dicatat terlambat.',
    ]);
    for (const m of never) {
      expect(m.text).toContain('Desa Nirannuang');
      expect(m.text).toContain('Ketik *LAPORAN*');
      expect(m.text).toContain('LAPOR 11/2026 PUS=');
      expect(m.text).toContain('BANTUAN LAPOR');
    }
    // Sokkolia: missing on the 1st, then returned on the 2nd: reminded with the reason on the 3rd and the 4th.
    const returned = reminders(out, SOKKOLIA);
    expect(returned).toHaveLength(3);
    expect(returned[0]!.text).toContain('belum dikirim');
    for (const m of returned.slice(1)) {
      expect(m.text).toContain('dikembalikan untuk diperbaiki');
      expect(m.text).toContain('Alasan: PUS tidak sama dengan register');
    }
    // The day after the due day: the PKB's binaan, then the whole kecamatan for the koordinator; once each.
    expect(lists(out, PKB)).toHaveLength(1);
    const pkbList = lists(out, PKB)[0]!.text;
    expect(pkbList).toContain('*Belum lapor: laporan November 2026, desa binaan Anda, Kec. Bontomarannu*');
    expect(pkbList).toContain('Belum mengirim, 1 dari 3 desa/kelurahan:\n• Nirannuang (PPKBD: Nur Aeni)');
    expect(pkbList).toContain('Dikembalikan, belum diperbaiki (1):\n• Sokkolia (PPKBD: Hasnah)');
    expect(pkbList).not.toContain('Pakatto');
    expect(lists(out, KOORD)).toHaveLength(1);
    expect(lists(out, KOORD)[0]!.text).toContain('Belum mengirim, 7 dari 9 desa/kelurahan:');
    expect(lists(out, KOORD)[0]!.text).toContain('• Borongloe (belum ada PPKBD terdaftar)');
    // Nothing for the cadres after the D+1 step; every reminder is a private message (no group is involved).
    expect(out.filter((m) => m.to.startsWith('grp'))).toEqual([]);
  });

  it('when a Sub-PPKBD has not sent their dusun part, then they are reminded for it until they send it or the desa recap is in', async () => {
    const out = messagesOf(
      await simulate(['@at 2026-11-30 12:00', '@at 2026-12-01 10:00', ...laporPart(BORONG_SUB), '@at 2026-12-03 12:00', ...lapor(PAKATTO), '@at 2026-12-05 12:00'].join('\n'), { people: PEOPLE }),
    );
    const bontoa = reminders(out, BONTOA_SUB);
    // D-2 and D-0 (the desa recap was still missing); not D+1, once the PPKBD had sent it.
    expect(bontoa).toHaveLength(2);
    expect(bontoa[0]!.text).toContain('Bagian Dusun Bontoa (Desa Pakatto) untuk laporan November 2026 belum dikirim.');
    expect(bontoa[0]!.text).toContain('LAPOR 11/2026 KELUARGA=');
    // Borong sent its part on the 1st, after the 08:00 reminder: nothing more.
    expect(reminders(out, BORONG_SUB)).toHaveLength(1);
  });

  it('when a step falls on a configured holiday or a Sunday, then it is skipped, but the due day is kept even on a Sunday', async () => {
    // December 2026 is due on Sunday 3 January 2027; 1 January is configured as a holiday.
    const december = messagesOf(await simulate(['@at 2026-12-30 12:00', '@at 2027-01-05 12:00'].join('\n'), { people: PEOPLE, holidays: ['2027-01-01'] }));
    expect(reminders(december, NIRANNUANG).map((m) => m.text.split('\n')[2])).toEqual([
      'Batas pengiriman hari ini (Minggu, 3/1/2027) sampai pukul 23.59 WITA.',
      'Batas pengiriman kemarin (3/1/2027) sudah lewat. Laporan masih diterima sampai 15/1/2027 dan dicatat terlambat.',
    ]);
    // Without the holiday, the 1st has its D-2 reminder.
    const plain = messagesOf(await simulate(['@at 2026-12-30 12:00', '@at 2027-01-02 12:00'].join('\n'), { people: PEOPLE }));
    expect(reminders(plain, NIRANNUANG)).toHaveLength(1);
    // July 2027 is due on Tuesday 3 August: its D-2 is Sunday 1 August.
    const july = messagesOf(await simulate(['@at 2027-07-30 12:00', '@at 2027-08-02 12:00'].join('\n'), { people: PEOPLE }));
    expect(reminders(july, NIRANNUANG)).toEqual([]);
  });

  it('when the bot restarts on a reminder day and the story is run again over the same day, then each reminder is sent exactly once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'imp-reminders-'));
    const dbPath = join(dir, 'sim.db');
    const first = messagesOf(await simulate(['@at 2026-11-30 12:00', '@at 2026-12-01 08:00', '@restart', '@at 2026-12-01 08:30', '@restart'].join('\n'), { people: PEOPLE, dbPath }));
    const again = messagesOf(await simulate(['@at 2026-12-01 20:00'].join('\n'), { people: PEOPLE, dbPath }));
    expect(reminders(first, NIRANNUANG)).toHaveLength(1);
    expect(reminders(first, BONTOA_SUB)).toHaveLength(1);
    expect(reminders(again, NIRANNUANG)).toEqual([]);
    expect(again.filter((m) => m.text.startsWith('*Pengingat'))).toEqual([]);
  });
});

describe('reminder ladder: who is reminded', () => {
  it('when a cadre is deactivated or their desa does not take part that month, then they get no reminder; a made-up run the same day sends once', async () => {
    const h = await Harness.create({ people: PEOPLE, start: fromWita(2026, 12, 1, 7, 0) });
    try {
      setPersonActive(h.db, NIRANNUANG, false, 'test', h.clock.now());
      recordParticipation(h.db, '73.06.06.2006', 'leave', '2026-11');
      const job = h.bot.jobs.find((j) => j.name === RECAP_REMINDERS_JOB)!;
      h.clock.set(fromWita(2026, 12, 1, 10, 0));
      const before = h.transport.sent.length;
      // Missed at 08:00 while the bot was down: made up at start, once.
      expect(await h.bot.runner.catchUp([job])).toEqual([{ job: RECAP_REMINDERS_JOB, outcome: 'ran' }]);
      expect(await h.bot.runner.runSlot(job, fromWita(2026, 12, 1, 8, 0))).toBe('already');
      await h.bot.idle();
      const sent = h.transport.sent.slice(before).map((m) => m.to);
      expect(sent.sort()).toEqual([PPKBD_PHONE, BONTOA_SUB, BORONG_SUB].sort());
    } finally {
      await h.close();
    }
  });
});
