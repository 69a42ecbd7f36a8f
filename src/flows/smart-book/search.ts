// INFO <kata>: finding cards by their title, keywords and id, the way a cadre types on a cheap phone — any case,
// spaces or none ("KB suntik", "kbsuntik"), a doubled or missing letter ("implant", "suntk"), the first letters
// ("imp"). Pure.
import { editDistance } from '../../areas/name-key.js';
import type { SmartBookCard } from '../../domain/smart-book.js';

/**
 * Words that say nothing about which card is meant ("info KB tentang suntik"). Dropped from the query; a query of
 * nothing else is the whole book (the categories).
 */
const FILLER = new Set([
  'info', 'informasi', 'kb', 'ber', 'tentang', 'mengenai', 'soal', 'apa', 'apakah', 'itu', 'yang', 'dan', 'atau', 'di',
  'ke', 'dari', 'untuk', 'tanya', 'mau', 'minta', 'tolong', 'dong', 'ya', 'kartu', 'alat', 'metode', 'kontrasepsi',
]);

/** Lower-case words of letters and digits; accents and apostrophes dropped, "8fungsi" read as "8 fungsi". */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`ʼ]/g, '')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** Doubled letters count once: "implann", "suntikk", "kondomm". */
function loose(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}

/** The words of a query that name something; empty when it asks for the whole book ("INFO", "info KB"). */
export function queryWords(query: string): string[] {
  return wordsOf(query).filter((w) => !FILLER.has(w)).map(loose);
}

/** How many typos a word of this length may carry: none for short words ("mow" and "mop" are different cards). */
function tolerance(word: string): number {
  if (/\p{N}/u.test(word)) return 0;
  return word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
}

interface Index {
  card: SmartBookCard;
  /** Every word of the title, keywords and id. */
  words: Set<string>;
  /** Each title/keyword/id written without spaces, with and without the filler words. */
  phrases: Set<string>;
}

function indexOf(card: SmartBookCard): Index {
  const names = [card.title, card.id, ...card.keywords];
  const words = new Set<string>();
  const phrases = new Set<string>();
  for (const name of names) {
    const all = wordsOf(name).map(loose);
    for (const w of all) words.add(w);
    phrases.add(all.join(''));
    phrases.add(all.filter((w) => !FILLER.has(w)).join(''));
  }
  phrases.delete('');
  return { card, words, phrases };
}

function wordMatches(typed: string, words: Set<string>): 'exact' | 'close' | null {
  if (words.has(typed)) return 'exact';
  const tol = tolerance(typed);
  for (const w of words) {
    if (/\p{N}/u.test(w) || /\p{N}/u.test(typed)) continue;
    if (typed.length >= 3 && w.startsWith(typed)) return 'close';
    if (tol > 0 && editDistance(typed, w, tol) <= tol) return 'close';
  }
  return null;
}

/**
 * How well the card answers the query: 3 the whole query is one of its names ("kb tanam", "suntik 3 bulan"),
 * 2 every word is one of its words, 1 every word is close to one (typo, first letters), 0 not every word fits.
 */
function tierOf(index: Index, typed: readonly string[]): number {
  const compact = typed.join('');
  if (index.phrases.has(compact)) return 3;
  const fits = typed.map((w) => wordMatches(w, index.words));
  if (fits.every((f) => f === 'exact')) return 2;
  if (fits.every((f) => f !== null)) return 1;
  // A name typed whole with a typo ("kbtanm", "vasektomy").
  const tol = tolerance(compact);
  if (tol > 0 && [...index.phrases].some((p) => editDistance(compact, p, tol) <= tol)) return 1;
  return 0;
}

export type SearchResult =
  /** Every card of the best tier, in book order: one card is shown at once, several as a numbered list. */
  | { kind: 'found'; cards: SmartBookCard[] }
  /** Nothing fits every word; the cards that fit some word of it, as hints (may be empty). */
  | { kind: 'none'; near: SmartBookCard[] };

/** Searches `cards` (already those the sender may read). A query of filler words only finds nothing: ask first. */
export function searchCards(cards: readonly SmartBookCard[], query: string): SearchResult {
  const typed = queryWords(query);
  if (typed.length === 0) return { kind: 'none', near: [] };
  const scored = cards.map((card) => {
    const index = indexOf(card);
    return { card, index, tier: tierOf(index, typed) };
  });
  const best = Math.max(0, ...scored.map((s) => s.tier));
  if (best > 0) return { kind: 'found', cards: scored.filter((s) => s.tier === best).map((s) => s.card) };
  const near = scored.filter((s) => typed.some((w) => wordMatches(w, s.index.words) !== null)).map((s) => s.card);
  return { kind: 'none', near };
}
