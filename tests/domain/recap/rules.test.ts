import { describe, expect, it } from 'vitest';
import { DEFAULT_RECAP_SETTINGS, dusunGroups, type RecapSettings, type RecapValues } from '../../../src/domain/recap/fields.js';
import { checkDusunSum, checkHard, checkSoft, type RuleViolation } from '../../../src/domain/recap/rules.js';
import { CLEAN_RECAP, CLEAN_RECAP_ALL_PARTS } from '../../helpers/recap-fixture.js';

const DEFAULT = DEFAULT_RECAP_SETTINGS;
const ALL_PARTS: RecapSettings = { pusRule: 'C3', parts: { flows: true, channel: true, mal_traditional: true } };
const C3_PRIME: RecapSettings = { ...DEFAULT, pusRule: 'C3_PRIME' };
/** Last month for CLEAN_RECAP_ALL_PARTS: PA 266, so 266 + PB 12 − DO 7 = 271 this month. */
const PREVIOUS_ALL_PARTS: RecapValues = { ...CLEAN_RECAP_ALL_PARTS, pa_suntik: 115, pus: 480 };

const rules = (list: RuleViolation[]) => list.map((v) => v.rule);
const hard = (changes: RecapValues, settings = DEFAULT) => checkHard({ ...CLEAN_RECAP, ...changes }, settings);
const soft = (changes: RecapValues, ctx: Parameters<typeof checkSoft>[1] = {}, settings = DEFAULT) =>
  checkSoft({ ...CLEAN_RECAP, ...changes }, ctx, settings);
const only = <T>(list: T[]): T => {
  expect(list).toHaveLength(1);
  return list[0]!;
};
const pick = (values: RecapValues, ids: readonly string[]): Record<string, number> =>
  Object.fromEntries(ids.filter((id) => values[id] !== undefined).map((id) => [id, values[id]!]));
const METHODS = ['pa_iud', 'pa_mow', 'pa_mop', 'pa_implan', 'pa_suntik', 'pa_pil', 'pa_kondom'];

describe('the clean fixture', () => {
  it('when the clean recap is checked under the default settings, then no hard and no soft rule speaks', () => {
    expect(checkHard(CLEAN_RECAP, DEFAULT)).toEqual([]);
    expect(checkSoft(CLEAN_RECAP, {}, DEFAULT)).toEqual([]);
    expect(checkSoft(CLEAN_RECAP, { previous: CLEAN_RECAP, casesThisMonth: 0 }, DEFAULT)).toEqual([]);
  });

  it('when every optional part is on and answered, then the extended fixture is clean too', () => {
    expect(checkHard(CLEAN_RECAP_ALL_PARTS, ALL_PARTS)).toEqual([]);
    expect(checkSoft(CLEAN_RECAP_ALL_PARTS, { previous: PREVIOUS_ALL_PARTS, casesThisMonth: 3 }, ALL_PARTS)).toEqual([]);
  });
});

