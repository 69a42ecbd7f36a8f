// The monthly village recap by WhatsApp (docs/domain.md §5): the open month (named, not asked, when it is the only
// one), the form's groups in paper order (several numbers per reply, one at a time after two miscounts), the PUS
// balance as soon as Section III is in, the summary, UBAH n, the rules, KIRIM. The flow is generated from the
// field catalogue; every answer is kept in the session, so BATAL/expiry/restart keep the draft. The parts live in
// chain.ts (shared), group-nodes.ts, dusun-nodes.ts, check-nodes.ts and fast-nodes.ts.
import { fastEntryHelpPages, isFastEntry, parseFastEntry } from '../../domain/recap/fast-entry.js';
import { activeGroups, dusunGroups, type RecapSettings } from '../../domain/recap/fields.js';
import { COPY } from '../copy.js';
import { say } from '../engine/engine.js';
import type { FlowDefinition, FlowNode, Scope } from '../engine/types.js';
import { keywordOf } from '../parse/index.js';
import { Chain } from './chain.js';
import { addCheckNodes } from './check-nodes.js';
import { addDusunNodes } from './dusun-nodes.js';
import { addFastNodes } from './fast-nodes.js';
import { addGroupNodes } from './group-nodes.js';
import { recapFacts } from './recap-facts.js';
import { periodLabel } from './summary.js';

// "BANTUAN LAPOR", "BANTUAN LAPOR 2", "bantuan lapor hal 3".
const FAST_HELP = /^BANTUAN LAPOR(?:\s+(?:HAL(?:AMAN)?\.?\s*)?(\d{1,2}))?$/;

export function isFastHelp(text: string): boolean {
  return FAST_HELP.test(keywordOf(text));
}

// How people outside the cadres ask for the recap; they are told who sends it rather than shown the menu.
const ASKS_FOR_RECAP: ReadonlySet<string> = new Set(['LAPOR', 'LAPORAN BULANAN', 'REKAP', 'REKAP BULANAN', 'LAPOR BULANAN', 'KIRIM LAPORAN BULANAN', 'LAPORAN BULAN INI']);

/**
 * A message that can only mean the monthly recap: recap numbers after LAPOR ("LAPOR PUS=480"), BANTUAN LAPOR, or
 * asking for it by name. "lapor 2 orang belum dilayani" from a resident is not: that may be a case to report.
 */
function asksForRecap(settings: RecapSettings): (text: string) => boolean {
  return (text) =>
    isFastHelp(text) ||
    ASKS_FOR_RECAP.has(keywordOf(text)) ||
    (isFastEntry(text) && Object.keys(parseFastEntry(text, settings, { year: 2000, month: 1 }).values).length > 0);
}

/** Who sends the recap and whom to ask to be registered, for someone who is not a registered cadre. */
function notAllowedText(scope: Scope): string {
  const { actor } = scope;
  const who = 'Laporan bulanan hanya bisa dikirim oleh PPKBD atau Sub-PPKBD yang terdaftar.';
  if (actor.kind === 'resident') {
    // A resident who wrote "lapor" may have meant a couple not yet served: point to that too.
    return (
      `${who} Bila Anda kader PPKBD atau Sub-PPKBD, minta Penyuluh KB (PKB) di kecamatan Anda atau DPPKB Kabupaten Gowa untuk mendaftarkan nomor ini.\n` +
      'Untuk melaporkan pasangan yang ingin ber-KB tetapi belum terlayani, ketik MENU lalu pilih Laporkan calon akseptor yang belum terlayani.'
    );
  }
  if (actor.role === 'pkb' || actor.role === 'koordinator') {
    return `${who} Untuk memeriksa laporan desa, pilih menu Periksa laporan desa. Kader yang belum terdaftar bisa didaftarkan oleh DPPKB Kabupaten Gowa. Ketik MENU untuk melihat menu.`;
  }
  return `${who} Nomor kader didaftarkan oleh DPPKB Kabupaten Gowa. Ketik MENU untuk melihat menu.`;
}

/** Cadres only; the PPKBD reports the desa, a Sub-PPKBD their dusun; nothing when no period is open. */
function routeByRole(scope: Scope): { category: string } {
  const { actor } = scope;
  const facts = recapFacts(scope);
  if (actor.kind !== 'person' || (actor.role !== 'ppkbd' && actor.role !== 'sub_ppkbd') || !facts) return { category: 'not_allowed' };
  if (facts.openPeriods.length === 0) return { category: 'closed' };
  return { category: actor.role === 'ppkbd' ? 'desa' : 'dusun' };
}

