// One aggregation for every report of a month. For a period (YYYY-MM) and an area (a desa, a kecamatan or the
// kabupaten 73.06) it computes completeness over the desa taking part, timeliness, the verification state, the
// indicators of docs/domain.md §7, cases and stock-outs, per kecamatan and per desa as well. The digests, the Dinas
// summaries, REKAP on demand and the exports all format this one result, so their numbers cannot disagree.
// Pure: rows in, summary out (aggregate-data.ts loads the rows). The choices, also in docs/ARCHITECTURE.md:
// - Completeness and timeliness count only the desa taking part in the period (phased roll-out). A recap sent by a
//   desa not taking part is still data: it is summed in the indicators, listed for verification, and named apart.
// - Indicators come on two bases, both always computed: `verified` (verified recaps only: the official figure, the
//   same numbers as the JUMLAH row of the XLSX) and `latest` (the latest version of every recap sent, verified or
//   not: provisional). Each is computed from counts summed over the area, never as an average of percentages.
// - Lateness belongs to the first submission (the stored `late` flag).
// - A denominator of 0 gives null, which callers show as "n/a" or "–".
import type { DesaKind } from '../areas/types.js';
import { CASE_STATUSES, CATEGORIES, isOpen, type CaseStatus, type Category } from '../domain/cases/case-model.js';
import { daysUntil, isoDay, periodDeadlines, periodRange, shiftPeriod, type ReportingCalendar } from '../domain/recap/calendar.js';
import { indicators, modernPaTotal, percent, type RecapIndicators } from '../domain/recap/derive.js';
import { activeFields, INSTITUTIONS, POKTAN, type RecapSettings, type RecapValues } from '../domain/recap/fields.js';
import { FACILITY_OPTIONS } from '../flows/cases/case-options.js';
import { meetingsSlot, type MeetingInput, type MeetingsSlot } from './aggregate-meetings.js';

const DAY_MS = 86_400_000;

/** IMP_CASE_FOLLOW_UP_DAYS' default, for callers without a configuration. */
export const DEFAULT_CASE_FOLLOW_UP_DAYS = 7;

// ---- Input

export type AreaLevel = 'desa' | 'kecamatan' | 'kabupaten';

export interface AreaRef {
  code: string;
  level: AreaLevel;
  name: string;
}

/** A desa/kelurahan by name, as every list of the summaries shows it (no phone, no person). */
export interface DesaRef {
  code: string;
  name: string;
  kind: DesaKind;
  kecamatanCode: string;
  kecamatanName: string;
}

export interface DesaInput extends DesaRef {
  /** Takes part in the programme in the period (areas.repo participatingDesa). */
  takingPart: boolean;
}

export type RecapStatus = 'submitted' | 'returned' | 'verified';

/** A desa record (never a dusun part) as stored: its current version. */
export interface RecapInput {
  desaCode: string;
  period: string;
  status: RecapStatus;
  version: number;
  /** The first submission's lateness (kept through corrections). */
  late: boolean;
  /** ISO-8601: when the current version was sent. */
  submittedAt: string;
  verifiedAt: string | null;
  values: RecapValues;
  /** The desa figures disagree with a dusun part changed since they were sent (dusun-consistency.ts); false when not checked. */
  dusunMismatch: boolean;
}

export interface CaseInput {
  code: string;
  desaCode: string;
  category: Category;
  status: CaseStatus;
  methodWanted: string;
  reasons: readonly string[];
  stockOutMethod: string | null;
  /** As stored: a facility label ("Puskesmas", "Lainnya: …"), or older free text. */
  stockOutFacility: string | null;
  reportedAt: string;
  assignedAt: string | null;
  closedAt: string | null;
}

export interface AggregateSettings {
  recap: RecapSettings;
  calendar: ReportingCalendar;
  /** IMP_CASE_FOLLOW_UP_DAYS: a case not followed up for this long is overdue (the case SLA's reminder). */
  caseFollowUpDays: number;
}

