// Info KB (Smart Book) through the real bot: by the menu's numbers, by INFO <kata> from anywhere, residents and
// cadres, expiry, restart, BATAL and MENU.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSmartBook, type SmartBookCard } from '../../src/domain/smart-book.js';
import type { FlowDefinition } from '../../src/flows/engine/types.js';
import { MAX_MESSAGE_CHARS } from '../../src/flows/engine/limits.js';
import { createRegistry } from '../../src/flows/registry.js';
import { buildSmartBookFlow } from '../../src/flows/smart-book/smart-book-flow.js';
import { loadSmartBook } from '../../src/smart-book/load-cards.js';
import { fromWita } from '../../src/time/wita.js';
import { Harness } from '../helpers/harness.js';
import { PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE as P, RESIDENT_PHONE as R } from '../helpers/people.js';
import { messagesOf, simulate } from '../helpers/simulate.js';

const HOUR = 3600_000;
let h: Harness;

beforeEach(async () => {
  h = await Harness.create({ people: PEOPLE_CSV });
});
afterEach(() => h.close());

/** The number a list gives the line that contains `label`. */
function numberOf(text: string, label: string): string {
  const line = text.split('\n').find((l) => /^\d+\. /.test(l) && l.includes(label));
  if (!line) throw new Error(`"${label}" is not listed in:\n${text}`);
  return line.split('.')[0]!;
}

