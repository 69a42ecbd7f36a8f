// One Smart Book card file → a checked card, or the first problem in plain words. No I/O (load-cards.ts reads the
// folder). The Dinas edits these files by hand, so the format is forgiving where it costs nothing (Windows line
// endings, Indonesian field names, Markdown bold and bullets) and strict where a mistake would reach a family (no
// source, too long, unknown category or audience).
import {
  CARD_AUDIENCES,
  CARD_CATEGORIES,
  isCardAudience,
  isCardCategory,
  MAX_CARD_CHARS,
  MAX_TITLE_CHARS,
  renderCard,
  type SmartBookCard,
} from '../domain/smart-book.js';

export type CardReading = { ok: true; card: SmartBookCard } | { ok: false; problem: string };

type Field = 'id' | 'title' | 'category' | 'audience' | 'keywords' | 'source';

/** Front-matter names, English as in the bundled cards or Indonesian as the Dinas may write them. */
const FIELD_NAMES: Readonly<Record<string, Field>> = {
  id: 'id',
  slug: 'id',
  title: 'title',
  judul: 'title',
  category: 'category',
  kategori: 'category',
  audience: 'audience',
  pembaca: 'audience',
  keywords: 'keywords',
  kata_kunci: 'keywords',
  source: 'source',
  sumber: 'source',
};

/** How a missing or empty field is named in the problem line: Indonesian first, the file's own name after. */
const FIELD_LABEL: Readonly<Record<Field, string>> = {
  id: 'id',
  title: 'judul (title)',
  category: 'kategori (category)',
  audience: 'pembaca (audience)',
  keywords: 'kata kunci (keywords)',
  source: 'sumber (source)',
};

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Reads a card file's text. */
export function parseCard(text: string): CardReading {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  if (lines[0]?.trim() !== '---') return problem('tidak diawali front matter: baris pertama harus --- (lihat docs/OPERATIONS.md)');
  const close = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (close < 0) return problem('front matter tidak ditutup dengan baris ---');

  const values = new Map<Field, string[]>();
  let last: Field | null = null;
  for (let i = 1; i < close; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const item = /^-\s+(.*)$/.exec(line);
    if (item && last) {
      values.get(last)!.push(unquote(item[1]!));
      continue;
    }
    const pair = /^([\p{L}_ -]+?)\s*:\s*(.*)$/u.exec(line);
    if (!pair) return problem(`baris ${i + 1} tidak dimengerti; tulis nama: isi, misalnya source: BKKBN`);
    const name = pair[1]!.toLowerCase().replace(/[\s-]+/g, '_');
    const field = FIELD_NAMES[name];
    if (!field) return problem(`kolom "${pair[1]}" tidak dikenal (baris ${i + 1}); yang dikenal: id, title, category, audience, keywords, source`);
    if (values.has(field)) return problem(`${FIELD_LABEL[field]} ditulis dua kali`);
    const value = unquote(pair[2]!);
    values.set(field, value === '' ? [] : [value]);
    last = field;
  }

  const one = (field: Field) => (values.get(field) ?? []).join('; ').trim();
  const id = one('id');
  if (id === '') return problem('id kosong');
  if (!ID.test(id)) return problem(`id "${id}" tidak sah: pakai huruf kecil, angka dan tanda - saja, misalnya suntik-kb`);
  const title = one('title');
  if (title === '') return problem(`${FIELD_LABEL.title} kosong`);
  if (title.length > MAX_TITLE_CHARS) return problem(`${FIELD_LABEL.title} terlalu panjang: ${title.length} karakter, paling banyak ${MAX_TITLE_CHARS}`);
  const category = one('category').toLowerCase();
  if (!isCardCategory(category)) {
    const known = CARD_CATEGORIES.map((c) => c.key).join(', ');
    return problem(category === '' ? `${FIELD_LABEL.category} kosong; pilih ${known}` : `${FIELD_LABEL.category} "${category}" tidak dikenal; pilih ${known}`);
  }
  const audience = one('audience').toLowerCase();
  if (!isCardAudience(audience)) {
    const known = CARD_AUDIENCES.join(' atau ');
    return problem(audience === '' ? `${FIELD_LABEL.audience} kosong; pilih ${known}` : `${FIELD_LABEL.audience} "${audience}" tidak dikenal; pilih ${known}`);
  }
  const source = one('source');
  // A dash or "TODO" is not a source: a family is told where the card's advice comes from.
  if ((source.match(/\p{L}/gu) ?? []).length < 3 || /^(todo|tbd|belum( ada)?)$/i.test(source)) return problem(`${FIELD_LABEL.source} kosong`);
  const keywords = [...new Set((values.get('keywords') ?? []).flatMap((v) => v.replace(/^\[|\]$/g, '').split(/[,;]/)).map((k) => unquote(k.trim())).filter((k) => k !== ''))];

  const body = formatBody(lines.slice(close + 1).join('\n'));
  if (body === '') return problem('isi kartu kosong (tulis isinya di bawah baris --- kedua)');
  const card: SmartBookCard = { id, title, category, audience, keywords, source, body };
  const length = renderCard(card).length;
  if (length > MAX_CARD_CHARS) {
    return problem(`terlalu panjang (too long): ${length} karakter dengan judul dan sumber, paling banyak ${MAX_CARD_CHARS}`);
  }
  return { ok: true, card };
}

/**
 * Markdown the Dinas may type, as WhatsApp shows it: **bold** → *bold*, # headings → *bold*, "- " bullets → "• ",
 * [text](url) → text (url); trailing spaces and runs of blank lines go.
 */
export function formatBody(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) =>
      line
        .replace(/\*\*(.+?)\*\*/g, '*$1*')
        .replace(/__(.+?)__/g, '_$1_')
        .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
        .replace(/^\s*#{1,6}\s+(.+?)\s*#*\s*$/, '*$1*')
        .replace(/^(\s*)[-*+]\s+/, '$1• ')
        .trimEnd(),
    )
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function unquote(value: string): string {
  const v = value.trim();
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.at(-1) === v[0] ? v.slice(1, -1).trim() : v;
}

function problem(text: string): CardReading {
  return { ok: false, problem: text };
}
