import { describe, it, expect } from 'vitest';
import { fastEntryHelp, fastEntryHelpPages, isFastEntry, parseFastEntry, PA_TOTAL_ID } from '../../../src/domain/recap/fast-entry.js';
import { activeFields, DEFAULT_RECAP_SETTINGS, type RecapSettings } from '../../../src/domain/recap/fields.js';

const DEC_2026 = { year: 2026, month: 12 };
const JAN_2027 = { year: 2027, month: 1 };
const NOV_2026 = { year: 2026, month: 11 };

const DEFAULT = DEFAULT_RECAP_SETTINGS;
const ALL_ON: RecapSettings = { pusRule: 'C3', parts: { flows: true, channel: true, mal_traditional: true } };
const only = (part: keyof RecapSettings['parts']): RecapSettings => ({
  pusRule: 'C3',
  parts: { ...DEFAULT.parts, [part]: true },
});

const parse = (text: string, settings: RecapSettings = DEFAULT, today = DEC_2026) => parseFastEntry(text, settings, today);

describe('isFastEntry', () => {
  it.each([
    ['LAPOR 11/2026 PUS=480 IUD=20', true],
    ['lapor pus=480', true],
    ['Lapor: PUS: 480', true],
    ['LAPOR 11/2026', true],
    ['lapor nov 2026', true],
    ['lapor 11', true],
    ['\u200BLAPOR PUS=1', true],
    ['LAPOR\nPUS=480', true],
    ['LAPOR', false],
    ['lapor   ', false],
    ['lapor bulan ini', false],
    ['LAPORAN PUS=480', false],
    ['LAPOR_X=1', false],
    ['BANTUAN LAPOR', false],
    ['PUS=480', false],
    ['halo', false],
    ['', false],
  ])('when the message is %j, then it is fast entry: %s', (text, expected) => {
    expect(isFastEntry(text)).toBe(expected);
  });
});