export interface AggregateInput {
  period: string;
  area: AreaRef;
  /** The figures are as of this instant: open and overdue cases, days left to the due date. */
  now: Date;
  /** When set, what arrived from this instant on (a digest's "since the last one"). */
  since: Date | null;
  /** Every desa/kelurahan of the area, in code order. */
  desa: readonly DesaInput[];
  /** Desa records of the area for `period` and the month before (others are ignored). */
  recaps: readonly RecapInput[];
  /** Cases of the area reported in the period or since `since`, open now, or closed in the period (others are ignored). */
  cases: readonly CaseInput[];
  /** Meetings of the area's kecamatan (and the kabupaten) for `period` or reported since `since`; none when absent. */
  meetings?: readonly MeetingInput[];
  settings: AggregateSettings;
}

// ---- Output

export interface PeriodCalendar {
  /** The WITA day the recap is due (until 23:59), and the last day of the ordinary window: "2026-12-03". */
  dueDate: string;
  closeDate: string;
  /** ISO-8601 instants: the window opens, the first instant after the due day, after the close day. */
  opensAt: string;
  dueEnd: string;
  closeEnd: string;
  /** Whole WITA days from today to the due day (0: due today; negative: past) and to the close day. */
  daysToDue: number;
  daysToClose: number;
  state: 'not_open' | 'open' | 'past_due' | 'closed';
}

export interface Completeness {
  /** Desa/kelurahan of the area taking part in the period. */
  expected: number;
  /** Of those: with a desa recap (any status), verified, waiting for verification, returned for correction. */
  sent: number;
  verified: number;
  waiting: number;
  returned: number;
  /** Taking part and no recap yet, in code order. */
  missing: DesaRef[];
  /** Taking part, returned to the cadre and not corrected yet. */
  returnedDesa: DesaRef[];
  /** sent ÷ expected and verified ÷ expected (§7 report coverage), in %. */
  sentPct: number | null;
  verifiedPct: number | null;
  /** Desa of the area not taking part in the period. */
  notTakingPart: number;
  /** Recaps sent by desa not taking part: counted in the indicators and the verification lists, not here. */
  sentNotTakingPart: DesaRef[];
}

export interface Timeliness {
  /** Desa taking part whose first submission came by the due day / after it. */
  onTime: number;
  late: number;
  lateDesa: DesaRef[];
  /** On time ÷ expected (§7 timeliness), in %. */
  onTimePct: number | null;
}

export interface PendingRecap extends DesaRef {
  version: number;
  submittedAt: string;
}

export interface Verification {
  /** Every desa recap of the area (taking part or not): sent and not checked yet, oldest first. */
  waiting: PendingRecap[];
  /** Returned to the cadre and not corrected yet. */
  returned: PendingRecap[];
  verified: number;
  /** Waiting or returned, whose desa figures disagree with a dusun part changed since: not verifiable until corrected. */
  dusunMismatch: DesaRef[];
}

export type InstitutionId = (typeof INSTITUTIONS)[number][0];
export type PoktanId = (typeof POKTAN)[number][0];

export interface PoktanParticipation {
  /** anggota hadir ÷ keluarga anggota. */
  attendance: number | null;
  /** keluarga anggota ÷ keluarga sasaran. */
  membership: number | null;
  /** PUS anggota ber-KB ÷ PUS anggota. */
  pusUsingKb: number | null;
}

/** Only when the optional "flows" part (PB, DO, ganti cara) is on. */
export interface FlowRates {
  /** Summed over every recap of the basis. */
  newAcceptors: number;
  dropOuts: number;
  switches: number;
  /** The rates compare a month with the one before, so they use only desa with a recap of both months in the basis. */
  comparedRecaps: number;
  previousPaTotal: number;
  /** Σ DO ÷ PA of the month before, and Σ ganti cara ÷ PA of the month before (§7), in %. */
  dropOutRate: number | null;
  gantiCaraRate: number | null;
}

export type IndicatorBasis = 'verified' | 'latest';

export interface IndicatorSet {
  basis: IndicatorBasis;
  /** How many desa recaps were summed. */
  recaps: number;
  /** Each active field summed over the recaps that answered it; null when none did. */
  sums: Readonly<Record<string, number | null>>;
  /** Null (not 0) when no recap was summed. */
  paTotal: number | null;
  unmetNeed: number | null;
  cpr: number | null;
  mcpr: number | null;
  unmetNeedPct: number | null;
  mkjpShare: number | null;
  /** Modern PA ÷ (PA + IAT + TIAL): demand satisfied by modern methods (§7), in %. */
  demandSatisfiedModern: number | null;
  /** x yang melapor ÷ x yang ada, per institution type, in %. */
  institutionReporting: Readonly<Record<InstitutionId, number | null>>;
  poktan: Readonly<Record<PoktanId, PoktanParticipation>>;
  flows: FlowRates | null;
}

