// What every part of the recap flow shares: the chain of groups for one unit (desa or dusun), node ids, the
// answers so far (results `v.<field id>`), where to go after a group is saved, and the PUS balance check that
// runs as soon as Section III is complete. Pure.
import { SECTION_TITLES, type FieldGroup, type RecapSettings, type RecapValues } from '../../domain/recap/fields.js';
import { checkHard, type RuleViolation } from '../../domain/recap/rules.js';
import { say } from '../engine/engine.js';
import type { FlowEvent, Results, Scope } from '../engine/types.js';
import { fitList } from '../fit-text.js';
import { groupHeading } from './summary.js';

export type Unit = 'desa' | 'dusun';

/** The answers so far: results named `v.<field id>`. */
export function valuesOf(results: Results): Record<string, number> {
  const values: Record<string, number> = {};
  for (const [name, result] of Object.entries(results)) {
    if (name.startsWith('v.') && typeof result.value === 'number') values[name.slice(2)] = result.value;
  }
  return values;
}

/** Results as they will be once `pending` (values keyed `v.<field id>`, or other derived results) is saved. */
export function withPending(results: Results, pending: Record<string, unknown>): Results {
  return { ...results, ...Object.fromEntries(Object.entries(pending).map(([k, value]) => [k, { value }])) };
}

export function periodOf(results: Results): string {
  return String(results.period?.value ?? '');
}

export function placeOf(scope: Scope, unit: Unit): string {
  if (scope.actor.kind !== 'person') return '';
  const place = scope.areas.label(scope.actor.homeAreaCode);
  return unit === 'dusun' && scope.actor.unitName ? `${scope.actor.unitName}, ${place}` : place;
}

/** The recap chain of one unit: its groups in paper order and the node ids built for it. */
export class Chain {
  readonly total: number;
  readonly firstSectionIII: number;
  readonly sectionIII: readonly FieldGroup[];
  readonly sectionIIIFields: readonly string[];
  /** Routes `missing.<group id>` → that group's question, for actions that jump to the first gap. */
  readonly missingRoutes: Readonly<Record<string, string>>;

  constructor(
    readonly unit: Unit,
    readonly groups: readonly FieldGroup[],
    readonly settings: RecapSettings,
  ) {
    this.total = groups.length;
    this.firstSectionIII = groups.findIndex((g) => g.section === 'III');
    this.sectionIII = groups.filter((g) => g.section === 'III');
    this.sectionIIIFields = this.sectionIII.flatMap((g) => g.fields);
    // A desa whose Section III is still empty goes through the offer of the dusun parts, as in the first pass.
    this.missingRoutes = Object.fromEntries(groups.map((g, i) => [`missing.${g.id}`, i === this.firstSectionIII ? this.groupAsk(i) : this.id(`g.${g.id}`)]));
  }

  id(name: string): string {
    return `recap.${this.unit}.${name}`;
  }

  /** The first-pass question of group i: for a desa, Section III starts with the offer of the dusun parts. */
  groupAsk(i: number): string {
    return this.unit === 'desa' && i === this.firstSectionIII ? this.id('dusun_check') : this.id(`g.${this.groups[i]!.id}`);
  }

  afterGroup(i: number): string {
    return i + 1 < this.total ? this.groupAsk(i + 1) : this.id('summary');
  }

  /** The first group with a field still empty, or null. */
  firstMissing(results: Results): string | null {
    const values = valuesOf(results);
    return this.groups.find((g) => g.fields.some((f) => values[f] === undefined))?.id ?? null;
  }

  /**
   * The fields a group's question asks now: only the empty ones when the group is partly answered (after fast
   * entry), else all of them (first pass, or UBAH of a complete line).
   */
  covered(group: FieldGroup, results: Results): string[] {
    const values = valuesOf(results);
    const missing = group.fields.filter((f) => values[f] === undefined);
    return missing.length > 0 && missing.length < group.fields.length ? missing : [...group.fields];
  }

  /** 1-based summary line of a group. */
  lineOf(groupId: string): number {
    return this.groups.findIndex((g) => g.id === groupId) + 1;
  }

