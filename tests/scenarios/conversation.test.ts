// The words that work anywhere, wrong answers, expiry and drafts, on the fixture flow through the real bot.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRODUCTION_FLOWS } from '../../src/flows/index.js';
import { createRegistry } from '../../src/flows/registry.js';
import { fixtureFlow } from '../helpers/fixture-flow.js';
import { Harness } from '../helpers/harness.js';
import { PEOPLE_CSV, PPKBD_PHONE as P } from '../helpers/people.js';

const HOUR = 3600_000;
let h: Harness;
const completed: Record<string, unknown>[] = [];

beforeEach(async () => {
  completed.length = 0;
  h = await Harness.create({
    people: PEOPLE_CSV,
    registry: createRegistry([...PRODUCTION_FLOWS, fixtureFlow]),
    completions: { fixture: (_tx, results) => void completed.push(results) },
  });
});
afterEach(() => h.close());

describe('wrong answers', () => {
  it('when a question is answered wrongly, then the bot says what is expected, asks again and names the ways out', async () => {
    await h.reply(P, '1');
    const reply = await h.reply(P, 'banyak');
    expect(reply).toContain('Maaf, mohon balas dengan angka saja, misalnya 25.');
    expect(reply).toContain('(1/3) Berapa jumlah PUS?');
    expect(reply).toContain('Ketik BATAL untuk berhenti atau MENU');
  });

  it('when a question is answered wrongly 3 times, then the bot explains and offers the menu, and a right answer still works', async () => {
    await h.reply(P, '1');
    await h.reply(P, 'x');
    await h.reply(P, 'y');
    const third = await h.reply(P, 'z');
    expect(third).toContain('Sepertinya pertanyaan ini sulit dijawab. PUS adalah pasangan usia subur.');
    expect(third).toContain('ketik MENU untuk kembali ke menu utama');
    expect(await h.reply(P, '120')).toContain('(2/3) PUS: 120.');
  });

  it('when a number is out of range, then the range is explained', async () => {
    await h.reply(P, '1');
    expect(await h.reply(P, '99999')).toContain('Maaf, angkanya harus antara 0 dan 5000.');
  });
});

describe('words that work anywhere', () => {
  it('when BATAL is sent mid-flow, then the draft is kept and LANJUT resumes at the same question', async () => {
    await h.reply(P, '1');
    await h.reply(P, '120');
    const cancelled = await h.reply(P, 'batal');
    expect(cancelled).toContain('Jawaban Anda tersimpan sebagai draf');
    expect(cancelled).toContain('1. Isian latihan');
    const resumed = await h.reply(P, 'LANJUT');
    expect(resumed).toContain('Kita lanjutkan dari jawaban terakhir Anda.');
    expect(resumed).toContain('(2/3) PUS: 120.');
    await h.reply(P, 'tidak');
    expect(completed).toEqual([{ pus: 120, poktan: false }]);
  });

  it('when the flow is chosen again from the menu after MENU, then its draft is resumed', async () => {
    await h.reply(P, '1');
    await h.reply(P, '77');
    expect(await h.reply(P, 'menu')).toContain('draf');
    expect(await h.reply(P, '1')).toContain('(2/3) PUS: 77.');
  });

  it('when BANTUAN is sent mid-flow, then help for that question comes with the question, and the flow goes on', async () => {
    await h.reply(P, '1');
    const help = await h.reply(P, 'Bantuan');
    expect(help).toContain('PUS adalah pasangan usia subur.');
    expect(help).toContain('Pertanyaan saat ini:\n(1/3) Berapa jumlah PUS?');
    expect(await h.reply(P, '5')).toContain('(2/3) PUS: 5.');
  });

  it('when BANTUAN is sent outside a flow, then the general help and the menu come', async () => {
    const help = await h.reply(P, 'BANTUAN');
    expect(help).toContain('Cara memakai IMP Smart');
    expect(help).toContain('1. Isian latihan');
  });

  it('when LANJUT is sent with a flow open, then the current question is asked again', async () => {
    await h.reply(P, '1');
    expect(await h.reply(P, 'lanjut')).toContain('Kita lanjutkan.\n---\n(1/3) Berapa jumlah PUS?');
  });
});

describe('expiry', () => {
  it('when a conversation idles past the expiry, then the user is told once, the answer is not taken as an answer, and the draft is kept', async () => {
    await h.reply(P, '1');
    await h.reply(P, '120');
    h.clock.advance(73 * HOUR);
    const first = await h.reply(P, 'ya');
    expect(first).toContain('sudah ditutup karena lama tidak ada balasan');
    expect(first).toContain('ketik LANJUT');
    expect(first).toContain('1. Isian latihan');
    const second = await h.reply(P, 'halo');
    expect(second).not.toContain('ditutup');
    expect(await h.reply(P, 'LANJUT')).toContain('(2/3) PUS: 120.');
  });

  it('when the conversation idles just under the expiry, then it simply continues', async () => {
    await h.reply(P, '1');
    h.clock.advance(71 * HOUR);
    expect(await h.reply(P, '8')).toContain('(2/3) PUS: 8.');
  });

  it('when a flow without drafts expires, then nothing is kept and the user is told once', async () => {
    const registry = createRegistry([...PRODUCTION_FLOWS, { ...fixtureFlow, keepsDraft: false }]);
    await h.close();
    h = await Harness.create({ people: PEOPLE_CSV, registry, completions: { fixture: () => undefined } });
    await h.reply(P, '1');
    await h.reply(P, '3');
    h.clock.advance(100 * HOUR);
    const reply = await h.reply(P, 'ya');
    expect(reply).toContain('sudah ditutup');
    expect(reply).not.toContain('LANJUT untuk melanjutkan');
    expect(await h.reply(P, 'lanjut')).toContain('Tidak ada draf');
  });
});

describe('flow changes', () => {
  it('when a flow definition is bumped while a session is open, then the session ends politely with the menu', async () => {
    await h.reply(P, '1');
    await h.restart({ registry: createRegistry([...PRODUCTION_FLOWS, { ...fixtureFlow, version: 2 }]) });
    const reply = await h.reply(P, '120');
    expect(reply).toContain('menu ini baru saja diperbarui');
    expect(reply).toContain('1. Isian latihan');
    expect(await h.reply(P, '1')).toContain('(1/3) Berapa jumlah PUS?');
  });
});

describe('unreadable messages', () => {
  it('when a message could not be decrypted, then the sender is asked once to resend, and the flow is untouched', async () => {
    await h.reply(P, '1');
    await h.reply(P, '120');
    expect(await h.send(P, '', { undecryptable: true })).toEqual([{ to: P, text: expect.stringContaining('Mohon kirim ulang') }]);
    expect(await h.send(P, '', { undecryptable: true })).toEqual([]);
    h.clock.advance(11 * 60_000);
    expect(await h.send(P, '', { undecryptable: true })).toHaveLength(1);
    expect(await h.reply(P, 'ya')).toContain('(3/3) Poktan apa?');
  });
});