describe('checkHard', () => {
  it('when a value exceeds its hard maximum, then BOUND names the value and the maximum', () => {
    const v = only(hard({ bkb_pertemuan: 32 }));
    expect(v).toMatchObject({ rule: 'BOUND', fields: ['bkb_pertemuan'] });
    expect(v.message).toBe('BKB: jumlah pertemuan 32 terlalu besar (paling banyak 31). Periksa lagi angka ini.');
  });

  it('when a value is negative or not whole, then BOUND refuses it', () => {
    expect(only(hard({ frek_kie_kit: -1 })).message).toContain('bilangan bulat 0 atau lebih, tetapi tertulis -1');
    expect(rules(hard({ frek_kie_kit: 1.5 }))).toEqual(['BOUND']);
  });

  it('when a field of a switched-off part holds a value, then no rule looks at it', () => {
    expect(hard({ pa_mal: 99_999, pa_pemerintah: 1, pa_swasta: 1, gc_ke_iud: 9 })).toEqual([]);
  });

  it('when a typed PA total differs from the method sum (C1), then the message names both and each method', () => {
    const v = only(hard({ pa_total: 270 }));
    expect(v.rule).toBe('C1');
    expect(v.message).toBe(
      'Total peserta KB aktif ditulis 270, tetapi jumlah per cara = 266 (IUD 20 + MOW 5 + MOP 1 + Implan 30 + Suntik 120 + Pil 80 + Kondom 10). ' +
        'Periksa lagi angka-angka ini; selisihnya 4.',
    );
    expect(hard({ pa_total: 266 })).toEqual([]);
  });

  it('when PA by channel does not add up to PA (C2), then the message names the channel numbers and PA', () => {
    const v = only(checkHard({ ...CLEAN_RECAP_ALL_PARTS, pa_swasta: 60 }, ALL_PARTS));
    expect(v.rule).toBe('C2');
    expect(v.message).toBe(
      'Peserta KB aktif jalur pemerintah + swasta = 260 (pemerintah 200 + swasta 60), tetapi jumlah peserta KB aktif per cara = 271. ' +
        'Periksa lagi angka-angka ini; selisihnya 11.',
    );
  });

  it('when PUS does not balance (C3), then the message names PUS, each component and the difference', () => {
    const v = only(hard({ pus: 482 }));
    expect(v.rule).toBe('C3');
    expect(v.fields).toEqual(['pus', ...METHODS, 'hamil', 'ias', 'iat', 'tial']);
    expect(v.message).toBe(
      'PUS 482, tetapi peserta KB + hamil + IAS + IAT + TIAL = 480 (PA 266 + hamil 25 + IAS 60 + IAT 70 + TIAL 59). ' +
        'Periksa lagi angka-angka ini; selisihnya 2.',
    );
  });

  it('when a hard message is written, then it never proposes a number to make things balance', () => {
    for (const v of [...hard({ pus: 482 }), ...hard({ pa_total: 270 }), ...hard({ bkb_lapor: 5 })]) {
      expect(v.message).not.toMatch(/seharusnya|ubah menjadi|ganti dengan|isi dengan/i);
    }
  });

  describe('C3 and C3′', () => {
    // Under C3′ the pregnant couples sit inside IAS/IAT/TIAL: PUS = PA 266 + IAS 60 + IAT 70 + TIAL 59 = 455.
    const c3PrimeBalanced: RecapValues = { ...CLEAN_RECAP, pus: 455 };

    it('when the same recap is checked under C3 and C3′, then each rule judges its own identity', () => {
      expect(rules(checkHard(CLEAN_RECAP, DEFAULT))).toEqual([]);
      expect(rules(checkHard(CLEAN_RECAP, C3_PRIME))).toEqual(['C3_PRIME']);
      expect(rules(checkHard(c3PrimeBalanced, DEFAULT))).toEqual(['C3']);
      expect(checkHard(c3PrimeBalanced, C3_PRIME)).toEqual([]);
    });

    it('when C3′ does not balance, then the message leaves hamil out of the sum', () => {
      expect(only(checkHard(CLEAN_RECAP, C3_PRIME)).message).toBe(
        'PUS 480, tetapi peserta KB + IAS + IAT + TIAL = 455 (PA 266 + IAS 60 + IAT 70 + TIAL 59). Periksa lagi angka-angka ini; selisihnya 25.',
      );
    });

    it('when C3′ balances but hamil exceeds IAS + IAT + TIAL, then that is reported once', () => {
      const v = only(checkHard({ ...CLEAN_RECAP, pus: 281, ias: 5, iat: 5, tial: 5 }, C3_PRIME));
      expect(v).toMatchObject({ rule: 'C3_PRIME', fields: ['hamil', 'ias', 'iat', 'tial'] });
      expect(v.message).toContain('PUS hamil 25 lebih besar dari IAS + IAT + TIAL = 15 (IAS 5 + IAT 5 + TIAL 5)');
    });
  });

  describe('C5', () => {
    const methods = pick(CLEAN_RECAP, METHODS);

    it('when PA exceeds PUS before the non-users are entered, then C5 already blocks it', () => {
      const v = only(checkHard({ pus: 250, ...methods }, DEFAULT));
      expect(v.rule).toBe('C5');
      expect(v.message).toContain('Jumlah peserta KB aktif 266');
      expect(v.message).toContain('lebih besar dari jumlah PUS (250)');
    });

    it('when hamil does not fit in PUS − PA, then C5 names PUS, PA and hamil', () => {
      const v = only(checkHard({ pus: 280, ...methods, hamil: 20 }, DEFAULT));
      expect(v.message).toBe('PUS hamil (20) lebih besar dari PUS yang bukan peserta KB (PUS 280 − PA 266 = 14). Periksa lagi angka-angka ini.');
    });

    it('when one component alone exceeds PUS, then C5 names it once', () => {
      const v = only(checkHard({ pus: 100, hamil: 150 }, DEFAULT));
      expect(v).toMatchObject({ rule: 'C5', fields: ['pus', 'hamil'] });
      expect(v.message).toBe('PUS hamil (150) lebih besar dari jumlah PUS (100). Periksa lagi kedua angka ini.');
      // One method above PUS also makes PA exceed PUS; only the method is reported.
      expect(checkHard({ pus: 100, ...methods }, DEFAULT).map((x) => x.fields)).toEqual([['pus', 'pa_suntik']]);
    });
  });

  describe('C6', () => {
    const cases: [string, RecapValues, [string, string], string][] = [
      ['kelompok KB reporting', { kelompok_kb_lapor: 13 }, ['kelompok_kb_lapor', 'kelompok_kb_ada'], 'Kelompok KB yang melapor (13) lebih besar dari Kelompok KB yang ada (12)'],
      ['BKB members', { bkb_keluarga_anggota: 160 }, ['bkb_keluarga_anggota', 'bkb_keluarga_sasaran'], 'BKB: keluarga anggota (160) lebih besar dari keluarga sasaran (150)'],
      ['BKR attendance', { bkr_anggota_hadir: 61 }, ['bkr_anggota_hadir', 'bkr_keluarga_anggota'], 'BKR: anggota hadir (61) lebih besar dari keluarga anggota (60)'],
      ['BKL member couples', { bkl_pus_anggota: 71, bkl_pus_anggota_kb: 8 }, ['bkl_pus_anggota', 'bkl_keluarga_anggota'], 'BKL: PUS anggota (71) lebih besar dari 2 × keluarga anggota (2 × 35 = 70)'],
      ['BKB member couples using KB', { bkb_pus_anggota_kb: 86 }, ['bkb_pus_anggota_kb', 'bkb_pus_anggota'], 'BKB: PUS anggota ber-KB (86) lebih besar dari PUS anggota (85)'],
      ['UPPKA KPS/KS I members', { uppka_anggota_kps_ks1: 26 }, ['uppka_anggota_kps_ks1', 'uppka_anggota'], 'UPPKA: anggota KPS dan KS I (26) lebih besar dari anggota (25)'],
      ['UPPKA couples', { uppka_pus: 26 }, ['uppka_pus', 'uppka_anggota'], 'UPPKA: PUS anggota (26) lebih besar dari anggota (25)'],
      ['UPPKA couples using KB', { uppka_pus_kb: 21 }, ['uppka_pus_kb', 'uppka_pus'], 'UPPKA: PUS anggota ber-KB (21) lebih besar dari PUS anggota (20)'],
      ['UPPKA KPS/KS I couples vs couples', { uppka_pus: 7, uppka_pus_kb: 5 }, ['uppka_pus_kps_ks1', 'uppka_pus'], '(8) lebih besar dari PUS anggota (7)'],
      ['UPPKA KPS/KS I couples vs KPS/KS I members', { uppka_pus_kps_ks1: 11 }, ['uppka_pus_kps_ks1', 'uppka_anggota_kps_ks1'], '(11) lebih besar dari anggota KPS dan KS I (10)'],
      ['UPPKA KPS/KS I couples using KB', { uppka_pus_kps_ks1_kb: 9 }, ['uppka_pus_kps_ks1_kb', 'uppka_pus_kps_ks1'], '(9) lebih besar dari PUS anggota KPS dan KS I (8)'],
      ['UPPKA groups with capital', { uppka_kelompok_akses_modal: 3 }, ['uppka_kelompok_akses_modal', 'uppka_ada'], '(3) lebih besar dari UPPKA yang ada (2)'],
    ];
    it.each(cases)('when the nesting of %s is broken, then C6 names both numbers', (_name, changes, fields, text) => {
      const v = only(hard(changes));
      expect(v).toMatchObject({ rule: 'C6', fields });
      expect(v.message).toContain(text);
      expect(v.message).toContain('Periksa lagi kedua angka ini.');
    });
  });

  it('when ganti cara DARI and KE differ (C8), then the message names both sums and their parts', () => {
    const v = only(checkHard({ ...CLEAN_RECAP_ALL_PARTS, gc_ke_iud: 2 }, ALL_PARTS));
    expect(v.rule).toBe('C8');
    expect(v.message).toContain('Ganti cara DARI berjumlah 3 (Suntik 2 + Pil 1), tetapi ganti cara KE berjumlah 4 (IUD 2 + Implan 2)');
    expect(v.message).toContain('selisihnya 1');
  });

  describe('partial recaps', () => {
    it('when nothing or only the first groups are answered, then nothing blocks', () => {
      expect(checkHard({}, DEFAULT)).toEqual([]);
      expect(checkHard(pick(CLEAN_RECAP, ['ppkbd_ada', 'sub_ppkbd_ada', 'pus', 'jml_keluarga']), DEFAULT)).toEqual([]);
    });

    it('when one component of the PUS balance is missing, then C3 waits for it', () => {
      const { tial: _tial, ...noTial } = CLEAN_RECAP;
      expect(checkHard({ ...noTial, pus: 999 }, DEFAULT)).toEqual([]);
      const { pa_kondom: _kondom, ...noKondom } = CLEAN_RECAP;
      expect(checkHard({ ...noKondom, pa_total: 1 }, DEFAULT)).toEqual([]);
    });

    it('when a nesting pair is half answered, then C6 waits for the other half', () => {
      expect(checkHard({ bkb_lapor: 9 }, DEFAULT)).toEqual([]);
      expect(checkHard({ uppka_pus_kps_ks1: 50, uppka_pus: 60 }, DEFAULT)).toEqual([]);
    });

    it('when flows or channel are on but not yet answered, then C2 and C8 wait', () => {
      expect(checkHard(CLEAN_RECAP, { ...ALL_PARTS, parts: { ...ALL_PARTS.parts, mal_traditional: false } })).toEqual([]);
    });
  });

  it('when several rules break, then they come sorted by rule id and then by field order', () => {
    const list = hard({ uppka_kelompok_akses_modal: 3, bkb_lapor: 5, kelompok_kb_lapor: 13, pus: 482, pa_total: 1, frek_rakor_desa: 40 });
    expect(list.map((v) => [v.rule, v.fields[0]])).toEqual([
      ['BOUND', 'frek_rakor_desa'],
      ['C1', 'pa_total'],
      ['C3', 'pus'],
      ['C6', 'kelompok_kb_lapor'],
      ['C6', 'bkb_lapor'],
      ['C6', 'uppka_kelompok_akses_modal'],
    ]);
  });
});

