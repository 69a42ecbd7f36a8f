// What the fuzzer sends: random sequences of steps (private and group messages from every role, images, clock
// jumps), mixing the happy paths of every flow with hostile text. Pure fast-check arbitraries, no I/O.
// Placeholders in a text ({CASE}, {HADIR}, {RECEIPT}) are replaced when the step runs by a code the bot gave out
// earlier in the same sequence, so KASUS/STATUS/HADIR/TUTUP reach real rows.
import fc from 'fast-check';
import { activeGroups, DEFAULT_RECAP_SETTINGS, RECAP_FIELDS } from '../../src/domain/recap/fields.js';
import { DINAS_PHONE, KOORD_PHONE, PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE, RESIDENT_PHONE, SUB_PPKBD_PHONE } from '../helpers/people.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';

export const ADMIN_PHONE = '+6281234567009';
export const NIRANNUANG_PPKBD = '+6281234567021';
export const PALLANGGA_PKB = '+6281234567031';
export const RESIDENT_2 = '+6285299990002';

export const FUZZ_PEOPLE = [
  PEOPLE_CSV,
  `${ADMIN_PHONE},Operator Dinas,admin,73.06,`,
  `${NIRANNUANG_PPKBD},Nur Aeni,ppkbd,73.06.06.2004,`,
  `${PALLANGGA_PKB},Rina Kartika,pkb,73.06.07.1001;73.06.07.1002,`,
].join('\n');

/** Every role, and two people who are not registered. */
export const ACTORS = {
  ppkbd: PPKBD_PHONE,
  ppkbd2: NIRANNUANG_PPKBD,
  sub: SUB_PPKBD_PHONE,
  pkb: PKB_PHONE,
  pkb2: PALLANGGA_PKB,
  koord: KOORD_PHONE,
  dinas: DINAS_PHONE,
  admin: ADMIN_PHONE,
  resident: RESIDENT_PHONE,
  resident2: RESIDENT_2,
} as const;
export type ActorKey = keyof typeof ACTORS;
const ACTOR_KEYS = Object.keys(ACTORS) as ActorKey[];

export const GROUPS = ['grp-pkb', 'grp-dinas', 'grp-lain'] as const;

export type Step =
  | { kind: 'private'; who: ActorKey; text: string }
  | { kind: 'group'; who: ActorKey; group: (typeof GROUPS)[number]; text: string }
  | { kind: 'image'; who: ActorKey; caption: string }
  /** A message WhatsApp could not decrypt for us. */
  | { kind: 'undecryptable'; who: ActorKey }
  | { kind: 'jump'; minutes: number };

/** Where a sequence starts (WITA): a quiet day, inside the November recap window, the due day, after the close. */
export const STARTS = [
  [2026, 11, 25, 7, 0],
  [2026, 12, 2, 9, 0],
  [2026, 12, 5, 7, 30],
  [2026, 12, 11, 10, 0],
] as const;

