// The monthly village recap by WhatsApp (domain.md §5): choose an open period, answer the form's groups in
// paper order (several numbers per reply, one at a time after two miscounts), read the summary, fix lines with
// UBAH n, pass the hard rules, confirm the soft ones, KIRIM. The flow is generated from the field catalogue;
// every answer is kept in the session, so BATAL/expiry/restart keep the draft.
import { activeGroups, dusunGroups, FIELD_BY_ID, SECTION_TITLES, type FieldGroup, type RecapSettings } from '../../domain/recap/fields.js';
import { checkDusunSum, checkHard, checkSoft, TYPED_PA_TOTAL, type RuleViolation } from '../../domain/recap/rules.js';
import { fastEntryHelp, isFastEntry, parseFastEntry } from '../../domain/recap/fast-entry.js';
import { keywordOf } from '../parse/index.js';
import { toWita } from '../../time/wita.js';
import { say } from '../engine/engine.js';
import { COPY } from '../copy.js';
import type { FlowDefinition, FlowEvent, FlowNode, Results, Scope } from '../engine/types.js';
import { recapFacts } from './recap-facts.js';
import { groupLine, periodLabel, summaryText } from './summary.js';

type Unit = 'desa' | 'dusun';


/** The answers so far: results named `v.<field id>`. */
export function valuesOf(results: Results): Record<string, number> {
  const values: Record<string, number> = {};
  for (const [name, result] of Object.entries(results)) {
    if (name.startsWith('v.') && typeof result.value === 'number') values[name.slice(2)] = result.value;
  }
  return values;
}

function periodOf(results: Results): string {
  return String(results.period?.value ?? '');
}

function placeOf(scope: Scope, unit: Unit): string {
  if (scope.actor.kind !== 'person') return '';
  const place = scope.areas.label(scope.actor.homeAreaCode);
  return unit === 'dusun' && scope.actor.unitName ? `${scope.actor.unitName}, ${place}` : place;
}

/** Soft warnings the cadre has not confirmed for the current numbers (a changed number asks again). */
function pendingWarnings(scope: Scope, settings: RecapSettings): RuleViolation[] {
  const facts = recapFacts(scope);
  const period = periodOf(scope.results);
  const previous = facts?.previous[period] ?? null;
  // W10 concerns the desa record: a dusun part is not compared with the desa's cases.
  const casesThisMonth = facts?.casesInPeriod[period] ?? null;
  return checkSoft(valuesOf(scope.results), { previous, casesThisMonth }, settings).filter((w) => scope.results[`ok.${w.rule}`]?.value !== w.message);
}

function confirmedWarnings(results: Results): { rule: string; message: string; answer: 'YA' }[] {
  return Object.entries(results)
    .filter(([name]) => name.startsWith('ok.'))
    .map(([name, r]) => ({ rule: name.slice(3), message: String(r.value), answer: 'YA' as const }));
}