describe('checkDusunSum (C7)', () => {
  const FIELDS = dusunGroups(DEFAULT).flatMap((g) => g.fields);
  // Split every Section III value of the clean recap over three dusun: ⌊x/3⌋, ⌊x/3⌋ and the rest.
  const split = (k: 0 | 1 | 2): RecapValues =>
    Object.fromEntries(FIELDS.map((f) => {
      const x = CLEAN_RECAP[f]!;
      const third = Math.floor(x / 3);
      return [f, k < 2 ? third : x - 2 * third];
    }));
  const parts = [
    { name: 'Dusun Bontoa', values: split(0) },
    { name: 'Dusun Lembang', values: split(1) },
    { name: 'Dusun Tamalate', values: split(2) },
  ];

  it('when three dusun add up to the desa record, then C7 is quiet', () => {
    expect(checkDusunSum(CLEAN_RECAP, parts, FIELDS)).toEqual([]);
  });

  it('when one dusun is off by one, then C7 names the field, the desa number and every dusun', () => {
    const off = parts.map((p, i) => (i === 1 ? { ...p, values: { ...p.values, pus: p.values.pus! + 1 } } : p));
    const v = only(checkDusunSum(CLEAN_RECAP, off, FIELDS));
    expect(v).toMatchObject({ rule: 'C7', fields: ['pus'] });
    expect(v.message).toBe(
      'Jumlah PUS: angka desa 480, tetapi jumlah dari dusun = 481 (Dusun Bontoa 160 + Dusun Lembang 161 + Dusun Tamalate 160). Periksa lagi angka-angka ini; selisihnya 1.',
    );
  });

  it('when a dusun has not answered a field, or the desa has not, then that field is not judged', () => {
    const { hamil: _h, ...noHamil } = parts[0]!.values;
    const incomplete = [{ ...parts[0]!, values: { ...noHamil, iat: 0 } }, parts[1]!, parts[2]!];
    expect(rules(checkDusunSum(CLEAN_RECAP, incomplete, FIELDS))).toEqual(['C7']); // iat only
    const { pus: _p, ...desaNoPus } = CLEAN_RECAP;
    const off = [{ ...parts[0]!, values: { ...parts[0]!.values, pus: 1 } }, parts[1]!, parts[2]!];
    expect(checkDusunSum(desaNoPus, off, FIELDS)).toEqual([]);
  });

  it('when no dusun parts are given, then dusun entry is not in use and nothing is checked', () => {
    expect(checkDusunSum(CLEAN_RECAP, [], FIELDS)).toEqual([]);
  });
});

