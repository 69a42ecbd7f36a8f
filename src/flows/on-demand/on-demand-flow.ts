// REKAP, BELUM and GRAFIK in a private chat: the flow only hands the command to the host (a `report_requested`
// event), which aggregates in the message's transaction and answers (bot/features/on-demand.ts). REKAP and GRAFIK
// also work in the middle of another flow, like STATUS <kode> (the open question is asked again after the answer);
// BELUM does not, because "belum" is an ordinary answer. Cadres and residents who type them get a plain answer from
// the host (a cadre: where their own desa's recap stands).
import type { FlowDefinition, Scope } from '../engine/types.js';
import { isShortCommand, readOnDemandCommand, type OnDemandReport } from './on-demand.js';

export const ON_DEMAND_FLOW = 'on_demand';

function request(report: OnDemandReport) {
  return (scope: Scope) => {
    const trigger = scope.results.trigger?.value;
    const command = typeof trigger === 'string' ? readOnDemandCommand(trigger) : null;
    // Chosen from the menu: the default REKAP (whose answer says what else can be asked).
    const args = command?.report === report ? command.args : '';
    return { category: 'ok', events: [{ type: 'report_requested' as const, report, args }] };
  };
}

const is = (report: OnDemandReport, short = false) => (text: string) => readOnDemandCommand(text)?.report === report && (!short || isShortCommand(text));

export const onDemandFlow = {
  id: ON_DEMAND_FLOW,
  version: 1,
  start: 'on_demand.recap',
  nodes: {
    'on_demand.recap': { kind: 'action', run: request('recap'), routes: { ok: 'on_demand.done' } },
    'on_demand.missing': { kind: 'action', run: request('missing'), routes: { ok: 'on_demand.done' } },
    'on_demand.chart': { kind: 'action', run: request('chart'), routes: { ok: 'on_demand.done' } },
    // The host sends the answer; the flow ends without a text of its own.
    'on_demand.done': { kind: 'end' },
  },
  entries: [
    { matches: is('recap', true), node: 'on_demand.recap', global: true },
    { matches: is('chart', true), node: 'on_demand.chart', global: true },
    { matches: is('recap'), node: 'on_demand.recap' },
    { matches: is('chart'), node: 'on_demand.chart' },
    { matches: is('missing'), node: 'on_demand.missing' },
    { matches: is('recap'), node: 'on_demand.recap', others: true },
    { matches: is('chart'), node: 'on_demand.chart', others: true },
    { matches: is('missing'), node: 'on_demand.missing', others: true },
  ],
  // Last in the menu, so the numbers people already know stay the same.
  menu: { audience: ['pkb', 'koordinator', 'dinas', 'admin'], label: 'Rekap dan grafik laporan', words: ['rekap', 'grafik', 'rekap laporan'], order: 95 },
} satisfies FlowDefinition;
