// INFO <kata> over the bundled cards: the words cadres and residents actually type find the card meant.
import { describe, expect, it } from 'vitest';
import { cardsFor, infoQuery } from '../../src/flows/smart-book/smart-book-flow.js';
import { searchCards } from '../../src/flows/smart-book/search.js';
import { loadSmartBook } from '../../src/smart-book/load-cards.js';

const book = loadSmartBook();

function found(query: string): string[] {
  const result = searchCards(book.cards, query);
  return result.kind === 'found' ? result.cards.map((c) => c.id) : [];
}

describe('searching the Smart Book', () => {
  it.each([
    ['implan', 'implan'],
    ['IMPLAN', 'implan'],
    ['susuk', 'implan'],
    ['KB tanam', 'implan'],
    ['kbtanam', 'implan'],
    ['implant', 'implan'],
    ['impaln', 'implan'],
    ['imp', 'implan'],
    ['suntik', 'suntik'],
    ['KB suntik', 'suntik'],
    ['suntikan', 'suntik'],
    ['kb suntik 3 bulan', 'suntik'],
    ['suntk', 'suntik'],
    ['spiral', 'iud'],
    ['AKDR', 'iud'],
    ['I.U.D', 'iud'],
    ['spirall', 'iud'],
    ['tubektomi', 'mow'],
    ['steril wanita', 'mow'],
    ['MOW', 'mow'],
    ['vasektomi', 'mop'],
    ['vasektomy', 'mop'],
    ['MOP', 'mop'],
    ['menyusui', 'mal'],
    ['ASI eksklusif', 'mal'],
    ['pil', 'pil'],
    ['Pil KB', 'pil'],
    ['kondom', 'kondom'],
    ['PUP', 'pup'],
    ['usia menikah', 'pup'],
    ['nikah muda', 'pup'],
    ['8 fungsi keluarga', 'fungsi-keluarga'],
    ['fungsi keluarga', 'fungsi-keluarga'],
    ['krr', 'krr'],
    ['remaja', 'krr'],
    ['BKB', 'bkb'],
    ['bkr', 'bkr'],
    ['BKL', 'bkl'],
    ['lansia', 'bkl'],
    ['puskesmas', 'tempat-layanan'],
    ['RSUD Syekh Yusuf', 'tempat-layanan'],
    ['belum terlayani', 'kasus-belum-terlayani'],
    ['unmet need', 'kasus-belum-terlayani'],
  ])('when "%s" is searched, then the %s card alone is found', (query, id) => {
    expect(found(query)).toEqual([id]);
  });

  it('when a word fits several cards equally, then all of them are found, in list order', () => {
    expect(found('steril')).toEqual(['mop', 'mow']);
    expect(found('KB pria')).toEqual(['kondom', 'mop']);
  });

  it('when a short word differs by one letter from a card, then it is not taken for it ("mok" is neither MOW nor MOP)', () => {
    expect(searchCards(book.cards, 'mok')).toEqual({ kind: 'none', near: [] });
  });

  it('when nothing fits every word, then nothing is found and the cards fitting some word are offered', () => {
    expect(searchCards(book.cards, 'xyzzy')).toEqual({ kind: 'none', near: [] });
    const partly = searchCards(book.cards, 'pil biru');
    expect(partly.kind).toBe('none');
    expect(partly.kind === 'none' && partly.near.map((c) => c.id)).toEqual(['pil']);
  });

  it('when only filler words are typed ("KB", "tentang"), then nothing is searched: the flow shows the topics instead', () => {
    expect(searchCards(book.cards, 'KB')).toEqual({ kind: 'none', near: [] });
    expect(searchCards(book.cards, 'tentang kb')).toEqual({ kind: 'none', near: [] });
  });
});

describe('reading INFO and who reads what', () => {
  it.each([
    ['INFO implan', 'implan'],
    ['info', ''],
    ['  Info  KB   suntik ', 'KB suntik'],
    ['/info: susuk', 'susuk'],
    ['INFO.', ''],
  ])('when "%s" is written, then it is INFO with "%s"', (text, query) => {
    expect(infoQuery(text)).toBe(query);
  });

  it('when a message only starts with the letters ("informasi", "infonya"), then it is not INFO', () => {
    expect(infoQuery('informasi')).toBeNull();
    expect(infoQuery('infonya mana')).toBeNull();
    expect(infoQuery('minta info')).toBeNull();
  });

  it('when a resident reads, then only the cards for everyone are there; a registered person reads all', () => {
    const resident = cardsFor(book, { kind: 'resident' });
    expect(resident.every((c) => c.audience === 'semua')).toBe(true);
    expect(resident.map((c) => c.id)).toEqual(expect.arrayContaining(['pil', 'suntik', 'implan', 'iud', 'kondom', 'mow', 'mop', 'mal', 'tempat-layanan']));
    expect(resident.map((c) => c.id)).not.toContain('bkb');
    const cadre = cardsFor(book, { kind: 'person', personId: 1, name: 'X', role: 'ppkbd', desaCodes: [], homeAreaCode: '73.06', unitName: null });
    expect(cadre).toHaveLength(book.cards.length);
  });
});
