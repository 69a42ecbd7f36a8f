// The questions of the recap's groups: several numbers per reply in paper order; only the numbers still missing
// when a group is partly answered (fast entry); one at a time after two miscounts; UBAH n at any of them. As soon
// as Section III is complete the PUS balance is told (chain.ts). Pure node building.
import { exampleNumbers } from '../../domain/recap/examples.js';
import { FIELD_BY_ID, type FieldGroup } from '../../domain/recap/fields.js';
import { say } from '../engine/engine.js';
import type { FlowNode, Results, Scope } from '../engine/types.js';
import { periodOf, valuesOf, type Chain } from './chain.js';
import { acceptProposal, proposalFor, proposalPrompt, SECTION_II_GROUP, typedOver } from './meeting-proposal.js';
import { groupHeading, periodLabel, shortLabel } from './summary.js';

/** The example numbers of the fields asked, in their order. */
function exampleFor(group: FieldGroup, fields: readonly string[]): string {
  const example = exampleNumbers(group);
  return fields.map((f) => example[group.fields.indexOf(f)]).join(' ');
}

/** Section II of a desa recap, asked whole, with meetings recorded for the month: the numbers are proposed. */
function offered(chain: Chain, group: FieldGroup, scope: Pick<Scope, 'facts' | 'results'>) {
  if (group.id !== SECTION_II_GROUP || chain.covered(group, scope.results).length < group.fields.length) return null;
  return proposalFor(chain, scope);
}

function groupPrompt(chain: Chain, group: FieldGroup, i: number, scope: Pick<Scope, 'facts' | 'results'>): string {
  const { results } = scope;
  const values = valuesOf(results);
  const asked = chain.covered(group, results);
  const head = `(${i + 1}/${chain.total}) *${chain.sectionTitle(group)}*`;
  const reply = asked.length === 1 ? 'Balas satu angka' : `Balas ${asked.length} angka dipisah spasi`;
  if (asked.length < group.fields.length) {
    // Partly answered (fast entry): name what is there and ask only the rest.
    const have = group.fields.filter((f) => values[f] !== undefined).map((f) => `${shortLabel(f)} ${values[f]}`);
    const heading = groupHeading(group);
    return [
      head,
      `${heading ? `${heading}: sudah` : 'Sudah'} ada ${have.join(', ')}.`,
      `Masih kurang: ${asked.map(shortLabel).join(', ')}.`,
      `${reply}, contoh: ${exampleFor(group, asked)}`,
    ].join('\n');
  }
  const proposal = offered(chain, group, scope);
  if (proposal) return proposalPrompt(head, proposal, results);
  const now = group.fields.every((f) => values[f] !== undefined) ? `\nSekarang: ${group.fields.map((f) => values[f]).join(' ')}` : '';
  // The month was not asked because it is the only one open: the first question says which month this is.
  const month = loneMonthAsked(i, results) ? `*Laporan bulanan ${periodLabel(periodOf(results))}* (bulan yang terbuka)\n` : '';
  return `${month}${head}\n${group.title}.\n${reply}, contoh: ${group.example}${now}`;
}

/** The month, when it was named instead of asked and this is the very first question of the recap. */
function loneMonthAsked(i: number, results: Results): { year: number; month: number } | null {
  if (i !== 0 || results.period_lone?.value !== true || Object.keys(valuesOf(results)).length > 0) return null;
  const [year, month] = periodOf(results).split('-').map(Number) as [number, number];
  return { year, month };
}

/** The miscount counter back to zero once the group is saved; nothing to store when it never counted. */
function resetMisses(group: FieldGroup, results: Results): Record<string, unknown> {
  return results[`wrong.${group.id}`] === undefined ? {} : { [`wrong.${group.id}`]: 0 };
}

function singleList(group: FieldGroup, results: Results): string[] {
  const list = results[`single.${group.id}`]?.value;
  return Array.isArray(list) ? (list as string[]) : [...group.fields];
}

