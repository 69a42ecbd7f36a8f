// Fast entry of the monthly recap: experienced cadres send the whole recap (or any part) in one message,
// `LAPOR 11/2026 PUS=480 IUD=20 MOW=5 …`. Pure: this module only reads the text. The caller asks the missing
// fields in guided mode and runs the same consistency rules and summary as for a guided recap, so nothing
// here judges plausibility beyond the hard per-field bound of the catalogue.
//
// Every problem in the message is collected and reported at once, because a cadre on a slow connection should
// not have to send the same long message five times to discover five typos one by one.
import { parseCount, parseMonth, readCount, type YearMonth } from '../../flows/parse/index.js';
import { findPersonalData } from '../cases/privacy.js';
import {
  EXTRA_METHODS,
  FIELD_BY_ID,
  FIELD_BY_KEY,
  METHODS,
  SECTION_TITLES,
  activeFields,
  type FieldDef,
  type RecapSettings,
  type SectionId,
} from './fields.js';

export interface FastEntry {
  /** The reporting month written right after LAPOR, or null when the message has none. */
  period: { year: number; month: number } | null;
  /** Field id → count, only for pairs without any error. */
  values: Record<string, number>;
  /** One plain Bahasa Indonesia sentence per problem, in message order. */
  errors: string[];
}

/** A typed PA total is not a catalogue field (it is derived), but is kept so rule C1 can compare it with the sum. */
export const PA_TOTAL_ID = 'pa_total';
const PA_TOTAL_KEY = 'PA';
const PA_TOTAL_LABEL = 'Jumlah semua peserta KB aktif (tidak wajib)';
// How the typed total is named in messages about its value.
const PA_TOTAL_NAME = 'Jumlah peserta KB aktif';

// The district is fixed for this bot (the wilayah data and greetings say Gowa too).
const DEPLOYMENT_NAME = 'Gowa';

// Method names cadres know under another name; applied to each `_`-part so PB_AKDR works like PB_IUD.
const WORD_ALIASES: ReadonlyMap<string, string> = new Map([
  ['AKDR', 'IUD'],
  ['IMPLANT', 'IMPLAN'],
  ['SUNTIKAN', 'SUNTIK'],
]);
// Whole-key aliases of the typed PA total.
const PA_TOTAL_ALIASES: ReadonlySet<string> = new Set([PA_TOTAL_KEY, 'PA_TOTAL', 'KB_AKTIF']);
// "LAPOR bulan: nov 2026 …" or "PERIODE=11/2026": the period written as a pair. Without this the colon would
// turn BULAN into an unknown key and the cadre would be scolded for a perfectly clear message.
const PERIOD_KEYS: ReadonlySet<string> = new Set(['BULAN', 'PERIODE']);

// LAPOR as a whole word: "LAPORAN" or "LAPOR_X" are something else.
const LAPOR = /^lapor(?![\p{L}\p{N}_])/iu;
// What may sit between LAPOR and the rest ("LAPOR: PUS=480", "LAPOR, 11/2026").
const LEADING_SEPARATORS = /^[\s,;:]+/;
// A key followed by "=" or ":". A key starts with a letter; the look-behind stops a match in the middle of a word.
const KEY_START = /(?<![\p{L}\p{N}_-])(\p{L}[\p{L}\p{N}_-]*)\s*[=:]/gu;
// Hard separators between items. A comma is one too, except before a digit: "1,250" is a grouped number and
// "6,5" a decimal, which readValue refuses as such instead of keeping the 6.
const ITEM_SEPARATOR = /[;\n]|,(?!\d)/;
// Unit words that may follow a count ("PUS=480 pasang"). Not "pus": that is also a key.
const UNIT_WORD = /^(?:orang|org|pasang)\.?$/i;
// Invisible characters WhatsApp clients and copy-paste add (same set as flows/parse/text.ts).
const ZERO_WIDTH = /[\u200B-\u200D\uFEFF]/g;

// parseMonth only uses `today` to infer an omitted year; any valid date will do when we only ask "is it a month?".
const ANY_TODAY: YearMonth = { year: 2050, month: 12 };

type Resolved =
  | { kind: 'field'; field: FieldDef; key: string }
  | { kind: 'pa_total'; key: string }
  | { kind: 'period' }
  | { kind: 'unknown' };

interface KeyMatch {
  /** As typed, upper-cased, with "-" read as "_". */
  typed: string;
  /** Where the key starts and where its value starts in the body. */
  start: number;
  valueStart: number;
}