/** The headline indicators whose change from last month the Dinas reads, in percentage points. */
export const CHANGE_KEYS = ['cpr', 'mcpr', 'unmetNeedPct', 'mkjpShare'] as const;
export type IndicatorChange = Readonly<Record<(typeof CHANGE_KEYS)[number], number | null>>;

export interface OverdueCase {
  code: string;
  desaCode: string;
  desaName: string;
  /** Whole days since it was given to whoever holds it. */
  days: number;
  /** Past twice the follow-up days: the SLA has escalated it one level up. */
  escalated: boolean;
}

export interface CaseFigures {
  /** Reported in the period (WITA month): the rows of the cases export. */
  opened: number;
  openedByCategory: Readonly<Record<Category, number>>;
  /** Where the cases reported in the period stand now. */
  openedByStatus: Readonly<Record<CaseStatus, number>>;
  /** Closed (any outcome) and served during the period, whenever reported; served ÷ closed (§7 case closure). */
  closedInPeriod: number;
  servedInPeriod: number;
  servedShare: number | null;
  /** Median whole days from report to service, of the cases served in the period. */
  medianDaysToServe: number | null;
  /** At `now`, whenever reported. */
  openNow: number;
  /** At `now`: assigned and not followed up for IMP_CASE_FOLLOW_UP_DAYS, exactly as the case SLA job counts them. */
  overdueNow: number;
  escalatedNow: number;
  overdue: OverdueCase[];
}

export type FacilityKind = (typeof FACILITY_OPTIONS)[number]['key'] | 'tidak_disebut';

export interface StockOuts {
  /** Cases reported in the period with the reason "stok kosong" (not those closed as invalid, e.g. duplicates). */
  total: number;
  byMethod: { method: string; count: number }[];
  byFacility: { facility: FacilityKind; count: number }[];
  items: { method: string; facility: FacilityKind; count: number }[];
}

export interface SinceActivity {
  since: string;
  /** Desa recaps of the period whose current version (first or corrected) arrived at or after `since`. */
  recapsReceived: PendingRecap[];
  casesOpened: number;
  stockOuts: number;
}

/** Meeting attendance (docs/domain.md §8): aggregate-meetings.ts. */
export type { DesaMeetings, KecamatanMeetings, MeetingInput, MeetingRef, MeetingsSlot } from './aggregate-meetings.js';

export interface AreaFigures {
  completeness: Completeness;
  timeliness: Timeliness;
  verification: Verification;
  indicators: Readonly<Record<IndicatorBasis, IndicatorSet>>;
  /** The same indicators for the month before, and this month minus that one. */
  previous: Readonly<Record<IndicatorBasis, IndicatorSet>>;
  change: Readonly<Record<IndicatorBasis, IndicatorChange>>;
  cases: CaseFigures;
  stockOuts: StockOuts;
  since: SinceActivity | null;
  meetings: MeetingsSlot;
}

export interface KecamatanFigures extends AreaFigures {
  kecamatan: { code: string; name: string };
}

export interface DesaFigures extends DesaRef {
  takingPart: boolean;
  status: RecapStatus | 'belum lapor';
  version: number | null;
  late: boolean | null;
  submittedAt: string | null;
  verifiedAt: string | null;
  /** Every active field → its number, or null when not answered (or no recap). */
  values: Record<string, number | null>;
  /** The recap's own indicators (whatever its status); null without a recap. */
  indicators: RecapIndicators | null;
  dusunMismatch: boolean;
}

export interface AreaAggregate extends AreaFigures {
  period: string;
  previousPeriod: string;
  area: AreaRef;
  /** ISO-8601: the `now` the figures are as of. */
  asOf: string;
  calendar: PeriodCalendar;
  /** The follow-up days behind "overdue" (IMP_CASE_FOLLOW_UP_DAYS), for texts that say "lebih dari N hari". */
  caseFollowUpDays: number;
  /** Per kecamatan with desa in the area, in code order (one entry for a kecamatan or a desa). */
  byKecamatan: KecamatanFigures[];
  /** Every desa of the area, in code order. */
  byDesa: DesaFigures[];
}

// ---- The pure computations

