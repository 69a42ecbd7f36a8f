// Yes/no answers as people actually type them on WhatsApp: "Ya.", "iyaa", "tdk", "ya, benar",
// "sudah pak", "tidak bisa". Digits are deliberately not answers here: menus use digits, and reading
// "1" as "yes" would silently turn a mistyped menu choice into a confirmation.
import { normalizeInput } from './text.js';

// Stored with repeated letters collapsed (see collapseRepeats), so "nggak" lives here as "ngak".
const YES = new Set(
  ['ya', 'y', 'iya', 'iy', 'yes', 'ok', 'oke', 'okay', 'okey', 'benar', 'betul', 'setuju', 'sudah', 'sdh', 'udah', 'udh', 'bisa', 'siap', 'sip'].map(collapseRepeats),
);
const NO = new Set(
  ['tidak', 't', 'tdk', 'gak', 'ga', 'gk', 'nggak', 'ngga', 'enggak', 'engga', 'no', 'bukan', 'bkn', 'belum', 'blm', 'jangan'].map(collapseRepeats),
);
// Polite address and particles that often ride along ("sudah pak", "iya bu", "oke deh") without
// changing the answer.
const FILLER = new Set(['pak', 'bu', 'bapak', 'ibu', 'kak', 'mas', 'mba', 'mbak', 'dek', 'deh', 'dong', 'sih', 'kok', 'nih']);

/** "yaaa" → "ya", "tidakkk" → "tidak": stretched letters are emphasis, not a different word. */
function collapseRepeats(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}

type Answer = 'yes' | 'no';

/** The answers in one clause; a negator right before a yes-word ("tidak bisa", "belum setuju") means no. */
function answersIn(clause: string): Answer[] | null {
  const answers: Answer[] = [];
  let negated = false;
  for (const token of clause.split(' ').filter((t) => t !== '').map(collapseRepeats)) {
    if (FILLER.has(token)) continue;
    if (YES.has(token)) {
      answers.push(negated ? 'no' : 'yes');
      negated = false;
    } else if (NO.has(token)) {
      // Held back: it may be negating the next word; either way the clause answers "no".
      if (negated) answers.push('no');
      negated = true;
    } else {
      return null;
    }
  }
  if (negated) answers.push('no');
  return answers;
}

/** 'yes', 'no', or null when the reply is not clearly one of them (including mixed "ya tidak"). */
export function parseYesNo(raw: string): Answer | null {
  const text = normalizeInput(raw).toLowerCase();
  // Punctuation splits clauses ("ya, benar"); emoji and other symbols are decoration and vanish.
  const clauses = text
    .replace(/[.,;:!?]+/g, '|')
    .replace(/[^\p{L}\p{N}|]+/gu, ' ')
    .split('|');
  const answers: Answer[] = [];
  for (const clause of clauses) {
    const found = answersIn(clause);
    if (found === null) return null;
    answers.push(...found);
  }
  const first = answers[0];
  if (first === undefined || answers.some((a) => a !== first)) return null;
  return first;
}