function cleanText(raw: string): string {
  return raw.replace(ZERO_WIDTH, '').replace(/\r\n?/g, '\n').trim();
}

/** The text after the LAPOR word, or null when the message does not start with it. */
function bodyAfterLapor(raw: string): string | null {
  const text = cleanText(raw);
  const m = LAPOR.exec(text);
  if (!m) return null;
  return text.slice(m[0].length).replace(LEADING_SEPARATORS, '');
}

function normalizeKey(typed: string): string {
  return typed.toUpperCase().replace(/-/g, '_');
}

function resolveKey(typed: string): Resolved {
  if (PA_TOTAL_ALIASES.has(typed)) return { kind: 'pa_total', key: PA_TOTAL_KEY };
  if (PERIOD_KEYS.has(typed)) return { kind: 'period' };
  const aliased = typed
    .split('_')
    .map((part) => WORD_ALIASES.get(part) ?? part)
    .join('_');
  // The short key wins over the id: both name the same field whenever they coincide (PUS, UPPKA_PUS…).
  const field = FIELD_BY_KEY.get(aliased) ?? FIELD_BY_ID.get(aliased.toLowerCase());
  return field ? { kind: 'field', field, key: field.key } : { kind: 'unknown' };
}

function isActive(field: FieldDef, settings: RecapSettings): boolean {
  return !field.optional || settings.parts[field.optional];
}

/** Optimal string alignment distance: Levenshtein plus swapping two neighbours, the commonest typo ("PSU"). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i];
    if (!row) continue;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

const MAX_SUGGESTION_DISTANCE = 2;

/** The closest active key to a typo, or null. Aliases and ids count as spellings of their key. */
function suggestKey(typed: string, settings: RecapSettings): string | null {
  const spellings: [string, string][] = [];
  for (const f of activeFields(settings)) spellings.push([f.key, f.key], [f.id.toUpperCase(), f.key]);
  for (const alias of PA_TOTAL_ALIASES) spellings.push([alias, PA_TOTAL_KEY]);
  for (const [alias, key] of WORD_ALIASES) {
    const field = FIELD_BY_KEY.get(key);
    if (field && isActive(field, settings)) spellings.push([alias, key]);
  }
  for (const key of PERIOD_KEYS) spellings.push([key, key]);
  let best: { key: string; distance: number } | null = null;
  for (const [spelling, key] of spellings) {
    const distance = editDistance(typed, spelling);
    // A distance as long as the typed key means nothing of it survived ("X" is 2 away from "PA").
    if (distance > MAX_SUGGESTION_DISTANCE || distance >= typed.length) continue;
    if (best === null || distance < best.distance) best = { key, distance };
  }
  return best?.key ?? null;
}

function findKeys(body: string): KeyMatch[] {
  return [...body.matchAll(KEY_START)].map((m) => ({
    typed: normalizeKey(m[1] ?? ''),
    start: m.index,
    valueStart: m.index + m[0].length,
  }));
}

function words(text: string): string[] {
  return text.split(/[\s,;]+/).filter((w) => w !== '');
}

/** The longest run of leading words that reads as a month, and what is left after it. */
function leadingPeriod(text: string, today: YearMonth): { period: YearMonth; rest: string } | null {
  const whole = parseMonth(text.replace(/[\s,;]+$/, ''), today);
  if (whole) return { period: whole, rest: '' };
  const ws = words(text);
  for (let n = ws.length; n >= 1; n--) {
    const period = parseMonth(ws.slice(0, n).join(' '), today);
    if (period) return { period, rest: ws.slice(n).join(' ') };
  }
  return null;
}

/**
 * What the cadre typed, quoted back so she sees which part is meant; but never text that may be personal data
 * (a NIK, a phone number, a name) or a long stretch of it: that is described instead of repeated (UU PDP).
 */
function quote(text: string): string {
  const echoable = text.length <= 24 && !/\d{6,}/.test(text.replace(/[\s.-]/g, '')) && findPersonalData(text).length === 0;
  return echoable ? `'${text}'` : 'teks itu';
}

