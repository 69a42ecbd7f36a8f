// "Laporan pertemuan": a cadre, PKB, koordinator or Dinas officer records a meeting held in their area — where
// (asked only when they cover more than one; the Dinas chooses the kabupaten level or names a kecamatan), kind, date, place, attendance by role (proposed from a check-in the
// reporter opened that day), KIE kit, topics, follow-up — then a numbered summary, UBAH n, KIRIM. The host stores it
// (bot/features/meetings.ts, completion handler) and replies with the receipt code.
import { ATTENDANCE_ROLES, MEETING_PLACES, MEETING_TOPICS, type Attendance, type MeetingKind } from '../../domain/meetings/meeting-model.js';
import { ATTENDANCE_LABELS, attendanceLine, KIND_LABELS, KINDS_BY_LEVEL, PLACE_LABELS, TOPIC_LABELS } from '../../domain/meetings/meeting-labels.js';
import { attendanceTotal, FOLLOW_UP_MAX, LARGE_ATTENDANCE } from '../../domain/meetings/meeting-rules.js';
import { say } from '../engine/engine.js';
import type { FlowDefinition, FlowNode, Results, Scope } from '../engine/types.js';
import type { ChoiceArgs } from '../engine/validators.js';
import { choices, listText, type LabelledOption } from '../cases/case-options.js';
import type { SafeTextArgs } from '../cases/case-validators.js';
import { ANY_KECAMATAN, areaOptions, namesAnyKecamatan, parseAreaKey } from './meeting-areas.js';
import { meetingFacts } from './meeting-facts.js';
import type { AttendanceArgs, MeetingAreaArgs, TopicsArgs } from './meeting-validators.js';
import { SUMMARY_LINES, summaryText } from './meeting-summary.js';

export const MEETING_REPORT_FLOW = 'meeting_report';
const id = (name: string) => `${MEETING_REPORT_FLOW}.${name}`;
const value = (results: Results, name: string) => results[name]?.value;

const NO_PERSONAL_DATA = 'Jangan tulis nama orang, nomor HP, atau alamat rumah.';

/** Words a kind may be chosen by besides its number (shown as the example after a wrong answer). */
const KIND_WORDS: Readonly<Record<MeetingKind, readonly string[]>> = {
  RAKOR_DESA: ['rakor', 'rakor desa'],
  PENYULUHAN_PKB: ['penyuluhan'],
  KIE_KIT: ['kie kit', 'kie'],
  POKTAN_BKB: ['bkb'],
  POKTAN_BKR: ['bkr'],
  POKTAN_BKL: ['bkl'],
  POKTAN_UPPKA: ['uppka'],
  POKTAN_PIKR: ['pik-r', 'pikr'],
  RAPAT_KECAMATAN: ['rapat kecamatan'],
  RAPAT_KABUPATEN: ['rapat kabupaten'],
  LAINNYA: ['lainnya', 'lain'],
};

function kindOptions(scope: Scope): LabelledOption[] {
  const { level } = parseAreaKey(String(value(scope.results, 'area')));
  return KINDS_BY_LEVEL[level].map((k) => ({ key: k, label: KIND_LABELS[k], words: KIND_WORDS[k] }));
}

const PLACE_OPTIONS: LabelledOption[] = MEETING_PLACES.map((p) => ({ key: p, label: PLACE_LABELS[p], words: p === 'balai_desa' ? ['balai', 'kantor desa'] : [] }));
const TOPIC_OPTIONS: LabelledOption[] = MEETING_TOPICS.map((t) => ({ key: t, label: TOPIC_LABELS[t], words: [] }));

const ROLE_LIST = ATTENDANCE_ROLES.map((r) => ATTENDANCE_LABELS[r]).join(', ');
const EXTRA_LIST = ATTENDANCE_ROLES.slice(3).map((r) => ATTENDANCE_LABELS[r]).join(', ');

function subMax(scope: Scope): number | null {
  const area = parseAreaKey(String(value(scope.results, 'area')));
  if (area.level !== 'desa') return null;
  return meetingFacts(scope).dusunCount[area.areaCode] ?? null;
}