describe('parseFastEntry: reading values', () => {
  it("when the issue's example is sent, then period and values are read without errors", () => {
    expect(parse('LAPOR 11/2026 PUS=480 IUD=20 MOW=5')).toEqual({
      period: NOV_2026,
      values: { pus: 480, pa_iud: 20, pa_mow: 5 },
      errors: [],
    });
  });

  it.each([
    'LAPOR 11/2026 PUS=480 IUD=20 MOW=5',
    'lapor 11/2026 pus=480 iud=20 mow=5',
    'Lapor 11/2026 Pus=480 Iud=20 Mow=5',
    'LAPOR 11/2026 MOW=5 IUD=20 PUS=480',
    'lapor 11/2026 iud=20 mow=5 PUS=480',
  ])('when keys are in any case and order (%j), then the same values are read', (text) => {
    expect(parse(text)).toEqual({ period: NOV_2026, values: { pus: 480, pa_iud: 20, pa_mow: 5 }, errors: [] });
  });

  it.each([
    ['spaces', 'LAPOR PUS=480 IUD=20 MOW=5'],
    ['commas', 'LAPOR PUS=480,IUD=20, MOW=5'],
    ['semicolons', 'LAPOR PUS=480;IUD=20 ; MOW=5'],
    ['newlines', 'LAPOR\nPUS=480\nIUD=20\r\nMOW=5'],
    ['spaces around "="', 'LAPOR PUS = 480 IUD= 20 MOW =5'],
    ['":" instead of "="', 'LAPOR PUS: 480 IUD:20 MOW : 5'],
    ['a mix of everything', 'lapor pus = 480, iud=20; mow=5'],
    ['a trailing full stop', 'LAPOR PUS=480 IUD=20 MOW=5.'],
  ])('when pairs are separated by %s, then all are read', (_name, text) => {
    expect(parse(text)).toEqual({ period: null, values: { pus: 480, pa_iud: 20, pa_mow: 5 }, errors: [] });
  });

  it.each([
    ['LAPOR PUS=1.250', 1250],
    ['LAPOR PUS=1,250', 1250],
    ['LAPOR PUS=1250', 1250],
    ['LAPOR PUS=480 pasang', 480],
    ['LAPOR PUS=0', 0],
  ])('when the number is written as %j, then it reads %d', (text, pus) => {
    expect(parse(text)).toEqual({ period: null, values: { pus }, errors: [] });
  });

  it.each([
    ['LAPOR 11/2026 PUS=1', DEC_2026, NOV_2026],
    ['LAPOR nov 2026 PUS=1', DEC_2026, NOV_2026],
    ['LAPOR November 2026, PUS=1', DEC_2026, NOV_2026],
    ['LAPOR 2026-11 PUS=1', DEC_2026, NOV_2026],
    ['LAPOR 11-26 PUS=1', DEC_2026, NOV_2026],
    ['LAPOR november PUS=1', JAN_2027, NOV_2026],
    ['LAPOR 11 PUS=1', JAN_2027, NOV_2026],
    ['LAPOR bulan 11 PUS=1', DEC_2026, NOV_2026],
    ['LAPOR bulan: nov 2026 PUS=1', DEC_2026, NOV_2026],
    ['LAPOR PUS=1 PERIODE=11/2026', DEC_2026, NOV_2026],
    ['LAPOR 1/2026 PUS=1', DEC_2026, { year: 2026, month: 1 }],
  ])('when the period is written as in %j (today %o), then it is %o', (text, today, period) => {
    expect(parse(text, DEFAULT, today)).toEqual({ period, values: { pus: 1 }, errors: [] });
  });

  it('when no period is written, then the period is null and the pairs are still read', () => {
    expect(parse('LAPOR PUS=480')).toEqual({ period: null, values: { pus: 480 }, errors: [] });
  });

  it('when only a period is written, then there are no values and no errors', () => {
    expect(parse('LAPOR 11/2026')).toEqual({ period: NOV_2026, values: {}, errors: [] });
  });

  it.each(['PA', 'pa', 'PA_TOTAL', 'pa_total', 'KB_AKTIF', 'kb_aktif'])(
    'when the PA total is typed as %s, then it is stored under pa_total for rule C1',
    (key) => {
      expect(parse(`LAPOR IUD=20 ${key}=300`)).toEqual({ period: null, values: { pa_iud: 20, [PA_TOTAL_ID]: 300 }, errors: [] });
      expect(PA_TOTAL_ID).toBe('pa_total');
    },
  );

  it.each([
    ['pa_iud=20', 'pa_iud', 20],
    ['JML_KELUARGA=620', 'jml_keluarga', 620],
    ['bkb_keluarga_sasaran=120', 'bkb_keluarga_sasaran', 120],
    ['frek_rakor_desa=2', 'frek_rakor_desa', 2],
    ['KELUARGA=620', 'jml_keluarga', 620],
    ['BKB_SASARAN=120', 'bkb_keluarga_sasaran', 120],
  ])('when the key is the field id or the short key (%s), then it fills %s', (pair, id, value) => {
    expect(parse(`LAPOR ${pair}`)).toEqual({ period: null, values: { [id]: value }, errors: [] });
  });

  it.each([
    ['AKDR=20', DEFAULT, 'pa_iud', 20],
    ['akdr=20', DEFAULT, 'pa_iud', 20],
    ['IMPLANT=30', DEFAULT, 'pa_implan', 30],
    ['SUNTIKAN=120', DEFAULT, 'pa_suntik', 120],
    ['PB_AKDR=2', only('flows'), 'pb_iud', 2],
    ['pb-iud=2', only('flows'), 'pb_iud', 2],
  ])('when an alias is used (%s), then it fills %s', (pair, settings, id, value) => {
    expect(parse(`LAPOR ${pair}`, settings)).toEqual({ period: null, values: { [id]: value }, errors: [] });
  });

  it('when the same key is written twice with the same value, then it is accepted once', () => {
    expect(parse('LAPOR IUD=20 AKDR=20 iud=20')).toEqual({ period: null, values: { pa_iud: 20 }, errors: [] });
  });
});