const ref = (d: DesaRef): DesaRef => ({ code: d.code, name: d.name, kind: d.kind, kecamatanCode: d.kecamatanCode, kecamatanName: d.kecamatanName });

/** The calendar of a period as seen at `now`. */
export function periodCalendar(period: string, calendar: ReportingCalendar, now: Date): PeriodCalendar {
  const d = periodDeadlines(period, calendar);
  const t = now.getTime();
  return {
    dueDate: isoDay(d.due),
    closeDate: isoDay(d.close),
    opensAt: d.opensAt.toISOString(),
    dueEnd: d.dueEnd.toISOString(),
    closeEnd: d.closeEnd.toISOString(),
    daysToDue: daysUntil(now, d.due),
    daysToClose: daysUntil(now, d.close),
    state: t < d.opensAt.getTime() ? 'not_open' : t < d.dueEnd.getTime() ? 'open' : t < d.closeEnd.getTime() ? 'past_due' : 'closed',
  };
}

/** Each active field summed over the recaps that answered it (null when none did). */
export function sumFields(values: readonly Readonly<Record<string, number | null | undefined>>[], settings: RecapSettings): Record<string, number | null> {
  const sums: Record<string, number | null> = {};
  for (const f of activeFields(settings)) {
    let total: number | null = null;
    for (const v of values) {
      const x = v[f.id];
      if (typeof x === 'number') total = (total ?? 0) + x;
    }
    sums[f.id] = total;
  }
  return sums;
}

const answered = (sums: Readonly<Record<string, number | null>>): RecapValues =>
  Object.fromEntries(Object.entries(sums).filter((e): e is [string, number] => e[1] !== null));

function fieldTotal(v: RecapValues, prefix: string, settings: RecapSettings): number {
  return activeFields(settings)
    .filter((f) => f.id.startsWith(prefix))
    .reduce((t, f) => t + (v[f.id] ?? 0), 0);
}

/**
 * The indicators of a set of recaps, from their summed counts. `previous` maps a desa to its recap of the month
 * before in the same basis, for the flow rates; pass an empty map when there is none.
 */
export function indicatorSet(
  basis: IndicatorBasis,
  recaps: readonly Pick<RecapInput, 'desaCode' | 'values'>[],
  previous: ReadonlyMap<string, RecapValues>,
  settings: RecapSettings,
): IndicatorSet {
  const sums = sumFields(
    recaps.map((r) => r.values),
    settings,
  );
  const v = answered(sums);
  const ind = indicators(v, settings);
  const none = recaps.length === 0;
  const ratio = (a: string, b: string) => percent(v[a] ?? 0, v[b] ?? 0);
  const institutionReporting = Object.fromEntries(INSTITUTIONS.map(([id]) => [id, ratio(`${id}_lapor`, `${id}_ada`)])) as Record<InstitutionId, number | null>;
  const poktan = Object.fromEntries(
    POKTAN.map(([id]) => [
      id,
      { attendance: ratio(`${id}_anggota_hadir`, `${id}_keluarga_anggota`), membership: ratio(`${id}_keluarga_anggota`, `${id}_keluarga_sasaran`), pusUsingKb: ratio(`${id}_pus_anggota_kb`, `${id}_pus_anggota`) },
    ]),
  ) as Record<PoktanId, PoktanParticipation>;
  let flows: FlowRates | null = null;
  if (settings.parts.flows) {
    const compared = recaps.filter((r) => previous.has(r.desaCode));
    const previousPaTotal = compared.reduce((t, r) => t + indicators(previous.get(r.desaCode)!, settings).paTotal, 0);
    const over = (prefix: string, list: readonly Pick<RecapInput, 'values'>[]) => list.reduce((t, r) => t + fieldTotal(r.values, prefix, settings), 0);
    flows = {
      newAcceptors: fieldTotal(v, 'pb_', settings),
      dropOuts: fieldTotal(v, 'do_', settings),
      // Each switch is one "from" and one "to" (C8), so the "from" side counts the switches.
      switches: fieldTotal(v, 'gc_dari_', settings),
      comparedRecaps: compared.length,
      previousPaTotal,
      dropOutRate: percent(over('do_', compared), previousPaTotal),
      gantiCaraRate: percent(over('gc_dari_', compared), previousPaTotal),
    };
  }
  return {
    basis,
    recaps: recaps.length,
    sums,
    paTotal: none ? null : ind.paTotal,
    unmetNeed: none ? null : ind.unmetNeed,
    cpr: ind.cpr,
    mcpr: ind.mcpr,
    unmetNeedPct: ind.unmetNeedPct,
    mkjpShare: ind.mkjpShare,
    demandSatisfiedModern: percent(modernPaTotal(v, settings), ind.paTotal + ind.unmetNeed),
    institutionReporting,
    poktan,
    flows,
  };
}