function checkinBase(scope: Scope): Attendance | null {
  return (value(scope.results, 'checkin_counts') as Attendance | undefined) ?? null;
}

function attendancePrompt(scope: Scope): string {
  const base = checkinBase(scope);
  if (!base) return `(4/7) Berapa yang hadir? Tulis ${ATTENDANCE_ROLES.length} angka berurutan:\n${ROLE_LIST}\nMisalnya: 1 1 3 2 4 0 1 2 15`;
  return [
    `(4/7) Dari daftar hadir kode ${String(value(scope.results, 'checkin_code'))}: ${attendanceLine(base)}.`,
    `Tambahkan yang hadir tanpa daftar, ${ATTENDANCE_ROLES.length - 3} angka berurutan:`,
    EXTRA_LIST,
    'Misalnya: 2 4 0 1 2 15',
    `(Tulis ${ATTENDANCE_ROLES.length} angka bila daftar hadir perlu diganti semuanya.)`,
  ].join('\n');
}

const KECAMATAN_EXAMPLE = 'misalnya Bontomarannu';

function areaPrompt(scope: Scope): string {
  const list = listText(areaOptions(scope.actor, scope.areas));
  const how = namesAnyKecamatan(scope.actor) ? `Balas angkanya, atau langsung tulis nama kecamatannya (${KECAMATAN_EXAMPLE}).` : 'Balas angkanya.';
  return `*Laporan pertemuan*\nDi wilayah mana pertemuannya?\n${list}\n\n${how}`;
}

/** After answering a question: the next question, or back to the summary when the answer was a change (UBAH). */
function next(to: string): FlowNode {
  return { kind: 'action', run: ({ results }) => ({ category: value(results, 'editing') === true ? 'summary' : 'next' }), routes: { summary: id('summary'), next: id(to) } };
}