/** A fragment that is not KEY=value, with a hint when its intent is obvious. */
function fragmentError(fragment: string, settings: RecapSettings, today: YearMonth): string {
  const base = `${quote(fragment)} tidak terbaca.`;
  const ws = words(fragment);
  const [first, second] = ws;
  if (ws.length === 2 && first !== undefined && second !== undefined && parseCount(second) !== null) {
    // "MOW 5": the "=" was forgotten.
    const typed = normalizeKey(first);
    const resolved = resolveKey(typed);
    const key =
      resolved.kind === 'unknown' ? suggestKey(typed, settings) : resolved.kind === 'period' ? typed : resolved.key;
    if (key !== null) return `${base} Maksud Anda ${key}=${second}?`;
  }
  if (parseMonth(fragment, today) !== null) return `${base} Bulan laporan ditulis tepat setelah LAPOR, misalnya LAPOR 11/2026 PUS=480.`;
  return `${base} Tulis nama isian, tanda =, lalu angkanya, misalnya PUS=480.`;
}

type ValueRead = { ok: true; value: number; stray: string } | { ok: false; error: string };

/**
 * The count at the start of a value segment; anything after it is a stray fragment reported on its own.
 * `name` is how the field is called in messages (its form label), `key` what to type in an example.
 */
function readValue(name: string, key: string, segment: string): ValueRead {
  // "PUS==480" or "PUS:=480": a doubled sign is a slip of the thumb, not a different value.
  const text = segment.replace(/^[=:\s]+/, '').trim();
  if (text === '') return { ok: false, error: `${name}: angkanya belum ditulis. Tulis misalnya ${key}=20.` };
  const ws = text.split(/\s+/);
  const first = ws[0] ?? '';
  const reading = readCount(first);
  if (reading.kind === 'not_whole') return { ok: false, error: `${name} ${quote(first)}: harus bilangan bulat, tidak boleh negatif.` };
  if (reading.kind === 'not_number') return { ok: false, error: `${name}: ${quote(text)} bukan angka.` };
  let rest = ws.slice(1);
  if (rest[0] !== undefined && UNIT_WORD.test(rest[0])) rest = rest.slice(1);
  // "PUS=1 250": spaces separate pairs here, so a space-grouped number cannot be told from two numbers.
  if (rest.length > 0 && rest.every((w) => /^\d{3}$/.test(w))) {
    return { ok: false, error: `${name}: ${quote(text)} tidak jelas. Tulis tanpa spasi, misalnya 1250 atau 1.250.` };
  }
  return { ok: true, value: reading.value, stray: rest.join(' ') };
}

/**
 * True when the message is a fast-entry recap: the word LAPOR (any case) followed by at least one KEY=value pair
 * or a reporting month. A bare "LAPOR" (or LAPOR followed by anything else) starts the guided recap instead.
 */
export function isFastEntry(text: string): boolean {
  const body = bodyAfterLapor(text);
  if (body === null || body.trim() === '') return false;
  if (findKeys(body).length > 0) return true;
  return leadingPeriod(body, ANY_TODAY) !== null;
}

/**
 * Reads a fast-entry message. Never throws and never stops at the first problem: every problem becomes one
 * entry of `errors`, and only error-free values land in `values` (keyed by field id; the PA total under
 * `pa_total`). Missing fields are simply absent; the caller asks them in guided mode.
 */
