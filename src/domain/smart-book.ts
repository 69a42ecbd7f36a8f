// The Smart Book: short counselling cards a cadre pulls up while talking to a family (issue 15 B). Pure data: the
// cards are read and checked at start-up by src/smart-book/, then handed to the flow (flows/smart-book/).

/** Longest card as sent (title, body and source line): short enough to read aloud to a family. */
export const MAX_CARD_CHARS = 700;
/** Longest title: titles make up the numbered lists. */
export const MAX_TITLE_CHARS = 80;

/** The categories in the order the list shows them; a card names one by its key. */
export const CARD_CATEGORIES = [
  { key: 'metode', label: 'Metode KB', words: ['metode', 'metode kb', 'alat kb', 'kontrasepsi'] },
  { key: 'keluarga', label: 'Keluarga: PUP dan 8 fungsi keluarga', words: ['keluarga'] },
  { key: 'remaja', label: 'Remaja (KRR)', words: ['remaja'] },
  { key: 'poktan', label: 'Kelompok kegiatan: BKB, BKR, BKL', words: ['poktan', 'kelompok kegiatan'] },
  { key: 'layanan', label: 'Layanan KB dan pelaporan', words: ['layanan', 'pelayanan'] },
] as const;
export type CardCategory = (typeof CARD_CATEGORIES)[number]['key'];

/** `semua`: residents read it too (the method cards); `kader`: registered people only. */
export const CARD_AUDIENCES = ['semua', 'kader'] as const;
export type CardAudience = (typeof CARD_AUDIENCES)[number];

export interface SmartBookCard {
  /** Stable slug (lower case, digits, hyphens): sessions remember cards by it across restarts and edits. */
  id: string;
  title: string;
  category: CardCategory;
  audience: CardAudience;
  /** Words people search with besides the title: other names, local words, common spellings. */
  keywords: readonly string[];
  /** The public source the card is based on, shown under it. */
  source: string;
  /** The card's text, already formatted for WhatsApp. */
  body: string;
}

export interface SmartBook {
  /** In list order: by category, then as the files are named. */
  cards: readonly SmartBookCard[];
}

export const EMPTY_SMART_BOOK: SmartBook = Object.freeze({ cards: Object.freeze([]) });

export function isCardCategory(value: string): value is CardCategory {
  return CARD_CATEGORIES.some((c) => c.key === value);
}

export function isCardAudience(value: string): value is CardAudience {
  return (CARD_AUDIENCES as readonly string[]).includes(value);
}

export function categoryLabel(key: CardCategory): string {
  return CARD_CATEGORIES.find((c) => c.key === key)?.label ?? key;
}

/** The card as sent: bold title, body, source line. The length limit applies to exactly this text. */
export function renderCard(card: Pick<SmartBookCard, 'title' | 'body' | 'source'>): string {
  return `*${card.title}*\n${card.body}\n\nSumber: ${card.source}`;
}

/** A book with its cards in list order (category order, then the order given). */
export function createSmartBook(cards: readonly SmartBookCard[]): SmartBook {
  const rank = (card: SmartBookCard) => CARD_CATEGORIES.findIndex((c) => c.key === card.category);
  const ordered = cards.map((card, i) => ({ card, i })).sort((a, b) => rank(a.card) - rank(b.card) || a.i - b.i);
  return Object.freeze({ cards: Object.freeze(ordered.map(({ card }) => Object.freeze({ ...card, keywords: Object.freeze([...card.keywords]) }))) });
}