const GLOBAL_WORDS = ['MENU', 'menu', 'BATAL', 'batal.', 'BANTUAN', 'bantuan?', 'LANJUT', 'lanjutkan', 'KIRIM', 'kirim!', 'UBAH 2', 'ubah 99', 'UBAH 0', 'UBAH -1', 'UBAH', 'YA', 'ya', 'Ya.', 'TIDAK', 'tdk', 'help'];
const COMMANDS = [
  'laporkan',
  'lapor',
  'LAPOR 11/2026',
  'LAPOR 10/2026',
  'BANTUAN LAPOR 2',
  'pertemuan',
  'periksa',
  'profil',
  'tentang',
  // The Smart Book: one card, several, none, the topics (also typed inside other flows).
  'INFO',
  'info implan',
  'INFO steril',
  'info zzz',
  'STATUS',
  'STATUS {CASE}',
  'KASUS',
  'KASUS {CASE}',
  'kasus UN-000000-2026-9999',
  'STATUS {RECEIPT}',
  'HADIR {HADIR}',
  'HADIR ZZZZ',
  'BUKA HADIR',
  'TUTUP {HADIR}',
  'DAFTAR HADIR',
  'DAFTAR HADIR {HADIR}',
  'REKAP',
  'rekap bontomarannu',
  'REKAP kab gowa 11/2026',
  'BELUM',
  'BELUM LAPOR',
  'GRAFIK',
  'DAFTAR GRUP PKB Bontomarannu',
  'DAFTAR GRUP DINAS',
  'HAPUS GRUP',
  'cek status laporan',
  'buka kembali',
  'LATIHAN',
  'latihan cepat',
  'LATIHAN KASUS',
  'LATIHAN KELOMPOK',
  'LATIHAN HASIL',
  'LATIHAN TUTUP',
  // Workshop quizzes: officers open and close, cadres join with a code (real, unknown, mistyped).
  'KUIS BUKA Pelatihan Bontomarannu',
  'KUIS POST',
  'KUIS HASIL',
  'KUIS TUTUP',
  'KUIS',
  'KUIS ZZZZ',
  'kuis 12ab',
  'B',
];
const ANSWERS = ['1', '2', '3', '4', '5', '6', '9', '12', '0', 'hari ini', 'kemarin', '28/11', '20/11/2026', 'RT 03', 'RT 2/RW 1', 'Pakatto', 'Nirannuang', 'Bontomarannu', 'Dusun Bontoa', 'lainnya', '-', 'tidak ada', '1 3', '1 1 1 2 4 0 1 2 15', 'pak', 'Selamat pagi'];
const NUMBERS = ['1.250', '1,250', '6,5', '-480', '1e9', '٣', '٤٨٠', '１２３', '４８０', '0x1F', '00012', '99999999999999999999', '1/2', '½', '3 4 5', '480 266', '+62', '1_000', '∞', 'NaN', '−5', '1.2.3', ',', '.', '10%'];
const HOSTILE = [
  '🙏🙏😊',
  '👍🏽',
  '👨‍👩‍👧',
  'مرحبا',
  '你好',
  'Привет',
  'ᨅᨔ ᨕᨘᨁᨗ',
  '\u0000\u0001\u0007',
  '\u200b\u200c\u200d\ufeff',
  '\u200bMENU\u200b',
  'K\u200bIRIM',
  '\u202eKIRIM',
  'ＭＥＮＵ',
  'Ｋ Ｉ Ｒ Ｉ Ｍ',
  '\t\n  \n',
  '<script>alert(1)</script>',
  "'; DROP TABLE recaps; --",
  '${undefined}',
  '%s %d',
  '*bold* _miring_ ~coret~',
  '```kode```',
  '\\n\\r',
];
/** Personal data that must never end up in a stored case or meeting. */
const PERSONAL = ['Ibu Siti Aminah', 'Jl. Poros Malino No. 12', '081234567890', '+62 812-3456-7001', 'NIK 7306061203850001', 'lahir 12-03-1985', 'Dg. Baji', 'siti.aminah@gmail.com', 'Bapak Andi Baso di RT 2 rumah no 5'];
const LONG = ['a'.repeat(10_000), '1 '.repeat(5_000), '🙏'.repeat(2_500), `LAPOR 11/2026 ${'pus=1 '.repeat(1_660)}`, 'x'.repeat(2_999), 'y'.repeat(3_001), 'MENU '.repeat(200)];

const FIELDS = activeGroups(DEFAULT_RECAP_SETTINGS).flatMap((g) => g.fields);
const FIELD_KEYS = RECAP_FIELDS.map((f) => f.key);

/** A fast-entry line: the clean recap with some values changed, dropped or written oddly. */
const fastEntry: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('11/2026', '10/2026', '12/2026', 'nov', ''),
    fc.array(fc.tuple(fc.nat({ max: FIELDS.length - 1 }), fc.oneof(fc.integer({ min: -10, max: 2_000 }).map(String), fc.constantFrom(...NUMBERS))), { maxLength: 4 }),
    fc.array(fc.nat({ max: FIELDS.length - 1 }), { maxLength: 3 }),
    fc.boolean(),
  )
  .map(([period, changes, dropped, byKey]) => {
    const values: Record<string, string> = Object.fromEntries(FIELDS.map((f) => [f, String(CLEAN_RECAP[f] ?? 0)]));
    for (const [i, v] of changes) values[FIELDS[i]!] = v;
    for (const i of dropped) delete values[FIELDS[i]!];
    const name = (f: string) => (byKey ? (RECAP_FIELDS.find((d) => d.id === f)?.key ?? f) : f);
    return `LAPOR ${period} ${Object.entries(values)
      .map(([f, v]) => `${name(f)}=${v}`)
      .join(' ')}`.replace(/ {2,}/g, ' ');
  });

