// Fast entry: "LAPOR 11/2026 PUS=480 IUD=20 …" fills what it names; every unreadable part is listed at once,
// the PUS balance is judged at once when Section III is complete, and then only the fields still missing are
// asked in guided mode (a partly answered group asks just its gaps). The same rules and summary follow.
import { parseFastEntry } from '../../domain/recap/fast-entry.js';
import { FIELD_BY_ID } from '../../domain/recap/fields.js';
import { TYPED_PA_TOTAL } from '../../domain/recap/rules.js';
import { toWita } from '../../time/wita.js';
import { say } from '../engine/engine.js';
import type { FlowEvent, FlowNode } from '../engine/types.js';
import { fitList } from '../fit-text.js';
import { periodOf, valuesOf, type Chain } from './chain.js';
import { fillFromMeetings, fromMeetings } from './meeting-proposal.js';
import { recapFacts } from './recap-facts.js';
import { periodLabel } from './summary.js';

export function addFastNodes(nodes: Record<string, FlowNode>, chain: Chain): void {
  const id = (name: string) => chain.id(name);
  const { unit, groups, settings } = chain;
  nodes[id('fast')] = {
    kind: 'action',
    run: (scope) => {
      const facts = recapFacts(scope)!;
      const today = toWita(scope.now);
      const parsed = parseFastEntry(String(scope.results.trigger?.value ?? ''), settings, { year: today.year, month: today.month });
      const errors = [...parsed.errors];
      const asked = parsed.period ? `${parsed.period.year}-${String(parsed.period.month).padStart(2, '0')}` : facts.openPeriods[0]!;
      if (!facts.openPeriods.includes(asked)) {
        return { category: 'closed_period', events: [say(`Laporan ${periodLabel(asked)} tidak bisa dikirim sekarang: periode itu tidak terbuka. Periode yang terbuka: ${facts.openPeriods.map(periodLabel).join(', ')}.`)] };
      }
      const existing = facts.existing[asked];
      if (existing?.status === 'verified') {
        return { category: 'closed_period', events: [say(`Laporan ${periodLabel(asked)} sudah diverifikasi PKB dan terkunci.`)] };
      }
      const allowed = new Set([...groups.flatMap((g) => g.fields), TYPED_PA_TOTAL]);
      const values: Record<string, number> = {};
      for (const [field, value] of Object.entries(parsed.values)) {
        if (allowed.has(field)) values[field] = value;
        else errors.push(`${FIELD_BY_ID.get(field)?.label ?? field} bukan bagian laporan ${unit === 'dusun' ? 'dusun (laporan dusun hanya Bagian III)' : 'desa'}.`);
      }
      // Build on the draft of the same period, or on the sent version when correcting.
      const base = periodOf(scope.results) === asked ? valuesOf(scope.results) : (existing?.values ?? {});
      const merged = { ...base, ...values };
      // Section II numbers not given are taken from the meetings recorded for the desa; the numbers given win.
      const fromDraft = periodOf(scope.results) === asked ? fromMeetings(scope.results) : [];
      const meetings = fillFromMeetings(chain.unit === 'desa' ? (facts.meetings?.[asked] ?? null) : null, merged, Object.keys(values), fromDraft);
      const results = { period: asked, editing: true, ...Object.fromEntries(Object.entries(merged).map(([f, v]) => [`v.${f}`, v])), ...meetings };
      const events: FlowEvent[] = [];
      if (errors.length > 0) {
        events.push(say(fitList(`Ada ${errors.length} hal yang perlu diperbaiki:`, errors.map((e) => `• ${e}`), 'Angka lain sudah dicatat.')));
        for (let n = 0; n < errors.length; n++) events.push({ type: 'mistake_caught', kind: 'invalid', nodeId: id('fast'), rules: [] });
      }
      // The PUS balance is judged as soon as its numbers are in, not only at KIRIM.
      const after = chain.afterSave(scope.results, results, null);
      return { ...after, events: [...events, ...after.events] };
    },
    routes: { closed_period: id('end'), summary: id('summary'), ...chain.missingRoutes },
  };
}