describe('parseFastEntry: optional parts', () => {
  it.each([
    ['flows', 'PB_IUD=2', 'pb_iud'],
    ['flows', 'DO_SUNTIK=3', 'do_suntik'],
    ['flows', 'GC_DARI_PIL=1', 'gc_dari_pil'],
    ['channel', 'PA_PEMERINTAH=200', 'pa_pemerintah'],
    ['mal_traditional', 'MAL=2', 'pa_mal'],
    ['mal_traditional', 'LAIN=3', 'pa_lain'],
  ] as const)('when the part %s is on, then %s is accepted', (part, pair, id) => {
    const [, raw] = pair.split('=');
    expect(parse(`LAPOR ${pair}`, only(part))).toEqual({ period: null, values: { [id]: Number(raw) }, errors: [] });
  });

  it.each([
    ['PB_IUD=2', 'Peserta KB baru IUD tidak diisi di Gowa saat ini.'],
    ['do_suntik=3', 'Drop out Suntik tidak diisi di Gowa saat ini.'],
    ['PA_PEMERINTAH=200', 'Peserta KB aktif jalur pemerintah tidak diisi di Gowa saat ini.'],
    ['MAL=2', 'Peserta KB aktif MAL tidak diisi di Gowa saat ini.'],
    ['pa_lain=3', 'Peserta KB aktif Tradisional/lainnya tidak diisi di Gowa saat ini.'],
  ])('when the part is off, then %s is refused', (pair, error) => {
    expect(parse(`LAPOR PUS=480 ${pair}`)).toEqual({ period: null, values: { pus: 480 }, errors: [error] });
  });

  it('when a part is off, then its keys are never suggested for a typo', () => {
    expect(parse('LAPOR MAK=2').errors.join(' ')).not.toMatch(/\bMAL\b/);
    expect(parse('LAPOR MAK=2', ALL_ON).errors).toEqual(["'MAK' tidak dikenal. Maksud Anda MAL (Peserta KB aktif MAL)?"]);
  });
});