function addChain(nodes: Record<string, FlowNode>, unit: Unit, groups: readonly FieldGroup[], settings: RecapSettings): void {
  const id = (name: string) => `recap.${unit}.${name}`;
  const total = groups.length;
  const firstSectionIII = groups.findIndex((g) => g.section === 'III');
  const sectionIIIFields = groups.filter((g) => g.section === 'III').flatMap((g) => g.fields);
  const groupAsk = (i: number) => (unit === 'desa' && i === firstSectionIII ? id('dusun_check') : id(`g.${groups[i]!.id}`));
  const afterGroup = (i: number) => (i + 1 < total ? groupAsk(i + 1) : id('summary'));
  const editing = (results: Results) => results.editing?.value === true;
  /** Routes to any group with a field still empty (after fast entry or a correction), else to the summary. */
  const missingRoutes = Object.fromEntries(groups.map((g) => [`missing.${g.id}`, id(`g.${g.id}`)]));
  const firstMissing = (results: Results): string | null => {
    const values = valuesOf(results);
    return groups.find((g) => g.fields.some((f) => values[f] === undefined))?.id ?? null;
  };
  /** Where to go once a group is complete: straight on in the first pass, else the next gap or the summary. */
  const continueAfter = (results: Results, pending: Record<string, number>): string => {
    if (!editing(results)) return 'next';
    const merged = { ...results, ...Object.fromEntries(Object.entries(pending).map(([k, v]) => [k, { value: v } as Results[string]])) };
    const gap = firstMissing(merged);
    return gap ? `missing.${gap}` : 'summary';
  };

  nodes[id('period')] = {
    kind: 'ask',
    prompt: (scope) => {
      const periods = recapFacts(scope)?.openPeriods ?? [];
      const lines = periods.map((p, i) => `${i + 1}. ${periodLabel(p)}`);
      return ['*Laporan bulanan*', 'Untuk bulan apa?', ...lines, '', 'Balas angkanya.'].join('\n');
    },
    validate: { name: 'number', args: { min: 1, max: 12 } },
    result: 'period_choice',
    routes: { ok: id('period_check') },
    help: 'Pilih bulan laporan. Hanya bulan yang masih terbuka yang bisa dilaporkan.',
  };
  nodes[id('period_check')] = {
    kind: 'action',
    run: (scope) => {
      const facts = recapFacts(scope)!;
      const period = facts.openPeriods[Number(scope.results.period_choice?.value) - 1];
      if (!period) return { category: 'again', events: [say(COPY.notInList)] };
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
      return { category: 'new', results: { period } };
    },
    routes: { again: id('period'), locked: id('end'), existing: id('summary'), new: groupAsk(0) },
  };

  if (unit === 'desa' && firstSectionIII >= 0) {
    // The desa's Section III can be the sum of the dusun parts the Sub-PPKBD sent; the PPKBD accepts or edits.
    const partsOf = (scope: Scope) => recapFacts(scope)?.dusun[periodOf(scope.results)] ?? { received: [], missing: [] };
    const sumOf = (scope: Scope) => {
      const sum: Record<string, number> = {};
      for (const field of sectionIIIFields) {
        const values = partsOf(scope).received.map((p) => p.values[field]);
        if (values.every((v) => v !== undefined)) sum[field] = (values as number[]).reduce((a, b) => a + b, 0);
      }
      return sum;
    };
    const afterIII = groups.findIndex((g, n) => n > firstSectionIII && g.section !== 'III');
    nodes[id('dusun_check')] = {
      kind: 'action',
      run: (scope) => ({ category: partsOf(scope).received.length > 0 ? 'offer' : 'enter' }),
      routes: { offer: id('dusun_offer'), enter: id(`g.${groups[firstSectionIII]!.id}`) },
    };
    nodes[id('dusun_offer')] = {
      kind: 'ask',
      prompt: (scope) => {
        const parts = partsOf(scope);
        const sum = sumOf(scope);
        const lines = groups.filter((g) => g.section === 'III').map((g) => `• ${groupLine(g, sum)}`);
        return [
          `*${SECTION_TITLES.III}* dari bagian dusun`,
          `Sudah masuk: ${parts.received.map((p) => p.name).join(', ')}.`,
          parts.missing.length > 0 ? `Belum masuk: ${parts.missing.join(', ')}.` : 'Semua dusun sudah masuk.',
          'Jumlahnya:',
          ...lines,
          '',
          '1. Pakai jumlah ini',
          '2. Isi sendiri',
        ].join('\n');
      },
      validate: { name: 'choice', args: { options: [{ key: 'use', number: 1, words: ['pakai', 'ya'] }, { key: 'own', number: 2, words: ['isi sendiri', 'tidak'] }] } },
      result: 'dusun_choice',
      routes: { use: id('dusun_use'), own: id(`g.${groups[firstSectionIII]!.id}`) },
    };
    nodes[id('dusun_use')] = {
      kind: 'action',
      run: (scope) => {
        const saved = Object.fromEntries(Object.entries(sumOf(scope)).map(([f, v]) => [`v.${f}`, v]));
        return { category: continueAfter(scope.results, saved), results: saved };
      },
      routes: { next: afterIII >= 0 ? groupAsk(afterIII) : id('summary'), summary: id('summary'), ...missingRoutes },
    };
  }

  groups.forEach((group, i) => {
    const count = group.fields.length;
    nodes[id(`g.${group.id}`)] = {
      kind: 'ask',
      prompt: (scope) => {
        const values = valuesOf(scope.results);
        const current = group.fields.every((f) => values[f] !== undefined) ? `\nSekarang: ${group.fields.map((f) => values[f]).join(' ')}` : '';
        return `(${i + 1}/${total}) *${SECTION_TITLES[group.section]}*\n${group.title}.\nBalas ${count} angka dipisah spasi, contoh: ${group.example}${current}`;
      },
      validate: { name: 'number_list', args: { count, max: group.fields.map((f) => FIELD_BY_ID.get(f)!.max) } },
      result: `ans.${group.id}`,
      routes: { ok: id(`g.${group.id}.save`), wrong_count: id(`g.${group.id}.wrong`) },
      help: `Urutan angkanya: ${group.fields.map((f, n) => `${n + 1}) ${FIELD_BY_ID.get(f)!.label}`).join('; ')}. Tulis 0 bila tidak ada.`,
    };
    nodes[id(`g.${group.id}.wrong`)] = {
      kind: 'action',
      run: ({ results }) => {
        const misses = Number(results[`wrong.${group.id}`]?.value ?? 0) + 1;
        const got = Number(results[`ans.${group.id}`]?.value ?? 0);
        if (misses >= 2) return { category: 'single', results: { [`wrong.${group.id}`]: misses }, events: [say(`Kita isi satu per satu saja (${count} angka).`)] };
        return { category: 'again', results: { [`wrong.${group.id}`]: misses }, events: [say(`Perlu ${count} angka, tetapi Anda mengirim ${got}.`)] };
      },
      routes: { again: id(`g.${group.id}`), single: id(`f.${group.fields[0]}`) },
    };
    nodes[id(`g.${group.id}.save`)] = {
      kind: 'action',
      run: ({ results }) => {
        const list = results[`ans.${group.id}`]!.value as number[];
        const saved = Object.fromEntries(group.fields.map((f, n) => [`v.${f}`, list[n]!]));
        return { category: continueAfter(results, saved), results: saved };
      },
      routes: { summary: id('summary'), next: afterGroup(i), ...missingRoutes },
    };
    group.fields.forEach((field, n) => {
      const def = FIELD_BY_ID.get(field)!;
      const last = n + 1 === count;
      nodes[id(`f.${field}`)] = {
        kind: 'ask',
        prompt: `(${i + 1}/${total}) ${def.label}? (${n + 1} dari ${count})\nBalas satu angka.`,
        validate: { name: 'number', args: { min: 0, max: def.max } },
        result: `one.${field}`,
        routes: { ok: id(`f.${field}.save`) },
      };
      nodes[id(`f.${field}.save`)] = {
        kind: 'action',
        run: ({ results }) => {
          const saved = { [`v.${field}`]: Number(results[`one.${field}`]!.value) };
          return { category: last ? continueAfter(results, saved) : 'next', results: saved };
        },
        routes: last ? { summary: id('summary'), next: afterGroup(i), ...missingRoutes } : { next: id(`f.${group.fields[n + 1]}`) },
      };
    });
  });

  nodes[id('summary')] = {
    kind: 'ask',
    prompt: (scope) => summaryText({ period: periodOf(scope.results), place: placeOf(scope, unit), groups, values: valuesOf(scope.results), settings }),
    validate: { name: 'summary_command' },
    result: 'command',
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
    routes: { bad: id('summary'), ...Object.fromEntries(groups.map((g, n) => [`g${n}`, id(`g.${g.id}`)])) },
  };
  nodes[id('check')] = {
    kind: 'action',
    run: (scope) => {
      const gap = firstMissing(scope.results);
      if (gap) return { category: `missing.${gap}`, results: { editing: true }, events: [say('Masih ada bagian yang kosong; kita isi dulu.')] };
      const values = valuesOf(scope.results);
      const parts = unit === 'desa' ? recapFacts(scope)?.dusun[periodOf(scope.results)] : undefined;
      // C7 only once every dusun has reported: before that the desa total may rightly differ from the parts.
      const c7 = parts && parts.received.length > 0 && parts.missing.length === 0 ? checkDusunSum(values, parts.received, sectionIIIFields) : [];
      const hard = [...checkHard(values, settings), ...c7];
      if (hard.length > 0) {
        const list = hard.map((v) => `• ${v.message}`).join('\n');
        return { category: 'blocked', events: [say(`Laporan belum bisa dikirim karena ada angka yang tidak cocok:\n${list}`)] };
      }
      return { category: pendingWarnings(scope, settings).length > 0 ? 'confirm' : 'submit' };
    },
    routes: { blocked: id('fix'), confirm: id('confirm'), submit: id('submit'), ...missingRoutes },
  };
  nodes[id('fix')] = {
    kind: 'ask',
    prompt: `Perbaiki dengan UBAH dan nomor barisnya (1–${total}), misalnya UBAH 2. Ketik KIRIM untuk memeriksa lagi.`,
    validate: { name: 'summary_command' },
    result: 'command',
    routes: { kirim: id('check'), ubah: id('edit') },
  };
  nodes[id('confirm')] = {
    kind: 'ask',
    prompt: (scope) => `${pendingWarnings(scope, settings)[0]?.message ?? ''}\nBalas YA jika benar, atau UBAH dan nomor baris untuk memperbaiki.`,
    validate: { name: 'summary_command', args: { allowYes: true } },
    result: 'command',
    routes: { ya: id('confirmed'), ubah: id('edit') },
  };
  nodes[id('confirmed')] = {
    kind: 'action',
    run: (scope) => {
      const warning = pendingWarnings(scope, settings)[0];
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

  // Fast entry: "LAPOR 11/2026 PUS=480 IUD=20 …" fills what it names; every error is listed at once; the gaps are
  // then asked in guided mode, and the same rules and summary apply.
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
        else errors.push(`${field.toUpperCase()} bukan bagian laporan ${unit === 'dusun' ? 'dusun' : 'desa'}.`);
      }
      // Build on the draft of the same period, or on the sent version when correcting.
      const draftPeriod = periodOf(scope.results);
      const base = draftPeriod === asked ? valuesOf(scope.results) : (existing?.values ?? {});
      const merged = { ...base, ...values };
      const events: FlowEvent[] = [];
      if (errors.length > 0) events.push(say(`Ada ${errors.length} hal yang perlu diperbaiki:\n${errors.map((e) => `• ${e}`).join('\n')}\nAngka lain sudah dicatat.`));
      const gap = groups.find((g) => g.fields.some((f) => merged[f] === undefined));
      const results = { period: asked, editing: true, ...Object.fromEntries(Object.entries(merged).map(([f, v]) => [`v.${f}`, v])) };
      return { category: gap ? `missing.${gap.id}` : 'summary', results, events };
    },
    routes: { closed_period: id('end'), summary: id('summary'), ...missingRoutes },
  };
}

