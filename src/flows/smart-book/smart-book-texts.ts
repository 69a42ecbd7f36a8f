// What the Smart Book says around its cards, in Bahasa Indonesia. The cards themselves are data (resources/smart-book).
import { fitList } from '../fit-text.js';

export const SMART_BOOK_TITLE = '*Info KB (Smart Book)*';

/** The numbered topics, with how to search. */
export function categoriesText(labels: readonly string[], example: string | null): string {
  const search = example ? `, atau tulis kata yang dicari (misalnya: ${example})` : '';
  return [
    SMART_BOOK_TITLE,
    'Kartu penyuluhan singkat untuk dibaca bersama keluarga. Pilih topik:',
    ...labels.map((label, i) => `${i + 1}. ${label}`),
    '',
    `Balas angkanya${search}. MENU untuk keluar.`,
  ].join('\n');
}

/** A numbered list of cards: a topic's, or what a search found. Cut to one message if the Dinas made it long. */
export function cardListText(heading: string, titles: readonly string[]): string {
  const items = titles.map((title, i) => `${i + 1}. ${title}`);
  const tail = '\nBalas angka kartunya, 0 untuk kembali, atau tulis kata yang dicari. MENU untuk keluar.';
  return fitList(heading, items, tail, { more: (left) => `…dan ${left} kartu lagi: cari dengan kata, misalnya INFO implan.` });
}

export const SEARCH_HEADING = (count: number) => `Ada ${count} kartu yang cocok:`;

/**
 * The way on after a card, sent as its own message: the card itself stays clean (title, text, source) so a cadre can
 * forward it to the family as it is.
 */
export function afterCardText(listSize: number | null): string {
  if (listSize === null) return 'Ketik 0 untuk kembali ke topik, atau kata yang dicari. MENU untuk keluar.';
  if (listSize === 1) return 'Ketik 0 untuk kembali ke daftar, atau kata yang dicari. MENU untuk keluar.';
  return `Ketik angka lain (1-${listSize}) untuk kartu lain dari daftar tadi, 0 untuk kembali ke daftar, atau kata yang dicari. MENU untuk keluar.`;
}

/** Nothing found: a few words that would find something (never the words typed). */
export function notFoundText(hints: readonly string[], near: boolean): string {
  const tries = hints.map((h) => `INFO ${h}`).join(', ');
  const lead = 'Kartu untuk kata itu tidak ditemukan.';
  const hint = tries === '' ? '' : near ? ` Mungkin yang dicari: ${tries}.` : ` Coba kata lain, misalnya: ${tries}.`;
  return `${lead}${hint} Ketik INFO saja untuk melihat semua topik.`;
}

export const NOT_IN_LIST = 'Nomor itu tidak ada dalam daftar.';
export const NO_CARDS = 'Maaf, kartu Info KB belum tersedia. Ketik MENU untuk kembali.';
export const CARD_GONE = 'Kartu itu sudah tidak ada (isi Smart Book baru diperbarui).';

export const BROWSE_BRIEF = 'Balas angka pilihan, 0 untuk kembali, atau tulis kata yang dicari (misalnya: implan).';
export const BROWSE_HELP =
  'Info KB berisi kartu penyuluhan singkat: cara kerja tiap metode KB, lama perlindungan, siapa yang tidak boleh ' +
  'memakai, dan tempat pelayanan di Gowa. Balas angka untuk membuka, 0 untuk kembali, atau tulis katanya ' +
  '(misalnya: susuk, spiral, PUP). Dari mana saja, ketik INFO dan katanya, misalnya INFO implan.';
