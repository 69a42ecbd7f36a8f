// A reporting month played through the real bot, for the tests of the aggregation and of the exports that use it.
// November 2026 in Bontomarannu (9 desa/kelurahan, Bili-bili not taking part) and one desa of Bontonompo:
//   5 Nov   Nirannuang sends October late; the PKB verifies it (last month, for the change in CPR).
//   20 Nov  a resident reports a stock-out of suntik at the puskesmas in Pakatto (never followed up: overdue, escalated).
//   21 Nov  another resident reports a case in Nirannuang, which the PKB follows up on the 23rd.
//   22 Nov  a case in Bategulung (Bontonompo), held by the Dinas and never followed up.
//   2 Dec   three Sub-PPKBD of Pakatto send their dusun parts and the PPKBD the desa recap (their sum); Nirannuang and
//           Bategulung send on time; the PKB returns Nirannuang; the Dinas verifies Bategulung.
//   3 Dec   the Bontoa part changes: Pakatto's desa recap no longer matches its dusun parts.
//   4 Dec   Sokkolia sends late (its reviewer is the koordinator, who does not check it).
//   5 Dec   Nirannuang sends a correction (not late: its first submission was on time); the PKB verifies it.
// The story ends on 5 December 2026, 12:00 WITA.
import { expect } from 'vitest';
import { recordParticipation } from '../../src/db/repos/areas.repo.js';
import { activeGroups, DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { fromWita } from '../../src/time/wita.js';
import type { Harness, Sent } from './harness.js';
import { DINAS_PHONE, PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE, SUB_PPKBD_PHONE } from './people.js';
import { CLEAN_RECAP } from './recap-fixture.js';

export const NIRANNUANG_PPKBD = '+6281234567021';
export const SOKKOLIA_PPKBD = '+6281234567022';
export const BATEGULUNG_PPKBD = '+6281234567023';
const BORONG_SUB = '+6281234567012';
const TAMALATE_SUB = '+6281234567013';
const RESIDENT_A = '+6285299990011';
const RESIDENT_B = '+6285299990012';
const RESIDENT_C = '+6285299990013';

export const STORY_PEOPLE = [
  PEOPLE_CSV,
  `${NIRANNUANG_PPKBD},Nur Aeni,ppkbd,73.06.06.2004,`,
  `${SOKKOLIA_PPKBD},Hasnah,ppkbd,73.06.06.2006,`,
  `${BATEGULUNG_PPKBD},Jumriah,ppkbd,73.06.01.2020,`,
  `${BORONG_SUB},Nurul,sub_ppkbd,73.06.06.2003,Dusun Borong`,
  `${TAMALATE_SUB},Ratna,sub_ppkbd,73.06.06.2003,Dusun Tamalate`,
].join('\n');

export const STORY_START = fromWita(2026, 11, 5, 9, 0);
export const STORY_END = fromWita(2026, 12, 5, 12, 0);
export const STORY = {
  period: '2026-11',
  kecamatan: '73.06.06',
  pakatto: '73.06.06.2003',
  nirannuang: '73.06.06.2004',
  sokkolia: '73.06.06.2006',
  biliBili: '73.06.06.2014',
  bategulung: '73.06.01.2020',
} as const;

/** The three dusun parts of Pakatto: together they are CLEAN_RECAP's Section III. */
const PARTS = [
  [SUB_PPKBD_PHONE, { jml_keluarga: 200, pus: 160, pa_iud: 7, pa_mow: 2, pa_mop: 0, pa_implan: 10, pa_suntik: 40, pa_pil: 27, pa_kondom: 3, hamil: 8, ias: 20, iat: 23, tial: 20 }],
  [BORONG_SUB, { jml_keluarga: 210, pus: 160, pa_iud: 6, pa_mow: 2, pa_mop: 1, pa_implan: 10, pa_suntik: 40, pa_pil: 26, pa_kondom: 4, hamil: 9, ias: 20, iat: 22, tial: 20 }],
  [TAMALATE_SUB, { jml_keluarga: 210, pus: 160, pa_iud: 7, pa_mow: 1, pa_mop: 0, pa_implan: 10, pa_suntik: 40, pa_pil: 27, pa_kondom: 3, hamil: 8, ias: 20, iat: 25, tial: 19 }],
] as const;

export const NIRANNUANG_OCTOBER = { ...CLEAN_RECAP, pa_suntik: 100, ias: 80 }; // CPR 246 / 480 = 51.3 %
export const NIRANNUANG_NOVEMBER = { ...CLEAN_RECAP, pus: 500, ias: 80 }; // CPR 266 / 500 = 53.2 %
export const BATEGULUNG_NOVEMBER = { ...CLEAN_RECAP, pus: 300, pa_suntik: 40, pa_pil: 30, hamil: 10, ias: 30, iat: 60, tial: 64 }; // CPR 136 / 300 = 45.3 %
export const SOKKOLIA_NOVEMBER = { ...CLEAN_RECAP, jml_keluarga: 700 };

const FIELDS = activeGroups(DEFAULT_RECAP_SETTINGS).flatMap((g) => g.fields);
const line = (values: Record<string, number>, fields: readonly string[]) => fields.map((f) => `${f}=${values[f]}`).join(' ');
const codeIn = (sent: Sent[], to: string) => /\*(UN-\d{6}-\d{4}-\d{4})\*/.exec(sent.find((m) => m.to === to)?.text ?? '')?.[1] ?? '';

export interface StoryCases {
  stockOut: string;
  followedUp: string;
  dinas: string;
}

/** Plays the month on a harness created with STORY_PEOPLE at STORY_START; leaves the clock at STORY_END. */
export async function playNovember(h: Harness): Promise<StoryCases> {
  const at = (month: number, day: number, hour: number, minute = 0) => h.clock.set(fromWita(2026, month, day, hour, minute));

  /** LAPOR … then KIRIM, confirming unusual numbers with YA, until the receipt. */
  const submit = async (phone: string, values: Record<string, number>, period = '11/2026', fields: readonly string[] = FIELDS) => {
    await h.reply(phone, 'menu');
    await h.reply(phone, `LAPOR ${period} ${line(values, fields)}`);
    let reply = await h.reply(phone, 'KIRIM');
    for (let i = 0; i < 12 && reply.includes('Balas YA jika benar'); i++) reply = await h.reply(phone, 'YA');
    expect(reply).toMatch(/terkirim|Terima kasih/);
  };
  /** The reviewer opens "Periksa laporan desa", picks the desa by name, then verifies (1) or returns (2) with a reason. */
  const review = async (phone: string, desaName: string, decision: 'verify' | 'return') => {
    await h.reply(phone, 'menu');
    await h.reply(phone, 'periksa');
    expect(await h.reply(phone, desaName)).toContain(desaName);
    if (decision === 'verify') expect(await h.reply(phone, '1')).toContain('diverifikasi');
    else {
      await h.reply(phone, '2');
      await h.reply(phone, 'PUS tidak sama dengan register');
    }
  };
  const report = async (from: string, answers: readonly string[]) => {
    await h.send(from, 'laporkan');
    let sent: Sent[] = [];
    for (const a of answers) sent = await h.send(from, a);
    const code = codeIn(sent, from);
    expect(code).not.toBe('');
    return code;
  };

  // October, late, verified: last month's figure for Nirannuang.
  await submit(NIRANNUANG_PPKBD, NIRANNUANG_OCTOBER, '10/2026');
  await review(PKB_PHONE, 'Nirannuang', 'verify');
  // The operator's phased roll-out: Bili-bili takes no part from November.
  recordParticipation(h.db, STORY.biliBili, 'leave', '2026-11');

  at(11, 20, 10);
  const stockOut = await report(RESIDENT_A, ['Pakatto', 'RT 03', '3', '1', '1', '1', 'ya']);
  at(11, 21, 10);
  const followedUp = await report(RESIDENT_B, ['Nirannuang', 'RT 01', '1', '2', '2', 'tidak']);
  at(11, 22, 10);
  const dinas = await report(RESIDENT_C, ['Bategulung', 'RT 02', '2', '3', '3', 'tidak']);
  at(11, 23, 9);
  await h.reply(PKB_PHONE, `KASUS ${followedUp}`);
  expect(await h.reply(PKB_PHONE, '1')).toContain('sudah ditindaklanjuti');

  at(12, 2, 8);
  for (const [phone, values] of PARTS) await submit(phone, values, '11/2026', Object.keys(values));
  await submit(PPKBD_PHONE, CLEAN_RECAP);
  at(12, 2, 9);
  await submit(NIRANNUANG_PPKBD, { ...NIRANNUANG_NOVEMBER, pus: 510, ias: 90 });
  await submit(BATEGULUNG_PPKBD, BATEGULUNG_NOVEMBER);
  at(12, 2, 10);
  await review(PKB_PHONE, 'Nirannuang', 'return');
  await review(DINAS_PHONE, 'Bategulung', 'verify');

  at(12, 3, 10);
  const [bontoaPhone, bontoa] = PARTS[0];
  await submit(bontoaPhone, { ...bontoa, pus: 165, ias: 25 }, '11/2026', Object.keys(bontoa));

  at(12, 4, 9);
  await submit(SOKKOLIA_PPKBD, SOKKOLIA_NOVEMBER);

  at(12, 5, 9);
  await submit(NIRANNUANG_PPKBD, NIRANNUANG_NOVEMBER);
  await review(PKB_PHONE, 'Nirannuang', 'verify');
  h.clock.set(STORY_END);
  return { stockOut, followedUp, dinas };
}
