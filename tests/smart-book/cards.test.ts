// The Smart Book card files: the bundled ones are all valid, and a bad file is refused with one line naming it.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { CARD_CATEGORIES, MAX_CARD_CHARS, renderCard } from '../../src/domain/smart-book.js';
import { BUNDLED_SMART_BOOK_DIR, loadSmartBook, SmartBookError } from '../../src/smart-book/load-cards.js';
import { formatBody, parseCard } from '../../src/smart-book/parse-card.js';
import { textProblems } from '../fuzz/fuzz-invariants.js';

const dir = mkdtempSync(join(tmpdir(), 'imp-smart-book-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let folders = 0;

/** A folder holding these files (name → text). */
function folderWith(files: Record<string, string>): string {
  const folder = join(dir, `book-${++folders}`);
  mkdirSync(folder);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

function card(fields: Record<string, string>, body = 'Isi kartu yang singkat.'): string {
  const lines = Object.entries(fields).map(([k, v]) => `${k}: ${v}`);
  return ['---', ...lines, '---', body, ''].join('\n');
}

const GOOD = { id: 'contoh', title: 'Kartu contoh', category: 'metode', audience: 'semua', keywords: 'contoh, coba', source: 'BKKBN, https://www.bkkbn.go.id' };

/** The one line the loader refuses a folder with. */
function refusal(folder: string): string {
  try {
    loadSmartBook(folder);
  } catch (error) {
    expect(error).toBeInstanceOf(SmartBookError);
    // A configuration mistake: the CLI prints it as one line and exits 2, like a bad environment variable.
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('the folder was accepted');
}

describe('the bundled Smart Book', () => {
  const book = loadSmartBook();

  it('when the bundled folder is loaded, then every card file is a valid card of at most 700 characters with a source', () => {
    const files = readdirSync(BUNDLED_SMART_BOOK_DIR).filter((f) => f.endsWith('.md'));
    expect(book.cards).toHaveLength(files.length);
    for (const c of book.cards) {
      expect(renderCard(c).length, c.id).toBeLessThanOrEqual(MAX_CARD_CHARS);
      expect(renderCard(c), c.id).toMatch(/\n\nSumber: \S.{10,}$/);
      expect(c.source, c.id).toMatch(/BKKBN|Kemenkes|WHO|PP No\.|DPPKB/);
    }
  });

  it('when the cards are listed, then every topic of the issue has its card and every topic has cards', () => {
    const ids = book.cards.map((c) => c.id);
    for (const id of ['pil', 'suntik', 'implan', 'iud', 'kondom', 'mow', 'mop', 'mal', 'pup', 'krr', 'bkb', 'bkr', 'bkl', 'fungsi-keluarga', 'kasus-belum-terlayani', 'tempat-layanan']) {
      expect(ids).toContain(id);
    }
    for (const category of CARD_CATEGORIES) expect(book.cards.some((c) => c.category === category.key), category.key).toBe(true);
  });

  it('when a method card is read, then residents may read it too, and it says how it works, how long, who should not use it and where to get it', () => {
    for (const c of book.cards.filter((x) => x.category === 'metode')) {
      expect(c.audience, c.id).toBe('semua');
      expect(c.body, c.id).toMatch(/Cara kerja/);
      expect(c.body, c.id).toMatch(/Lama|bulan|tahun/);
      expect(c.body, c.id).toMatch(/Tidak dianjurkan|Tidak cocok/);
      expect(c.body, c.id).toMatch(/Didapat di/);
    }
  });

  it('when the PUP card is read, then it gives 21 for women and 25 for men', () => {
    const pup = book.cards.find((c) => c.id === 'pup')!;
    expect(pup.body).toMatch(/21 tahun untuk perempuan/);
    expect(pup.body).toMatch(/25 tahun untuk laki-laki/);
  });

  it('when any card is read, then it gives no phone number, is plain WhatsApp text (no Markdown left) and leaks nothing internal', () => {
    for (const c of book.cards) {
      expect(textProblems(renderCard(c)), c.id).toEqual([]);
      expect(renderCard(c), c.id).not.toMatch(/\d{3}[\s.-]?\d{3,}[\s.-]?\d{3,}/);
      expect(renderCard(c), c.id).not.toMatch(/\*\*|^#|\]\(/m);
    }
  });
});

describe('reading one card file', () => {
  it('when the file is right, then the card is read with its keywords, and Markdown becomes WhatsApp text', () => {
    const reading = parseCard(card(GOOD, '# Judul kecil\n**Penting:** minum tiap hari.\n- satu\n- dua\n\n\n\nLihat [BKKBN](https://www.bkkbn.go.id).'));
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.card.keywords).toEqual(['contoh', 'coba']);
    expect(reading.card.body).toBe('*Judul kecil*\n*Penting:* minum tiap hari.\n• satu\n• dua\n\nLihat BKKBN (https://www.bkkbn.go.id).');
  });

  it('when the Dinas writes Indonesian field names, quotes, a keyword list and Windows line ends, then the card is read the same', () => {
    const text = ['---', 'id: contoh', 'judul: "Kartu contoh"', 'kategori: Metode', 'pembaca: semua', 'kata kunci:', '  - contoh', '  - coba', 'sumber: BKKBN', '---', 'Isi.'].join('\r\n');
    const reading = parseCard(`\uFEFF${text}`);
    expect(reading).toMatchObject({ ok: true, card: { id: 'contoh', title: 'Kartu contoh', category: 'metode', keywords: ['contoh', 'coba'], source: 'BKKBN', body: 'Isi.' } });
  });

  it.each([
    ['the source is missing', { ...GOOD, source: undefined }, /sumber \(source\) kosong/],
    ['the source is a dash', { ...GOOD, source: '-' }, /sumber \(source\) kosong/],
    ['the title is missing', { ...GOOD, title: undefined }, /judul \(title\) kosong/],
    ['the id has spaces', { ...GOOD, id: 'Kartu Satu' }, /id "Kartu Satu" tidak sah/],
    ['the category is unknown', { ...GOOD, category: 'obat' }, /kategori \(category\) "obat" tidak dikenal; pilih metode, keluarga, remaja, poktan, layanan/],
    ['the audience is unknown', { ...GOOD, audience: 'warga' }, /pembaca \(audience\) "warga" tidak dikenal; pilih semua atau kader/],
    ['a field name is misspelt', { ...GOOD, sumbr: 'BKKBN' }, /kolom "sumbr" tidak dikenal/],
  ])('when %s, then the card is refused saying so', (_what, fields, problem) => {
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const reading = parseCard(card(defined));
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problem).toMatch(problem);
  });

  it('when the text has no front matter or no body, then it is refused saying so', () => {
    expect(parseCard('Hanya isi, tanpa bagian atas.')).toMatchObject({ ok: false, problem: expect.stringMatching(/front matter/) });
    expect(parseCard(card(GOOD, ''))).toMatchObject({ ok: false, problem: expect.stringMatching(/isi kartu kosong/) });
  });

  it('when the card as sent (title, body, source) passes 700 characters, then it is refused with its length; at 700 it is accepted', () => {
    const frame = renderCard({ title: GOOD.title, body: '', source: GOOD.source }).length;
    const exact = parseCard(card(GOOD, 'x'.repeat(MAX_CARD_CHARS - frame)));
    expect(exact.ok).toBe(true);
    const over = parseCard(card(GOOD, 'x'.repeat(MAX_CARD_CHARS - frame + 1)));
    expect(over).toMatchObject({ ok: false, problem: 'terlalu panjang (too long): 701 karakter dengan judul dan sumber, paling banyak 700' });
  });

  it('when Markdown is formatted, then bold, bullets and headings become WhatsApp text and runs of blank lines go', () => {
    expect(formatBody('  \n## Cara kerja ##\n* satu  \n+ dua\n\n\n__miring__\n')).toBe('*Cara kerja*\n• satu\n• dua\n\n_miring_');
  });
});

describe('loading a folder of cards', () => {
  it('when a card has no source, then loading stops with one line naming the file and the problem', () => {
    const folder = folderWith({ 'a.md': card({ ...GOOD, id: 'a' }), 'implan.md': card({ ...GOOD, id: 'implan', source: '' }) });
    expect(refusal(folder)).toBe(`Kartu Smart Book ${join(folder, 'implan.md')}: sumber (source) kosong`);
  });

  it('when a card is too long, then loading stops naming the file', () => {
    const folder = folderWith({ 'panjang.md': card(GOOD, 'kata '.repeat(200)) });
    expect(refusal(folder)).toMatch(new RegExp(`^Kartu Smart Book ${join(folder, 'panjang.md')}: terlalu panjang \\(too long\\): \\d+ karakter`));
  });

  it('when two files use the same id, then loading stops naming the second file and the first', () => {
    const folder = folderWith({ 'implan.md': card({ ...GOOD, id: 'implan' }), 'implan-salinan.md': card({ ...GOOD, id: 'implan' }) });
    expect(refusal(folder)).toBe(`Kartu Smart Book ${join(folder, 'implan.md')}: id "implan" ganda (duplicate id): sudah dipakai di ${join(folder, 'implan-salinan.md')}`);
  });

  it('when the folder is missing or has no card, then loading stops naming the folder', () => {
    expect(refusal(join(dir, 'tidak-ada'))).toMatch(/^Folder Smart Book .*tidak-ada tidak ditemukan \(IMP_SMART_BOOK_DIR\)$/);
    expect(refusal(folderWith({ 'catatan.txt': 'bukan kartu' }))).toMatch(/tidak berisi kartu/);
  });

  it('when the folder holds a README, a template starting with "_" and other files, then only the cards are read, in topic order', () => {
    const folder = folderWith({
      'README.md': 'Cara menulis kartu.',
      '_contoh.md': 'belum jadi',
      'notes.txt': 'x',
      'b-remaja.md': card({ ...GOOD, id: 'b', category: 'remaja' }),
      'a-remaja.md': card({ ...GOOD, id: 'a', category: 'remaja' }),
      'z-metode.md': card({ ...GOOD, id: 'z' }),
    });
    expect(loadSmartBook(folder).cards.map((c) => c.id)).toEqual(['z', 'a', 'b']);
  });

  it('when a bundled card is copied and its source line removed, then the copy is refused naming it', () => {
    const folder = folderWith({});
    copyFileSync(join(BUNDLED_SMART_BOOK_DIR, 'pil.md'), join(folder, 'pil.md'));
    writeFileSync(join(folder, 'implan.md'), readFileSync(join(BUNDLED_SMART_BOOK_DIR, 'implan.md'), 'utf8').replace(/^source:.*$/m, ''));
    expect(refusal(folder)).toMatch(/^Kartu Smart Book .*implan\.md: sumber \(source\) kosong$/);
  });
});