const numberish = fc.oneof(fc.constantFrom(...NUMBERS), fc.integer({ min: -1_000, max: 100_000 }).map(String), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String), fc.double({ noNaN: false }).map(String));

const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...GLOBAL_WORDS, ...COMMANDS, ...ANSWERS) },
  { weight: 3, arbitrary: numberish },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE, ...PERSONAL) },
  { weight: 1, arbitrary: fc.constantFrom(...FIELD_KEYS.slice(0, 20)).map((k) => `${k}=${k.length}`) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

/** Any text a person might send (or a fuzzer might): short answers most often, sometimes huge or empty. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fragment },
  { weight: 3, arbitrary: fc.array(fragment, { minLength: 2, maxLength: 4 }).chain((parts) => fc.constantFrom(' ', '\n', '', ', ').map((sep) => parts.join(sep))) },
  { weight: 2, arbitrary: fastEntry },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', ...LONG) },
);

/** A line of a flow's happy path, now and then replaced by anything. */
const scripted = (line: string) => fc.oneof({ weight: 14, arbitrary: fc.constant(line) }, { weight: 1, arbitrary: anyText });

const script = (who: ActorKey, lines: readonly string[]): fc.Arbitrary<Step[]> =>
  fc.tuple(...lines.map(scripted)).map((texts) => texts.map((text) => ({ kind: 'private' as const, who, text })));

const cleanLapor = `LAPOR 11/2026 ${FIELDS.map((f) => `${f}=${CLEAN_RECAP[f]}`).join(' ')}`;
const SCRIPTS: fc.Arbitrary<Step[]>[] = [
  // Recap: fast entry, then KIRIM and the soft-rule confirmations.
  fc.constantFrom<ActorKey>('ppkbd', 'ppkbd2').chain((who) => script(who, ['menu', cleanLapor, 'KIRIM', 'YA', 'YA', 'YA'])),
  fc.constantFrom<ActorKey>('ppkbd', 'ppkbd2').chain((who) => fastEntry.chain((line) => script(who, [line, 'KIRIM', 'YA', 'UBAH 2', '1', 'KIRIM', 'YA']))),
  // Recap guided: the menu item and a run of numeric answers (some invalid).
  fc.tuple(fc.constantFrom<ActorKey>('ppkbd', 'ppkbd2', 'sub'), fc.array(fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 600 }).map(String) }, { weight: 1, arbitrary: anyText }), { minLength: 3, maxLength: 25 })).map(([who, answers]) =>
    ['menu', '1', '1', ...answers].map((text) => ({ kind: 'private' as const, who, text })),
  ),
  // A Sub-PPKBD's dusun part by fast entry.
  script('sub', ['LAPOR 11/2026 jml_keluarga=200 pus=160 pa_iud=7 pa_mow=2 pa_mop=0 pa_implan=10 pa_suntik=40 pa_pil=27 pa_kondom=3 hamil=8 ias=20 iat=23 tial=20', 'KIRIM', 'YA']),
  // A resident's case report and STATUS.
  fc.constantFrom<ActorKey>('resident', 'resident2').chain((who) => script(who, ['menu', 'laporkan', 'Pakatto', 'RT 03', '3', '1', '1', '1', 'ya', 'STATUS {CASE}'])),
  fc.constantFrom<ActorKey>('resident', 'resident2').chain((who) => script(who, ['menu', 'laporkan', 'Nirannuang', 'RT 01', '1', '2', '2', 'tidak'])),
  // A cadre's case report with the register pointer.
  fc.constantFrom<ActorKey>('ppkbd', 'sub').chain((who) => script(who, ['menu', 'laporkan', 'RT 2', '1', '2', '4', 'ya', 'RT2/hal 4/no 17', '27', '4', 'ya'])),
  // The PKB works a case, reviews a recap.
  script('pkb', ['KASUS {CASE}', '1', '2', 'ya']),
  fc.constantFrom<ActorKey>('pkb', 'koord', 'dinas').chain((who) => script(who, ['menu', 'periksa', 'Pakatto', '2', 'PUS tidak sama dengan register'])),
  fc.constantFrom<ActorKey>('pkb', 'koord', 'dinas').chain((who) => script(who, ['menu', 'periksa', 'Nirannuang', '1'])),
  // A meeting report and a check-in.
  fc.constantFrom<ActorKey>('ppkbd', 'ppkbd2', 'sub').chain((who) => script(who, ['menu', 'pertemuan', '1', 'kemarin', '4', '1 1 1 2 4 0 1 2 15', 'ya', '1 3', 'Kunjungan rumah PUS yang belum ber-KB', 'KIRIM'])),
  script('pkb', ['menu', 'pertemuan', 'Bontolempangan', '3', '1', 'hari ini', '1', '2 3 0 0 0 0 0 0 4', 'tidak', '2', '-', 'KIRIM']),
  fc.constantFrom<ActorKey>('pkb', 'ppkbd').chain((who) => script(who, ['menu', 'BUKA HADIR', 'HADIR {HADIR}', 'DAFTAR HADIR {HADIR}', 'TUTUP {HADIR}'])),
  // Practice mode: a guided practice with any numbers, fast entry, the case report, a trainer's round.
  fc.tuple(fc.constantFrom<ActorKey>('ppkbd', 'sub', 'pkb'), fc.array(fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 600 }).map(String) }, { weight: 1, arbitrary: anyText }), { minLength: 3, maxLength: 20 })).map(([who, answers]) =>
    ['LATIHAN', '1', ...answers, 'KIRIM', 'YA'].map((text) => ({ kind: 'private' as const, who, text })),
  ),
  fc.constantFrom<ActorKey>('ppkbd', 'ppkbd2').chain((who) => script(who, ['LATIHAN CEPAT', cleanLapor, 'KIRIM', 'UBAH 4', '480 266', 'KIRIM', 'YA', 'YA'])),
  fc.constantFrom<ActorKey>('ppkbd', 'sub').chain((who) => script(who, ['LATIHAN KASUS', '1', '1', '1', '2', 'ya', 'Ibu Siti RT 2', 'RT2/hal 4/no 17', '27', '2', 'tidak'])),
  fc.constantFrom<ActorKey>('pkb', 'koord').chain((who) => script(who, ['LATIHAN KELOMPOK', 'LATIHAN HASIL', 'LATIHAN TUTUP'])),
  // On demand.
  fc.constantFrom<ActorKey>('pkb', 'pkb2', 'koord', 'dinas', 'admin', 'ppkbd', 'resident').chain((who) => script(who, ['REKAP', 'BELUM', 'rekap bontomarannu 11/2026', 'BELUM LAPOR kab'])),
];

