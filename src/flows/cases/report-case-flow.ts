// "Laporkan calon akseptor yang belum terlayani": a resident (or a cadre, for her own desa) reports a couple who
// wants to delay or stop having children, or asked for a method and was not served. No name, NIK, address or
// date of birth is asked; free text is scrubbed before it is kept.
import { say } from '../engine/engine.js';
import { COPY } from '../copy.js';
import type { FlowDefinition, FlowEvent, Results, Scope } from '../engine/types.js';
import {
  listText,
  MAX_OPEN_CASES_PER_RESIDENT,
  METHOD_CHOICES,
  METHOD_OPTIONS,
  REASON_CHOICES,
  REASON_OPTIONS,
  WANT_CHOICES,
  WANT_OPTIONS,
} from './case-options.js';
import { scrubText } from './scrub.js';

export const CASE_FACTS = 'cases';

export interface CaseFacts {
  /** Open cases this sender reported (residents may hold a few). */
  openByReporter: number;
}

function caseFacts(scope: Scope): CaseFacts {
  return (scope.facts[CASE_FACTS] as CaseFacts | undefined) ?? { openByReporter: 0 };
}


const value = (results: Results, name: string) => results[name]?.value;

/** domain.md §6.1 keeps bands, never the exact age. */
export function ageBand(years: number): string {
  return years < 20 ? '15-19' : years < 30 ? '20-29' : years < 40 ? '30-39' : years < 50 ? '40-49' : '50+';
}

export function childrenBand(count: number): string {
  return count >= 3 ? '3+' : String(count);
}

const isCadre = (scope: Scope) => scope.actor.kind === 'person' && (scope.actor.role === 'ppkbd' || scope.actor.role === 'sub_ppkbd');