const nodes: Record<string, FlowNode> = {
  [id('start')]: {
    kind: 'action',
    run: (scope) => {
      const options = areaOptions(scope.actor, scope.areas);
      if (options.length === 0) return { category: 'none' };
      if (options.length === 1) return { category: 'kind', results: { area: options[0]!.key } };
      return { category: 'area' };
    },
    routes: { none: id('not_allowed'), kind: id('kind'), area: id('area') },
  },
  [id('not_allowed')]: { kind: 'end', text: 'Laporan pertemuan hanya untuk kader dan petugas KB yang terdaftar.' },
  [id('area')]: {
    kind: 'ask',
    prompt: areaPrompt,
    brief: (scope) => (namesAnyKecamatan(scope.actor) ? `Balas 1 untuk tingkat kabupaten, atau tulis nama kecamatannya (${KECAMATAN_EXAMPLE}).` : 'Balas nomor wilayah pertemuannya.'),
    validate: {
      name: 'meeting_area',
      args: (scope: Scope): MeetingAreaArgs => ({ options: choices(areaOptions(scope.actor, scope.areas)), kecamatanByName: namesAnyKecamatan(scope.actor) }),
    },
    result: 'area',
    routes: { ok: id('after_area') },
  },
  [id('after_area')]: {
    kind: 'action',
    run: ({ results }) => ({ category: value(results, 'area') === ANY_KECAMATAN ? 'kecamatan' : 'kind' }),
    routes: { kecamatan: id('area_kecamatan'), kind: id('kind') },
  },
  // "Tingkat kecamatan" chosen by the Dinas: which one, by name (the area directory's tolerant lookup).
  [id('area_kecamatan')]: {
    kind: 'ask',
    prompt: `Kecamatan mana? Tulis namanya, ${KECAMATAN_EXAMPLE}.`,
    brief: `Tulis nama kecamatannya, ${KECAMATAN_EXAMPLE}.`,
    validate: { name: 'meeting_area', args: { options: [], kecamatanByName: true } satisfies MeetingAreaArgs },
    result: 'area',
    routes: { ok: id('kind') },
  },
  [id('kind')]: {
    kind: 'ask',
    prompt: (scope) => `${value(scope.results, 'kind') === undefined && areaOptions(scope.actor, scope.areas).length === 1 ? '*Laporan pertemuan*\n' : ''}(1/7) Pertemuan apa?\n${listText(kindOptions(scope))}`,
    brief: 'Balas nomor jenis pertemuannya.',
    validate: { name: 'pick', args: (scope: Scope): ChoiceArgs => ({ options: choices(kindOptions(scope)) }) },
    result: 'kind',
    routes: { ok: id('after_kind') },
  },
  [id('after_kind')]: next('date'),
  [id('date')]: {
    kind: 'ask',
    prompt: '(2/7) Kapan pertemuannya? Balas HARI INI, KEMARIN, atau tanggalnya, misalnya 24/11.',
    brief: 'Balas HARI INI, KEMARIN, atau tanggalnya, misalnya 24/11.',
    validate: { name: 'meeting_date' },
    result: 'date',
    routes: { ok: id('after_date'), old: id('date_old') },
  },
  [id('date_old')]: {
    kind: 'ask',
    prompt: 'Tanggal itu sudah lebih dari 35 hari yang lalu. Benar tanggal itu? (YA/TIDAK)',
    validate: { name: 'yes_no' },
    result: 'date_old_ok',
    routes: { yes: id('after_date'), no: id('date') },
  },
  [id('after_date')]: {
    kind: 'action',
    run: (scope) => {
      // A check-in this reporter opened on the meeting's day proposes the registered attendance, until it is answered.
      if (value(scope.results, 'attendance') !== undefined) return { category: value(scope.results, 'editing') === true ? 'summary' : 'next' };
      const checkin = meetingFacts(scope).checkins.find((c) => c.day === value(scope.results, 'date') && c.people > 0);
      const results = checkin ? { checkin_id: checkin.id, checkin_code: checkin.code, checkin_counts: checkin.counts } : {};
      return { category: value(scope.results, 'editing') === true ? 'summary' : 'next', results };
    },
    routes: { summary: id('summary'), next: id('place') },
  },
  [id('place')]: {
    kind: 'ask',
    prompt: `(3/7) Di mana tempatnya?\n${listText(PLACE_OPTIONS)}`,
    brief: 'Balas nomor tempat pertemuannya.',
    validate: { name: 'choice', args: { options: choices(PLACE_OPTIONS) } },
    result: 'place',
    routes: Object.fromEntries(MEETING_PLACES.map((p) => [p, p === 'lainnya' ? id('place_other') : id('after_place')])),
  },
  [id('place_other')]: {
    kind: 'ask',
    prompt: `Tempat apa? Tulis jenis tempatnya singkat, misalnya aula sekolah. ${NO_PERSONAL_DATA}`,
    validate: { name: 'safe_text', args: { maxLength: 40, expected: 'Tulis jenis tempatnya saja, misalnya aula sekolah.' } satisfies SafeTextArgs },
    result: 'place_other',
    routes: { ok: id('after_place') },
  },
  [id('after_place')]: next('attendance'),
  [id('attendance')]: {
    kind: 'ask',
    prompt: attendancePrompt,
    brief: (scope) => (checkinBase(scope) ? `Tulis ${ATTENDANCE_ROLES.length - 3} angka: ${EXTRA_LIST}.` : `Tulis ${ATTENDANCE_ROLES.length} angka: ${ROLE_LIST}.`),
    validate: { name: 'attendance', args: (scope: Scope): AttendanceArgs => ({ base: checkinBase(scope), subMax: subMax(scope) }) },
    result: 'attendance',
    routes: { ok: id('attendance_check') },
  },
  [id('attendance_check')]: {
    kind: 'action',
    run: ({ results }) => ({ category: attendanceTotal(value(results, 'attendance') as Attendance) > LARGE_ATTENDANCE ? 'large' : 'ok' }),
    routes: { large: id('attendance_large'), ok: id('after_attendance') },
  },
  [id('attendance_large')]: {
    kind: 'ask',
    prompt: ({ results }) => `Jumlah yang hadir ${attendanceTotal(value(results, 'attendance') as Attendance)} orang, lebih dari ${LARGE_ATTENDANCE}. Benar? (YA/TIDAK)`,
    validate: { name: 'yes_no' },
    result: 'attendance_large_ok',
    routes: { yes: id('after_attendance'), no: id('attendance') },
  },
  [id('after_attendance')]: next('kie'),
  [id('kie')]: {
    kind: 'ask',
    prompt: '(5/7) Apakah KIE Kit dipakai dalam pertemuan ini? (YA/TIDAK)',
    validate: { name: 'yes_no' },
    result: 'kie',
    routes: { yes: id('after_kie'), no: id('after_kie') },
  },
  [id('after_kie')]: next('topics'),
  [id('topics')]: {
    kind: 'ask',
    prompt: `(6/7) Topik apa saja yang dibahas? Boleh lebih dari satu, misalnya 1 3.\n${listText(TOPIC_OPTIONS)}`,
    brief: 'Balas nomor topiknya, boleh lebih dari satu, misalnya 1 3.',
    validate: { name: 'topics', args: { keys: MEETING_TOPICS } satisfies TopicsArgs },
    result: 'topics',
    routes: { ok: id('after_topics') },
  },
  [id('after_topics')]: next('follow_up'),
  [id('follow_up')]: {
    kind: 'ask',
    prompt: `(7/7) Tindak lanjut pertemuan? Tulis singkat, misalnya kunjungan rumah PUS yang belum ber-KB. Balas - bila tidak ada. ${NO_PERSONAL_DATA}`,
    brief: 'Tulis tindak lanjutnya singkat, atau balas - bila tidak ada.',
    validate: {
      name: 'safe_text',
      args: { maxLength: FOLLOW_UP_MAX, skippable: true, expected: 'Tulis tindak lanjutnya singkat tanpa data pribadi, atau balas - bila tidak ada.' } satisfies SafeTextArgs,
    },
    result: 'follow_up',
    routes: { ok: id('summary'), skip: id('summary') },
  },
  [id('summary')]: {
    kind: 'ask',
    prompt: summaryText,
    brief: 'Balas KIRIM untuk mengirim, atau UBAH dan nomor baris (1–8), misalnya UBAH 3. Ketik LANJUT untuk melihat ringkasannya lagi.',
    validate: { name: 'summary_command' },
    result: 'command',
    routes: { kirim: id('submit'), ubah: id('edit') },
    help: 'Periksa isinya. Balas KIRIM bila sudah benar. Untuk memperbaiki, balas UBAH dan nomor barisnya, misalnya UBAH 3.',
  },
  [id('edit')]: {
    kind: 'action',
    run: (scope) => {
      const line = Number(value(scope.results, 'command'));
      const step = SUMMARY_LINES[line - 1];
      if (!step) return { category: 'bad', events: [say(`Baris ${line} tidak ada; pilih 1 sampai ${SUMMARY_LINES.length}.`)] };
      if (step === 'area' && areaOptions(scope.actor, scope.areas).length === 1) {
        return { category: 'bad', events: [say('Wilayah mengikuti wilayah tugas Anda dan tidak bisa diubah.')] };
      }
      return { category: step, results: { editing: true } };
    },
    routes: { bad: id('summary'), ...Object.fromEntries(SUMMARY_LINES.map((s) => [s, id(s)])) },
  },
  [id('submit')]: { kind: 'end', complete: true },
};

export const meetingReportFlow = {
  id: MEETING_REPORT_FLOW,
  version: 1,
  start: id('start'),
  keepsDraft: true,
  help: 'Laporan pertemuan mencatat rapat dan penyuluhan di wilayah Anda: jenis, tanggal, tempat, jumlah yang hadir, dan topik. Tidak ada nama peserta yang ditanyakan.',
  nodes,
  menu: {
    audience: ['ppkbd', 'sub_ppkbd', 'pkb', 'koordinator', 'dinas', 'admin'],
    label: 'Laporan pertemuan',
    words: ['pertemuan', 'laporan pertemuan', 'rapat'],
    order: 95,
  },
} satisfies FlowDefinition;