describe('parseFastEntry: errors', () => {
  it.each([
    ['unknown key, close to a known one', 'LAPOR PSU=480', ["'PSU' tidak dikenal. Maksud Anda PUS (Jumlah PUS)?"]],
    ['unknown key, one letter off', 'LAPOR HAMI=25', ["'HAMI' tidak dikenal. Maksud Anda HAMIL (PUS hamil)?"]],
    ['unknown key, nothing close', 'LAPOR XYZQW=5', ["'XYZQW' tidak dikenal. Ketik BANTUAN LAPOR untuk daftar isian."]],
    ['value in words', 'LAPOR IUD=dua puluh', ["Peserta KB aktif IUD: 'dua puluh' bukan angka."]],
    ['negative value', 'LAPOR IUD=-5', ["Peserta KB aktif IUD '-5': harus bilangan bulat, tidak boleh negatif."]],
    ['decimal value', 'LAPOR IUD=2.5', ["Peserta KB aktif IUD '2.5': harus bilangan bulat, tidak boleh negatif."]],
    ['decimal comma', 'LAPOR TOKOH=6,5', ["Tokoh masyarakat/agama aktif KIE '6,5': harus bilangan bulat, tidak boleh negatif."]],
    ['empty value', 'LAPOR PUS= IUD=20', ['Jumlah PUS: angkanya belum ditulis. Tulis misalnya PUS=20.']],
    ['space-grouped value', 'LAPOR PUS=1 250', ["Jumlah PUS: '1 250' tidak jelas. Tulis tanpa spasi, misalnya 1250 atau 1.250."]],
    ['value above the bound', 'LAPOR PUS=99999', ['Jumlah PUS 99999 terlalu besar (paling banyak 10000).']],
    ['month count above 31', 'LAPOR RAKOR=40', ['Frekuensi rakor desa 40 terlalu besar (paling banyak 31).']],
    ['PA total above the bound', 'LAPOR PA=20000', ['Jumlah peserta KB aktif 20000 terlalu besar (paling banyak 10000).']],
    ['same key, different values', 'LAPOR MOW=5 mow=6', ['Peserta KB aktif MOW ditulis dua kali dengan nilai berbeda (5 dan 6). Tulis satu saja.']],
    ['alias and key disagree', 'LAPOR IUD=20 AKDR=21', ['Peserta KB aktif IUD ditulis dua kali dengan nilai berbeda (20 dan 21). Tulis satu saja.']],
    ['forgotten "="', 'LAPOR IUD=20 MOW 5', ["'MOW 5' tidak terbaca. Maksud Anda MOW=5?"]],
    ['forgotten "=" right after LAPOR', 'LAPOR PUS 480 MOW=5', ["'PUS 480' tidak terbaca. Maksud Anda PUS=480?"]],
    ['pair without a key', 'LAPOR =5 MOW=5', ["'=5' tidak terbaca. Tulis nama isian, tanda =, lalu angkanya, misalnya PUS=480."]],
    ['stray word', 'LAPOR MOW=5 terima kasih', ["'terima kasih' tidak terbaca. Tulis nama isian, tanda =, lalu angkanya, misalnya PUS=480."]],
    ['stray word after a separator', 'LAPOR MOW=5, oke', ["'oke' tidak terbaca. Tulis nama isian, tanda =, lalu angkanya, misalnya PUS=480."]],
    ['stray word after the period', 'LAPOR 11/2026 oke MOW=5', ["'oke' tidak terbaca. Tulis nama isian, tanda =, lalu angkanya, misalnya PUS=480."]],
    [
      'period in the wrong place',
      'LAPOR MOW=5 11/2026',
      ["'11/2026' tidak terbaca. Bulan laporan ditulis tepat setelah LAPOR, misalnya LAPOR 11/2026 PUS=480."],
    ],
    ['unreadable period', 'LAPOR 13/2026 MOW=5', ["Bulan laporan '13/2026' tidak terbaca. Tulis seperti 11/2026 atau nov 2026, tepat setelah LAPOR."]],
    ['unreadable period word', 'LAPOR kemarin MOW=5', ["Bulan laporan 'kemarin' tidak terbaca. Tulis seperti 11/2026 atau nov 2026, tepat setelah LAPOR."]],
    ['unreadable period key', 'LAPOR BULAN=besok MOW=5', ["Bulan laporan 'besok' tidak terbaca. Tulis seperti 11/2026 atau nov 2026."]],
    ['two different periods', 'LAPOR 11/2026 PERIODE=10/2026 MOW=5', ['Bulan laporan ditulis dua kali dengan isi berbeda. Tulis satu saja.']],
  ])('when the message has a %s, then exactly that error is reported', (_kind, text, errors) => {
    const result = parse(text);
    expect(result.errors).toEqual(errors);
  });

  it('when two periods disagree, then neither is kept', () => {
    expect(parse('LAPOR 11/2026 PERIODE=10/2026 MOW=5').period).toBeNull();
  });

  it.each([
    ['an unknown key', 'LAPOR PSU=480 IUD=20'],
    ['a switched-off part', 'LAPOR PB_IUD=2 IUD=20'],
    ['a value in words', 'LAPOR PUS=banyak IUD=20'],
    ['a value above the bound', 'LAPOR PUS=99999 IUD=20'],
    ['a repeated key', 'LAPOR PUS=480 PUS=490 IUD=20'],
    ['a repeated key where one value is bad', 'LAPOR PUS=480 PUS=abc IUD=20'],
  ])('when the message has %s, then the faulty value is left out and the rest kept', (_kind, text) => {
    const result = parse(text);
    expect(result.values).toEqual({ pa_iud: 20 });
    expect(result.errors).toHaveLength(1);
  });

  it('when a message has many problems, then every one is reported once, in message order', () => {
    const result = parse(
      'LAPOR 11/2026 XYZQW=5 PSU=4 PB_IUD=1 IUD=dua puluh PUS=99999 MOW=5 MOW=6 HAMIL=25 IAS 60, oke TIAL=59',
    );
    expect(result).toEqual({
      period: NOV_2026,
      values: { hamil: 25, tial: 59 },
      errors: [
        "'XYZQW' tidak dikenal. Ketik BANTUAN LAPOR untuk daftar isian.",
        "'PSU' tidak dikenal. Maksud Anda PUS (Jumlah PUS)?",
        'Peserta KB baru IUD tidak diisi di Gowa saat ini.',
        "Peserta KB aktif IUD: 'dua puluh' bukan angka.",
        'Jumlah PUS 99999 terlalu besar (paling banyak 10000).',
        'Peserta KB aktif MOW ditulis dua kali dengan nilai berbeda (5 dan 6). Tulis satu saja.',
        "'IAS 60' tidak terbaca. Maksud Anda IAS=60?",
        "'oke' tidak terbaca. Tulis nama isian, tanda =, lalu angkanya, misalnya PUS=480.",
      ],
    });
  });

  it('when a key is repeated three times with different values, then it is reported once', () => {
    expect(parse('LAPOR MOW=1 MOW=2 MOW=3').errors).toEqual(['Peserta KB aktif MOW ditulis dua kali dengan nilai berbeda (1 dan 2). Tulis satu saja.']);
  });

  it.each(['LAPOR ===', 'LAPOR =5', 'LAPOR ;;;,,,', 'LAPOR PUS=480=5', 'LAPOR a=b=c', 'LAPOR 😀=1', 'garbage', ''])(
    'when the message is garbage (%j), then it never throws and nothing bogus is stored',
    (text) => {
      const result = parse(text);
      expect(Object.values(result.values).every((v) => Number.isSafeInteger(v) && v >= 0)).toBe(true);
    },
  );
});

