// Residents' free text is kept only without personal data (UU PDP; domain.md §10): NIK, phone numbers, e-mail,
// dates of birth and names introduced by the usual words are removed. Insults and keyboard mash never become cases.

export type RemovedKind = 'nik' | 'telepon' | 'email' | 'tanggal_lahir' | 'nama';

const PATTERNS: readonly [RemovedKind, RegExp][] = [
  ['email', /[\w.+-]+@[\w-]+\.[\w.]+/g],
  ['nik', /\b\d(?:[ .-]?\d){15}\b/g],
  ['telepon', /(?:\+62|\b62|\b0)8(?:[ .-]?\d){7,12}\b/g],
  ['tanggal_lahir', /\b(?:lahir\s*:?\s*)?\d{1,2}[/-]\d{1,2}[/-](?:19|20)\d{2}\b/gi],
  ['nama', /\b(?:nama(?:nya)?|ibu|bu|bapak|pak|sdr|saudar[ai]|istri(?:nya)?|suami(?:nya)?)\b\.?\s*:?\s*(?:(?:ibu|bu|bapak|pak)\s+)?(?:[A-Z][a-z']+(?:\s+|$)){1,3}/g],
];

export function scrubFreeText(text: string): { text: string; removed: RemovedKind[] } {
  let out = text;
  const removed: RemovedKind[] = [];
  for (const [kind, pattern] of PATTERNS) {
    const next = out.replace(pattern, '[dihapus] ');
    if (next !== out) removed.push(kind);
    out = next;
  }
  return { text: out.replace(/\s+/g, ' ').replace(/\s+([,.])/g, '$1').trim(), removed };
}

/** Common insults (Indonesian, Makassarese, Bugis); matched as whole words. */
const INSULTS = ['anjing', 'anjir', 'bangsat', 'babi', 'tai', 'kontol', 'memek', 'goblok', 'tolol', 'bodoh', 'asu', 'sundala', 'telaso', 'lonte', 'bajingan', 'kampret'];

export function looksLikeNonsenseOrAbuse(text: string): boolean {
  const lower = text.toLowerCase();
  if (INSULTS.some((word) => new RegExp(`\\b${word}\\b`).test(lower))) return true;
  const letters = lower.replace(/[^a-z]/g, '');
  if (/[a-z]/.test(lower) === false && !/\d/.test(lower)) return true; // only symbols/emoji
  if (letters.length >= 4 && new Set(letters).size === 1) return true; // "aaaaaa"
  if (letters.length >= 8 && !/[aiueo]/.test(letters)) return true; // "sdfghjkl"
  return false;
}
