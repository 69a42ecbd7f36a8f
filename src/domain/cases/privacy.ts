// Free text in a case (the optional dusun/RT answer, "lainnya") is kept only without personal data (UU PDP;
// docs/domain.md §10): NIK, phone numbers, e-mail addresses, dates of birth and names introduced by the usual words are
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

// ---- Screening: refuse rather than store -------------------------------------------------------------------------
//
// What is left of free text in a case (a dusun name typed under "lainnya", a facility under "lainnya", a PKB's
// short note, a register pointer) is screened and, when it looks like personal data, refused: the user is asked to
// write it again without it. Nothing is half-removed and kept. The screen errs on the side of refusing: a refused
// answer costs one retyped line, a kept name cannot be taken back.

export const PERSONAL_DATA_KINDS = ['nama', 'alamat', 'tanggal_lahir', 'nik', 'telepon', 'email'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

/** How the refusal names what was found (never the text itself). */
export const PERSONAL_DATA_LABELS: Readonly<Record<PersonalDataKind, string>> = {
  nama: 'nama orang',
  alamat: 'alamat rumah',
  tanggal_lahir: 'tanggal lahir',
  nik: 'NIK atau nomor KK',
  telepon: 'nomor HP/telepon',
  email: 'alamat email',
};

export interface ScreenOptions {
  /**
   * The answer is a pointer into the paper register ("RT 2/hal 4/no 17"): row and page numbers are expected there,
   * so "no 17" is not a house number and "2/4/17" is not a date.
   */
  registerPointer?: boolean;
}

/**
 * Titles that always stand before a name in Gowa, in any case: Makassarese "Daeng"/"Dg." and "Karaeng", Bugis
 * "Andi" and "Puang", the hajj titles, religious teachers. "binti"/"bin" join two names.
 */
const STRONG_TITLES = ['dg', 'daeng', 'karaeng', 'krg', 'puang', 'andi', 'hj', 'hajjah', 'hajah', 'haji', 'ustadz', 'ustad', 'ustadzah', 'ustazah', 'ust'];
/** Words that put a name after them when the next word is Capitalised ("Ibu Sitti", not "ibu hamil"). */
const TITLES = [
  'bu', 'ibu', 'pak', 'bapak', 'bpk', 'sdr', 'sdri', 'saudara', 'saudari', 'ny', 'nyonya', 'tn', 'tuan', 'kak', 'kakak',
  'om', 'tante', 'mama', 'mamanya', 'ummi', 'istri', 'istrinya', 'suami', 'suaminya', 'bidan', 'dokter', 'dr', 'perawat',
  'mantri', 'h', 'la',
];
/** Words that introduce a name, whatever its case: "namanya rahma", "atas nama Baso". */
const NAME_INTRO = /(?<![\p{L}\p{N}])(?:nama(?:nya)?|bernama|atas\s+nama|a\.\s?n\.?)(?![\p{L}\p{N}])/giu;
/** Between an intro and the name: "nama saya", "namanya Ibu Hj.", "nama: …". */
const NAME_BRIDGE = new Set(['saya', 'aku', 'beliau', 'dia', 'istri', 'istrinya', 'suami', 'suaminya', 'adalah', 'yaitu', 'ialah', 'ibu', 'bu', 'bapak', 'pak']);

/**
 * Given names common in Gowa and across Indonesia that are not also everyday words or place names. A bare
 * "Siti Rahmawati" has no title before it; these catch it. (Names that are ordinary words, such as Indah, Budi or
 * Putri, are left out: notes use those words.)
 */
const GIVEN_NAMES = new Set(
  (
    'siti sitti st nur nurul nurhayati nurjannah nurhaedah nurbaya nuraeni nurmala nurlina nursiah rahma rahmawati rahmatia ' +
    'rahmah rosmini rosdiana rosmawati rosnah hasnah hasna hasniah hamsiah hadijah halijah hajrah fatimah aisyah asma ' +
    'asmawati besse becce baso jumriah jumiati jumasia juhaeni kartini mardiana marlina megawati suriani sumarni ' +
    'syamsiah syamsinar salmiah saenab zainab sahariah samsiah sanawiah sukmawati suharti sulfiani nuraini herlina ' +
    'hartati hasmawati irmawati yuliana yuliani yusnidar wahyuni wartini sartika suryani mariani maryam mariam hafsah ' +
    'muhammad muh muhamad moh mohammad ahmad achmad abdul abd abdullah syamsul syahrul syamsuddin syarifuddin ' +
    'kamaruddin jamaluddin nasaruddin burhanuddin baharuddin saharuddin zainuddin amiruddin ' +
    'rahman ridwan hamzah hasan husain husein anwar arifin ilham irwan jamal lukman mansur saleh sudirman usman ' +
    'zainal amir ambo mappa sampara tenri tenriawaru sangkala manggarani ramli rusli rustam sahabuddin sulaiman ' +
    'rudi agus bambang joko slamet wahyu hendra herman hasbi haris harun idris ismail jufri kadir mustafa najamuddin ' +
    'ngasseng sikki'
  ).split(' '),
);

/**
 * Never a name: place and service words (where RT/RW/dusun and facilities go), and the everyday words a Capitalising
 * keyboard would otherwise turn into "names" ("Suami Tidak Setuju", "Istri Pindah Ke Makassar").
 */
const NEVER_A_NAME = new Set([
  ...NOT_A_NAME,
  ...(
    'pindah meninggal cerai bercerai menikah nikah melahirkan keguguran datang pulang minta memilih pilih ragu bingung lupa ' +
    'dihubungi ditemui dikunjungi diberi dijelaskan menjelaskan sudah sdh telah akan bisa dapat boleh harus perlu ' +
    'hamil menyusui haid mens usia umur tua muda lansia desa dusun pustu polindes klinik swasta negeri umum apotek toko ' +
    'malaysia makassar sungguminasa gowa kalimantan jakarta pasangan keluarga mertua orang tua ortu agama keyakinan ' +
    'sedang lagi juga hanya cuma saja aja ke di pada dalam luar rumahnya ini itu tersebut lain lainnya baik sehat ' +
    'kie konseling alkon kontrasepsi pelayanan layanan rujuk dirujuk rujukan kasus ganda duplikat salah data'
  ).split(' '),
]);

const WORD = /[\p{L}][\p{L}'’-]*/gu;

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

function bare(word: string): string {
  return word.replace(/['’.-]+$/u, '').toLowerCase();
}

/** Words of the text with their positions, for "the word after X" rules. */
function wordsOf(text: string): { word: string; index: number; end: number }[] {
  return [...text.matchAll(WORD)].map((m) => ({ word: m[0], index: m.index, end: m.index + m[0].length }));
}

function hasName(text: string): boolean {
  const list = wordsOf(text);
  const gapIsShort = (a: { end: number }, b: { index: number }) => /^[\s.:,]*$/u.test(text.slice(a.end, b.index));
  for (let i = 0; i < list.length; i++) {
    const here = bare(list[i]!.word);
    if (GIVEN_NAMES.has(here)) return true;
    if ((here === 'bin' || here === 'binti') && i > 0 && i + 1 < list.length) return true;
    const next = list[i + 1];
    if (STRONG_TITLES.includes(here)) {
      // "Dg. Ngai", "Andi Baso", "hj sitti": the title itself says a name follows (or is the name, for "Andi").
      if (here === 'andi') return true;
      if (next && gapIsShort(list[i]!, next) && !NEVER_A_NAME.has(bare(next.word))) return true;
      continue;
    }
    if (TITLES.includes(here) && next && gapIsShort(list[i]!, next)) {
      // A title after a title ("Ibu Hj.", "Pak Dg.") is judged at its own turn.
      const after = bare(next.word);
      if (TITLES.includes(after) || STRONG_TITLES.includes(after) || NEVER_A_NAME.has(after) || !isCapitalised(next.word)) continue;
      // "la" and "h" are titles only when written as such ("La Tenri", "H. Baso").
      if ((here === 'la' || here === 'h') && !isCapitalised(list[i]!.word)) continue;
      return true;
    }
  }
  for (const m of text.matchAll(NAME_INTRO)) {
    const after = wordsOf(text.slice(m.index + m[0].length)).map((w) => bare(w.word));
    const name = after.find((w) => !NAME_BRIDGE.has(w));
    if (name !== undefined && !NEVER_A_NAME.has(name)) return true;
  }
  return false;
}

// ---- Addresses

const ADDRESS_PATTERNS: readonly RegExp[] = [
  /(?<![\p{L}])(?:jl|jln)(?![\p{L}])/iu, // "Jl. Poros Malino", "jln mawar"
  /(?<![\p{L}])[Jj]alan\s+(?:[Pp]oros|[Rr]aya|\p{Lu}|\d)/u, // "Jalan Poros Malino", not "jalan kaki"
  /(?<![\p{L}])(?:lorong|lrg)(?![\p{L}])/iu,
  /(?<![\p{L}])lr\.?\s*\d/iu,
  /(?<![\p{L}])gg\.?\s*[\p{L}\d]/iu,
  /(?<![\p{L}])gang\s+(?:\p{Lu}|\d)/u,
  /(?<![\p{L}])(?:perumahan|perum|btn|komplek|kompleks|griya|asrama)(?![\p{L}])/iu,
  /(?<![\p{L}])blok\s*(?:[\p{L}]{1,2}\s*-?\s*)?\d/iu,
  /(?<![\p{L}])blok\s+\p{Lu}(?![\p{L}])/u,
  /(?<![\p{L}])(?:nomor|no)\.?\s*rumah(?![\p{L}])/iu,
  /(?<![\p{L}])rumah\s+(?:no|nomor|nmr|ke-?\s*\d|cat|warna|bercat)(?![\p{L}])/iu,
  /(?<![\p{L}])(?:depan|samping|sebelah|belakang)\s+(?:rumah|masjid|mesjid|musala|musholla|mushola|sekolah|sd|smp|sma|warung|kios|toko|kantor|pasar|lapangan|jembatan)(?![\p{L}])/iu,
];
/** "No. 12" and "No 3A" are house numbers, except in a register pointer (row numbers). */
const HOUSE_NUMBER = /(?<![\p{L}])(?:no|nomor|nmr)\.?\s*\d+[a-z]?(?![\p{N}])/iu;

function hasAddress(text: string, options: ScreenOptions): boolean {
  if (ADDRESS_PATTERNS.some((p) => p.test(text))) return true;
  return !options.registerPointer && HOUSE_NUMBER.test(text);
}

// ---- Dates of birth

const DAY_MONTH_YEAR = `\\d{1,2}\\s*(?:${MONTHS})\\.?\\s*(?:${YEAR}|'?\\d{2})`;
const MONTH_YEAR = `(?:${MONTHS})\\.?\\s+${YEAR}`;
/** "12/05/1990", "1990-05-12", "12.5.90": full numeric dates, four- or two-digit year. */
const NUMERIC_DATE_ANY = new RegExp(`(?<![\\d/.-])(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:${YEAR}|\\d{2})|${YEAR}[/.-]\\d{1,2}[/.-]\\d{1,2})(?![\\d/.-]*\\d)`);
const NUMERIC_DATE_FULL_YEAR = new RegExp(`(?<![\\d/.-])(?:\\d{1,2}[/.-]\\d{1,2}[/.-]${YEAR}|${YEAR}[/.-]\\d{1,2}[/.-]\\d{1,2})(?![\\d/.-]*\\d)`);
const WORD_DATE_ANY = new RegExp(`(?<![\\p{L}\\d])(?:${DAY_MONTH_YEAR}|${MONTH_YEAR})(?![\\p{L}\\d])`, 'iu');
/** A birth keyword with a date, a year or a day and month after it: "lahir 1990", "tgl lahir 12 Mei", "TTL: …". */
const BIRTH_KEYWORD = /(?<![\p{L}])(?:lahir(?:nya)?|kelahiran|ttl|tgl\.?\s*lhr|tgl\.?\s*lahir|tanggal\s+lahir|tempat\s+lahir|tempat\s*\/\s*tgl|dob)(?![\p{L}])/iu;
const AFTER_BIRTH_KEYWORD = new RegExp(
  `^[\\s:,.]*(?:(?:pada|tanggal|tgl\\.?|tahun|thn\\.?|di)\\s*)?(?:[\\p{L} ]{2,30},\\s*)?(?:\\d{1,2}[/.-]\\d{1,2}|\\d{1,2}\\s+(?:${MONTHS})|${YEAR}|'\\d{2}|\\d{2}(?!\\s*(?:hari|minggu|bulan|bln|thn|tahun)))`,
  'iu',
);
/** Keywords that only ever ask for a birth date ("tgl lahir", "TTL") are refused even without one. */
const BIRTH_FORM_WORDS = /(?<![\p{L}])(?:ttl|tgl\.?\s*lahir|tgl\.?\s*lhr|tanggal\s+lahir|tempat\s+lahir|tempat\s*\/\s*tgl\.?\s*lahir|kelahiran)(?![\p{L}])/iu;
/** A year of birth standing alone: 1940–2015 after "tahun"/"thn", any 19xx. */
const BIRTH_YEAR = /(?<![\p{L}\d])(?:(?:tahun|thn)\.?\s*(?:19\d{2}|200\d|201[0-5])|19[3-9]\d)(?![\d])/iu;

function hasBirthDate(text: string, options: ScreenOptions): boolean {
  if (BIRTH_FORM_WORDS.test(text)) return true;
  for (const m of text.matchAll(new RegExp(BIRTH_KEYWORD.source, 'giu'))) {
    if (AFTER_BIRTH_KEYWORD.test(text.slice(m.index + m[0].length))) return true;
  }
  if ((options.registerPointer ? NUMERIC_DATE_FULL_YEAR : NUMERIC_DATE_ANY).test(text)) return true;
  return WORD_DATE_ANY.test(text) || BIRTH_YEAR.test(text);
}

// ---- Numbers

function digitKinds(text: string): PersonalDataKind[] {
  const kinds: PersonalDataKind[] = [];
  if (new RegExp(NIK.source).test(text)) kinds.push('nik');
  const rest = text.replace(NIK, ' ');
  for (const run of rest.match(DIGIT_RUN) ?? []) {
    const digits = run.replace(/\D/g, '').length;
    if (digits >= 9 && !WILAYAH_CODE.test(run.trim())) {
      kinds.push('telepon');
      break;
    }
  }
  return kinds;
}

/**
 * The kinds of personal data a free-text answer seems to hold, in PERSONAL_DATA_KINDS order; empty when it may be
 * kept as it is. Case codes and wilayah codes are not personal data.
 */
export function findPersonalData(text: string, options: ScreenOptions = {}): PersonalDataKind[] {
  const found = new Set<PersonalDataKind>();
  if (new RegExp(EMAIL.source, 'u').test(text)) found.add('email');
  // A case code ("UN-062003-2026-0001") is neither a phone number nor a date.
  const withoutEmail = text.replace(EMAIL, ' ').replace(CASE_CODE, ' ');
  for (const kind of digitKinds(withoutEmail)) found.add(kind);
  if (hasBirthDate(withoutEmail, options)) found.add('tanggal_lahir');
  if (hasAddress(withoutEmail, options)) found.add('alamat');
  if (hasName(withoutEmail)) found.add('nama');
  return PERSONAL_DATA_KINDS.filter((k) => found.has(k));
}

/** "nama orang dan tanggal lahir": what was found, for the refusal. */
export function describeKinds(kinds: readonly PersonalDataKind[]): string {
  const labels = kinds.map((k) => PERSONAL_DATA_LABELS[k]);
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} dan ${labels.at(-1)}`;
}