export function parseFastEntry(text: string, settings: RecapSettings, today: { year: number; month: number }): FastEntry {
  // Be lenient when the caller already stripped LAPOR: the body is then the whole message.
  const body = bodyAfterLapor(text) ?? cleanText(text);
  const errors: string[] = [];
  const values: Record<string, number> = {};
  const keys = findKeys(body);

  // The head (before the first key) holds the optional period, and perhaps stray words.
  let period: YearMonth | null = null;
  const head = body.slice(0, keys[0]?.start ?? body.length).trim().replace(/[\s,;:]+$/, '');
  if (head !== '') {
    const found = leadingPeriod(head, today);
    if (found) {
      period = found.period;
      if (found.rest !== '') errors.push(fragmentError(found.rest, settings, today));
    } else {
      const firstWord = normalizeKey(words(head)[0] ?? '');
      // "LAPOR PUS 480 IUD=20" is a forgotten "=", and "LAPOR =5" a missing key, not a badly written month.
      const looksLikeKey =
        /[=:]/.test(head) || resolveKey(firstWord).kind !== 'unknown' || suggestKey(firstWord, settings) !== null;
      errors.push(
        looksLikeKey
          ? fragmentError(head, settings, today)
          : `Bulan laporan ${quote(head)} tidak terbaca. Tulis seperti 11/2026 atau nov 2026, tepat setelah LAPOR.`,
      );
    }
  }

  // Per field id: the first value seen (to compare repeats with) and whether any occurrence was faulty.
  const seen = new Map<string, number>();
  const faulty = new Set<string>();
  const reportedTwice = new Set<string>();
  let periodConflict = false;

  keys.forEach((k, i) => {
    const region = body.slice(k.valueStart, keys[i + 1]?.start ?? body.length);
    const [segment = '', ...others] = region.split(ITEM_SEPARATOR);
    const strays = others.map((s) => s.trim()).filter((s) => s !== '');

    const resolved = resolveKey(k.typed);
    if (resolved.kind === 'period') {
      const text = segment.replace(/^[=:\s]+/, '').trim();
      const found = text === '' ? null : leadingPeriod(text, today);
      if (!found) {
        errors.push(`Bulan laporan ${quote(text)} tidak terbaca. Tulis seperti 11/2026 atau nov 2026.`);
      } else {
        if (found.rest !== '') strays.unshift(found.rest);
        const differs = period !== null && (period.year !== found.period.year || period.month !== found.period.month);
        if (differs && !periodConflict) {
          errors.push(`Bulan laporan ditulis dua kali dengan isi berbeda. Tulis satu saja.`);
          periodConflict = true;
        }
        period ??= found.period;
      }
      for (const stray of strays) errors.push(fragmentError(stray, settings, today));
      return;
    }
    const name = resolved.kind === 'field' ? resolved.field.label : resolved.kind === 'pa_total' ? PA_TOTAL_NAME : quote(k.typed);
    const read = readValue(name, resolved.kind === 'unknown' ? k.typed : resolved.key, segment);
    if (read.ok && read.stray !== '') strays.unshift(read.stray);

    if (resolved.kind === 'unknown') {
      const suggestion = suggestKey(k.typed, settings);
      const meant = suggestion === null ? undefined : (FIELD_BY_KEY.get(suggestion)?.label ?? (suggestion === PA_TOTAL_KEY ? PA_TOTAL_NAME : undefined));
      errors.push(
        suggestion
          ? `${quote(k.typed)} tidak dikenal. Maksud Anda ${suggestion}${meant ? ` (${meant})` : ''}?`
          : `${quote(k.typed)} tidak dikenal. Ketik BANTUAN LAPOR untuk daftar isian.`,
      );
    } else if (resolved.kind === 'field' && !isActive(resolved.field, settings)) {
      errors.push(`${resolved.field.label} tidak diisi di ${DEPLOYMENT_NAME} saat ini.`);
    } else {
      const id = resolved.kind === 'field' ? resolved.field.id : PA_TOTAL_ID;
      // PA can never exceed PUS, so the typed total shares the bound of PUS.
      const max = resolved.kind === 'field' ? resolved.field.max : (FIELD_BY_ID.get('pus')?.max ?? Number.MAX_SAFE_INTEGER);
      if (!read.ok) {
        errors.push(read.error);
        faulty.add(id);
      } else if (read.value > max) {
        errors.push(`${name} ${read.value} terlalu besar (paling banyak ${max}).`);
        faulty.add(id);
      } else {
        const before = seen.get(id);
        if (before === undefined) seen.set(id, read.value);
        else if (before !== read.value && !reportedTwice.has(id)) {
          // Which of the two the cadre meant cannot be guessed, so neither is kept.
          errors.push(`${name} ditulis dua kali dengan nilai berbeda (${before} dan ${read.value}). Tulis satu saja.`);
          reportedTwice.add(id);
        }
      }
    }
    for (const stray of strays) errors.push(fragmentError(stray, settings, today));
  });

  for (const [id, value] of seen) {
    if (!faulty.has(id) && !reportedTwice.has(id)) values[id] = value;
  }
  // Two different months: neither is trusted, the guided flow will ask.
  return { period: periodConflict ? null : period, values, errors };
}

/** The example of a fast-entry message, in the help and on the printed card. */
export const FAST_ENTRY_EXAMPLE = 'LAPOR 11/2026 PUS=480 IUD=20 MOW=5';
const HELP_EXAMPLE = FAST_ENTRY_EXAMPLE;
const SECTION_ORDER: readonly SectionId[] = ['I', 'II', 'III', 'IV', 'V'];
const STOCK_METHOD_IDS: ReadonlySet<string> = new Set([...METHODS, ...EXTRA_METHODS].map(([id]) => `pa_${id}`));
// A help page stays well under the ~1,000 characters a cheap phone shows comfortably.
const HELP_PAGE_CHARS = 900;

