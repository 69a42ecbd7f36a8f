// "Laporkan calon akseptor yang belum terlayani": a resident (or a cadre, for her own desa) reports a couple who
// wants to delay or stop having children, or asked for a method and was not served. No name, NIK, address or date
// of birth is asked: the place is a dusun from the desa's list or a short RT/RW code, the facility a kind of place,
// and the little free text left (a dusun or facility under "lainnya", the cadre's register pointer) is refused
// when it holds personal data, never stored.
import type { FlowDefinition, FlowEvent, Results, Scope } from '../engine/types.js';
import {
  choices,
  FACILITY_CHOICES,
  FACILITY_OPTIONS,
  labelWithNote,
  listText,
  MAX_OPEN_CASES_PER_RESIDENT,
  METHOD_CHOICES,
  METHOD_OPTIONS,
  REASON_CHOICES,
  REASON_OPTIONS,
  WANT_CHOICES,
  WANT_OPTIONS,
  type LabelledOption,
} from './case-options.js';
import { FACILITY_NOTE_ARGS, placeOptions, type SafeTextArgs } from './case-validators.js';
import type { ChoiceArgs } from '../engine/validators.js';

export const CASE_FACTS = 'cases';

export interface CaseFacts {
  /** Open cases this sender reported (residents may hold a few). */
  openByReporter: number;
}

function caseFacts(scope: Scope): CaseFacts {
  return (scope.facts[CASE_FACTS] as CaseFacts | undefined) ?? { openByReporter: 0 };
}

const value = (results: Results, name: string) => results[name]?.value;

/** docs/domain.md §6.1 keeps bands, never the exact age. */
export function ageBand(years: number): string {
  return years < 20 ? '15-19' : years < 30 ? '20-29' : years < 40 ? '30-39' : years < 50 ? '40-49' : '50+';
}

export function childrenBand(count: number): string {
  return count >= 3 ? '3+' : String(count);
}

const isCadre = (scope: Scope) => scope.actor.kind === 'person' && (scope.actor.role === 'ppkbd' || scope.actor.role === 'sub_ppkbd');

/** The desa sharing the typed name, each chosen by number or by its kecamatan's name. */
function sameNameDesa(scope: Scope): LabelledOption[] {
  const codes = (value(scope.results, 'desa_answer') as string[] | undefined) ?? [];
  return codes.map((code) => {
    const desa = scope.areas.get(code)?.name ?? code;
    const kec = scope.areas.kecamatanOf(code)?.name ?? '';
    return { key: code, label: scope.areas.label(code), words: [kec, `kec ${kec}`, `kecamatan ${kec}`, `${desa} ${kec}`, `${desa} kec ${kec}`] };
  });
}

/** "Bajeng Brt", "kec. palangga": the kecamatan read as tolerantly as desa names are, then its desa among the options. */
function desaByKecamatan(text: string, scope: Scope): string | null {
  const kecamatan = scope.areas.findKecamatan(text.replace(/^(?:kec(?:amatan)?\.?\s*)/i, ''));
  if (kecamatan.kind !== 'found') return null;
  return sameNameDesa(scope).find((o) => scope.areas.kecamatanOf(o.key)?.code === kecamatan.area.code)?.key ?? null;
}

const NO_PERSONAL_DATA = 'Jangan tulis nama atau alamat rumah.';

function placePrompt(scope: Scope): string {
  const head = `(2/6) ${scope.areas.label(String(value(scope.results, 'desa')))}. Dusun atau RT/RW mana?`;
  const options = placeOptions(scope);
  if (options.length === 0) return `${head}\nTulis singkat, misalnya RT 02 atau Dusun Bontoa. Balas 0 bila tidak tahu. ${NO_PERSONAL_DATA}`;
  return `${head}\n${listText(options)}\n\nBalas angkanya, atau tulis RT/RW-nya (misalnya RT 02). Balas 0 bila tidak tahu. ${NO_PERSONAL_DATA}`;
}