/** This month minus the month before, in percentage points (null when either has no figure). */
export function indicatorChange(current: Pick<IndicatorSet, (typeof CHANGE_KEYS)[number]>, previous: Pick<IndicatorSet, (typeof CHANGE_KEYS)[number]>): IndicatorChange {
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.round((a - b) * 10) / 10);
  return Object.fromEntries(CHANGE_KEYS.map((k) => [k, diff(current[k], previous[k])])) as IndicatorChange;
}

/** As the case SLA job selects them (cases.repo casesAwaitingFollowUp): assigned, given to its holder before now − days. */
export function overdueDays(c: Pick<CaseInput, 'status' | 'assignedAt' | 'reportedAt'>, now: Date, followUpDays: number): number | null {
  if (c.status !== 'assigned') return null;
  const since = Date.parse(c.assignedAt ?? c.reportedAt);
  if (!(since < now.getTime() - followUpDays * DAY_MS)) return null;
  return Math.floor((now.getTime() - since) / DAY_MS);
}

/** The kind of facility of a stored stock-out place: its label, "Lainnya: …", or older free text starting with a label. */
export function facilityKind(stored: string | null): FacilityKind {
  if (stored === null || stored.trim() === '') return 'tidak_disebut';
  const text = stored.trim().toLowerCase();
  const byLabel = FACILITY_OPTIONS.find((o) => text === o.label.toLowerCase() || text.startsWith(`${o.label.toLowerCase()}:`));
  if (byLabel) return byLabel.key as FacilityKind;
  const byWord = FACILITY_OPTIONS.find((o) => o.key !== 'lainnya' && o.words.some((w) => text === w || text.startsWith(`${w} `)));
  return (byWord?.key as FacilityKind | undefined) ?? 'lainnya';
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const within = (iso: string | null, from: number, to: number) => iso !== null && Date.parse(iso) >= from && Date.parse(iso) < to;

function countBy<T extends string>(keys: readonly T[], items: readonly T[]): Record<T, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<T, number>;
  for (const i of items) out[i] = (out[i] ?? 0) + 1;
  return out;
}

function ranked<K extends string>(counts: Map<K, number>): { key: K; count: number }[] {
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
}

const isStockOut = (c: CaseInput) => c.reasons.includes('stok_kosong') && c.status !== 'closed_invalid';

function stockOutsOf(list: readonly CaseInput[]): StockOuts {
  const stock = list.filter(isStockOut);
  const byMethod = new Map<string, number>();
  const byFacility = new Map<FacilityKind, number>();
  const items = new Map<string, { method: string; facility: FacilityKind; count: number }>();
  for (const c of stock) {
    const method = c.stockOutMethod ?? c.methodWanted;
    const facility = facilityKind(c.stockOutFacility);
    byMethod.set(method, (byMethod.get(method) ?? 0) + 1);
    byFacility.set(facility, (byFacility.get(facility) ?? 0) + 1);
    const item = items.get(`${method}|${facility}`) ?? { method, facility, count: 0 };
    item.count++;
    items.set(`${method}|${facility}`, item);
  }
  return {
    total: stock.length,
    byMethod: ranked(byMethod).map(({ key, count }) => ({ method: key, count })),
    byFacility: ranked(byFacility).map(({ key, count }) => ({ facility: key, count })),
    items: [...items.values()].sort((a, b) => b.count - a.count || (a.method < b.method ? -1 : a.method > b.method ? 1 : a.facility < b.facility ? -1 : 1)),
  };
}

interface Context {
  input: AggregateInput;
  current: ReadonlyMap<string, RecapInput>;
  previous: ReadonlyMap<string, RecapInput>;
  monthFrom: number;
  monthTo: number;
}

function basisOf(basis: IndicatorBasis, r: RecapInput): boolean {
  return basis === 'latest' || r.status === 'verified';
}

