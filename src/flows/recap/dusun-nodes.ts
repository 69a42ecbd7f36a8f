// A desa's Section III can start from the dusun parts its Sub-PPKBD sent. How many dusun the desa has comes
// from the recap itself (Sub-PPKBD yang ada, answered in Section I), not only from who is registered: a desa
// with four dusun and one registered Sub-PPKBD has one part in, not all. The offer says when it is partial,
// names the dusun not in yet, and the desa total must equal the parts (C7) only once every dusun has reported.
import type { RecapValues } from '../../domain/recap/fields.js';
import { say } from '../engine/engine.js';
import type { FlowNode, Results, Scope } from '../engine/types.js';
import { fitList, someNames } from '../fit-text.js';
import { periodOf, valuesOf, type Chain } from './chain.js';
import { recapFacts, type DusunParts } from './recap-facts.js';
import { groupLine } from './summary.js';

export interface DusunStatus {
  parts: DusunParts;
  /** How many dusun the desa has: Sub-PPKBD yang ada, or the registered ones when that is larger or unanswered. */
  expected: number;
  /** Every dusun has sent its part. */
  complete: boolean;
  /** "Dusun Borong, Dusun Tamalate dan 2 dusun lain" (a long list cut short), or '' when none is missing. */
  notIn: string;
}

const NO_PARTS: DusunParts = { received: [], missing: [] };

export function dusunPartsOf(scope: Pick<Scope, 'facts' | 'results'>): DusunParts {
  return recapFacts(scope)?.dusun[periodOf(scope.results)] ?? NO_PARTS;
}

export function dusunStatus(parts: DusunParts, results: Results): DusunStatus {
  const declared = valuesOf(results).sub_ppkbd_ada;
  const known = parts.received.length + parts.missing.length;
  const expected = Math.max(declared ?? 0, known);
  const unnamed = expected - known;
  // Known dusun whose Sub-PPKBD is not (or no longer) registered are named; the rest are counted.
  const unregistered = (parts.unregistered ?? []).slice(0, unnamed);
  const others = unnamed - unregistered.length;
  const names = [...parts.missing, ...unregistered, ...(others > 0 ? [`${others} dusun lain`] : [])];
  return { parts, expected, complete: parts.received.length > 0 && names.length === 0, notIn: someNames(names) };
}

/** The sum of the parts received, for each field every part answered. */
export function sumOfParts(parts: DusunParts, fields: readonly string[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const field of fields) {
    const values = parts.received.map((p) => p.values[field]);
    if (values.every((v) => v !== undefined)) sum[field] = (values as number[]).reduce((a, b) => a + b, 0);
  }
  return sum;
}

/** True when Section III is exactly the sum of a partial set of dusun parts: a quarter of the desa sent as all of it. */
export function isPartialSum(values: RecapValues, status: DusunStatus, fields: readonly string[]): boolean {
  if (status.complete || status.parts.received.length === 0) return false;
  const sum = sumOfParts(status.parts, fields);
  return fields.every((f) => sum[f] !== undefined && values[f] === sum[f]);
}

export function addDusunNodes(nodes: Record<string, FlowNode>, chain: Chain): void {
  if (chain.unit !== 'desa' || chain.firstSectionIII < 0) return;
  const id = (name: string) => chain.id(name);
  const first = chain.groups[chain.firstSectionIII]!;
  const afterIII = chain.groups.findIndex((g, n) => n > chain.firstSectionIII && g.section !== 'III');
  const status = (scope: Scope) => dusunStatus(dusunPartsOf(scope), scope.results);

  nodes[id('dusun_check')] = {
    kind: 'action',
    run: (scope) => {
      // Offered only while Section III is empty: numbers the cadre already gave (fast entry) are not overwritten.
      const values = valuesOf(scope.results);
      const empty = chain.sectionIIIFields.every((f) => values[f] === undefined);
      return { category: empty && dusunPartsOf(scope).received.length > 0 ? 'offer' : 'enter' };
    },
    routes: { offer: id('dusun_offer'), enter: id(`g.${first.id}`) },
  };
  nodes[id('dusun_offer')] = {
    kind: 'ask',
    prompt: (scope) => {
      const s = status(scope);
      const sum = sumOfParts(s.parts, chain.sectionIIIFields);
      const received = someNames(s.parts.received.map((p) => p.name));
      const lines = chain.sectionIII.map((g) => `• ${groupLine(g, sum)}`);
      const more = (left: number) => `• …dan ${left} baris lain (terlihat di ringkasan).`;
      if (s.complete) {
        const head = [`*${chain.sectionTitle(first)}* dari bagian dusun`, `Semua ${s.expected} dusun sudah masuk: ${received}.`, 'Jumlahnya:'].join('\n');
        return fitList(head, lines, ['', '1. Pakai jumlah ini', '2. Isi sendiri'].join('\n'), { more });
      }
      const count = `${s.parts.received.length} dari ${s.expected} dusun`;
      const head = [
        `*${chain.sectionTitle(first)}* dari bagian dusun`,
        `Sudah masuk ${count}: ${received}.`,
        `Belum masuk: ${s.notIn}.`,
        `Jumlah yang sudah masuk (baru sebagian, belum angka seluruh desa):`,
      ].join('\n');
      return fitList(head, lines, ['', `1. Pakai jumlah ini (baru ${count})`, '2. Isi sendiri angka seluruh desa'].join('\n'), { more });
    },
    validate: {
      name: 'choice',
      args: {
        options: [
          { key: 'use', number: 1, words: ['pakai', 'ya'], label: 'Pakai jumlah ini' },
          { key: 'own', number: 2, words: ['isi sendiri', 'tidak'], label: 'Isi sendiri angka seluruh desa' },
        ],
      },
    },
    brief: 'Balas 1 untuk memakai jumlah bagian dusun yang sudah masuk, atau 2 untuk mengisi sendiri angka seluruh desa.',
    result: 'dusun_choice',
    transient: true,
    routes: { use: id('dusun_use'), own: id(`g.${first.id}`) },
    help: 'Bagian III bisa diisi dengan jumlah bagian dusun yang sudah dikirim Sub-PPKBD, atau diisi sendiri untuk seluruh desa.',
  };
  nodes[id('dusun_use')] = {
    kind: 'action',
    run: (scope) => {
      const s = status(scope);
      const saved = Object.fromEntries(Object.entries(sumOfParts(s.parts, chain.sectionIIIFields)).map(([f, v]) => [`v.${f}`, v]));
      const events = s.complete
        ? []
        : [say(`Baik. Ingat: angka Bagian III ini baru dari ${s.parts.received.length} dari ${s.expected} dusun (belum masuk: ${s.notIn}). Sebelum KIRIM, pastikan angkanya untuk seluruh desa.`)];
      const after = chain.afterSave(scope.results, saved, first);
      return { ...after, events: [...events, ...after.events] };
    },
    routes: chain.saveRoutes(afterIII >= 0 ? chain.groupAsk(afterIII) : id('summary')),
  };
}