export const reportCaseFlow = {
  id: 'case_report',
  version: 2,
  start: 'case_report.start',
  keepsDraft: true,
  help: 'Laporan ini tidak meminta nama, NIK, alamat rumah, atau tanggal lahir. Data hanya dipakai petugas KB untuk menindaklanjuti.',
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
      prompt: (scope) =>
        ['Ada beberapa desa/kelurahan dengan nama itu. Yang mana?', listText(sameNameDesa(scope)), '', 'Balas angkanya atau nama kecamatannya.'].join('\n'),
      validate: {
        name: 'pick',
        args: (scope: Scope): ChoiceArgs => ({ options: choices(sameNameDesa(scope)), resolve: (text) => desaByKecamatan(text, scope) }),
      },
      result: 'desa',
      routes: { ok: 'case_report.place' },
    },
    'case_report.place': {
      kind: 'ask',
      prompt: placePrompt,
      validate: { name: 'case_place', args: { listed: true } },
      result: 'place',
      routes: { ok: 'case_report.want', skip: 'case_report.want', other: 'case_report.place_code' },
    },
    'case_report.place_code': {
      kind: 'ask',
      prompt: `Tulis RT/RW atau nama dusunnya saja, misalnya RT 02 atau Dusun Bontoa. Balas 0 bila tidak tahu. ${NO_PERSONAL_DATA}`,
      validate: { name: 'case_place', args: { listed: false } },
      result: 'place',
      routes: { ok: 'case_report.want', skip: 'case_report.want' },
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
      prompt: `Di tempat pelayanan mana alat/obat KB habis?\n${listText(FACILITY_OPTIONS)}\n0. Tidak tahu`,
      validate: { name: 'choice', args: { options: [{ key: 'tidak_tahu', number: 0, words: ['tidak tahu', 'tdk tahu'] }, ...FACILITY_CHOICES] } },
      result: 'facility_kind',
      routes: {
        ...Object.fromEntries(FACILITY_CHOICES.map((o) => [o.key, o.key === 'lainnya' ? 'case_report.facility_note' : 'case_report.consent'])),
        tidak_tahu: 'case_report.consent',
      },
    },
    'case_report.facility_note': {
      kind: 'ask',
      prompt: 'Tempat pelayanan apa? Tulis jenisnya singkat, misalnya apotek. Jangan tulis nama orang.',
      validate: { name: 'safe_text', args: FACILITY_NOTE_ARGS },
      result: 'facility_note',
      routes: { ok: 'case_report.consent' },
    },
    'case_report.consent': {
      kind: 'ask',
      prompt: (scope) =>
        isCadre(scope)
          ? '(6/6) Apakah pasangan ini setuju dihubungi Penyuluh KB? (YA/TIDAK)'
          : '(6/6) Apakah pasangan ini setuju dihubungi Penyuluh KB? Bila YA, kami juga akan mengabari Anda lewat nomor ini saat laporan selesai. Bila TIDAK, nomor Anda tidak kami simpan. (YA/TIDAK)',
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
      prompt: 'Nomor register (RT/halaman/no. urut) untuk dicocokkan PKB, misalnya RT 2/hal 4/no 17. Jangan tulis nama, NIK, atau nomor KK. (balas 0 bila tidak ada)',
      validate: {
        name: 'safe_text',
        args: { minLength: 1, maxLength: 40, skippable: true, registerPointer: true, expected: 'Tulis nomor registernya saja, misalnya RT 2/hal 4/no 17, atau balas 0.' } satisfies SafeTextArgs,
      },
      result: 'register',
      routes: { ok: 'case_report.age', skip: 'case_report.age' },
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
        const facility = value(results, 'facility_kind') as string | undefined;
        const event: FlowEvent = {
          type: 'case_reported',
          desaCode: String(value(results, 'desa')),
          place: (value(results, 'place') as string | null | undefined) ?? null,
          want: value(results, 'want') as 'delay' | 'stop' | 'method_now',
          methodWanted: String(value(results, 'method')),
          reasons: [String(value(results, 'reason'))],
          stockOutFacility:
            facility === undefined || facility === 'tidak_tahu' ? null : labelWithNote(FACILITY_OPTIONS, facility, value(results, 'facility_note') as string | undefined),
          consentToContact: value(results, 'consent') === true,
          cadre:
            value(results, 'age_years') === undefined
              ? null
              : {
                  refRegister: (value(results, 'register') as string | null | undefined) ?? null,
                  ageBand: ageBand(Number(value(results, 'age_years'))),
                  children: childrenBand(Number(value(results, 'children_count'))),
                  postPartum: value(results, 'postpartum') === true,
                },
        };
        return { category: 'done', events: [event] };
      },
      routes: { done: 'case_report.end' },
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
