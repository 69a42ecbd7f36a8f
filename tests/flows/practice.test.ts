// The pure parts of practice mode (LATIHAN): the sheets the bot proposes, the mark on every message, the made-up
// world the real flows run on, and the feedback.
import { describe, expect, it } from 'vitest';
import { AreaDirectory } from '../../src/areas/directory.js';
import { copiedExampleLines } from '../../src/domain/recap/examples.js';
import { activeGroups, dusunGroups, type RecapSettings } from '../../src/domain/recap/fields.js';
import { checkHard, checkSoft } from '../../src/domain/recap/rules.js';
import { MAX_MESSAGE_CHARS } from '../../src/flows/engine/limits.js';
import { practiceAreas } from '../../src/flows/practice/practice-env.js';
import { durationText, practiceFeedback } from '../../src/flows/practice/practice-feedback.js';
import { NOTHING_CAUGHT, PRACTICE_DESA, PRACTICE_MARK, type PracticeState } from '../../src/flows/practice/practice-model.js';
import { buildSheet, practicePeriod } from '../../src/flows/practice/practice-sheet.js';
import { markText } from '../../src/flows/practice/practice-turn.js';
import { isPracticeWord, practiceCommand } from '../../src/flows/practice/practice-words.js';
import { sheetMessages } from '../../src/flows/practice/sheet-text.js';
import { fromWita } from '../../src/time/wita.js';

const NOW = fromWita(2026, 12, 20, 9, 0);
const parts = [false, true];
const SETTINGS: RecapSettings[] = (['C3', 'C3_PRIME'] as const).flatMap((pusRule) =>
  parts.flatMap((flows) => parts.flatMap((channel) => parts.map((mal) => ({ pusRule, parts: { flows, channel, mal_traditional: mal } })))),
);
const SEEDS = Array.from({ length: 60 }, (_, i) => i * 7919 + 3);

describe('practice sheets', () => {
  it.each(SETTINGS.map((s) => [`${s.pusRule} flows=${s.parts.flows} channel=${s.parts.channel} mal=${s.parts.mal_traditional}`, s] as const))(
    'when a sheet is made under %s, then its numbers pass every hard rule and raise exactly the one soft warning it explains',
    (_name, settings) => {
      for (const seed of SEEDS) {
        for (const unit of ['desa', 'dusun'] as const) {
          const sheet = buildSheet({ seed, kind: 'guided', unit, now: NOW, settings });
          const recap = sheet.recap!;
          const groups = unit === 'desa' ? activeGroups(settings) : dusunGroups(settings);
          expect(Object.keys(recap.values).sort()).toEqual(groups.flatMap((g) => g.fields).sort());
          expect(checkHard(recap.values, settings)).toEqual([]);
          expect(checkSoft(recap.values, { previous: recap.previous, casesThisMonth: 0 }, settings).map((w) => w.rule)).toEqual([recap.change.rule]);
          expect(copiedExampleLines(recap.values, groups)).toBeNull();
        }
      }
    },
  );

  it('when a cadre types the total in front of the methods, as the register writes it, then the PUS balance breaks', () => {
    const settings = SETTINGS[0]!;
    for (const seed of SEEDS) {
      const { recap } = buildSheet({ seed, kind: 'guided', unit: 'desa', now: NOW, settings });
      const v = recap!.values;
      const methods = ['pa_iud', 'pa_mow', 'pa_mop', 'pa_implan', 'pa_suntik', 'pa_pil', 'pa_kondom'];
      const total = methods.reduce((s, f) => s + v[f]!, 0);
      // "Peserta KB aktif 266: IUD 20, …" copied from the left: the total lands in IUD, the rest shift by one.
      const careless = { ...v, ...Object.fromEntries(methods.map((f, i) => [f, i === 0 ? total : v[methods[i - 1]!]!])) };
      expect(checkHard(careless, settings).map((r) => r.rule)).toContain('C3');
    }
  });

  it('when sheets are made from different seeds, then desa, dusun and numbers vary, and one seed always gives the same sheet', () => {
    const sheets = SEEDS.map((seed) => buildSheet({ seed, kind: 'guided', unit: 'desa', now: NOW, settings: SETTINGS[0]! }));
    expect(new Set(sheets.map((s) => s.desaName)).size).toBeGreaterThan(4);
    expect(new Set(sheets.map((s) => s.recap!.values.pus)).size).toBeGreaterThan(40);
    expect(new Set(sheets.map((s) => s.recap!.change.rule))).toEqual(new Set(['W2', 'W3']));
    expect(buildSheet({ seed: 42, kind: 'case', unit: 'desa', now: NOW, settings: SETTINGS[0]! })).toEqual(buildSheet({ seed: 42, kind: 'case', unit: 'desa', now: NOW, settings: SETTINGS[0]! }));
    for (const s of sheets) expect(s.desaName).toMatch(/^Latihan /);
  });

  it('when a practice starts on any day, then it reports the month before, whatever the real calendar says', () => {
    expect(practicePeriod(fromWita(2026, 12, 20, 9, 0))).toBe('2026-11');
    expect(practicePeriod(fromWita(2027, 1, 1, 0, 30))).toBe('2026-12');
  });

  it('when any sheet is shown under any settings, then every message is marked and fits one WhatsApp message', () => {
    for (const settings of SETTINGS) {
      for (const kind of ['guided', 'fast', 'case'] as const) {
        for (const unit of ['desa', 'dusun'] as const) {
          const messages = sheetMessages(kind, buildSheet({ seed: 11, kind, unit, now: NOW, settings })).flatMap(markText);
          for (const text of messages) {
            expect(text.startsWith(`${PRACTICE_MARK}\n`)).toBe(true);
            expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
          }
        }
      }
    }
  });
});