/** Every message sent to `phone` because of this one, each checked for length and leaks. */
async function say(phone: string, text: string): Promise<string> {
  const sent = (await h.send(phone, text)).filter((s) => s.to === phone);
  for (const message of sent) {
    expect(message.text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(message.text).not.toMatch(/undefined|null|NaN|\[object|smart_book\./);
  }
  return sent.map((s) => s.text).join('\n---\n');
}

/** Opens Info KB from the main menu by its number. */
async function openFromMenu(phone: string): Promise<string> {
  const menu = await say(phone, 'MENU');
  return say(phone, numberOf(menu, 'Info KB (Smart Book)'));
}

describe('browsing by the menu', () => {
  it('when a cadre picks Info KB, a topic and a card by their numbers, then the card comes with its source and the way on', async () => {
    const menu = await say(P, 'MENU');
    // After every item that existed before: the numbers cadres know stay the same.
    expect(menu).toMatch(/1\. Laporan bulanan\n2\. Laporkan calon akseptor yang belum terlayani\n3\. Cek status laporan\n4\. Profil saya\n5\. Bantuan\n6\. Laporan pertemuan\n7\. Daftar hadir pertemuan\n8\. Info KB \(Smart Book\)/);
    const topics = await say(P, '8');
    expect(topics).toContain('*Info KB (Smart Book)*');
    expect(topics).toMatch(/1\. Metode KB\n2\. Keluarga: PUP dan 8 fungsi keluarga\n3\. Remaja \(KRR\)\n4\. Kelompok kegiatan: BKB, BKR, BKL\n5\. Layanan KB dan pelaporan/);
    const methods = await say(P, numberOf(topics, 'Metode KB'));
    expect(methods).toContain('*Metode KB*');
    // The card is a message of its own ending with its source (clean to forward), then the way on.
    const [implan, wayOn] = (await say(P, numberOf(methods, 'Implan'))).split('\n---\n');
    expect(implan).toMatch(/^\*Implan \(KB tanam, susuk\)\*\n\*Cara kerja:\*/);
    expect(implan).toMatch(/\n\nSumber: Kemenkes RI[^\n]*$/);
    expect(wayOn).toBe('Ketik angka lain (1-8) untuk kartu lain dari daftar tadi, 0 untuk kembali ke daftar, atau kata yang dicari. MENU untuk keluar.');

    // Another number of the same list, then back to the list and to the topics.
    expect(await say(P, numberOf(methods, 'Pil KB'))).toMatch(/^\*Pil KB\*/);
    expect(await say(P, '0')).toContain('*Metode KB*');
    expect(await say(P, '0')).toContain('Pilih topik:');
    const family = await say(P, 'keluarga');
    expect(family).toContain('*Keluarga: PUP dan 8 fungsi keluarga*');
    expect(await say(P, numberOf(family, 'PUP'))).toContain('21 tahun untuk perempuan');
  });

  it('when a word is typed while browsing, then it is searched; a number not in the list is said so and the list shown again', async () => {
    await openFromMenu(P);
    expect(await say(P, 'susuk')).toMatch(/^\*Implan/);
    const methods = await say(P, '0');
    expect(methods).toContain('Pilih topik:');
    await say(P, '1');
    const wrong = await say(P, '42');
    expect(wrong).toContain('Nomor itu tidak ada dalam daftar.');
    expect(wrong).toContain('*Metode KB*');
    expect(await say(P, 'info kb suntik')).toMatch(/^\*Suntik KB/);
    expect(await say(P, '3')).toMatch(/^\*Kondom\*/);
  });

  it('when BANTUAN is sent while browsing, then it explains how to browse and search', async () => {
    await openFromMenu(P);
    const help = await say(P, 'BANTUAN');
    expect(help).toContain('INFO implan');
    expect(help).toContain('Balas angka pilihan');
  });
});

describe('INFO <kata>', () => {
  it('when INFO implan is sent, then the implant card comes at once and nothing stays open', async () => {
    const card = await say(P, 'INFO implan');
    expect(card).toMatch(/^\*Implan \(KB tanam, susuk\)\*\n[^]*\n\nSumber: [^\n]+$/);
    expect(card).not.toContain('---');
    // The next message is read as usual: "halo" gets the main menu.
    expect(await say(P, 'halo')).toContain('Pilih menu dengan membalas angkanya');
  });

  it.each([
    ['info susuk', 'Implan (KB tanam, susuk)'],
    ['INFO KB suntik', 'Suntik KB (1 bulan dan 3 bulan)'],
    ['info spiral', 'IUD / AKDR (spiral)'],
    ['Info akdr', 'IUD / AKDR (spiral)'],
    ['info vasektomi', 'MOP / Vasektomi (KB pria)'],
    ['info tubektomi', 'MOW / Tubektomi (steril wanita)'],
    ['INFO menyusui', 'MAL (KB dengan menyusui)'],
    ['info pup', 'PUP (Pendewasaan Usia Perkawinan)'],
    ['info 8 fungsi keluarga', '8 Fungsi Keluarga'],
    ['INFO BKL', 'BKL (Bina Keluarga Lansia)'],
    ['info belum terlayani', 'Melaporkan calon akseptor yang belum terlayani'],
    ['info implant', 'Implan (KB tanam, susuk)'],
  ])('when "%s" is sent, then the card "%s" comes', async (text, title) => {
    expect(await say(P, text)).toMatch(new RegExp(`^\\*${title.replace(/[()/]/g, '\\$&')}\\*\\n`));
  });

  it('when the word fits several cards, then they are listed and one is opened by its number', async () => {
    const list = await say(P, 'info steril');
    expect(list).toMatch(/^Ada 2 kartu yang cocok:\n1\. MOP \/ Vasektomi \(KB pria\)\n2\. MOW \/ Tubektomi \(steril wanita\)/);
    expect(await say(P, '2')).toMatch(/^\*MOW/);
    expect(await say(P, '1')).toMatch(/^\*MOP/);
  });

  it('when nothing fits, then "tidak ditemukan" comes with words that would find something, never the word typed', async () => {
    const reply = await say(P, 'info xyzzy qwerty');
    expect(reply).toMatch(/^Kartu untuk kata itu tidak ditemukan\. Coba kata lain, misalnya: INFO \w+/);
    expect(reply).toContain('Ketik INFO saja untuk melihat semua topik.');
    expect(reply).not.toContain('xyzzy');
    // Nothing stays open.
    expect(await say(P, 'halo')).toContain('Pilih menu dengan membalas angkanya');
  });

  it('when INFO alone is sent, then the topics come', async () => {
    expect(await say(P, 'info')).toContain('Pilih topik:');
  });
});

describe('residents and cadres', () => {
  it('when a resident browses, then Info KB is in their menu and only the cards for everyone are there', async () => {
    const menu = await say(R, 'halo');
    expect(menu).toMatch(/1\. Laporkan calon akseptor yang belum terlayani\n2\. Cek status laporan\n3\. Tentang IMP Smart\n4\. Bantuan\n5\. Info KB \(Smart Book\)/);
    const topics = await say(R, '5');
    expect(topics).toContain('1. Metode KB');
    expect(topics).not.toContain('Kelompok kegiatan');
    expect(topics).not.toContain('Remaja');
    const methods = await say(R, '1');
    expect(await say(R, numberOf(methods, 'Kondom'))).toMatch(/^\*Kondom\*/);
  });

  it('when a resident searches a cadre card, then it is not found; a method card is', async () => {
    expect(await say(R, 'info bkb')).toContain('tidak ditemukan');
    expect(await say(R, 'info krr')).toContain('tidak ditemukan');
    expect(await say(R, 'INFO implan')).toMatch(/^\*Implan/);
    expect(await say(R, 'info tempat kb')).toMatch(/^\*Tempat pelayanan KB di Gowa\*/);
  });

  it('when a resident types "tentang", then About still answers (INFO belongs to the Smart Book)', async () => {
    expect(await say(R, 'tentang')).toContain('*IMP Smart* adalah layanan WhatsApp');
  });

  it('when a PKB searches, then every card is there, cadre cards included', async () => {
    expect(await say(PKB_PHONE, 'info bkr')).toMatch(/^\*BKR \(Bina Keluarga Remaja\)\*/);
  });
});

describe('INFO inside another flow', () => {
  // December 1st: November's recap is open.
  beforeEach(async () => {
    await h.close();
    h = await Harness.create({ people: PEOPLE_CSV, start: fromWita(2026, 12, 1, 7, 0) });
  });

  it('when a cadre filling in the recap sends INFO implan, then the card comes and the same recap question is asked again', async () => {
    const question = await say(P, '1');
    expect(question).toContain('(1/10)');
    const reply = await say(P, 'INFO implan');
    expect(reply).toMatch(/^\*Implan/);
    expect(reply).toContain('Kembali ke isian tadi:');
    expect(reply).toContain('(1/10)');
    // The recap goes on.
    expect(await say(P, '1 4 12 3 2 1 2')).toContain('(2/10)');
  });

  it('when INFO alone is sent inside the recap, then the topics open and the recap is kept as a draft for LANJUT', async () => {
    await say(P, '1');
    await say(P, '1 4 12 3 2 1 2');
    const reply = await say(P, 'INFO');
    expect(reply).toContain('tersimpan sebagai draf');
    expect(reply).toContain('Pilih topik:');
    await say(P, 'MENU');
    expect(await say(P, 'LANJUT')).toContain('(2/10)');
  });

  it('when a free-text answer starts with "info" but finds no card, then it stays the answer to the open question', async () => {
    const note: FlowDefinition = {
      id: 'note',
      version: 1,
      start: 'note.ask',
      nodes: {
        'note.ask': { kind: 'ask', prompt: 'Tulis catatan singkat.', validate: { name: 'text' }, result: 'text', routes: { ok: 'note.done' } },
        'note.done': { kind: 'end', text: ({ results }) => `Catatan diterima (${String(results.text?.value).length} huruf).` },
      },
      menu: { audience: ['ppkbd'], label: 'Catatan', words: ['catatan'], order: 1 },
    };
    await h.close();
    h = await Harness.create({ people: PEOPLE_CSV, registry: createRegistry([note, buildSmartBookFlow(loadSmartBook())]) });
    await say(P, 'catatan');
    expect(await say(P, 'info dari warga sudah disampaikan')).toBe('Catatan diterima (33 huruf).');
    await say(P, 'catatan');
    expect(await say(P, 'info spiral')).toMatch(/^\*IUD[\s\S]*Kembali ke isian tadi:\nTulis catatan singkat\.$/);
  });
});

describe('leaving, expiry and restart', () => {
  it('when BATAL or MENU is sent while browsing, then the browsing ends with the main menu and no draft', async () => {
    await openFromMenu(P);
    const cancelled = await say(P, 'BATAL');
    expect(cancelled).toContain('Baik, dibatalkan.');
    expect(cancelled).toContain('Pilih menu dengan membalas angkanya');
    await openFromMenu(P);
    await say(P, '1');
    const menu = await say(P, 'MENU');
    expect(menu).not.toContain('draf');
    expect(await say(P, 'LANJUT')).toContain('Tidak ada draf');
  });

  it('when the conversation idles past the expiry mid-browse, then the cadre is told once and the number is not taken as a card', async () => {
    await openFromMenu(P);
    await say(P, '1');
    h.clock.advance(73 * HOUR);
    const reply = await say(P, '2');
    expect(reply).toContain('sudah ditutup karena lama tidak ada balasan');
    expect(reply).not.toContain('IUD');
    // INFO still works right after the expiry.
    expect(await say(P, 'info spiral')).toMatch(/^\*IUD/);
  });

  it('when the bot restarts mid-browse, then the list on screen still answers to its numbers', async () => {
    await openFromMenu(P);
    const methods = await say(P, '1');
    await h.restart();
    expect(await say(P, numberOf(methods, 'IUD'))).toMatch(/^\*IUD/);
    expect(await say(P, numberOf(methods, 'Kondom'))).toMatch(/^\*Kondom\*/);
  });
});

describe('cards the Dinas wrote', () => {
  const card = (over: Partial<SmartBookCard>): SmartBookCard => ({
    id: 'x', title: 'X', category: 'metode', audience: 'semua', keywords: [], source: 'BKKBN', body: 'Isi.', ...over,
  });

  it('when the bot runs with other cards, then those are browsed and searched, with their own source', async () => {
    const book = createSmartBook([
      card({ id: 'posyandu', title: 'Jadwal Posyandu', category: 'layanan', keywords: ['posyandu', 'penimbangan'], source: 'Dinas Kesehatan Kab. Gowa' }),
      card({ id: 'kb-pasca-salin', title: 'KB pasca persalinan', keywords: ['kbpp', 'setelah melahirkan'], source: 'Kemenkes RI' }),
    ]);
    await h.close();
    h = await Harness.create({ people: PEOPLE_CSV, smartBook: book });
    expect(await say(P, 'info penimbangan')).toMatch(/^\*Jadwal Posyandu\*\nIsi\.\n\nSumber: Dinas Kesehatan Kab\. Gowa/);
    expect(await say(P, 'info implan')).toContain('tidak ditemukan');
    const topics = await openFromMenu(P);
    expect(topics).toMatch(/1\. Metode KB\n2\. Layanan KB dan pelaporan\n/);
    expect(await say(P, '1')).toContain('1. KB pasca persalinan');
  });
});

describe('through the simulator', () => {
  it('when a transcript browses, restarts and searches, then the story reads as a cadre would see it', async () => {
    const out = messagesOf(
      await simulate([`${P}: halo`, `${P}: 8`, `${P}: 1`, '@restart', `${P}: 1`, `${P}: info KB tanam`, `${P}: MENU`].join('\n')),
    );
    expect(out[1]!.text).toContain('Pilih topik:');
    expect(out[2]!.text).toContain('*Metode KB*');
    expect(out[3]!.text).toMatch(/^\*Implan/);
    expect(out[4]!.text).toContain('Ketik angka lain (1-8)');
    expect(out[5]!.text).toMatch(/^\*Implan/);
    expect(out[6]!.text).toContain('Ketik angka lain (1-8)');
    expect(out[7]!.text).toContain('Pilih menu');
  });
});