/** Cadres only; the PPKBD reports the desa, a Sub-PPKBD their dusun; nothing when no period is open. */
function routeByRole(scope: Scope): { category: string } {
  const { actor } = scope;
  const facts = recapFacts(scope);
  if (actor.kind !== 'person' || (actor.role !== 'ppkbd' && actor.role !== 'sub_ppkbd') || !facts) return { category: 'not_allowed' };
  if (facts.openPeriods.length === 0) return { category: 'closed' };
  return { category: actor.role === 'ppkbd' ? 'desa' : 'dusun' };
}

export function buildRecapFlow(settings: RecapSettings): FlowDefinition {
  const nodes: Record<string, FlowNode> = {
    'recap.start': { kind: 'action', run: routeByRole, routes: { not_allowed: 'recap.not_allowed', closed: 'recap.closed', desa: 'recap.desa.period', dusun: 'recap.dusun.period' } },
    'recap.not_allowed': { kind: 'end', text: 'Laporan bulanan hanya untuk PPKBD dan Sub-PPKBD.' },
    'recap.fast_start': { kind: 'action', run: routeByRole, routes: { not_allowed: 'recap.not_allowed', closed: 'recap.closed', desa: 'recap.desa.fast', dusun: 'recap.dusun.fast' } },
    'recap.fast_help': { kind: 'end', text: fastEntryHelp(settings) },
    'recap.closed': {
      kind: 'end',
      text: 'Saat ini tidak ada periode laporan yang terbuka. Laporan bulan lalu bisa dikirim mulai tanggal 1 sampai tanggal 15; hubungi PKB Anda bila periode perlu dibuka kembali.',
    },
  };
  addChain(nodes, 'desa', activeGroups(settings), settings);
  addChain(nodes, 'dusun', dusunGroups(settings), settings);
  return {
    id: 'recap',
    version: 1,
    start: 'recap.start',
    nodes,
    keepsDraft: true,
    entries: [
      { matches: isFastEntry, node: 'recap.fast_start' },
      { matches: (text) => keywordOf(text) === 'BANTUAN LAPOR', node: 'recap.fast_help' },
    ],
    help: 'Isi laporan bulanan sesuai formulir. Ketik BATAL untuk berhenti (jawaban disimpan), LANJUT untuk melanjutkan.',
    menu: { audience: ['ppkbd', 'sub_ppkbd'], label: 'Laporan bulanan', words: ['laporan', 'laporan bulanan', 'rekap', 'lapor'], order: 10 },
  };
}