describe('the practice mark', () => {
  it('when a text with the mark would be too long, then it is cut at line breaks and every part carries the mark', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Baris ${i + 1}: ${'x'.repeat(40)}`).join('\n');
    const parts = markText(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.startsWith(`${PRACTICE_MARK}\n`)).toBe(true);
      expect(part.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    }
    expect(parts.map((p) => p.slice(PRACTICE_MARK.length + 1)).join('\n')).toBe(text);
  });
});

describe('the made-up world', () => {
  it('when the recap names the made-up desa, then it reads "Desa Latihan …", and real areas read as before', () => {
    const real = new AreaDirectory(
      [
        { code: '73.06', level: 'kabupaten', name: 'Gowa', kind: null, parentCode: null },
        { code: '73.06.06', level: 'kecamatan', name: 'Bontomarannu', kind: null, parentCode: '73.06' },
        { code: '73.06.06.2003', level: 'desa', name: 'Pakatto', kind: 'desa', parentCode: '73.06.06' },
      ],
      [],
    );
    const sheet = buildSheet({ seed: 5, kind: 'guided', unit: 'desa', now: NOW, settings: SETTINGS[0]! });
    const areas = practiceAreas(real, sheet);
    expect(areas.label(PRACTICE_DESA)).toBe(`Desa ${sheet.desaName}, Kec. Latihan`);
    expect(areas.label('73.06.06.2003')).toBe('Desa Pakatto, Kec. Bontomarannu');
    expect(areas.isDesa(PRACTICE_DESA)).toBe(true);
    expect(real.get(PRACTICE_DESA)).toBeUndefined();
    expect(areas.findDesa('Pakatto')).toMatchObject({ kind: 'found' });
  });
});

describe('the feedback', () => {
  it('when durations are told, then they read in minutes', () => {
    expect(durationText(20)).toBe('kurang dari 1 menit');
    expect(durationText(6 * 60 + 20)).toBe('6 menit');
    expect(durationText(65 * 60)).toBe('1 jam 5 menit');
  });

  it('when a practice recap had many mistakes, then the feedback names them by kind, lists the differences and fits one message', () => {
    const sheet = buildSheet({ seed: 9, kind: 'guided', unit: 'desa', now: NOW, settings: SETTINGS[0]! });
    const practice: PracticeState = {
      kind: 'guided',
      startedAt: new Date(NOW.getTime() - 7 * 60_000).toISOString(),
      sheet,
      caught: { invalid: 3, hard: 2, soft: 1 },
      topics: ['node:recap.desa.g.pa', 'rule:C3', 'rule:C6', 'rule:W2', 'node:recap.desa.summary', 'node:recap.desa.fast'],
    };
    const values = Object.fromEntries(Object.entries(sheet.recap!.values).map(([f, v]) => [f, v + 1]));
    const { text, event } = practiceFeedback(practice, { kind: 'recap', event: { type: 'recap_submitted', desaCode: PRACTICE_DESA, period: sheet.period, unitName: null, values, warnings: [] } }, NOW);
    expect(text).toContain('Waktu: 7 menit.');
    expect(text).toContain('Jawaban yang belum bisa dibaca: 3');
    expect(text).toContain('Angka tidak cocok (laporan ditahan): 2');
    expect(text).toContain('Berbeda dengan lembar:');
    expect(text).toContain('Ketik LATIHAN untuk berlatih lagi');
    expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS - PRACTICE_MARK.length - 1);
    expect(event).toMatchObject({ type: 'practice_finished', durationSeconds: 420, caught: { invalid: 3, hard: 2, soft: 1, differences: Object.keys(values).length } });
  });

  it('when nothing was caught, then the feedback says so', () => {
    const sheet = buildSheet({ seed: 9, kind: 'case', unit: 'desa', now: NOW, settings: SETTINGS[0]! });
    const c = sheet.case!;
    const practice: PracticeState = { kind: 'case', startedAt: NOW.toISOString(), sheet, caught: NOTHING_CAUGHT, topics: [] };
    const { text } = practiceFeedback(
      practice,
      {
        kind: 'case',
        event: {
          type: 'case_reported',
          desaCode: PRACTICE_DESA,
          place: c.dusun,
          want: c.want,
          methodWanted: c.method,
          reasons: [c.reason],
          stockOutFacility: c.facility ? { puskesmas: 'Puskesmas', pustu: 'Pustu', polindes: 'Polindes/Poskesdes', bidan_desa: 'Bidan desa' }[c.facility]! : null,
          consentToContact: c.consent,
          cadre: { refRegister: c.register, ageBand: c.wifeAge < 20 ? '15-19' : c.wifeAge < 30 ? '20-29' : c.wifeAge < 40 ? '30-39' : '40-49', children: c.children >= 3 ? '3+' : String(c.children), postPartum: c.postPartum },
        },
      },
      NOW,
    );
    expect(text).toContain('Bagus, tidak ada kesalahan!');
  });
});

describe('the words of practice mode', () => {
  it.each([
    ['LATIHAN', true],
    ['latihan!', true],
    ['Mulai latihan', true],
    ['latihan cepat', false],
    ['saya sudah latihan kemarin', false],
  ])('when someone writes "%s", then it starts practice: %s', (text, expected) => {
    expect(isPracticeWord(text)).toBe(expected);
  });

  it.each([
    ['latihan cepat', { kind: 'fast' }],
    ['LATIHAN LAPOR', { kind: 'fast' }],
    ['latihan laporan bulanan', { kind: 'guided' }],
    ['Latihan kasus', { kind: 'case' }],
    ['latihan laporan kasus', { kind: 'case' }],
    ['LATIHAN KELOMPOK', { action: 'round_open' }],
    ['mulai latihan kelompok', { action: 'round_open' }],
    ['buka latihan kelompok', { action: 'round_open' }],
    ['latihan hasil', { action: 'round_results' }],
    ['Hasil latihan', { action: 'round_results' }],
    ['tutup latihan', { action: 'round_close' }],
    ['LATIHAN TUTUP', { action: 'round_close' }],
    ['laporan latihan kasus kemarin', null],
    ['latihan', null],
    ['saya mau latihan', null],
  ])('when someone writes "%s", then it asks for %j', (text, expected) => {
    expect(practiceCommand(text)).toEqual(expected);
  });
});