function indicatorsFor(desa: readonly DesaInput[], ctx: Context, month: 'current' | 'previous'): Record<IndicatorBasis, IndicatorSet> {
  const settings = ctx.input.settings.recap;
  const out = {} as Record<IndicatorBasis, IndicatorSet>;
  for (const basis of ['verified', 'latest'] as const) {
    const pick = (map: ReadonlyMap<string, RecapInput>) => desa.map((d) => map.get(d.code)).filter((r): r is RecapInput => r !== undefined && basisOf(basis, r));
    // The month before has no earlier month loaded: its flow rates are not needed (only the headline change is).
    const before = month === 'current' ? new Map(pick(ctx.previous).map((r) => [r.desaCode, r.values])) : new Map<string, RecapValues>();
    out[basis] = indicatorSet(basis, pick(month === 'current' ? ctx.current : ctx.previous), before, settings);
  }
  return out;
}

function pending(d: DesaInput, r: RecapInput): PendingRecap {
  return { ...ref(d), version: r.version, submittedAt: r.submittedAt };
}

const bySubmission = (a: PendingRecap, b: PendingRecap) => (a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : a.code < b.code ? -1 : 1);

/** `whole`: the figures of the area itself (its kecamatan- and kabupaten-level meetings count), not one kecamatan of it. */
function figuresFor(desa: readonly DesaInput[], ctx: Context, whole: boolean): AreaFigures {
  const { input, current } = ctx;
  const codes = new Set(desa.map((d) => d.code));
  const taking = desa.filter((d) => d.takingPart);
  const withRecap = (list: readonly DesaInput[]) => list.filter((d) => current.has(d.code)).map((d) => [d, current.get(d.code)!] as const);
  const takingSent = withRecap(taking);
  const statusOf = (status: RecapStatus) => takingSent.filter(([, r]) => r.status === status);

  const completeness: Completeness = {
    expected: taking.length,
    sent: takingSent.length,
    verified: statusOf('verified').length,
    waiting: statusOf('submitted').length,
    returned: statusOf('returned').length,
    missing: taking.filter((d) => !current.has(d.code)).map(ref),
    returnedDesa: statusOf('returned').map(([d]) => ref(d)),
    sentPct: percent(takingSent.length, taking.length),
    verifiedPct: percent(statusOf('verified').length, taking.length),
    notTakingPart: desa.length - taking.length,
    sentNotTakingPart: withRecap(desa.filter((d) => !d.takingPart)).map(([d]) => ref(d)),
  };

  const late = takingSent.filter(([, r]) => r.late);
  const timeliness: Timeliness = {
    onTime: takingSent.length - late.length,
    late: late.length,
    lateDesa: late.map(([d]) => ref(d)),
    onTimePct: percent(takingSent.length - late.length, taking.length),
  };

  const all = withRecap(desa);
  const verification: Verification = {
    waiting: all.filter(([, r]) => r.status === 'submitted').map(([d, r]) => pending(d, r)).sort(bySubmission),
    returned: all.filter(([, r]) => r.status === 'returned').map(([d, r]) => pending(d, r)).sort(bySubmission),
    verified: all.filter(([, r]) => r.status === 'verified').length,
    dusunMismatch: all.filter(([, r]) => r.status !== 'verified' && r.dusunMismatch).map(([d]) => ref(d)),
  };

  const indicatorsNow = indicatorsFor(desa, ctx, 'current');
  const previous = indicatorsFor(desa, ctx, 'previous');

  const cases = input.cases.filter((c) => codes.has(c.desaCode));
  const inMonth = cases.filter((c) => within(c.reportedAt, ctx.monthFrom, ctx.monthTo));
  const closedInMonth = cases.filter((c) => !isOpen(c.status) && within(c.closedAt, ctx.monthFrom, ctx.monthTo));
  const served = closedInMonth.filter((c) => c.status === 'served');
  const { now } = input;
  const days = input.settings.caseFollowUpDays;
  const nameOf = new Map(desa.map((d) => [d.code, d.name]));
  const overdue = cases
    .map((c) => ({ c, days: overdueDays(c, now, days) }))
    .filter((o): o is { c: CaseInput; days: number } => o.days !== null)
    .map(({ c, days: d }): OverdueCase => ({ code: c.code, desaCode: c.desaCode, desaName: nameOf.get(c.desaCode) ?? c.desaCode, days: d, escalated: d >= 2 * days }))
    .sort((a, b) => b.days - a.days || (a.code < b.code ? -1 : 1));

  const caseFigures: CaseFigures = {
    opened: inMonth.length,
    openedByCategory: countBy(
      CATEGORIES,
      inMonth.map((c) => c.category),
    ),
    openedByStatus: countBy(
      CASE_STATUSES,
      inMonth.map((c) => c.status),
    ),
    closedInPeriod: closedInMonth.length,
    servedInPeriod: served.length,
    servedShare: percent(served.length, closedInMonth.length),
    medianDaysToServe: median(served.map((c) => Math.floor((Date.parse(c.closedAt!) - Date.parse(c.reportedAt)) / DAY_MS))),
    openNow: cases.filter((c) => isOpen(c.status)).length,
    overdueNow: overdue.length,
    escalatedNow: overdue.filter((o) => o.escalated).length,
    overdue,
  };

  let since: SinceActivity | null = null;
  if (input.since) {
    const from = input.since.getTime();
    const newCases = cases.filter((c) => within(c.reportedAt, from, Infinity));
    since = {
      since: input.since.toISOString(),
      recapsReceived: all
        .filter(([, r]) => Date.parse(r.submittedAt) >= from)
        .map(([d, r]) => pending(d, r))
        .sort(bySubmission),
      casesOpened: newCases.length,
      stockOuts: newCases.filter(isStockOut).length,
    };
  }

  return {
    completeness,
    timeliness,
    verification,
    indicators: indicatorsNow,
    previous,
    change: { verified: indicatorChange(indicatorsNow.verified, previous.verified), latest: indicatorChange(indicatorsNow.latest, previous.latest) },
    cases: caseFigures,
    stockOuts: stockOutsOf(inMonth),
    since,
    meetings: meetingsSlot(input.meetings ?? [], {
      period: input.period,
      desa,
      withKecamatanLevel: input.area.level !== 'desa',
      withKabupatenLevel: whole && input.area.level === 'kabupaten',
      since: input.since,
    }),
  };
}