export function addGroupNodes(nodes: Record<string, FlowNode>, chain: Chain): void {
  const id = (name: string) => chain.id(name);
  chain.groups.forEach((group, i) => {
    const proposes = chain.unit === 'desa' && group.id === SECTION_II_GROUP;
    const toField = Object.fromEntries(group.fields.map((f) => [`to.${f}`, id(`f.${f}`)]));
    nodes[id(`g.${group.id}`)] = {
      kind: 'ask',
      prompt: (scope) => groupPrompt(chain, group, i, scope),
      validate: {
        // Section II may be proposed from the meetings: YA/1 takes the proposal.
        name: proposes ? 'number_list_or_yes' : 'number_list',
        args: (scope: Scope) => {
          const asked = chain.covered(group, scope.results);
          const month = loneMonthAsked(i, scope.results);
          return { count: asked.length, max: asked.map((f) => FIELD_BY_ID.get(f)!.max), edit: true, ...(month ? { month } : {}), ...(proposes ? { accept: offered(chain, group, scope) !== null } : {}) };
        },
      },
      result: `ans.${group.id}`,
      // Saved as one `v.<field>` per number (or read as UBAH n) by the actions right after it.
      transient: true,
      routes: {
        ok: id(`g.${group.id}.save`),
        wrong_count: id(`g.${group.id}.wrong`),
        month: id(`g.${group.id}.month`),
        ubah: id(`g.${group.id}.ubah`),
        ...(proposes ? { accept: id(`g.${group.id}.accept`) } : {}),
      },
      help: `Urutan angkanya: ${group.fields.map((f, n) => `${n + 1}) ${FIELD_BY_ID.get(f)!.label}`).join('; ')}. Tulis 0 bila tidak ada. UBAH dan nomor baris kembali ke baris itu; BANTUAN LAPOR menjelaskan cara mengirim semua angka sekaligus.`,
    };
    // "UBAH n" at any question of the recap goes back to line n, as on the summary.
    nodes[id(`g.${group.id}.ubah`)] = {
      kind: 'action',
      run: ({ results }) => ({ category: 'edit', results: { command: results[`ans.${group.id}`]?.value } }),
      routes: { edit: id('edit') },
    };
    // The cadre answers the month we named instead of asking (used to the question): it is already chosen.
    nodes[id(`g.${group.id}.month`)] = {
      kind: 'action',
      run: ({ results }) => ({ category: 'again', events: [say(`Baik, laporan ${periodLabel(periodOf(results))}. Sekarang isi angkanya.`)] }),
      routes: { again: id(`g.${group.id}`) },
    };
    nodes[id(`g.${group.id}.wrong`)] = {
      kind: 'action',
      run: ({ results }) => {
        if (loneMonthAsked(i, results) && results[`ans.${group.id}`]?.raw?.trim() === '1') {
          // "1": the number of the only month, as it used to be asked.
          return { category: 'again', events: [say(`Baik, laporan ${periodLabel(periodOf(results))}. Sekarang isi angkanya.`)] };
        }
        const misses = Number(results[`wrong.${group.id}`]?.value ?? 0) + 1;
        const got = Number(results[`ans.${group.id}`]?.value ?? 0);
        const asked = chain.covered(group, results);
        if (misses >= 2) {
          return {
            category: `to.${asked[0]}`,
            results: { [`wrong.${group.id}`]: 0, [`single.${group.id}`]: asked },
            events: [say(`Kita isi satu per satu saja (${asked.length} angka).`)],
          };
        }
        return { category: 'again', results: { [`wrong.${group.id}`]: misses }, events: [say(`Perlu ${asked.length} angka, tetapi Anda mengirim ${got}.`)] };
      },
      routes: { again: id(`g.${group.id}`), ...toField },
    };
    if (proposes) {
      // YA/1: the numbers proposed from the meetings become the cadre's answer, marked as such on the summary.
      nodes[id(`g.${group.id}.accept`)] = {
        kind: 'action',
        run: (scope) => {
          const proposal = proposalFor(chain, scope);
          if (!proposal) return { category: 'again' };
          return chain.afterSave(scope.results, { ...acceptProposal(proposal), ...resetMisses(group, scope.results) }, group);
        },
        routes: { again: id(`g.${group.id}`), ...chain.saveRoutes(chain.afterGroup(i)) },
      };
    }
    nodes[id(`g.${group.id}.save`)] = {
      kind: 'action',
      run: ({ results }) => {
        const list = results[`ans.${group.id}`]!.value as number[];
        const asked = chain.covered(group, results);
        const saved: Record<string, unknown> = { ...Object.fromEntries(asked.map((f, n) => [`v.${f}`, list[n]!])), ...resetMisses(group, results), ...typedOver(results, asked) };
        return chain.afterSave(results, saved, group);
      },
      routes: chain.saveRoutes(chain.afterGroup(i)),
    };
    group.fields.forEach((field) => {
      const def = FIELD_BY_ID.get(field)!;
      nodes[id(`f.${field}`)] = {
        kind: 'ask',
        prompt: (scope) => {
          const list = singleList(group, scope.results);
          return `(${i + 1}/${chain.total}) ${def.label}? (${list.indexOf(field) + 1} dari ${list.length})\nBalas satu angka.`;
        },
        validate: { name: 'number', args: { min: 0, max: def.max } },
        result: `one.${field}`,
        transient: true,
        routes: { ok: id(`f.${field}.save`) },
      };
      nodes[id(`f.${field}.save`)] = {
        kind: 'action',
        run: ({ results }) => {
          const saved = { [`v.${field}`]: Number(results[`one.${field}`]!.value), ...typedOver(results, [field]) };
          const list = singleList(group, results);
          const next = list[list.indexOf(field) + 1];
          return next ? { category: `to.${next}`, results: saved } : chain.afterSave(results, saved, group);
        },
        routes: { ...toField, ...chain.saveRoutes(chain.afterGroup(i)) },
      };
    });
  });
}