/** One key line of the help: what to type, and the name of the line on the paper form. */
function keyLine(key: string, label: string): string {
  return `${key} = ${label}`;
}

/**
 * The keys a cadre may type, by section in paper-form order, with their form labels: every active field, and the
 * typed PA total after the methods it sums. The help pages and the printed card (reports/lapor-card.ts) both list
 * this, so they cannot disagree with the parser.
 */
export function fastEntryKeysBySection(settings: RecapSettings): { section: SectionId; keys: { key: string; label: string }[] }[] {
  const fields = activeFields(settings);
  const lastMethod = fields.filter((f) => STOCK_METHOD_IDS.has(f.id)).at(-1)?.id;
  return SECTION_ORDER.map((section) => ({
    section,
    keys: fields
      .filter((f) => f.section === section)
      .flatMap((f) => (f.id === lastMethod ? [f, { key: PA_TOTAL_KEY, label: PA_TOTAL_LABEL }] : [f]))
      .map((f) => ({ key: f.key, label: f.label })),
  })).filter((s) => s.keys.length > 0);
}

/** The key lines of every active field, by section. */
function keyLinesBySection(settings: RecapSettings): { section: SectionId; lines: string[] }[] {
  return fastEntryKeysBySection(settings).map(({ section, keys }) => ({ section, lines: keys.map((k) => keyLine(k.key, k.label)) }));
}

/**
 * BANTUAN LAPOR in short pages: page 1 says how fast entry works and which page lists which section; the next
 * pages list the names to type with their form labels. Every page says how to get the next one.
 */
export function fastEntryHelpPages(settings: RecapSettings): string[] {
  // Pack the key lines into pages; a section that does not fit continues on the next page under its title.
  const bodies: { text: string[]; sections: SectionId[] }[] = [];
  const fits = (text: readonly string[]) => text.join('\n').length <= HELP_PAGE_CHARS - 120;
  for (const { section, lines } of keyLinesBySection(settings)) {
    let title = `*${SECTION_TITLES[section]}*`;
    // A section that fits on a page of its own is not cut in two.
    const current = bodies.at(-1);
    if (current && !fits([...current.text, '', title, ...lines]) && fits([title, ...lines])) bodies.push({ text: [], sections: [] });
    for (const line of lines) {
      let page = bodies.at(-1);
      const added = !page || page.text.length === 0 ? [title, line] : page.sections.at(-1) === section ? [line] : ['', title, line];
      if (!page || !fits([...page.text, ...added])) {
        page = { text: [title, line], sections: [section] };
        bodies.push(page);
      } else {
        page.text.push(...added);
        if (page.sections.at(-1) !== section) page.sections.push(section);
      }
      title = `*${SECTION_TITLES[section]}* (lanjutan)`;
    }
  }
  const total = bodies.length + 1;
  const next = (n: number) => (n < total ? `Ketik BANTUAN LAPOR ${n + 1} untuk halaman berikutnya.` : 'Ketik MENU untuk kembali ke menu.');
  const first = [
    `*BANTUAN LAPOR (1/${total})*`,
    'Laporan bulanan bisa dikirim dalam satu pesan, contoh:',
    HELP_EXAMPLE,
    '• Bulan laporan ditulis setelah LAPOR (boleh tidak ditulis).',
    '• Lalu nama isian, tanda =, dan angkanya. Urutan bebas, huruf besar/kecil sama saja.',
    '• Boleh sebagian; yang belum ada akan ditanyakan.',
    '• Angka bilangan bulat; ribuan boleh 1250 atau 1.250.',
    '',
    'Daftar nama isian:',
    ...bodies.map((b, i) => `• Halaman ${i + 2}: ${[...new Set(b.sections)].map((s) => SECTION_TITLES[s]).join(', ')}`),
    '',
    next(1),
  ].join('\n');
  return [first, ...bodies.map((b, i) => [`*BANTUAN LAPOR (${i + 2}/${total})*`, ...b.text, '', next(i + 2)].join('\n'))];
}

/** The first page of BANTUAN LAPOR. */
export function fastEntryHelp(settings: RecapSettings): string {
  return fastEntryHelpPages(settings)[0]!;
}
