// The month of issue 10's "done when": Kabupaten Gowa from 25 November to 12 December 2026, played day by day
// through `imp-smart simulate`, with restarts on several days. Used by tests/scenarios/push-month.test.ts.
import { activeGroups, DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { DINAS_PHONE, KOORD_PHONE, PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE, SUB_PPKBD_PHONE } from './people.js';
import { CLEAN_RECAP } from './recap-fixture.js';

/** Nirannuang's PPKBD never reports; Sokkolia's reports on the 2nd and is returned the same day. */
export const NIRANNUANG_PPKBD = '+6281234567021';
export const SOKKOLIA_PPKBD = '+6281234567022';
/** Pallangga has no PKB group: its PKB and koordinator get the digest one by one. */
export const PKB_PALLANGGA = '+6281234567031';
export const KOORD_PALLANGGA = '+6281234567032';

export const MONTH_PEOPLE = [
  PEOPLE_CSV,
  `${NIRANNUANG_PPKBD},Nur Aeni,ppkbd,73.06.06.2004,`,
  `${SOKKOLIA_PPKBD},Hasnah,ppkbd,73.06.06.2006,`,
  `${PKB_PALLANGGA},Rina Kartika,pkb,73.06.07.1001;73.06.07.1002,`,
  `${KOORD_PALLANGGA},Baharuddin,koordinator,73.06.07,`,
].join('\n');

const FIELDS = activeGroups(DEFAULT_RECAP_SETTINGS).flatMap((g) => g.fields);
const lapor = (values: Record<string, number>) => `LAPOR 11/2026 ${FIELDS.map((f) => `${f}=${values[f]}`).join(' ')}`;

const day = (d: number) => (d >= 25 ? `2026-11-${d}` : `2026-12-${String(d).padStart(2, '0')}`);

/** The transcript: every day at noon, with the people's messages on their days and restarts on several mornings. */
export function monthTranscript(): string {
  const lines: string[] = ['@at 2026-11-25 08:00'];
  const say = (phone: string, text: string) => lines.push(`${phone}: ${text}`);
  const inGroup = (phone: string, group: string, text: string) => lines.push(`${phone} @ ${group}: ${text}`);
  // 25 Nov: the groups are registered; a cadre's attempt is refused; chatter is ignored.
  inGroup(PKB_PHONE, 'grp-pkb-bontomarannu', 'DAFTAR GRUP PKB Bontomaranu');
  inGroup(PPKBD_PHONE, 'grp-pkb-bontomarannu', 'daftar grup pkb bontomarannu');
  inGroup(SUB_PPKBD_PHONE, 'grp-pkb-bontomarannu', 'Selamat pagi semua, laporan bulan ini kapan ya?');
  inGroup(DINAS_PHONE, 'grp-dinas', 'DAFTAR GRUP DINAS');
  inGroup(KOORD_PHONE, 'grp-dinas', 'Terima kasih pak');
  const restartDays = new Set([27, 30, 3, 5, 8]);
  for (const d of [26, 27, 28, 29, 30, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
    if (restartDays.has(d)) {
      // Restart in the early morning, after the night's jobs and before the day's.
      lines.push(`@at ${day(d)} 06:30`, '@restart');
      // And once right after the morning jobs on the same day: nothing may run twice.
      lines.push(`@at ${day(d)} 08:30`, '@restart');
    }
    lines.push(`@at ${day(d)} 12:00`);
    if (d === 1) {
      // Pakatto's PPKBD records last Saturday's rakor (November): the next digest lists it, the monthly summary counts it.
      for (const text of ['pertemuan', '1', '28/11', '4', '1 1 1 2 4 0 1 2 15', 'ya', '1 3', 'Kunjungan rumah PUS yang belum ber-KB', 'KIRIM']) say(PPKBD_PHONE, text);
    }
    if (d === 2) {
      say(PPKBD_PHONE, lapor(CLEAN_RECAP));
      say(PPKBD_PHONE, 'KIRIM');
      say(SOKKOLIA_PPKBD, lapor({ ...CLEAN_RECAP, jml_keluarga: 700 }));
      say(SOKKOLIA_PPKBD, 'KIRIM');
      lines.push(`@at ${day(d)} 15:00`);
      // The PKB verifies Pakatto: the month gets official figures (CPR) for the digest, the summary and the chart.
      say(PKB_PHONE, 'menu');
      say(PKB_PHONE, 'periksa');
      say(PKB_PHONE, 'Pakatto');
      say(PKB_PHONE, '1');
      // Sokkolia is outside the PKB's binaan: its reviewer is the koordinator, who returns it.
      say(KOORD_PHONE, 'menu');
      say(KOORD_PHONE, 'periksa');
      say(KOORD_PHONE, 'Sokkolia');
      say(KOORD_PHONE, '2');
      say(KOORD_PHONE, 'PUS tidak sama dengan register');
    }
    if (d === 10) inGroup(KOORD_PHONE, 'grp-pkb-bontomarannu', 'HAPUS GRUP');
  }
  return lines.join('\n');
}
