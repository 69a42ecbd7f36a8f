// The end of the recap: the numbered summary (UBAH n, KIRIM), the checks at KIRIM — gaps, numbers copied from
// the examples, the hard rules (C7 only once every dusun has reported), the soft warnings to confirm — and the
// submission event. Pure node building.
import { copiedExampleLines } from '../../domain/recap/examples.js';
import { checkDusunSum, checkHard, checkSoft, TYPED_PA_TOTAL, type RuleViolation } from '../../domain/recap/rules.js';
import { say } from '../engine/engine.js';
import type { FlowEvent, FlowNode, Results, Scope } from '../engine/types.js';
import { fitList } from '../fit-text.js';
import { periodOf, placeOf, valuesOf, type Chain } from './chain.js';
import { dusunPartsOf, dusunStatus, isPartialSum } from './dusun-nodes.js';
import { SECTION_II_GROUP, sourceNote } from './meeting-proposal.js';
import { recapFacts } from './recap-facts.js';
import { summaryPages } from './summary.js';

/** Soft warnings the cadre has not confirmed for the current numbers (a changed number asks again). */
export function pendingWarnings(chain: Chain, scope: Scope): RuleViolation[] {
  return raisedWarnings(chain, scope).filter((w) => scope.results[`ok.${w.rule}`]?.value !== w.message);
}

function raisedWarnings(chain: Chain, scope: Scope): RuleViolation[] {
  const facts = recapFacts(scope);
  const period = periodOf(scope.results);
  const previous = facts?.previous[period] ?? null;
  // W10 concerns the desa record: a dusun part is not compared with the desa's cases.
  const casesThisMonth = facts?.casesInPeriod[period] ?? null;
  const values = valuesOf(scope.results);
  const warnings = checkSoft(values, { previous, casesThisMonth }, chain.settings);
  if (chain.unit === 'desa') {
    // S9: Section III is the sum of only some dusun, e.g. the one registered Sub-PPKBD of four.
    const status = dusunStatus(dusunPartsOf(scope), scope.results);
    if (isPartialSum(values, status, chain.sectionIIIFields)) {
      warnings.push({
        rule: 'S9',
        fields: [...chain.sectionIIIFields],
        message: `Angka Bagian III sama dengan jumlah ${status.parts.received.length} dari ${status.expected} dusun saja (belum masuk: ${status.notIn}). Apakah ini memang angka seluruh desa?`,
      });
    }
  }
  return warnings;
}

/** "2, 3 dan 5". */
function listNumbers(numbers: readonly number[]): string {
  return numbers.length <= 1 ? numbers.join('') : `${numbers.slice(0, -1).join(', ')} dan ${numbers.at(-1)}`;
}

function confirmedWarnings(results: Results): { rule: string; message: string; answer: 'YA' }[] {
  return Object.entries(results)
    .filter(([name]) => name.startsWith('ok.'))
    .map(([name, r]) => ({ rule: name.slice(3), message: String(r.value), answer: 'YA' as const }));
}

function summaryOf(chain: Chain, scope: Scope) {
  const notes = chain.balanceProblems(scope.results).length > 0 ? [`Perhatian: jumlah PUS belum seimbang; perbaiki baris ${chain.sectionIIILines()} sebelum KIRIM.`] : [];
  const source = chain.unit === 'desa' ? sourceNote(scope.results) : null;
  return summaryPages({
    period: periodOf(scope.results),
    place: placeOf(scope, chain.unit),
    groups: chain.groups,
    values: valuesOf(scope.results),
    settings: chain.settings,
    notes,
    ...(source ? { lineNotes: { [SECTION_II_GROUP]: source } } : {}),
  });
}