/** The open month: named when it is the only one, else chosen by number, name or date ("nov", "11/2026"). */
function addPeriodNodes(nodes: Record<string, FlowNode>, chain: Chain): void {
  const id = (name: string) => chain.id(name);
  const open = (scope: Scope) => recapFacts(scope)?.openPeriods ?? [];
  nodes[id('period')] = {
    kind: 'action',
    run: (scope) => {
      const periods = open(scope);
      return periods.length === 1 ? { category: 'one', results: { period_choice: periods[0], period_lone: true } } : { category: 'many' };
    },
    routes: { one: id('period_check'), many: id('period_ask') },
  };
  nodes[id('period_ask')] = {
    kind: 'ask',
    prompt: (scope) => ['*Laporan bulanan*', 'Untuk bulan apa?', ...open(scope).map((p, i) => `${i + 1}. ${periodLabel(p)}`), '', 'Balas angkanya atau nama bulannya.'].join('\n'),
    validate: {
      name: 'pick',
      args: (scope: Scope) => ({
        options: open(scope).map((p, i) => {
          const [year, month] = p.split('-').map(Number) as [number, number];
          return { key: p, number: i + 1, words: [], label: periodLabel(p), month: { year, month } };
        }),
      }),
    },
    result: 'period_choice',
    transient: true,
    routes: { ok: id('period_check') },
    help: 'Pilih bulan laporan. Hanya bulan yang masih terbuka yang bisa dilaporkan.',
  };
  nodes[id('period_check')] = {
    kind: 'action',
    run: (scope) => {
      const facts = recapFacts(scope)!;
      const period = String(scope.results.period_choice?.value ?? '');
      if (!facts.openPeriods.includes(period)) return { category: 'again', events: [say(COPY.notInList)] };
      const existing = facts.existing[period];
      if (existing?.status === 'verified') {
        return { category: 'locked', events: [say(`Laporan ${periodLabel(period)} sudah diverifikasi PKB dan terkunci. Hubungi PKB Anda bila ada yang perlu diubah.`)] };
      }
      if (existing) {
        // A correction starts from what was sent; the next KIRIM makes a new version.
        const prefill = Object.fromEntries(Object.entries(existing.values).map(([f, v]) => [`v.${f}`, v]));
        const note = `Laporan ${periodLabel(period)} sudah pernah dikirim (versi ${existing.version}${existing.status === 'returned' ? ', dikembalikan PKB' : ''}). Perbaikan akan menjadi versi baru.`;
        return { category: 'existing', results: { period, editing: true, ...prefill }, events: [say(note)] };
      }
      // When this is the only open month, the first question names it (see group-nodes.ts).
      return { category: 'new', results: { period } };
    },
    routes: { again: id('period'), locked: id('end'), existing: id('summary'), new: chain.groupAsk(0) },
  };
}

function addChain(nodes: Record<string, FlowNode>, chain: Chain): void {
  addPeriodNodes(nodes, chain);
  addDusunNodes(nodes, chain);
  addGroupNodes(nodes, chain);
  addCheckNodes(nodes, chain);
  addFastNodes(nodes, chain);
}

export function buildRecapFlow(settings: RecapSettings): FlowDefinition {
  const pages = fastEntryHelpPages(settings);
  const nodes: Record<string, FlowNode> = {
    'recap.start': { kind: 'action', run: routeByRole, routes: { not_allowed: 'recap.not_allowed', closed: 'recap.closed', desa: 'recap.desa.period', dusun: 'recap.dusun.period' } },
    'recap.not_allowed': { kind: 'end', text: notAllowedText },
    'recap.fast_start': { kind: 'action', run: routeByRole, routes: { not_allowed: 'recap.not_allowed', closed: 'recap.closed', desa: 'recap.desa.fast', dusun: 'recap.dusun.fast' } },
    'recap.fast_help': {
      kind: 'end',
      text: (scope) => {
        const asked = Number(FAST_HELP.exec(keywordOf(String(scope.results.trigger?.value ?? '')))?.[1] ?? 1);
        return pages[Math.min(Math.max(asked, 1), pages.length) - 1]!;
      },
    },
    'recap.closed': {
      kind: 'end',
      text: 'Saat ini tidak ada periode laporan yang terbuka. Laporan bulan lalu bisa dikirim mulai tanggal 1 sampai tanggal 15; hubungi PKB Anda bila periode perlu dibuka kembali.',
    },
  };
  addChain(nodes, new Chain('desa', activeGroups(settings), settings));
  addChain(nodes, new Chain('dusun', dusunGroups(settings), settings));
  return {
    id: 'recap',
    // 2: the month is a pick (its key, not its number), partly answered groups ask only their gaps.
    version: 2,
    start: 'recap.start',
    nodes,
    keepsDraft: true,
    entries: [
      { matches: isFastEntry, node: 'recap.fast_start', inside: true },
      { matches: isFastHelp, node: 'recap.fast_help', inside: true },
      { matches: asksForRecap(settings), node: 'recap.not_allowed', others: true },
    ],
    help: 'Isi laporan bulanan sesuai formulir. Ketik BATAL untuk berhenti (jawaban disimpan), LANJUT untuk melanjutkan. Bisa juga dikirim sekaligus dalam satu pesan: ketik BANTUAN LAPOR untuk caranya.',
    menu: { audience: ['ppkbd', 'sub_ppkbd'], label: 'Laporan bulanan', words: ['laporan', 'laporan bulanan', 'rekap', 'lapor'], order: 10 },
  };
}
