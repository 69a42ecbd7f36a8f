// The four percentages of docs/domain.md §7 as DHIS2 indicators, with the same numerators and denominators as
// derive.ts `indicators()` computes them, under the same settings: PA is the sum of the active method fields;
// modern PA leaves out `pa_lain` only when that field is part of PA (mal_traditional on); MKJP is IUD, MOW, MOP and
// implan (never suntik). DHIS2 shows nothing when a denominator is 0, as §7 asks ("n/a", not 0).
import { activeMethodFields } from '../../domain/recap/derive.js';
import { MKJP_METHODS, type RecapSettings } from '../../domain/recap/fields.js';
import { PERCENT_TYPE_CODE, PERCENT_TYPE_NAME } from './codes.js';
import { expression, side } from './expressions.js';
import type { Dhis2Indicator, Dhis2IndicatorType } from './format.js';
import { dhis2Uid } from './uid.js';

export interface IndicatorDef {
  code: string;
  name: string;
  shortName: string;
  description: string;
  numerator: readonly string[];
  numeratorDescription: string;
  denominator: readonly string[];
  denominatorDescription: string;
}

/** The definitions as field-id sums, so tests can evaluate them against derive.ts. */
export function indicatorDefs(settings: RecapSettings): IndicatorDef[] {
  const pa = activeMethodFields(settings);
  const modern = pa.filter((id) => id !== 'pa_lain');
  const mkjp = MKJP_METHODS.map((m) => `pa_${m}`);
  return [
    {
      code: 'IMP_CPR',
      name: 'F/I/Dal CPR (semua cara)',
      shortName: 'FIDal CPR',
      description: 'Peserta KB aktif semua cara dibagi jumlah PUS, dalam persen (capaian PA terhadap PUS).',
      numerator: pa,
      numeratorDescription: 'Peserta KB aktif (semua cara)',
      denominator: ['pus'],
      denominatorDescription: 'Jumlah PUS',
    },
    {
      code: 'IMP_MCPR',
      name: 'F/I/Dal mCPR (cara modern)',
      shortName: 'FIDal mCPR',
      description: 'Peserta KB aktif cara modern (tanpa tradisional/lainnya; MAL termasuk modern) dibagi jumlah PUS, dalam persen.',
      numerator: modern,
      numeratorDescription: 'Peserta KB aktif cara modern',
      denominator: ['pus'],
      denominatorDescription: 'Jumlah PUS',
    },
    {
      code: 'IMP_UNMET_NEED',
      name: 'F/I/Dal Unmet need',
      shortName: 'FIDal Unmet need',
      description: 'PUS yang ingin anak ditunda (IAT) dan tidak ingin anak lagi (TIAL) tetapi tidak ber-KB, dibagi jumlah PUS, dalam persen.',
      numerator: ['iat', 'tial'],
      numeratorDescription: 'IAT + TIAL',
      denominator: ['pus'],
      denominatorDescription: 'Jumlah PUS',
    },
    {
      code: 'IMP_MKJP',
      name: 'F/I/Dal Persentase PA MKJP',
      shortName: 'FIDal PA MKJP',
      description: 'Peserta KB aktif metode kontrasepsi jangka panjang (IUD, MOW, MOP, implan) dibagi seluruh peserta KB aktif, dalam persen.',
      numerator: mkjp,
      numeratorDescription: 'Peserta KB aktif IUD + MOW + MOP + implan',
      denominator: pa,
      denominatorDescription: 'Peserta KB aktif (semua cara)',
    },
  ];
}

export function percentType(): Dhis2IndicatorType {
  return { id: dhis2Uid('indicatorType', PERCENT_TYPE_CODE), code: PERCENT_TYPE_CODE, name: PERCENT_TYPE_NAME, factor: 100, number: false };
}

export function indicators(settings: RecapSettings, ref: (fieldId: string) => string): Dhis2Indicator[] {
  const type = percentType();
  return indicatorDefs(settings).map((d) => ({
    id: dhis2Uid('indicator', d.code),
    code: d.code,
    name: d.name,
    shortName: d.shortName,
    description: d.description,
    indicatorType: { id: type.id },
    numerator: expression(side(d.numerator), ref),
    numeratorDescription: d.numeratorDescription,
    denominator: expression(side(d.denominator), ref),
    denominatorDescription: d.denominatorDescription,
    // One decimal, as every figure the bot shows (derive.ts percent()).
    decimals: 1,
    annualized: false,
  }));
}