export const reportCaseFlow = {
  id: 'case_report',
  version: 1,
  start: 'case_report.start',
  keepsDraft: true,
  help: 'Laporan ini tidak meminta nama, NIK, atau alamat. Data hanya dipakai Penyuluh KB untuk menindaklanjuti.',
  nodes: {
    'case_report.start': {
      kind: 'action',
      run: (scope) => {
        if (scope.actor.kind === 'resident' && caseFacts(scope).openByReporter >= MAX_OPEN_CASES_PER_RESIDENT) return { category: 'limit' };
        // A cadre reports for her own desa; a resident names the desa.
        if (isCadre(scope) && scope.actor.kind === 'person') return { category: 'cadre', results: { desa: scope.actor.homeAreaCode } };
        return { category: 'resident' };
      },
      routes: { limit: 'case_report.limit', cadre: 'case_report.place', resident: 'case_report.desa' },
    },
    'case_report.limit': {
      kind: 'end',
      text: `Terima kasih atas kepeduliannya. Nomor ini sudah punya ${MAX_OPEN_CASES_PER_RESIDENT} laporan yang masih diproses; laporan baru bisa dikirim setelah salah satunya selesai. Ketik STATUS dan kode laporan untuk melihat perkembangannya.`,
    },
    'case_report.desa': {
      kind: 'ask',
      prompt: '*Laporkan calon akseptor yang belum terlayani*\nKami tidak meminta nama atau NIK.\n\n(1/6) Di desa/kelurahan mana pasangan ini tinggal? Tulis namanya, misalnya: Pakatto',
      validate: { name: 'desa_name' },
      result: 'desa_answer',
      routes: { found: 'case_report.desa_found', ambiguous: 'case_report.kecamatan' },
    },
    'case_report.desa_found': {
      kind: 'action',
      run: ({ results }) => ({ category: 'ok', results: { desa: String(value(results, 'desa_answer')) } }),
      routes: { ok: 'case_report.place' },
    },
    'case_report.kecamatan': {
      kind: 'ask',
      prompt: (scope) => {
        const codes = (value(scope.results, 'desa_answer') as string[]) ?? [];
        return ['Ada beberapa desa/kelurahan dengan nama itu. Yang mana?', ...codes.map((c, i) => `${i + 1}. ${scope.areas.label(c)}`)].join('\n');
      },
      validate: { name: 'number', args: { min: 1, max: 9 } },
      result: 'desa_pick',
      routes: { ok: 'case_report.kecamatan_check' },
    },
    'case_report.kecamatan_check': {
      kind: 'action',
      run: ({ results }) => {
        const code = ((value(results, 'desa_answer') as string[]) ?? [])[Number(value(results, 'desa_pick')) - 1];
        return code ? { category: 'ok', results: { desa: code } } : { category: 'again', events: [say(COPY.notInList)] };
      },
      routes: { ok: 'case_report.place', again: 'case_report.kecamatan' },
    },
    'case_report.place': {
      kind: 'ask',
      prompt: (scope) => `(2/6) ${scope.areas.label(String(value(scope.results, 'desa')))}. Dusun atau RT/RW mana? (boleh dilewati: balas 0)`,
      validate: { name: 'text', args: { minLength: 1, maxLength: 80 } },
      result: 'place_answer',
      routes: { ok: 'case_report.place_check' },
    },
    'case_report.place_check': {
      kind: 'action',
      run: ({ results }) => {
        const raw = String(value(results, 'place_answer'));
        if (/^(0|-|lewati|tidak tahu)$/i.test(raw.trim())) return { category: 'ok', results: { place: null } };
        const scrubbed = scrubText(raw);
        if (scrubbed.abusive) return { category: 'abuse' };
        return { category: 'ok', results: { place: scrubbed.text } };
      },
      routes: { ok: 'case_report.want', abuse: 'case_report.refused' },
    },
    'case_report.want': {
      kind: 'ask',
      prompt: `(3/6) Apa keinginan pasangan ini?\n${listText(WANT_OPTIONS)}`,
      validate: { name: 'choice', args: { options: WANT_CHOICES } },
      result: 'want',
      routes: Object.fromEntries(WANT_CHOICES.map((o) => [o.key, 'case_report.method'])),
    },
    'case_report.method': {
      kind: 'ask',
      prompt: `(4/6) Cara KB apa yang diinginkan?\n${listText(METHOD_OPTIONS)}`,
      validate: { name: 'choice', args: { options: METHOD_CHOICES } },
      result: 'method',
      routes: Object.fromEntries(METHOD_CHOICES.map((o) => [o.key, 'case_report.reason'])),
    },
    'case_report.reason': {
      kind: 'ask',
      prompt: `(5/6) Mengapa belum terlayani?\n${listText(REASON_OPTIONS)}`,
      validate: { name: 'choice', args: { options: REASON_CHOICES } },
      result: 'reason',
      routes: Object.fromEntries(REASON_CHOICES.map((o) => [o.key, o.key === 'stok_kosong' ? 'case_report.facility' : 'case_report.consent'])),
    },
    'case_report.facility': {
      kind: 'ask',
      prompt: 'Di tempat pelayanan mana alat/obat KB habis? (nama puskesmas/pustu/bidan desa; balas 0 bila tidak tahu)',
      validate: { name: 'text', args: { minLength: 1, maxLength: 80 } },
      result: 'facility_answer',
      routes: { ok: 'case_report.facility_check' },
    },
    'case_report.facility_check': {
      kind: 'action',
      run: ({ results }) => {
        const raw = String(value(results, 'facility_answer'));
        if (/^(0|-|tidak tahu)$/i.test(raw.trim())) return { category: 'ok', results: { facility: null } };
        const scrubbed = scrubText(raw);
        return scrubbed.abusive ? { category: 'abuse' } : { category: 'ok', results: { facility: scrubbed.text } };
      },
      routes: { ok: 'case_report.consent', abuse: 'case_report.refused' },
    },
    'case_report.consent': {
      kind: 'ask',
      prompt: (scope) =>
        isCadre(scope)
          ? '(6/6) Apakah pasangan ini setuju dihubungi Penyuluh KB? (YA/TIDAK)'
          : '(6/6) Apakah pasangan ini setuju dihubungi Penyuluh KB? Bila YA, kami juga akan mengabari Anda lewat nomor ini. (YA/TIDAK)',
      validate: { name: 'yes_no' },
      result: 'consent',
      routes: { yes: 'case_report.cadre_check', no: 'case_report.cadre_check' },
    },
    'case_report.cadre_check': {
      kind: 'action',
      run: (scope) => ({ category: isCadre(scope) ? 'cadre' : 'submit' }),
      routes: { cadre: 'case_report.register', submit: 'case_report.submit' },
    },
    'case_report.register': {
      kind: 'ask',
      prompt: 'Nomor register (RT/halaman/no. urut) atau KKI, untuk dicocokkan PKB. Jangan tulis nama atau NIK. (balas 0 bila tidak ada)',
      validate: { name: 'text', args: { minLength: 1, maxLength: 40 } },
      result: 'register_answer',
      routes: { ok: 'case_report.age' },
    },
    'case_report.age': {
      kind: 'ask',
      // The age is typed as a number (what a cadre knows) but only its band is kept.
      prompt: 'Usia istri (tahun)? Balas angkanya, misalnya 27. Hanya kelompok usianya yang disimpan.',
      validate: { name: 'number', args: { min: 10, max: 60 } },
      result: 'age_years',
      routes: { ok: 'case_report.children' },
    },
    'case_report.children': {
      kind: 'ask',
      prompt: 'Jumlah anak yang masih hidup? Balas angkanya, misalnya 2.',
      validate: { name: 'number', args: { min: 0, max: 30 } },
      result: 'children_count',
      routes: { ok: 'case_report.postpartum' },
    },
    'case_report.postpartum': {
      kind: 'ask',
      prompt: 'Apakah istri baru melahirkan (anak di bawah 6 bulan)? (YA/TIDAK)',
      validate: { name: 'yes_no' },
      result: 'postpartum',
      routes: { yes: 'case_report.submit', no: 'case_report.submit' },
    },
    'case_report.submit': {
      kind: 'action',
      run: ({ results }) => {
        const register = value(results, 'register_answer');
        const registerText = typeof register === 'string' && !/^(0|-)$/.test(register.trim()) ? scrubText(register).text : null;
        const event: FlowEvent = {
          type: 'case_reported',
          desaCode: String(value(results, 'desa')),
          place: (value(results, 'place') as string | null) ?? null,
          want: value(results, 'want') as 'delay' | 'stop' | 'method_now',
          methodWanted: String(value(results, 'method')),
          reasons: [String(value(results, 'reason'))],
          stockOutFacility: (value(results, 'facility') as string | null | undefined) ?? null,
          consentToContact: value(results, 'consent') === true,
          cadre:
            value(results, 'age_years') === undefined
              ? null
              : {
                  refRegister: registerText,
                  ageBand: ageBand(Number(value(results, 'age_years'))),
                  children: childrenBand(Number(value(results, 'children_count'))),
                  postPartum: value(results, 'postpartum') === true,
                },
        };
        return { category: 'done', events: [event] };
      },
      routes: { done: 'case_report.end' },
    },
    'case_report.refused': {
      kind: 'end',
      text: 'Maaf, jawaban itu tidak bisa kami catat sebagai laporan. Bila ingin melaporkan, silakan mulai lagi dari MENU dengan jawaban yang sopan dan jelas.',
    },
    'case_report.end': { kind: 'end' },
  },
  menu: {
    audience: ['resident', 'ppkbd', 'sub_ppkbd'],
    label: 'Laporkan calon akseptor yang belum terlayani',
    words: ['laporkan', 'belum terlayani', 'calon akseptor'],
    order: 30,
  },
} satisfies FlowDefinition;