  sectionTitle(group: FieldGroup): string {
    return SECTION_TITLES[group.section];
  }

  /**
   * What follows once a group's answers (`pending`) are saved: straight on in the first pass, else the next gap
   * or the summary; and, when Section III is complete and its PUS does not balance, a notice naming the numbers
   * and the lines to fix (once for a given set of numbers). The cadre may fix it at once (UBAH n works at every
   * question of the recap) or later; KIRIM stays blocked until it balances.
   */
  afterSave(results: Results, pending: Record<string, unknown>, group: FieldGroup | null): { category: string; results: Record<string, unknown>; events: FlowEvent[] } {
    const merged = withPending(results, pending);
    const saved = { ...pending };
    const events: FlowEvent[] = [];
    if (group === null || group.section === 'III') {
      const notice = this.balanceNotice(merged);
      if (notice) {
        events.push(say(notice), { type: 'mistake_caught', kind: 'hard', nodeId: this.id('balance'), rules: [...new Set(this.balanceProblems(merged).map((v) => v.rule))] });
        saved.balance_told = this.balanceKey(merged);
      } else if (typeof merged.balance_told?.value === 'string' && this.balanceProblems(merged).length === 0) {
        // Told before, fixed now: say so, so the cadre knows KIRIM will not stop on it.
        events.push(say('Baik, jumlah PUS sekarang sudah seimbang.'));
        saved.balance_told = null;
      }
    }
    if (merged.editing?.value !== true) return { category: 'next', results: saved, events };
    const gap = this.firstMissing(merged);
    return { category: gap ? `missing.${gap}` : 'summary', results: saved, events };
  }

  /** Routes every save action needs besides its own. */
  saveRoutes(next: string): Record<string, string> {
    return { next, summary: this.id('summary'), ...this.missingRoutes };
  }

  /** The PUS balance notice for these numbers, or null when they balance or the cadre was already told. */
  balanceNotice(results: Results): string | null {
    const problems = this.balanceProblems(results);
    if (problems.length === 0 || results.balance_told?.value === this.balanceKey(results)) return null;
    // The lines holding the numbers of the balance: PUS, the methods, the non-users.
    const involved = new Set(problems.flatMap((v) => v.fields));
    const lines = this.sectionIII
      .filter((g) => g.fields.some((f) => involved.has(f)))
      .map((g) => `${this.lineOf(g.id)} ${groupHeading(g) ?? 'Keluarga dan PUS'}`)
      .join(', ');
    return fitList(
      '*Jumlah PUS belum seimbang*',
      problems.map((v) => `• ${v.message}`),
      `Perbaiki kapan saja dengan UBAH dan nomor baris (${lines}), atau lanjut dulu. Laporan baru bisa dikirim setelah seimbang.`,
    );
  }

  /**
   * The PUS balance (C3 or C3′, and C5 that follows from it) once every Section III number is in; [] before that,
   * because a half-entered section cannot balance yet.
   */
  balanceProblems(results: Results): RuleViolation[] {
    const values = valuesOf(results);
    if (this.sectionIIIFields.some((f) => values[f] === undefined)) return [];
    return checkHard(sectionIIIOnly(values, this.sectionIIIFields), this.settings).filter((v) => ['C3', 'C3_PRIME', 'C5'].includes(v.rule));
  }

  /** The Section III numbers as a key: the cadre is told once per set of numbers, again when they change. */
  balanceKey(results: Results): string {
    const values = valuesOf(results);
    return this.sectionIIIFields.map((f) => values[f] ?? '').join(',');
  }

  /** Lines of Section III, e.g. "4–6", for messages that send the cadre there. */
  sectionIIILines(): string {
    const lines = this.sectionIII.map((g) => this.lineOf(g.id));
    return lines.length > 1 ? `${lines[0]}–${lines.at(-1)}` : String(lines[0] ?? '');
  }
}

function sectionIIIOnly(values: RecapValues, fields: readonly string[]): Record<string, number> {
  return Object.fromEntries(fields.flatMap((f) => (values[f] === undefined ? [] : [[f, values[f]]])));
}
