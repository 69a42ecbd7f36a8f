// A small multi-step flow used to test the engine, router and simulator until the real flows land.
import type { FlowDefinition } from '../../src/flows/engine/types.js';

export const fixtureFlow = {
  id: 'fixture',
  version: 1,
  start: 'fixture.pus',
  keepsDraft: true,
  help: 'Ini isian latihan tiga langkah.',
  nodes: {
    'fixture.pus': {
      kind: 'ask',
      prompt: '(1/3) Berapa jumlah PUS? Contoh: 120',
      validate: { name: 'number', args: { min: 0, max: 5000 } },
      result: 'pus',
      routes: { ok: 'fixture.poktan' },
      help: 'PUS adalah pasangan usia subur. Tulis angkanya saja.',
    },
    'fixture.poktan': {
      kind: 'ask',
      prompt: ({ results }) => `(2/3) PUS: ${String(results.pus?.value)}. Apakah ada kegiatan poktan? (YA/TIDAK)`,
      validate: { name: 'yes_no' },
      result: 'poktan',
      routes: { yes: 'fixture.kind', no: 'fixture.done' },
    },
    'fixture.kind': {
      kind: 'ask',
      prompt: '(3/3) Poktan apa?\n1. BKB\n2. BKR\n3. BKL',
      validate: {
        name: 'choice',
        args: {
          options: [
            { key: 'bkb', number: 1, words: ['bkb'] },
            { key: 'bkr', number: 2, words: ['bkr'] },
            { key: 'bkl', number: 3, words: ['bkl'] },
          ],
        },
      },
      result: 'kind',
      routes: { bkb: 'fixture.done', bkr: 'fixture.done', bkl: 'fixture.done' },
    },
    'fixture.done': { kind: 'end', text: 'Terima kasih, isian latihan tersimpan.', complete: true },
  },
  menu: { audience: ['ppkbd', 'sub_ppkbd', 'resident'], label: 'Isian latihan', words: ['latihan'], order: 10 },
} satisfies FlowDefinition;
