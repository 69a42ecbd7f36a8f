// Figures derived from the monthly village recap (docs/domain.md §5.4 and §7). Nothing here is ever typed by a cadre:
// PA total, unmet need and "bukan peserta" are computed from the answered fields, so they cannot disagree with
// them (rule C4). Pure functions; an unanswered field counts as 0 so a partial recap can still be summarised.
import { EXTRA_METHODS, METHODS, MKJP_METHODS, type RecapSettings, type RecapValues } from './fields.js';

/** Method field ids counted in PA under these settings: the 7 register methods, plus MAL and "lain" when that part is on. */
export function activeMethodFields(settings: RecapSettings): string[] {
  const methods = settings.parts.mal_traditional ? [...METHODS, ...EXTRA_METHODS] : [...METHODS];
  return methods.map(([id]) => `pa_${id}`);
}

function sum(v: RecapValues, ids: readonly string[]): number {
  return ids.reduce((total, id) => total + (v[id] ?? 0), 0);
}

/** PA (peserta KB aktif) = Σ of the active method fields. Fields of a part that is switched off are ignored. */
export function paTotal(v: RecapValues, settings: RecapSettings): number {
  return sum(v, activeMethodFields(settings));
}

/** Unmet need = IAT + TIAL (docs/domain.md §5.4, C4). Always derived; there is no unmet-need input. */
export function unmetNeed(v: RecapValues): number {
  return sum(v, ['iat', 'tial']);
}

/**
 * PUS that are not using contraception. Under C3 (default) pregnant couples are their own category next to IAS/IAT/TIAL;
 * under C3′ (New SIGA summary) they are already classified inside IAS/IAT/TIAL, so adding them would count them twice.
 */
export function bukanPeserta(v: RecapValues, settings: RecapSettings): number {
  return settings.pusRule === 'C3' ? sum(v, ['hamil', 'ias', 'iat', 'tial']) : sum(v, ['ias', 'iat', 'tial']);
}

export interface RecapIndicators {
  paTotal: number;
  unmetNeed: number;
  /** PA / PUS × 100, traditional methods included. */
  cpr: number | null;
  /** (PA − pa_lain) / PUS × 100: MAL counts as modern, "lain" (traditional/other) does not. */
  mcpr: number | null;
  /** (IAT + TIAL) / PUS × 100. */
  unmetNeedPct: number | null;
  /** (IUD + MOW + MOP + implan) / PA × 100. Suntik is deliberately not MKJP (docs/domain.md §7). */
  mkjpShare: number | null;
}

/**
 * A percentage rounded to one decimal, or null when the denominator is 0 (§7: report "n/a", not 0).
 * Scaling by 1000 before dividing keeps exact halves (62.45 → 624.5) exact, so rounding is not thrown off by
 * binary fractions the way Math.round(x * 10) / 10 can be.
 */
export function percent(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  const scaled = (numerator * 1000) / denominator;
  return (Math.sign(scaled) * Math.round(Math.abs(scaled))) / 10;
}

/** PA by modern methods: PA without "lain" (traditional/other). MAL counts as modern (docs/domain.md §7). */
export function modernPaTotal(v: RecapValues, settings: RecapSettings): number {
  // pa_lain is only part of PA when the mal_traditional part is on; otherwise it must not be subtracted either.
  return paTotal(v, settings) - (settings.parts.mal_traditional ? (v.pa_lain ?? 0) : 0);
}

export function indicators(v: RecapValues, settings: RecapSettings): RecapIndicators {
  const pa = paTotal(v, settings);
  const pus = v.pus ?? 0;
  const unmet = unmetNeed(v);
  return {
    paTotal: pa,
    unmetNeed: unmet,
    cpr: percent(pa, pus),
    mcpr: percent(modernPaTotal(v, settings), pus),
    unmetNeedPct: percent(unmet, pus),
    mkjpShare: percent(sum(v, MKJP_METHODS.map((m) => `pa_${m}`)), pa),
  };
}

/** "62,5%" (Indonesian decimal comma, one decimal) or "–" when the figure is not defined. */
export function formatPct(x: number | null): string {
  return x === null ? '–' : `${x.toFixed(1).replace('.', ',')}%`;
}

/** "+1,2" / "−0,5" / "0,0" percentage points (Indonesian decimal comma), or "–" when either month has no figure. */
export function formatPointChange(x: number | null): string {
  if (x === null) return '–';
  const rounded = Math.round(x * 10) / 10;
  const text = Math.abs(rounded).toFixed(1).replace('.', ',');
  return rounded > 0 ? `+${text}` : rounded < 0 ? `−${text}` : text;
}