const actor = fc.constantFrom(...ACTOR_KEYS);

const singleStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('private' as const), who: actor, text: anyText }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('group' as const),
      who: actor,
      group: fc.constantFrom(...GROUPS),
      text: fc.oneof(anyText, fc.constantFrom('DAFTAR GRUP PKB Bontomarannu', 'daftar grup pkb bontomaranu', 'DAFTAR GRUP DINAS', 'HAPUS GRUP', 'REKAP', 'BELUM LAPOR', 'siapa yang belum lapor?', 'HADIR {HADIR}', 'rekap sudah saya kirim', 'Terima kasih pak')),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('image' as const), who: actor, caption: fc.oneof(fc.constant(''), anyText) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('undecryptable' as const), who: actor }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('jump' as const), minutes: fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 60, max: 4 * 24 * 60 })) }) },
);

/** A sequence: single steps and whole flow scripts, interleaved between people. */
export function stepsArbitrary(maxChunks = 30): fc.Arbitrary<Step[]> {
  const chunk = fc.oneof({ weight: 3, arbitrary: singleStep.map((s) => [s]) }, { weight: 1, arbitrary: fc.oneof(...SCRIPTS) });
  return fc
    .array(chunk, { minLength: 1, maxLength: maxChunks })
    .chain((chunks) => fc.boolean().map((interleave) => (interleave ? interleaveChunks(chunks) : chunks.flat())));
}

/** Two scripts side by side: their steps alternate, so other users' messages fall between a person's answers. */
function interleaveChunks(chunks: Step[][]): Step[] {
  const out: Step[] = [];
  for (let i = 0; i < chunks.length; i += 2) {
    const a = chunks[i]!;
    const b = chunks[i + 1] ?? [];
    for (let k = 0; k < Math.max(a.length, b.length); k++) {
      if (a[k]) out.push(a[k]!);
      if (b[k]) out.push(b[k]!);
    }
  }
  return out;
}

export const fuzzCase = fc.record({ start: fc.constantFrom(...STARTS), steps: stepsArbitrary() });
export type FuzzCase = { start: readonly [number, number, number, number, number]; steps: Step[] };
