// Reads the Smart Book cards once at start-up (serve, simulate, chat; tests through createBot's default) and refuses
// to start on a bad card with one line naming the file, so the Dinas sees the mistake before a family would.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config.js';
import { createSmartBook, type SmartBook, type SmartBookCard } from '../domain/smart-book.js';
import { parseCard } from './parse-card.js';

/** The cards shipped with the program; IMP_SMART_BOOK_DIR replaces them with the Dinas' own folder. */
export const BUNDLED_SMART_BOOK_DIR = fileURLToPath(new URL('../../resources/smart-book/', import.meta.url));

/** A card or the folder cannot be used. A configuration mistake: the CLI prints the line and exits 2. */
export class SmartBookError extends ConfigError {
  override name = 'SmartBookError';
}

/**
 * Every `*.md` card of the folder, checked: required fields, a source, at most 700 characters as sent, a known
 * category and audience, ids unique. Files whose name starts with "_" or "." and README.md are not cards (a
 * template, notes). Throws SmartBookError naming the first bad file.
 */
export function loadSmartBook(dir: string = BUNDLED_SMART_BOOK_DIR): SmartBook {
  const folder = resolve(dir);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new SmartBookError(`Folder Smart Book ${shown(folder)} tidak ditemukan (IMP_SMART_BOOK_DIR)`);
  }
  const names = readdirSync(folder)
    .filter((name) => name.toLowerCase().endsWith('.md') && !/^[_.]/.test(name) && name.toLowerCase() !== 'readme.md')
    .sort();
  const cards: SmartBookCard[] = [];
  const fileOf = new Map<string, string>();
  for (const name of names) {
    const file = join(folder, name);
    if (!statSync(file).isFile()) continue;
    const reading = parseCard(readFileSync(file, 'utf8'));
    if (!reading.ok) throw cardError(file, reading.problem);
    const earlier = fileOf.get(reading.card.id);
    if (earlier) throw cardError(file, `id "${reading.card.id}" ganda (duplicate id): sudah dipakai di ${shown(earlier)}`);
    fileOf.set(reading.card.id, file);
    cards.push(reading.card);
  }
  if (cards.length === 0) throw new SmartBookError(`Folder Smart Book ${shown(folder)} tidak berisi kartu (file *.md)`);
  return createSmartBook(cards);
}

let bundled: SmartBook | null = null;

/** The bundled cards, read once per process: the default of createBot, so every bot built in tests has them. */
export function bundledSmartBook(): SmartBook {
  bundled ??= loadSmartBook(BUNDLED_SMART_BOOK_DIR);
  return bundled;
}

function cardError(file: string, problem: string): SmartBookError {
  return new SmartBookError(`Kartu Smart Book ${shown(file)}: ${problem}`);
}

/** A path as the operator can find it: relative to the working directory when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
