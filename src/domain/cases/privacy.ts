// Free text in a case (the optional dusun/RT answer, "lainnya") is kept only without personal data (UU PDP;
// domain.md §10): NIK, phone numbers, e-mail addresses, dates of birth and names introduced by the usual words are
// replaced by "[dihapus]". Place words such as "RT 03", "RW 2" or "Dusun Bontoa" are allowed and stay.
// Insults and keyboard mash are recognised so that they never become a case. Pure: no I/O.

export const REMOVED_KINDS = ['nik', 'telepon', 'email', 'tanggal_lahir', 'nama'] as const;
export type RemovedKind = (typeof REMOVED_KINDS)[number];

export const REDACTED = '[dihapus]';

export interface ScrubResult {
  text: string;
  /** The kinds of personal data that were found and removed, each once, in REMOVED_KINDS order. */
  removed: RemovedKind[];
}

// ---- Patterns ---------------------------------------------------------------------------------------------------

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/** A case code ("UN-202003-2026-0001") is not a phone number; it is set aside while digits are scrubbed. */
const CASE_CODE = /(?<![\p{L}\p{N}])UN[\s._-]*\d{2}[\s.]?\d{4}[\s._-]*\d{4}[\s._-]*\d{1,6}(?!\d)/giu;

/** 16 digits, optionally grouped with spaces, dots or dashes, and not part of a longer number. */
const NIK = /(?<!\d[ .-]?)(?<!\+)\d(?:[ .-]?\d){15}(?![ .-]?\d)/g;

const MONTHS =
  'januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|november|nopember|desember|' +
  'jan|feb|peb|mar|apr|jun|jul|agu|agt|ags|sep|sept|okt|nov|nop|des';
const YEAR = '(?:19|20)\\d{2}';
const NUMERIC_DATE = `(?:\\d{1,2}[/.-]\\d{1,2}[/.-]${YEAR}|${YEAR}[/.-]\\d{1,2}[/.-]\\d{1,2})`;
const WORD_DATE = `(?:\\d{1,2}\\s+(?:${MONTHS})\\.?\\s+${YEAR}|(?:${MONTHS})\\.?\\s+${YEAR}|${YEAR})`;

/** "lahir 12 Mei 1990", "tgl lahir: 1990", "TTL Sungguminasa, 3-4-1988": the keyword stays, the date goes. */
const BIRTH_PHRASE = new RegExp(
  `((?<![\\p{L}])(?:lahir(?:nya)?|ttl)\\s*(?:(?:pada|tanggal|tgl\\.?|tahun|thn\\.?)\\s*)?:?\\s*(?:[\\p{L} ]{2,30},\\s*)?)(${NUMERIC_DATE}|${WORD_DATE})(?![/.-]?\\d)`,
  'giu',
);
/** A full numeric date anywhere is treated as a date of birth: the answers that are scrubbed never need one. */
const BARE_DATE = new RegExp(`(?<!\\d[/.-]?)${NUMERIC_DATE}(?![/.-]?\\d)`, 'g');

