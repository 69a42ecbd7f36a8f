// Validators of the meeting report (registered with the engine's in validators.ts): the area (a listed option or,
// for the Dinas, a kecamatan's name), the meeting's date, the attendance as one list of counts, and the topics as a
// numbered multi-choice.
import { formatDay, isoOf, parseServiceDate } from '../../domain/cases/service-date.js';
import { ATTENDANCE_ROLES, type Attendance } from '../../domain/meetings/meeting-model.js';
import { checkMeetingDate } from '../../domain/meetings/meeting-rules.js';
import { toWita } from '../../time/wita.js';
import type { Validator } from '../engine/validators.js';
import { choiceHint, normalizeInput, parseChoice, readNumberList, type ChoiceOption } from '../parse/index.js';
import { meetingFacts } from './meeting-facts.js';

const INVALID = 'invalid';
// The same words as the engine's count validators (not imported: validators.ts imports this module).
const NOT_WHOLE = 'Angkanya harus bilangan bulat, tidak boleh negatif (tanpa koma, tanpa tanda minus).';

export interface MeetingAreaArgs {
  /** The areas listed (none when only a kecamatan's name is asked). */
  options: readonly ChoiceOption[];
  /** A kecamatan typed by name is accepted too (the Dinas): value `kecamatan:<code>`. */
  kecamatanByName: boolean;
}

/**
 * Where the meeting was: a listed option's key, or a kecamatan read as tolerantly as desa names are ("Bontomaranu",
 * "kec. bajeng brt"). What was typed is never repeated back.
 */
const meetingArea: Validator = {
  categories: () => ['ok'],
  run(raw, args, scope) {
    const { options, kecamatanByName } = args as MeetingAreaArgs;
    const key = parseChoice(raw, options);
    if (key !== null) return { category: 'ok', value: key };
    const text = normalizeInput(raw);
    const unnamed = 'Tulis nama kecamatannya saja, misalnya Bontomarannu.';
    // A number (or nothing usable) is a wrong option, not a kecamatan.
    if (!kecamatanByName || /\d/.test(text) || text === '') return { category: INVALID, reason: options.length > 0 ? choiceHint(options) : unnamed };
    const match = scope.areas.findKecamatan(text);
    if (match.kind === 'found') return { category: 'ok', value: `kecamatan:${match.area.code}` };
    if (match.kind === 'ambiguous') return { category: INVALID, reason: `Ada beberapa kecamatan yang mirip: ${match.candidates.map((a) => a.name).join(', ')}. Tulis nama lengkapnya.` };
    const hint = match.suggestions.length > 0 ? ` Mungkin maksud Anda: ${match.suggestions.map((a) => a.name).join(', ')}?` : '';
    return { category: INVALID, reason: `Nama kecamatan itu tidak ditemukan di Kabupaten Gowa.${hint}` };
  },
};

/** HARI INI, KEMARIN or a date: `ok`, or `old` (more than 35 days ago, to confirm). Future and closed months refused. */
const meetingDate: Validator = {
  categories: () => ['ok', 'old'],
  run(raw, _args, scope) {
    const wita = toWita(scope.now);
    const parsed = parseServiceDate(normalizeInput(raw), wita);
    if (parsed.kind === 'unreadable') return { category: INVALID, reason: 'Tanggalnya belum terbaca.' };
    if (parsed.kind === 'not_a_date') return { category: INVALID, reason: 'Tanggal itu tidak ada di kalender.' };
    const check = checkMeetingDate(parsed.iso, scope.now, meetingFacts(scope).openFrom);
    if (check.kind === 'future') return { category: INVALID, reason: `Tanggal pertemuan tidak boleh setelah hari ini (${formatDay(isoOf(wita))}).` };
    if (check.kind === 'too_early') return { category: INVALID, reason: `Pertemuan sebelum ${formatDay(check.openFrom)} tidak bisa dilaporkan lagi; bulan itu sudah ditutup.` };
    return { category: check.kind === 'old' ? 'old' : 'ok', value: parsed.iso };
  },
};

export interface AttendanceArgs {
  /** Counts from a check-in: the answer is then the 6 unregistered roles to add (or all 9 to replace). */
  base: Attendance | null;
  /** The desa's registered dusun count: no more Sub-PPKBD than that. */
  subMax: number | null;
}

const EXTRA_ROLES = ATTENDANCE_ROLES.slice(3);

/** The attendance by role as one list of counts (9, or 6 on top of a check-in). Value: the full Attendance. */
const attendance: Validator = {
  categories: () => ['ok'],
  run(raw, args) {
    const { base, subMax } = args as AttendanceArgs;
    const list = readNumberList(raw);
    const expected = base ? `Tulis ${EXTRA_ROLES.length} angka dipisah spasi (atau ${ATTENDANCE_ROLES.length} angka untuk mengganti semuanya).` : `Tulis ${ATTENDANCE_ROLES.length} angka dipisah spasi.`;
    if (list.kind === 'not_whole') return { category: INVALID, reason: NOT_WHOLE };
    if (list.kind === 'not_number') return { category: INVALID, reason: expected };
    // "1,250" cannot be a head count here: read every comma or dot as a separator.
    const values = list.kind === 'two_readings' ? list.split : list.values;
    let counts: Attendance;
    if (values.length === ATTENDANCE_ROLES.length) {
      counts = Object.fromEntries(ATTENDANCE_ROLES.map((r, i) => [r, values[i]!])) as Attendance;
    } else if (base && values.length === EXTRA_ROLES.length) {
      counts = { ...base, ...Object.fromEntries(EXTRA_ROLES.map((r, i) => [r, values[i]!])) };
    } else {
      return { category: INVALID, reason: `Jumlah angkanya ${values.length}. ${expected}` };
    }
    if (ATTENDANCE_ROLES.some((r) => counts[r] > 1000)) return { category: INVALID, reason: 'Ada angka yang terlalu besar; paling banyak 1000 per kelompok.' };
    if (subMax !== null && counts.sub_ppkbd > subMax) {
      return { category: INVALID, reason: `Sub-PPKBD paling banyak ${subMax}, sesuai jumlah dusun yang terdaftar di desa ini.` };
    }
    return { category: 'ok', value: counts };
  },
};

export interface TopicsArgs {
  keys: readonly string[];
}

/** "1 3 5", "1,3,5" or "1 dan 3": one or more numbers of the list, each once. Value: the topic keys in list order. */
const topics: Validator = {
  categories: () => ['ok'],
  run(raw, args) {
    const { keys } = args as TopicsArgs;
    const hint = `Balas nomor topiknya (1 sampai ${keys.length}), boleh lebih dari satu, misalnya 1 3.`;
    const tokens = normalizeInput(raw).toLowerCase().replace(/\bdan\b/g, ' ').split(/[\s,.;/+&-]+/).filter((t) => t !== '');
    if (tokens.length === 0 || tokens.some((t) => !/^\d{1,2}$/.test(t))) return { category: INVALID, reason: hint };
    const numbers = new Set(tokens.map(Number));
    if ([...numbers].some((n) => n < 1 || n > keys.length)) return { category: INVALID, reason: `Nomor itu tidak ada dalam daftar. ${hint}` };
    return { category: 'ok', value: keys.filter((_, i) => numbers.has(i + 1)) };
  },
};

export const MEETING_VALIDATORS: Readonly<Record<string, Validator>> = {
  meeting_area: meetingArea,
  meeting_date: meetingDate,
  attendance,
  topics,
};
