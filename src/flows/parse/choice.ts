// Picking from a numbered list. People answer with the number in many dressings ("2.", "(2)",
// "no 2"), with the option's own words ("Pakai jumlah ini", "pakai"), typed loosely (case, spaces,
// apostrophes, a small typo — the way desa names are matched), by copying the whole menu line
// ("2. Profil saya"), or, in a list of months, with the month in any common form ("nov", "11/2026",
// "bulan 11"). Anything that could point at two options is refused, so the bot re-asks rather than guessing.
import { editDistance, looseKey } from '../../areas/name-key.js';
import { isBareNumber, monthNamesId, readMonth } from './month.js';
import { normalizeInput } from './text.js';

export interface ChoiceOption<K extends string = string> {
  key: K;
  number: number;
  /** Words that choose the option besides its number. */
  words: readonly string[];
  /** The option as shown in the list; typing it, or its first words, chooses it too. */
  label?: string;
  /** In a list of months: the month the option stands for. */
  month?: { year: number; month: number };
}

// "2", "2.", "2)", "(2)", "no 2", "no. 2", "nomor 2", "nomer 2".
const NUMBER_ONLY = /^(?:(?:no|nomor|nomer|nmr)\.?\s*)?(?:\((\d+)\)|(\d+)[.)]?)$/;
// A number followed by text that starts with a letter, e.g. a copied menu line. Requiring a letter
// keeps "2.5" or "2 3" from being read as option 2.
const NUMBER_THEN_LABEL = /^(?:\((\d+)\)|(\d+)[.):-]?)\s*(\p{L}.*)$/u;
// A prefix shorter than this says too little to choose by ("pa" of "pakai").
const MIN_PREFIX_LETTERS = 3;

// Administrative words in front of an area name ("Desa Pakatto", "Kec. Bajeng") that people leave out.
const LEADING_AREA_WORD = /^(?:kelurahan|kecamatan|desa|kel|kec|ds) /;

/** Lower case, accents, apostrophes, punctuation and a leading "desa"/"kec" removed, single spaces. */
function spaced(text: string): string {
  return normalizeInput(
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/['’‘`ʼ]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' '),
  ).replace(LEADING_AREA_WORD, '');
}

/** The spellings an option answers to: its words and its label. */
function phrasesOf(option: ChoiceOption): string[] {
  return [...option.words, ...(option.label ? [option.label] : [])].map(spaced).filter((p) => p !== '');
}

/** Same word(s), tolerant of case, spacing, apostrophes, doubled letters ("Pattallassang"). */
function sameWords(typed: string, phrase: string): boolean {
  const a = looseKey(typed);
  return a !== '' && a === looseKey(phrase);
}

/** The first word, the first two words, … of a phrase: "pakai", "pakai jumlah" of "pakai jumlah ini". */
function leadingWords(phrase: string): string[] {
  const words = phrase.split(' ');
  return words.slice(0, -1).map((_, n) => words.slice(0, n + 1).join(' '));
}

/** `typed` is the first whole word(s) of `phrase`, spaced as it likes ("bonto sunggu" of "bontosunggu kec bajeng"). */
function startsPhrase(typed: string, phrase: string): boolean {
  return typed.replace(/[^\p{L}]/gu, '').length >= MIN_PREFIX_LETTERS && leadingWords(phrase).some((lead) => sameWords(typed, lead));
}

/** How many typos a typed answer of this length may carry: none for short words, where one letter is a different word. */
function typoTolerance(length: number): number {
  return length >= 8 ? 2 : length >= 5 ? 1 : 0;
}

function only<K extends string>(candidates: ReadonlySet<K>): K | null {
  if (candidates.size !== 1) return null;
  const [one] = candidates;
  return one ?? null;
}

/** The chosen option's key, or null when nothing matches or the answer fits more than one option. */
export function parseChoice<K extends string>(raw: string, options: readonly ChoiceOption<K>[]): K | null {
  const text = normalizeInput(raw).toLowerCase();
  if (text === '') return null;
  const typed = spaced(text);

  // Tier 1: the number, the number with its label, the option's words or label, the month.
  const exact = new Set<K>();
  const numberOnly = NUMBER_ONLY.exec(text);
  if (numberOnly) {
    const n = Number(numberOnly[1] ?? numberOnly[2]);
    for (const o of options) if (o.number === n) exact.add(o.key);
  }
  const withLabel = NUMBER_THEN_LABEL.exec(text);
  if (withLabel) {
    const n = Number(withLabel[1] ?? withLabel[2]);
    const label = spaced(withLabel[3] ?? '');
    // The copied label may run on past the option's keyword ("profil saya" for word "profil").
    for (const o of options) {
      if (o.number === n && phrasesOf(o).some((p) => label === p || label.startsWith(`${p} `) || sameWords(label, p))) exact.add(o.key);
    }
  }
  if (typed !== '') {
    for (const o of options) if (phrasesOf(o).some((p) => p === typed || sameWords(typed, p))) exact.add(o.key);
  }
  // A bare number is an option number first; it means a month only when no option carries that number.
  const month = readMonth(text);
  if (month && !(isBareNumber(text) && options.some((o) => o.number === month.month))) {
    for (const o of options) {
      if (o.month && o.month.month === month.month && (month.year === null || o.month.year === month.year)) exact.add(o.key);
    }
  }
  if (exact.size > 0) return only(exact);
  // Typed answers that start with a number were meant as "number + label"; guessing further would mislead.
  if (typed === '' || /\d/.test(typed)) return null;

  // Tier 2: the first word(s) of an option ("pakai" for "Pakai jumlah ini").
  const prefix = new Set<K>();
  for (const o of options) if (phrasesOf(o).some((p) => startsPhrase(typed, p))) prefix.add(o.key);
  if (prefix.size > 0) return only(prefix);

  // Tier 3: a small typo, when one option is clearly closest.
  const key = looseKey(typed);
  const tolerance = typoTolerance(key.length);
  if (tolerance === 0) return null;
  let best = Number.POSITIVE_INFINITY;
  const closest = new Set<K>();
  for (const o of options) {
    for (const p of phrasesOf(o).flatMap((phrase) => [phrase, ...leadingWords(phrase)])) {
      const d = editDistance(key, looseKey(p), tolerance);
      if (d > tolerance) continue;
      if (d < best) {
        best = d;
        closest.clear();
      }
      if (d === best) closest.add(o.key);
    }
  }
  return only(closest);
}

/**
 * "Balas 1 atau 2, atau tulis pilihannya (misalnya: pakai)": what to answer, with an example taken from
 * the options shown, for the message after a reply that chose nothing.
 */
export function choiceHint(options: readonly ChoiceOption[]): string {
  const numbers = options.map((o) => o.number);
  const first = numbers[0];
  const last = numbers.at(-1);
  if (first === undefined || last === undefined) return 'Balas angka pilihan.';
  const which = numbers.length === 1 ? `Balas ${first}` : `Balas angka antara ${first} dan ${last}`;
  const withMonth = options.find((o) => o.month);
  if (withMonth?.month) {
    const { year, month } = withMonth.month;
    return `${which}, atau tulis bulannya (misalnya ${monthNamesId[month - 1]!.toLowerCase()} atau ${month}/${year}).`;
  }
  const word = options.map((o) => o.words[0] ?? o.label).find((w) => w !== undefined && w.length <= 30);
  return word ? `${which}, atau tulis pilihannya (misalnya: ${word}).` : `${which}.`;
}
