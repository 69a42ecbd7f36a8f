// Through the simulator: garbage never crashes the bot, never shows English or internals, and the next line works.
import { describe, expect, it } from 'vitest';
import { PPKBD_PHONE, RESIDENT_PHONE } from '../helpers/people.js';
import { messagesOf, simulate } from '../helpers/simulate.js';

const INTERNALS = /\b(Error|error|undefined|null|NaN|Exception)\b|\[object|\bat \w+ \(/;

describe('garbage input', () => {
  const cases: [string, string, RegExp][] = [
    ['emoji only', '🙏🙏😊', /Pilih menu/],
    ['5,000 characters', 'a'.repeat(5000), /terlalu panjang/],
    ['blank', '   ', /kosong/],
    ['an image', '[gambar] foto register', /hanya bisa membaca pesan teks/],
    ['BATAL outside a flow', 'BATAL', /Tidak ada isian yang sedang berjalan/],
    ['LANJUT with no draft', 'lanjut', /Tidak ada draf/],
    ['a number not on the menu', '99', /Pilih menu/],
  ];

  it.each(cases)('when a resident sends %s, then a helpful Indonesian reply comes and the next line is served', async (_name, text, expected) => {
    const out = messagesOf(await simulate(`${RESIDENT_PHONE}: ${text}\n${RESIDENT_PHONE}: tentang`));
    const reply = out.slice(0, -1).map((m) => m.text).join('\n');
    expect(reply).toMatch(expected);
    expect(reply).not.toMatch(INTERNALS);
    expect(out.at(-1)!.text).toContain('*IMP Smart* adalah layanan WhatsApp');
  });

  it.each(cases)('when a cadre sends %s, then the reply also offers their menu', async (_name, text) => {
    const out = messagesOf(await simulate(`${PPKBD_PHONE}: ${text}`));
    expect(out.map((m) => m.text).join('\n')).toContain('4. Profil saya');
    expect(out.map((m) => m.text).join('\n')).not.toMatch(INTERNALS);
  });
});
