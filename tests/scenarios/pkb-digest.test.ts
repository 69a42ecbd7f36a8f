// The daily PKB digest (issue 10.4) through `imp-smart simulate` and the job runner: at 07:00 WITA, one message per
// kecamatan to its PKB group (else the koordinator for the whole kecamatan and each PKB for their binaan); a quiet day
// in one line; exactly once across @restart, a second run and catch-up; a missed digest older than its day skipped;
// a kecamatan with no desa taking part gets nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PKB_DIGEST_JOB } from '../../src/bot/features/pkb-digest.js';
import { recordParticipation } from '../../src/db/repos/areas.repo.js';
import { activeGroups, DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { fromWita } from '../../src/time/wita.js';
import { Harness } from '../helpers/harness.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';
import { messagesOf, simulate } from '../helpers/simulate.js';

const PAKATTO = '+6281234567001';
const PKB = '+6281234567003';
const KOORD = '+6281234567004';
const DINAS = '+6281234567005';
const NIRANNUANG = '+6281234567021';
const RESIDENT = '+6285299990011';
const PKB_PALLANGGA = '+6281234567031';
const PEOPLE = [
  'phone,name,role,area,unit',
  `${PAKATTO},Siti Aminah,ppkbd,73.06.06.2003,`,
  `${PKB},Andi Baso,pkb,73.06.06.2003;73.06.06.2004,`,
  `${KOORD},Hj. Nurhayati,koordinator,73.06.06,`,
  `${DINAS},Muh. Ridwan,dinas,73.06,`,
  `${NIRANNUANG},Nur Aeni,ppkbd,73.06.06.2004,`,
  `${PKB_PALLANGGA},Rina Kartika,pkb,73.06.07,`,
].join('\n');

const FIELDS = activeGroups(DEFAULT_RECAP_SETTINGS).flatMap((g) => g.fields);
const lapor = (phone: string) => [`${phone}: LAPOR 11/2026 ${FIELDS.map((f) => `${f}=${CLEAN_RECAP[f]}`).join(' ')}`, `${phone}: KIRIM`];
const digests = (out: { to: string; text: string }[], to?: string) => out.filter((m) => m.text.startsWith('*Ringkasan harian') && (to === undefined || m.to === to));

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('daily PKB digest', () => {
  it('when a day had activity, then the kecamatan group gets one digest at 07:00 with what arrived, X of Y with the missing named and the days left, what waits or was returned, and the new case', async () => {
    const out = messagesOf(
      await simulate(
        [
          '@at 2026-11-30 12:00',
          `${PKB} @ grp-pkb-bontomarannu: DAFTAR GRUP PKB Bontomarannu`,
          '@at 2026-12-01 09:00',
          ...lapor(PAKATTO),
          ...lapor(NIRANNUANG),
          '@at 2026-12-01 10:00',
          `${PKB}: periksa`,
          `${PKB}: Nirannuang`,
          `${PKB}: 2`,
          `${PKB}: PUS tidak sama dengan register`,
          '@at 2026-12-01 11:00',
          ...['laporkan', 'Pakatto', 'RT 03', '3', '1', '1', '1', 'ya'].map((a) => `${RESIDENT}: ${a}`),
          '@at 2026-12-02 07:30',
        ].join('\n'),
        { people: PEOPLE },
      ),
    );
    const group = digests(out, 'grp-pkb-bontomarannu');
    // The 1st (nothing in yet) and the 2nd; nobody in Bontomarannu gets it in private while the group is bound.
    expect(group).toHaveLength(2);
    expect(digests(out, PKB)).toEqual([]);
    expect(digests(out, KOORD)).toEqual([]);
    expect(digests(out, DINAS)).toEqual([]);
    const text = group[1]!.text;
    expect(text).toContain('*Ringkasan harian Kec. Bontomarannu*\nRabu, 2/12/2026');
    expect(text).toContain('*Laporan November 2026*: 2 dari 9 desa/kelurahan sudah lapor.');
    expect(text).toContain('Batas pengiriman 3/12/2026 (1 hari lagi).');
    expect(text).toContain('Belum lapor (7): Borongloe, Bontomanai, Romang Lompoa, Romangloe, Sokkolia, Mata Allo dan Bili-bili.');
    expect(text).toContain('Baru masuk sejak ringkasan lalu (2): Pakatto dan Nirannuang.');
    expect(text).toContain('Menunggu verifikasi (1): Pakatto.');
    expect(text).toContain('Dikembalikan, belum diperbaiki (1): Nirannuang.');
    expect(text).toContain('*Kasus*: 1 baru sejak ringkasan lalu (1 stok kosong), 1 masih terbuka.');
    expect(text.length).toBeLessThanOrEqual(1000);
    // No phone number and no cadre's name in the group.
    expect(text).not.toMatch(/\+62|Siti|Nur Aeni/);
    // Pallangga has no group: its PKB (whole kecamatan) gets it in private.
    expect(digests(out, PKB_PALLANGGA).map((m) => m.text.split('\n')[0])).toEqual(['*Ringkasan harian Kec. Pallangga*', '*Ringkasan harian Kec. Pallangga*']);
  });

  it('when nothing happened and nothing is missing or waiting, then the digest is one line; a PKB without a group reads their binaan, the koordinator the kecamatan', async () => {
    const out = messagesOf(await simulate(['@at 2026-11-25 12:00', '@at 2026-11-27 12:00'].join('\n'), { people: PEOPLE }));
    expect(digests(out, PKB).map((m) => m.text)).toEqual([
      '*Ringkasan harian desa binaan Anda, Kec. Bontomarannu* (Kamis, 26/11/2026): tidak ada yang baru; laporan November 2026 dibuka 1/12/2026.',
      '*Ringkasan harian desa binaan Anda, Kec. Bontomarannu* (Jumat, 27/11/2026): tidak ada yang baru; laporan November 2026 dibuka 1/12/2026.',
    ]);
    expect(digests(out, KOORD).map((m) => m.text.split(' (')[0])).toEqual(['*Ringkasan harian Kec. Bontomarannu*', '*Ringkasan harian Kec. Bontomarannu*']);
    // Kecamatan nobody is registered for get nothing; the Dinas gets no PKB digest.
    expect(new Set(digests(out).map((m) => m.to))).toEqual(new Set([PKB, KOORD, PKB_PALLANGGA]));
  });

  it('when the bot restarts around 07:00 and the same day is run again, then each digest is sent exactly once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'imp-digest-'));
    const dbPath = join(dir, 'sim.db');
    const first = messagesOf(await simulate(['@at 2026-12-02 06:59', '@restart', '@at 2026-12-02 07:00', '@restart', '@at 2026-12-02 07:05', '@restart'].join('\n'), { people: PEOPLE, dbPath }));
    const again = messagesOf(await simulate('@at 2026-12-02 18:00', { people: PEOPLE, dbPath }));
    expect(digests(first, KOORD)).toHaveLength(1);
    expect(digests(first, PKB)).toHaveLength(1);
    expect(digests(again)).toEqual([]);
  });
});