export function addCheckNodes(nodes: Record<string, FlowNode>, chain: Chain): void {
  const id = (name: string) => chain.id(name);
  const { total, unit } = chain;
  const ubah = `UBAH dan nomor baris (1–${total})`;
  const commands = `${ubah} untuk memperbaiki, misalnya UBAH 2`;

  nodes[id('summary')] = {
    kind: 'ask',
    preface: (scope) => summaryOf(chain, scope).first,
    prompt: (scope) => summaryOf(chain, scope).last,
    brief: `Balas KIRIM untuk mengirim, atau ${commands}. Ketik LANJUT untuk melihat ringkasannya lagi.`,
    invalid: 'jawaban itu belum bisa dibaca.',
    validate: { name: 'summary_command' },
    result: 'command',
    transient: true,
    routes: { kirim: id('check'), ubah: id('edit') },
    help: 'Periksa angka-angkanya. Balas KIRIM bila sudah benar. Untuk memperbaiki, balas UBAH dan nomor barisnya, misalnya UBAH 2.',
  };
  nodes[id('edit')] = {
    kind: 'action',
    run: ({ results }) => {
      const line = Number(results.command?.value);
      if (line >= 1 && line <= total) return { category: `g${line - 1}`, results: { editing: true } };
      return { category: 'bad', events: [say(`Baris ${line} tidak ada; pilih 1 sampai ${total}.`)] };
    },
    routes: { bad: id('summary'), ...Object.fromEntries(chain.groups.map((g, n) => [`g${n}`, id(`g.${g.id}`)])) },
  };
  nodes[id('check')] = {
    kind: 'action',
    run: (scope) => {
      const gap = chain.firstMissing(scope.results);
      if (gap) return { category: `missing.${gap}`, results: { editing: true }, events: [say('Masih ada bagian yang kosong; kita isi dulu.')] };
      const values = valuesOf(scope.results);
      const copied = copiedExampleLines(values, chain.groups);
      if (copied) {
        const where = unit === 'dusun' ? 'dusun' : 'desa';
        return {
          category: 'blocked',
          events: [
            say(`Laporan belum bisa dikirim: angka di baris ${listNumbers(copied)} sama persis dengan contoh di pertanyaan, bukan angka ${where} Anda. Isi dengan angka dari register ${where}.`),
            { type: 'mistake_caught', kind: 'hard', nodeId: id('check'), rules: ['CONTOH'] },
          ],
        };
      }
      // C7 only once every dusun has reported: before that the desa total rightly differs from the parts.
      const status = unit === 'desa' ? dusunStatus(dusunPartsOf(scope), scope.results) : null;
      const c7 = status?.complete ? checkDusunSum(values, status.parts.received, chain.sectionIIIFields) : [];
      const hard = [...checkHard(values, chain.settings), ...c7];
      if (hard.length > 0) {
        // A PUS balance the cadre was already told about (for these numbers) is the same mistake, not a new one.
        const told = scope.results.balance_told?.value === chain.balanceKey(scope.results);
        const rules = [...new Set(hard.map((v) => v.rule))].filter((rule) => !(told && ['C3', 'C3_PRIME', 'C5'].includes(rule)));
        const refused = say(fitList('Laporan belum bisa dikirim karena ada angka yang tidak cocok:', hard.map((v) => `• ${v.message}`)));
        return { category: 'blocked', events: rules.length > 0 ? [refused, { type: 'mistake_caught', kind: 'hard', nodeId: id('check'), rules }] : [refused] };
      }
      // The warning about to be asked (each is asked once per set of numbers).
      const warning = pendingWarnings(chain, scope)[0];
      if (!warning) return { category: 'submit' };
      return { category: 'confirm', events: [{ type: 'mistake_caught', kind: 'soft', nodeId: id('confirm'), rules: [warning.rule] }] };
    },
    routes: { blocked: id('fix'), confirm: id('confirm'), submit: id('submit'), ...chain.missingRoutes },
  };
  nodes[id('fix')] = {
    kind: 'ask',
    prompt: `Perbaiki dengan ${ubah}, misalnya UBAH 2. Ketik KIRIM untuk memeriksa lagi.`,
    validate: { name: 'summary_command' },
    result: 'command',
    transient: true,
    routes: { kirim: id('check'), ubah: id('edit') },
  };
  nodes[id('confirm')] = {
    kind: 'ask',
    prompt: (scope) => `${pendingWarnings(chain, scope)[0]?.message ?? ''}\nBalas YA jika benar, atau UBAH dan nomor baris untuk memperbaiki.`,
    brief: `Balas YA jika angkanya benar, atau ${commands}.`,
    validate: { name: 'summary_command', args: { allowYes: true } },
    result: 'command',
    transient: true,
    routes: { ya: id('confirmed'), ubah: id('edit') },
  };
  nodes[id('confirmed')] = {
    kind: 'action',
    run: (scope) => {
      const warning = pendingWarnings(chain, scope)[0];
      return { category: 'check', results: warning ? { [`ok.${warning.rule}`]: warning.message } : {} };
    },
    routes: { check: id('check') },
  };
  nodes[id('submit')] = {
    kind: 'action',
    run: (scope) => {
      const actor = scope.actor;
      if (actor.kind !== 'person') return { category: 'done' };
      const event: FlowEvent = {
        type: 'recap_submitted',
        desaCode: actor.homeAreaCode,
        period: periodOf(scope.results),
        unitName: unit === 'dusun' ? actor.unitName : null,
        values: Object.fromEntries(Object.entries(valuesOf(scope.results)).filter(([f]) => f !== TYPED_PA_TOTAL)),
        warnings: confirmedWarnings(scope.results),
      };
      return { category: 'done', events: [event] };
    },
    routes: { done: id('end') },
  };
  nodes[id('end')] = { kind: 'end' };
}
