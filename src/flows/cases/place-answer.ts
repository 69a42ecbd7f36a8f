// Where in the desa a couple lives, as little as the PKB needs to find the register page: a dusun/lingkungan of the
// desa (chosen from the list of known ones, or typed), an RT/RW number, or both. Never a house, a street or a name.
import { nameKey } from '../../areas/name-key.js';

const PLACE_WORDS: readonly [RegExp, string][] = [
  [/^(?:dusun|dsn|dus)\.?$/i, 'Dusun'],
  [/^(?:lingkungan|lingk|ling|lk)\.?$/i, 'Lingkungan'],
  [/^(?:kampung|kamp|kp)\.?$/i, 'Kampung'],
];

const NAME_WORD = /^[\p{L}][\p{L}'’-]{0,19}$/u;

function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

function placeWord(word: string): string | null {
  return PLACE_WORDS.find(([pattern]) => pattern.test(word))?.[1] ?? null;
}

/**
 * "rt2 rw 3" → "RT 02 RW 03", "dsn bontoa rt 1" → "Dusun Bontoa RT 01", "Borong Kalukua" → "Borong Kalukua".
 * Null when the answer is not that shape (a sentence, a street, digits that are not an RT/RW, more than 3 name words).
 * Personal data is screened separately.
 */
export function parsePlaceCode(text: string): string | null {
  const cleaned = text
    .replace(/[,;]+/g, ' ')
    .replace(/\b(rt|rw)\.?\s*(\d)/gi, '$1 $2')
    .replace(/(\d)\s*\/\s*(rw)/gi, '$1 $2')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned === '' || cleaned.length > 40) return null;
  const tokens = cleaned.split(' ');
  const parts: string[] = [];
  let name: string[] = [];
  let nameHead: string | null = null;
  const flushName = () => {
    if (name.length === 0 && nameHead === null) return true;
    if (name.length === 0 || name.length > 3) return false;
    parts.push([...(nameHead ? [nameHead] : []), ...name.map(titleCase)].join(' '));
    name = [];
    nameHead = null;
    return true;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const unit = /^(rt|rw)$/i.exec(token);
    if (unit) {
      const number = tokens[i + 1];
      if (!number || !/^\d{1,3}$/.test(number)) return null;
      if (!flushName()) return null;
      parts.push(`${unit[1]!.toUpperCase()} ${number.padStart(2, '0')}`);
      i++;
      continue;
    }
    const head = placeWord(token);
    if (head) {
      if (!flushName()) return null;
      nameHead = head;
      continue;
    }
    // "Dusun 2", "Lingkungan III": some desa number their dusun.
    if (nameHead !== null && name.length === 0 && /^\d{1,2}$/.test(token)) {
      name.push(token);
      continue;
    }
    if (!NAME_WORD.test(token)) return null;
    name.push(token);
  }
  if (!flushName()) return null;
  return parts.length > 0 ? parts.join(' ') : null;
}

/** A typed answer that names one of the desa's known dusun ("bontoa" for "Dusun Bontoa"), else null. */
export function matchKnownUnit(text: string, units: readonly string[]): string | null {
  const key = unitKey(text);
  if (key === '') return null;
  const hits = units.filter((u) => unitKey(u) === key);
  return hits.length === 1 ? hits[0]! : null;
}

function unitKey(text: string): string {
  return nameKey(text.replace(/^\s*(?:dusun|dsn|dus|lingkungan|lingk|lk|kampung|kp)\.?\s+/i, ''));
}
