// Shared clean-up for everything a user types. WhatsApp clients (and copy-paste from other apps)
// sprinkle invisible characters and odd spacing into messages; every parser starts from this form
// so that "ya\u200B" and " ya " are treated exactly like "ya".

// Zero-width space/non-joiner/joiner and the BOM: invisible, so the user cannot know they typed them.
const ZERO_WIDTH = /[\u200B-\u200D\uFEFF]/g;

/** Trimmed, zero-width characters removed, every whitespace run (incl. newlines) collapsed to one space. */
export function normalizeInput(raw: string): string {
  return raw.replace(ZERO_WIDTH, '').replace(/\s+/g, ' ').trim();
}

/** True when the message carries nothing the bot could read (e.g. only spaces or invisible characters). */
export function isBlank(raw: string): boolean {
  return normalizeInput(raw) === '';
}

/**
 * The message as an upper-case keyword, for global words like MENU or BATAL.
 * Trailing punctuation is dropped because people end commands like sentences ("Batal.", "menu!").
 */
export function keywordOf(raw: string): string {
  return normalizeInput(raw)
    .replace(/[\s.!?,;]+$/, '')
    .toUpperCase();
}