describe('checkSoft', () => {
  it('when every soft rule speaks, then each message ends with a yes/no question', () => {
    const list = [
      ...soft({ pus: 520 }, { previous: { ...CLEAN_RECAP, pus: 450 } }),
      ...soft({ jml_keluarga: 300, ppkbd_ada: 2, frek_rakor_desa: 6, bkb_pertemuan: 13, bkb_pus_anggota: 91 }, { casesThisMonth: 200 }),
    ];
    expect(list.length).toBeGreaterThan(5);
    for (const v of list) expect(v.message).toMatch(/Apakah benar\?$/);
  });

  it('when nothing is answered yet, then no soft rule speaks', () => {
    expect(checkSoft({}, { previous: CLEAN_RECAP, casesThisMonth: 4 }, DEFAULT)).toEqual([]);
    expect(checkSoft({ pus: 480 }, {}, DEFAULT)).toEqual([]);
  });

  describe('W1 stock-flow', () => {
    const ctx = { previous: PREVIOUS_ALL_PARTS };

    it('when PA moves further than PA last month + PB − DO allows, then W1 asks', () => {
      const v = only(checkSoft({ ...CLEAN_RECAP_ALL_PARTS, pa_suntik: 130 }, ctx, ALL_PARTS));
      expect(v.rule).toBe('W1');
      expect(v.message).toBe(
        'Peserta KB aktif bulan lalu 266, ditambah peserta baru 12 dan dikurangi drop out 7 menjadi 271, tetapi bulan ini tercatat 281 (selisih +10). Apakah benar?',
      );
    });

    it('when the gap is within max(5, 2 % of last month’s PA), then W1 is quiet', () => {
      expect(checkSoft({ ...CLEAN_RECAP_ALL_PARTS, pa_suntik: 125 }, ctx, ALL_PARTS)).toEqual([]);
      expect(rules(checkSoft({ ...CLEAN_RECAP_ALL_PARTS, pa_suntik: 114 }, ctx, ALL_PARTS))).toEqual(['W1']);
    });

    it('when there is no previous month or flows are off, then W1 cannot be judged', () => {
      expect(checkSoft({ ...CLEAN_RECAP_ALL_PARTS, pa_suntik: 130 }, {}, ALL_PARTS)).toEqual([]);
      const noFlows = { ...ALL_PARTS, parts: { ...ALL_PARTS.parts, flows: false } };
      expect(checkSoft({ ...CLEAN_RECAP_ALL_PARTS, pa_suntik: 130 }, ctx, noFlows)).toEqual([]);
    });
  });

  describe('W2 PUS change', () => {
    it('when PUS rises from 450 to 520, then W2 asks with the change in percent', () => {
      const v = only(soft({ pus: 520 }, { previous: { ...CLEAN_RECAP, pus: 450 } }));
      expect(v).toMatchObject({ rule: 'W2', fields: ['pus'] });
      expect(v.message).toBe('PUS naik dari 450 menjadi 520 (+15,6%) dibanding bulan lalu. Apakah benar?');
    });

    it('when PUS falls, then W2 says so with a minus sign', () => {
      expect(only(soft({ pus: 450 }, { previous: CLEAN_RECAP })).message).toBe('PUS turun dari 480 menjadi 450 (−6,3%) dibanding bulan lalu. Apakah benar?');
    });

    it('when the change is within the larger of ±20 couples and ±3 %, then W2 is quiet', () => {
      expect(soft({ pus: 500 }, { previous: CLEAN_RECAP })).toEqual([]); // +20 couples, 3 % of 480 = 14.4
      expect(rules(soft({ pus: 501 }, { previous: CLEAN_RECAP }))).toEqual(['W2']);
      const big = { ...CLEAN_RECAP, pus: 1000, jml_keluarga: 1000 };
      expect(rules(soft({ pus: 1030, jml_keluarga: 1000 }, { previous: big }))).not.toContain('W2'); // 3 % of 1000 = 30
      expect(rules(soft({ pus: 1031, jml_keluarga: 1000 }, { previous: big }))).toContain('W2');
    });
  });

  describe('W3 sterilisation', () => {
    it('when MOW falls by more than 2, then W3 asks; a fall of 2 is accepted', () => {
      const previous = { ...CLEAN_RECAP, pa_mow: 8 };
      const v = only(soft({}, { previous }));
      expect(v).toMatchObject({ rule: 'W3', fields: ['pa_mow'] });
      expect(v.message).toContain('Peserta KB aktif MOW turun dari 8 menjadi 5 (−3) dibanding bulan lalu.');
      expect(soft({}, { previous: { ...CLEAN_RECAP, pa_mow: 7 } })).toEqual([]);
    });

    it('when a MOP drop-out is reported, then W3 asks', () => {
      const v = only(checkSoft({ ...CLEAN_RECAP_ALL_PARTS, do_mop: 1 }, {}, ALL_PARTS));
      expect(v.rule).toBe('W3');
      expect(v.message).toContain('Ada 1 drop out MOP bulan ini.');
    });

    it('when both MOW and MOP fall, then there is still one W3 with both findings', () => {
      const v = only(soft({ pa_mow: 1, pa_mop: 0 }, { previous: { ...CLEAN_RECAP, pa_mop: 3 } }));
      expect(v.fields).toEqual(['pa_mow', 'pa_mop']);
      expect(v.message).toContain('MOW turun dari 5 menjadi 1');
      expect(v.message).toContain('MOP turun dari 3 menjadi 0');
    });
  });

  it('when PUS exceeds 1.3 × families (W4), then W4 asks; exactly 1.3 × is accepted', () => {
    const v = only(soft({ jml_keluarga: 300 }));
    expect(v.rule).toBe('W4');
    expect(v.message).toContain('Jumlah PUS 480 lebih dari 1,3 kali jumlah keluarga (300)');
    expect(rules(checkSoft({ pus: 482, jml_keluarga: 370 }, {}, DEFAULT))).toEqual(['W4']);
    expect(checkSoft({ pus: 481, jml_keluarga: 370 }, {}, DEFAULT)).toEqual([]); // 1.3 × 370 = 481
    expect(checkSoft({ pus: 130, jml_keluarga: 100 }, {}, DEFAULT)).toEqual([]);
  });

  it('when CPR is below 30 % or above 95 % (W5), then W5 asks with the rate', () => {
    const low = only(soft({ pus: 1000, jml_keluarga: 1000 }));
    expect(low.rule).toBe('W5');
    expect(low.message).toContain('= 26,6%, di luar kisaran biasa 30–95%');
    const high = only(soft({ pus: 270, hamil: 1, ias: 1, iat: 1, tial: 1 }));
    expect(high.message).toContain('98,5%');
  });

  it('when unmet need is above 35 % or exactly 0 with PUS ≥ 200 (W6), then W6 asks', () => {
    expect(only(soft({ iat: 120, tial: 60 })).message).toContain('Kebutuhan ber-KB tidak terpenuhi (IAT 120 + TIAL 60 = 180) adalah 37,5% dari PUS 480');
    expect(only(soft({ iat: 0, tial: 0 })).message).toContain('tercatat 0, padahal PUS 480');
    expect(checkSoft({ pus: 199, iat: 0, tial: 0 }, {}, DEFAULT)).toEqual([]);
  });

  it('when the method mix is unusual (W7), then one W7 names each finding', () => {
    expect(only(soft({ pa_iud: 100, pa_implan: 100, pa_suntik: 30, pa_pil: 20 })).message).toContain('Peserta MKJP (metode jangka panjang: IUD, MOW, MOP, implan) 77,4%');
    expect(only(soft({ pa_mop: 20 })).message).toContain('Peserta MOP 20 adalah 7,0% dari peserta KB aktif (285)');
    // PA 66 of 480 also makes CPR low (W5); the two W7 findings share one message.
    const noShortTerm = soft({ pa_suntik: 0, pa_pil: 0 }).filter((v) => v.rule === 'W7');
    expect(only(noShortTerm).message).toContain('Peserta suntik dan pil tercatat 0, padahal peserta KB aktif 66.');
    expect(noShortTerm[0]!.message).toContain('Peserta MKJP (metode jangka panjang: IUD, MOW, MOP, implan) 84,8%');
  });

  it('when PUS is outside 50–6,000 (W8), then W8 asks', () => {
    expect(rules(checkSoft({ pus: 40 }, {}, DEFAULT))).toEqual(['W8']);
    expect(rules(checkSoft({ pus: 6001 }, {}, DEFAULT))).toEqual(['W8']);
    expect(checkSoft({ pus: 50 }, {}, DEFAULT)).toEqual([]);
  });

  it('when there are no non-users at all with PUS above 100 (W9), then W9 asks', () => {
    const list = checkSoft({ pus: 266, ...pick(CLEAN_RECAP, METHODS), hamil: 0, ias: 0, iat: 0, tial: 0 }, {}, DEFAULT);
    expect(rules(list)).toContain('W9');
    expect(list.find((v) => v.rule === 'W9')!.message).toBe(
      'PUS 266, tetapi hamil, IAS, IAT dan TIAL semuanya 0 (semua PUS tercatat sebagai peserta KB). Apakah benar?',
    );
    expect(checkSoft({ pus: 100, hamil: 0, ias: 0, iat: 0, tial: 0 }, {}, DEFAULT)).toEqual([]);
  });

  it('when more unmet-need cases were reported than IAT + TIAL (W10), then W10 asks', () => {
    const v = only(soft({}, { casesThisMonth: 130 }));
    expect(v.rule).toBe('W10');
    expect(v.message).toContain('(130) lebih banyak dari IAT + TIAL (70 + 59 = 129)');
    expect(soft({}, { casesThisMonth: 129 })).toEqual([]);
    expect(soft({}, { casesThisMonth: null })).toEqual([]);
  });

  it('when Section I, II and IV soft bounds are passed, then S1–S8 ask', () => {
    expect(rules(soft({ ppkbd_ada: 0, ppkbd_lapor: 0 }))).toEqual(['S1']);
    expect(rules(soft({ ppkbd_ada: 2 }))).toEqual(['S1']);
    expect(rules(soft({ sub_ppkbd_ada: 41 }))).toEqual(['S2']);
    expect(rules(soft({ frek_rakor_desa: 5 }))).toEqual(['S3']);
    expect(rules(soft({ frek_penyuluhan_pkb: 13 }))).toEqual(['S4']);
    expect(rules(soft({ frek_kie_kit: 13 }))).toEqual(['S5']);
    expect(rules(soft({ jml_tokoh_aktif_kie: 51 }))).toEqual(['S6']);
    expect(only(soft({ bkb_pertemuan: 13 })).message).toContain('BKB: 13 pertemuan, padahal BKB yang melapor 3');
    expect(soft({ bkb_pertemuan: 12 })).toEqual([]);
    expect(only(soft({ bkr_pus_anggota: 61 })).message).toContain('BKR: PUS anggota 61 lebih banyak dari keluarga anggota 60.');
  });

  it('when several soft rules speak, then each rule id appears once, S before W and W2 before W10', () => {
    const list = soft({ pus: 520, frek_rakor_desa: 6, bkb_pertemuan: 20, bkr_pertemuan: 20 }, { previous: { ...CLEAN_RECAP, pus: 450 }, casesThisMonth: 200 });
    expect(rules(list)).toEqual(['S3', 'S7', 'W2', 'W10']);
    expect(list[1]!.fields).toEqual(['bkb_lapor', 'bkb_pertemuan', 'bkr_lapor', 'bkr_pertemuan']);
  });
});
