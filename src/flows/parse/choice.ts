// Picking from a numbered list. People answer with the number in many dressings ("2.", "(2)",
// "no 2"), with the option's word, or by copying the whole menu line ("2. Profil saya"). Anything that
// could point at two options is refused, so the bot re-asks rather than guessing.
import { normalizeInput } from './text.js';

export interface ChoiceOption<K extends string = string> {
  key: K;
  number: number;
  words: readonly string[];
}

// "2", "2.", "2)", "(2)", "no 2", "no. 2", "nomor 2", "nomer 2".
const NUMBER_ONLY = /^(?:(?:no|nomor|nomer|nmr)\.?\s*)?(?:\((\d+)\)|(\d+)[.)]?)$/;
// A number followed by text that starts with a letter, e.g. a copied menu line. Requiring a letter
// keeps "2.5" or "2 3" from being read as option 2.
const NUMBER_THEN_LABEL = /^(?:\((\d+)\)|(\d+)[.):-]?)\s*(\p{L}.*)$/u;

/** Lower case, punctuation and emoji removed, single spaces: the form words are compared in. */
function wordForm(text: string): string {
  return normalizeInput(text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' '));
}

function matchesWordOrPrefix(label: string, words: readonly string[]): boolean {
  // The copied label may run on past the option's keyword ("profil saya" for word "profil").
  return words.map(wordForm).some((w) => w !== '' && (label === w || label.startsWith(`${w} `)));
}

/** The chosen option's key, or null when nothing matches or the answer fits more than one option. */
export function parseChoice<K extends string>(raw: string, options: readonly ChoiceOption<K>[]): K | null {
  const text = normalizeInput(raw).toLowerCase();
  if (text === '') return null;
  const candidates = new Set<K>();

  const numberOnly = NUMBER_ONLY.exec(text);
  if (numberOnly) {
    const n = Number(numberOnly[1] ?? numberOnly[2]);
    for (const o of options) if (o.number === n) candidates.add(o.key);
  }

  const withLabel = NUMBER_THEN_LABEL.exec(text);
  if (withLabel) {
    const n = Number(withLabel[1] ?? withLabel[2]);
    const label = wordForm(withLabel[3] ?? '');
    for (const o of options) if (o.number === n && matchesWordOrPrefix(label, o.words)) candidates.add(o.key);
  }

  const asWord = wordForm(text);
  if (asWord !== '') {
    for (const o of options) if (o.words.some((w) => wordForm(w) === asWord)) candidates.add(o.key);
  }

  if (candidates.size !== 1) return null;
  const [only] = candidates;
  return only ?? null;
}