describe('fastEntryHelpPages', () => {
  const allHelp = (settings: RecapSettings) => fastEntryHelpPages(settings).join('\n');

  it('when help is asked, then it starts with a short example that itself parses cleanly', () => {
    const lines = fastEntryHelp(DEFAULT).split('\n');
    const example = lines.find((l) => /^LAPOR /.test(l));
    expect(example).toBeDefined();
    expect(parse(example ?? '').errors).toEqual([]);
    expect(lines.indexOf(example ?? '')).toBeLessThan(4);
  });

  it.each([
    ['the default settings', DEFAULT],
    ['every part on', ALL_ON],
    ['only flows on', only('flows')],
  ])('when the deployment has %s, then every active key is listed with its label, on pages of at most 1,000 characters that say how to get the next', (_name, settings) => {
    const pages = fastEntryHelpPages(settings);
    const help = pages.join('\n');
    for (const f of activeFields(settings)) expect(help).toContain(`${f.key} = ${f.label}`);
    expect(help).toMatch(/^PA = /m);
    pages.forEach((page, i) => {
      expect(page.length).toBeLessThanOrEqual(1000);
      expect(page).toContain(`*BANTUAN LAPOR (${i + 1}/${pages.length})*`);
      expect(page).toContain(i + 1 < pages.length ? `Ketik BANTUAN LAPOR ${i + 2} untuk halaman berikutnya.` : 'Ketik MENU');
    });
  });

  it.each([
    ['PB_IUD', 'flows'],
    ['GC_KE_PIL', 'flows'],
    ['PA_SWASTA', 'channel'],
    ['MAL', 'mal_traditional'],
    ['LAIN', 'mal_traditional'],
  ] as const)('when a part is off, then %s is not listed; when on, it is', (key, part) => {
    const pattern = new RegExp(`^${key} = `, 'm');
    expect(allHelp(DEFAULT)).not.toMatch(pattern);
    expect(allHelp(only(part))).toMatch(pattern);
  });

  it('when help is shown, then keys are grouped under the section titles in form order', () => {
    const help = allHelp(DEFAULT);
    const titles = ['*I. Keadaan Umum*', '*II. Kegiatan Operasional*', '*III. PUS dan Kesertaan ber-KB*', '*IV. Poktan BKB, BKR, BKL*', '*V. UPPKA*'];
    const positions = titles.map((t) => help.indexOf(t, help.indexOf('*BANTUAN LAPOR (2/')));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(help.indexOf('PPKBD_ADA')).toBeLessThan(help.indexOf('*II.', help.indexOf('PPKBD_ADA')));
    expect(help.indexOf('PUS =')).toBeGreaterThan(help.indexOf('*III.', help.indexOf('*BANTUAN LAPOR (2/')));
  });

  it('when help is shown, then the PA total follows the last method listed', () => {
    expect(allHelp(DEFAULT)).toMatch(/^KONDOM = .*\nPA = /m);
    expect(allHelp(ALL_ON)).toMatch(/^LAIN = .*\nPA = /m);
  });

  it('when help is shown, then every line is short enough for a phone screen', () => {
    for (const line of allHelp(ALL_ON).split('\n')) expect(line.length).toBeLessThanOrEqual(90);
  });
});