describe('daily PKB digest: catch-up and participation', () => {
  it('when the bot was down at 07:00, then a digest missed the same morning is made up once at start, and one from the day before is skipped', async () => {
    const h = await Harness.create({ people: PEOPLE, start: fromWita(2026, 12, 2, 6, 30) });
    try {
      const job = h.bot.jobs.find((j) => j.name === PKB_DIGEST_JOB)!;
      // Yesterday's 07:00 is 23.5 hours old: not sent late.
      expect(await h.bot.runner.catchUp([job])).toEqual([]);
      h.clock.set(fromWita(2026, 12, 2, 9, 0));
      expect(await h.bot.runner.catchUp([job])).toEqual([{ job: PKB_DIGEST_JOB, outcome: 'ran' }]);
      await h.bot.idle();
      const digestsSent = () => h.transport.sent.filter((m) => m.content.kind === 'text' && m.content.text.startsWith('*Ringkasan harian'));
      expect(digestsSent().map((m) => m.to).sort()).toEqual([PKB, KOORD, PKB_PALLANGGA].sort());
      expect(digestsSent().find((m) => m.to === KOORD)!.content).toMatchObject({ text: expect.stringContaining('Rabu, 2/12/2026') });
      // A restart and a late fire of the same slot find the run and send nothing.
      await h.restart();
      expect(await h.bot.runner.catchUp([job])).toEqual([{ job: PKB_DIGEST_JOB, outcome: 'already' }]);
      expect(await h.bot.runner.runSlot(job, fromWita(2026, 12, 2, 7, 0))).toBe('already');
      await h.bot.idle();
      expect(digestsSent()).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('when no desa of a kecamatan takes part in the month, then its PKB and koordinator get no digest', async () => {
    const h = await Harness.create({ people: PEOPLE, start: fromWita(2026, 12, 2, 7, 0) });
    try {
      for (const desa of h.database.areas.desaOf('73.06.06')) recordParticipation(h.db, desa.code, 'leave', '2026-11');
      // Pallangga: one desa stays in.
      for (const desa of h.database.areas.desaOf('73.06.07').slice(1)) recordParticipation(h.db, desa.code, 'leave', '2026-11');
      const job = h.bot.jobs.find((j) => j.name === PKB_DIGEST_JOB)!;
      expect(await h.bot.runner.runSlot(job, fromWita(2026, 12, 2, 7, 0))).toBe('ran');
      await h.bot.idle();
      const sent = h.transport.sent.filter((m) => m.content.kind === 'text' && m.content.text.startsWith('*Ringkasan harian'));
      expect(sent.map((m) => m.to)).toEqual([PKB_PALLANGGA]);
      expect(sent[0]!.content).toMatchObject({ text: expect.stringContaining('0 dari 1 desa/kelurahan') });
    } finally {
      await h.close();
    }
  });
});