function desaFigures(d: DesaInput, r: RecapInput | undefined, settings: RecapSettings): DesaFigures {
  const values: Record<string, number | null> = {};
  for (const f of activeFields(settings)) {
    const v = r?.values[f.id];
    values[f.id] = typeof v === 'number' ? v : null;
  }
  return {
    ...ref(d),
    takingPart: d.takingPart,
    status: r?.status ?? 'belum lapor',
    version: r?.version ?? null,
    late: r ? r.late : null,
    submittedAt: r?.submittedAt ?? null,
    verifiedAt: r?.status === 'verified' ? r.verifiedAt : null,
    values,
    indicators: r ? indicators(answered(values), settings) : null,
    dusunMismatch: r ? r.dusunMismatch : false,
  };
}

/** Everything the reports of a period and an area show, from the rows of aggregate-data.ts. */
export function aggregate(input: AggregateInput): AreaAggregate {
  const previousPeriod = shiftPeriod(input.period, -1);
  const desaCodes = new Set(input.desa.map((d) => d.code));
  const of = (period: string) => new Map(input.recaps.filter((r) => r.period === period && desaCodes.has(r.desaCode)).map((r) => [r.desaCode, r]));
  const month = periodRange(input.period);
  const ctx: Context = { input, current: of(input.period), previous: of(previousPeriod), monthFrom: month.from.getTime(), monthTo: month.to.getTime() };

  const kecamatan = new Map<string, DesaInput[]>();
  for (const d of input.desa) kecamatan.set(d.kecamatanCode, [...(kecamatan.get(d.kecamatanCode) ?? []), d]);

  return {
    period: input.period,
    previousPeriod,
    area: input.area,
    asOf: input.now.toISOString(),
    calendar: periodCalendar(input.period, input.settings.calendar, input.now),
    caseFollowUpDays: input.settings.caseFollowUpDays,
    ...figuresFor(input.desa, ctx, true),
    byKecamatan: [...kecamatan].map(([code, desa]) => ({ kecamatan: { code, name: desa[0]!.kecamatanName }, ...figuresFor(desa, ctx, false) })),
    byDesa: input.desa.map((d) => desaFigures(d, ctx.current.get(d.code), input.settings.recap)),
  };
}
