// The crash test's story (issue 12.6): 25 November to 5 December 2026 in Bontomarannu, played through the real
// `imp-smart simulate --db FILE` as a child process, so the daily PKB digest, the recap reminders and the Dinas'
// summaries run on their days between the people's messages. What it must leave behind is counted in EXPECTED.
import { activeGroups, DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { fromWita } from '../../src/time/wita.js';
import { DINAS_PHONE, KOORD_PHONE, PKB_PHONE, PPKBD_PHONE, SUB_PPKBD_PHONE } from '../helpers/people.js';
import { MONTH_PEOPLE, NIRANNUANG_PPKBD, SOKKOLIA_PPKBD } from '../helpers/push-month.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';

export const CRASH_PEOPLE = MONTH_PEOPLE;
export const CRASH_START = fromWita(2026, 11, 25, 7, 0);

const RESIDENTS = ['+6285299990031', '+6285299990032', '+6285299990033'] as const;

export type StoryStep = { kind: 'at'; at: Date; line: string } | { kind: 'message'; line: string };

/** What the story stores when every message is handled once: one row per KIRIM or report, no more, no less. */
export const EXPECTED = {
  /** Desa recaps and dusun parts (each sent once: one version, one submission event). */
  recaps: 4,
  cases: 4,
  meetings: 2,
  /** Pakatto, verified by the PKB, and its dusun part, which follows the desa record's lock. */
  verified: 2,
} as const;

const FIELDS = activeGroups(DEFAULT_RECAP_SETTINGS).flatMap((g) => g.fields);
const lapor = (values: Record<string, number>, fields: readonly string[] = FIELDS) => `LAPOR 11/2026 ${fields.map((f) => `${f}=${values[f]}`).join(' ')}`;
/** Bontoa is Pakatto's only registered dusun: its part carries the desa's Section III, so C7 holds. */
const SECTION_III = ['jml_keluarga', 'pus', 'pa_iud', 'pa_mow', 'pa_mop', 'pa_implan', 'pa_suntik', 'pa_pil', 'pa_kondom', 'hamil', 'ias', 'iat', 'tial'];

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** The story as transcript steps: an @at per moment, the people's messages in between. */
export function crashStory(): StoryStep[] {
  const steps: StoryStep[] = [];
  const at = (month: number, day: number, hour: number, minute = 0) =>
    steps.push({ kind: 'at', at: fromWita(2026, month, day, hour, minute), line: `@at 2026-${two(month)}-${two(day)} ${two(hour)}:${two(minute)}` });
  const say = (phone: string, ...texts: string[]) => texts.forEach((text) => steps.push({ kind: 'message', line: `${phone}: ${text}` }));
  const inGroup = (phone: string, group: string, text: string) => steps.push({ kind: 'message', line: `${phone} @ ${group}: ${text}` });
  const meeting = (phone: string) => say(phone, 'pertemuan', '1', 'kemarin', '4', '1 1 1 2 4 0 1 2 15', 'ya', '1 3', 'Kunjungan rumah PUS yang belum ber-KB', 'KIRIM');
  const submit = (phone: string, line: string) => say(phone, 'menu', line, 'KIRIM');

  at(11, 25, 8);
  inGroup(PKB_PHONE, 'grp-pkb-bontomarannu', 'DAFTAR GRUP PKB Bontomarannu');
  inGroup(SUB_PPKBD_PHONE, 'grp-pkb-bontomarannu', 'Selamat pagi semua, laporan bulan ini kapan ya?');
  inGroup(DINAS_PHONE, 'grp-dinas', 'DAFTAR GRUP DINAS');
  at(11, 25, 12);
  say(RESIDENTS[0], 'laporkan', 'Pakatto', 'RT 03', '3', '1', '1', '1', 'ya');
  at(11, 26, 12);
  say(RESIDENTS[1], 'laporkan', 'Nirannuang', 'RT 01', '1', '2', '2', 'tidak');
  at(11, 27, 12);
  meeting(PPKBD_PHONE);
  at(11, 28, 10);
  meeting(SOKKOLIA_PPKBD);
  at(11, 29, 12);
  say(RESIDENTS[2], 'laporkan', 'Pakatto', 'RT 05', '1', '2', '2', 'tidak');
  say(RESIDENTS[0], 'halo', 'menu');
  at(12, 1, 12);
  submit(SUB_PPKBD_PHONE, lapor(CLEAN_RECAP, SECTION_III));
  at(12, 2, 9);
  submit(PPKBD_PHONE, lapor(CLEAN_RECAP));
  // The desa figures equal the one dusun part received so far: the bot asks whether they are the whole desa's.
  say(PPKBD_PHONE, 'YA');
  submit(SOKKOLIA_PPKBD, lapor({ ...CLEAN_RECAP, jml_keluarga: 700 }));
  at(12, 2, 15);
  say(PKB_PHONE, 'menu', 'periksa', 'Pakatto', '1');
  at(12, 3, 10);
  say(PPKBD_PHONE, 'laporkan', 'RT 2', '1', '2', '4', 'ya', 'RT2/hal 4/no 17', '27', '4', 'ya');
  inGroup(KOORD_PHONE, 'grp-pkb-bontomarannu', 'REKAP');
  at(12, 4, 11);
  submit(NIRANNUANG_PPKBD, lapor({ ...CLEAN_RECAP, pus: 500, ias: 80 }));
  // The 5th: the Dinas' monthly summary (text, chart, XLSX) at 08:00, the digest at 07:00.
  at(12, 5, 12);
  say(PKB_PHONE, 'REKAP', 'BELUM');
  return steps;
}

export const toTranscript = (steps: readonly StoryStep[]): string => `${steps.map((s) => s.line).join('\n')}\n`;

/**
 * What is left to play after `consumed` messages were journaled: from the last @at before the next message (so the
 * clock is where it was), dropping @at lines the stored clock has passed (the simulator refuses a clock going back).
 */
export function remainingSteps(steps: readonly StoryStep[], consumed: number, storedClock: Date | null): StoryStep[] {
  let seen = 0;
  let next = steps.length;
  for (let i = 0; i < steps.length; i++) {
    if (steps[i]!.kind !== 'message') continue;
    if (seen++ === consumed) {
      next = i;
      break;
    }
  }
  let from = next;
  let lastAt: StoryStep[] = [];
  if (next < steps.length) {
    // The @at the next message was written under, then that message and everything after it.
    const at = steps.slice(0, next).findLast((s) => s.kind === 'at');
    if (at) lastAt = [at];
  } else {
    // Every message is in: what is left are the last @at lines (the jobs of the last days).
    from = steps.findLastIndex((s) => s.kind === 'message') + 1;
  }
  return [...lastAt, ...steps.slice(from)].filter((s) => s.kind !== 'at' || storedClock === null || s.at.getTime() >= storedClock.getTime());
}