/** Candidate phone numbers: digits with single spaces, dots, dashes or brackets between them. */
const DIGIT_RUN = /(?<!\d)\+?\(?\d(?:[ .()-]{0,2}\d)*/g;
const WILAYAH_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

// ---- Names ------------------------------------------------------------------------------------------------------

/** Words that introduce a name. "nama"-words take names in any case; the others only Capitalised ones. */
const NAME_WORDS = ['nama', 'namanya', 'bernama'];
const HONORIFICS = ['bu', 'ibu', 'pak', 'bapak', 'bpk', 'sdr', 'sdri', 'saudara', 'saudari', 'ny', 'nyonya', 'istri', 'istrinya', 'suami', 'suaminya'];
/** May stand between the marker and the name: "namanya Ibu Hj. Sitti", "nama saya Rahma". */
const BRIDGE_WORDS = [...NAME_WORDS, ...HONORIFICS, 'saya', 'adalah', 'yaitu', 'ialah', 'hj', 'haji', 'hajjah', 'bidan', 'dokter', 'dr'];

/**
 * Never a name: place words (these answers are where RT/RW/dusun go), services, and the everyday words a
 * Capitalising keyboard would otherwise turn into "names" ("Suami Tidak Setuju").
 */
const NOT_A_NAME = new Set(
  (
    'rt rw dusun desa kelurahan kel kecamatan kec lingkungan lk kampung jalan jl blok no nomor lorong gang ' +
    'puskesmas pustu poskesdes polindes posyandu klinik rs rsud rumah sakit faskes bidan dokter dr kader kades lurah camat imam ' +
    'tidak tdk tak gak nggak ndak bukan belum blm sudah sdh udah mau ingin ingn takut setuju izin mengizinkan melarang larang ' +
    'menolak tolak kerja bekerja merantau pergi sibuk hamil menyusui ada di ke dari yang dan atau juga masih lagi sedang ' +
    'sangat sekali itu ini saya aku kami kita dia ia beliau mereka punya anak tinggal kb ber-kb pakai memakai dengan untuk ' +
    'karena krn tapi tetapi jadi sama pernah baru sering kurang lebih bilang katanya jauh dekat biaya mahal efek samping ' +
    'alat obat stok habis kosong tempat pelayanan metode suntik pil implan susuk iud spiral kondom mow mop mal lainnya lain ' +
    'tahu tau sakit sehat pus kk rumahnya keluarga'
  ).split(' '),
);

const MARKER = new RegExp(`(?<![\\p{L}\\p{N}])(${[...NAME_WORDS, ...HONORIFICS].sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
const BRIDGE = new RegExp(`^[\\s.:,]*(${BRIDGE_WORDS.sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{N}])\\.?`, 'iu');
const GAP_THEN_WORD = /^([\s.:,]*\s|[.:,]+)([\p{L}][\p{L}'’-]*\.?)/u;
const SPACE_THEN_WORD = /^(\s+)([\p{L}][\p{L}'’-]*\.?)/u;

function isNameWord(word: string, anyCase: boolean): boolean {
  const bare = word.replace(/\.$/, '').toLowerCase();
  if (NOT_A_NAME.has(bare)) return false;
  return anyCase || /^\p{Lu}/u.test(word);
}

/** Replaces up to three name words after each marker; the markers themselves stay ("Suami [dihapus] tidak setuju"). */
function scrubNames(text: string): { text: string; found: boolean } {
  const spans: [number, number][] = [];
  let cursor = 0;
  for (const m of text.matchAll(MARKER)) {
    const start = m.index;
    if (start < cursor) continue;
    let anyCase = NAME_WORDS.includes(m[1]!.toLowerCase());
    let pos = start + m[0].length;
    // Skip bridge words: "namanya Ibu Hj." → the name starts after them. "Bu Bidan" with nothing after is no name.
    for (let b = BRIDGE.exec(text.slice(pos)); b; b = BRIDGE.exec(text.slice(pos))) {
      anyCase ||= NAME_WORDS.includes(b[1]!.toLowerCase());
      pos += b[0].length;
    }
    const first = GAP_THEN_WORD.exec(text.slice(pos));
    if (!first || !isNameWord(first[2]!, anyCase)) {
      cursor = pos;
      continue;
    }
    const nameStart = pos + first[1]!.length;
    let nameEnd = nameStart + first[2]!.length;
    for (let count = 1; count < 3; count++) {
      const next = SPACE_THEN_WORD.exec(text.slice(nameEnd));
      if (!next || !isNameWord(next[2]!, anyCase)) break;
      nameEnd += next[0].length;
    }
    spans.push([nameStart, nameEnd]);
    cursor = nameEnd;
  }
  if (spans.length === 0) return { text, found: false };
  let out = text;
  for (const [s, e] of spans.reverse()) out = `${out.slice(0, s)}${REDACTED}${out.slice(e)}`;
  return { text: out, found: true };
}

// ---- Scrubbing --------------------------------------------------------------------------------------------------

/**
 * Removes what looks like personal data from a free-text answer. Errs on the side of removing: a long number is
 * treated as a phone number, a full date as a date of birth.
 */
export function scrubFreeText(text: string): ScrubResult {
  const found = new Set<RemovedKind>();
  const replace = (input: string, pattern: RegExp, kind: RemovedKind, by: (...m: string[]) => string = () => REDACTED) =>
    input.replace(pattern, (...args: unknown[]) => {
      found.add(kind);
      return by(...(args.filter((a) => typeof a === 'string') as string[]));
    });

  let out = replace(text.replace(/\uE000/g, ''), EMAIL, 'email');

  const codes: string[] = [];
  out = out.replace(CASE_CODE, (code) => `\uE000${codes.push(code) - 1}\uE000`);

  out = replace(out, NIK, 'nik');
  out = replace(out, BIRTH_PHRASE, 'tanggal_lahir', (_whole, keyword) => `${keyword}${REDACTED}`);
  out = replace(out, BARE_DATE, 'tanggal_lahir');
  out = out.replace(DIGIT_RUN, (run) => {
    const digits = run.replace(/\D/g, '').length;
    if (digits < 9 || WILAYAH_CODE.test(run)) return run;
    found.add('telepon');
    return REDACTED;
  });

  const names = scrubNames(out);
  if (names.found) found.add('nama');
  out = names.text;

  out = out.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => codes[Number(i)] ?? '');
  out = out
    .replace(/[ \t]+/g, ' ')
    .replace(/ +([,.;:])/g, '$1')
    .trim();
  return { text: out, removed: REMOVED_KINDS.filter((k) => found.has(k)) };
}

// ---- Abuse and nonsense -----------------------------------------------------------------------------------------

/**
 * Insults and profanity, whole words only. Indonesian, plus the Makassarese/Bugis ones heard in Gowa
 * (sundala, telaso, laso, kongkong = dog, cukimai, asu = dog).
 */
export const ABUSIVE_WORDS: readonly string[] = [
  // Indonesian
  'anjing', 'anjir', 'anjrit', 'bangsat', 'babi', 'tai', 'taik', 'kontol', 'memek', 'ngentot', 'goblok', 'goblog',
  'bodoh', 'tolol', 'bego', 'idiot', 'bajingan', 'brengsek', 'keparat', 'kampret', 'lonte', 'pelacur', 'jancok', 'jancuk',
  'bangke', 'pukimak',
  // Makassarese / Bugis
  'asu', 'sundala', 'telaso', 'tailaso', 'laso', 'kongkong', 'cukimai', 'cuki',
];

/** Acronyms of the programme that have no vowels and must not read as keyboard mash. */
const VOWELLESS_WORDS = new Set(['bkkbn', 'dppkb', 'ppkbd', 'pplkb', 'mkjp', 'kkbpk', 'sppkbd', 'pkbpplkb']);

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function hasKeyboardRun(word: string, length = 4): boolean {
  for (const row of KEYBOARD_ROWS) {
    const reversed = [...row].reverse().join('');
    for (let i = 0; i + length <= word.length; i++) {
      const piece = word.slice(i, i + length);
      if (row.includes(piece) || reversed.includes(piece)) return true;
    }
  }
  return false;
}

function isMash(word: string): boolean {
  if (word.length >= 6 && !/[aiueo]/.test(word) && !VOWELLESS_WORDS.has(word)) return true; // "sdfghjkl", "hdhsjsj"
  if (hasKeyboardRun(word)) return true; // "qwerty", "asdf"
  if (/^(.{1,3})\1{2,}$/.test(word)) return true; // "wkwkwk", "hahaha", "asdasdasd"
  return false;
}

const LEET: Readonly<Record<string, string>> = { '4': 'a', '@': 'a', '1': 'i', '!': 'i', '0': 'o', '3': 'e', '5': 's', $: 's', '7': 't' };

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
}

function isAbusive(text: string): boolean {
  const plain = words(text);
  // "4nj1ng", "b@bi", "anjiiing": undo the usual disguises, but only inside tokens that already contain letters.
  const disguised = (text.toLowerCase().match(/[\p{L}\d@!$]+/gu) ?? [])
    .filter((t) => /\p{L}/u.test(t))
    .map((t) => [...t].map((c) => LEET[c] ?? c).join('').replace(/(\p{L})\1+/gu, '$1'));
  const collapsed = plain.map((w) => w.replace(/(\p{L})\1+/gu, '$1'));
  return [...plain, ...collapsed, ...disguised].some((w) => ABUSIVE_WORDS.includes(w));
}

/**
 * True for input that must never become a case: insults or profanity, nothing but symbols/emoji, one character
 * repeated ("aaaa", "....."), or mostly keyboard mash ("asdfgh", "wkwkwk"). Short ordinary answers ("1", "ya",
 * "takut efek samping") are fine.
 */
export function looksLikeNonsenseOrAbuse(text: string): boolean {
  const trimmed = text.trim();
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return true;
  if (isAbusive(trimmed)) return true;
  const compact = trimmed.replace(/\s+/g, '').toLowerCase();
  if (compact.length >= 3 && /^(.)\1+$/su.test(compact)) return true;
  const letterWords = words(trimmed);
  const letters = letterWords.reduce((n, w) => n + w.length, 0);
  const mashed = letterWords.filter(isMash).reduce((n, w) => n + w.length, 0);
  return letters > 0 && mashed * 2 >= letters;
}
