// The commands the bot answers inside a WhatsApp group, read from a message. Pure.
//
// In a group the bot holds no conversation: a menu there would show one person's data to everyone. A message is
// either one of these commands or nothing (the bot stays silent). Each command is an intent for a host-side
// handler (src/bot/features/); a command without a handler is silent too, so later commands are added by a parser
// case here and a handler there.
import { normalizeInput } from '../parse/index.js';

export type GroupCommand =
  /** DAFTAR GRUP PKB <kecamatan> / DAFTAR GRUP DINAS; `target` null: nothing after DAFTAR GRUP. */
  | { kind: 'register'; target: RegisterTarget | null }
  /** HAPUS GRUP. */
  | { kind: 'unregister' }
  /**
   * REKAP [kecamatan] [bulan], BELUM [kecamatan] [bulan], GRAFIK [kecamatan] [bulan] (bot/features/on-demand.ts) and
   * HADIR <kode> (issue 11, no handler yet). `args` is the rest of the message as typed: group chatter may start with
   * the same word ("rekap sudah saya kirim"), so a handler stays silent when the rest does not read as a kecamatan or
   * a month. "Belum" alone is an everyday answer in a chat, so in a group BELUM counts only as BELUM LAPOR ("siapa
   * yang belum lapor?"), written in capitals (BELUM), or after "/" or "#" (/belum).
   */
  | { kind: 'recap'; args: string }
  | { kind: 'missing'; args: string }
  | { kind: 'chart'; args: string }
  | {
      kind: 'attend';
      code: string;
      /**
       * Does it look like a code rather than a word of chatter ("hadir semua", "hadir juga pak")? Typed with a digit
       * or in capitals, and nothing after it. A code that exists is answered either way; one that does not is
       * answered (not found) only when it looked like a code.
       */
      looksLikeCode: boolean;
    };

/** `kecamatan` as typed (null: not given), for the tolerant area lookup. */
export type RegisterTarget = { role: 'pkb'; kecamatan: string | null } | { role: 'dinas' };

export type GroupCommandKind = GroupCommand['kind'];

// "grup" is also written "group" and "grub"; "DAFTARKAN GRUP" means the same as "DAFTAR GRUP".
const REGISTER = /^daftar(?:kan)?\s+gr(?:u|ou)[pb]\b\s*(.*)$/i;
const UNREGISTER = /^hapus\s+gr(?:u|ou)[pb]\b/i;
const DINAS = /^(?:dinas|dppkb)\b/i;
// "DAFTAR GRUP PKB Bontomarannu", "... PENYULUH KB …", "... KOORDINATOR …": the role word before the name (a
// koordinator means the same kecamatan group).
const PKB_WORD = /^(?:pkb|plkb|penyuluh(?:\s+kb)?|koordinator(?:\s+pkb)?)\b\s*/i;
// "... Bontomarannu Kab. Gowa": the kabupaten after the name says nothing more.
const KABUPATEN = /[\s,]*(?:kab(?:upaten)?\.?\s*)?gowa$/i;
const RECAP = /^rekap\b\s*(.*)$/i;
const MISSING_ASKED = /^(?:siapa\s+(?:yang\s+)?)?belum\s+lapor\b\s*(.*)$/i;
const MISSING_BARE = /^belum\b\s*(.*)$/i;
const CHART = /^grafik\b\s*(.*)$/i;
// "HADIR K7Q2", "Hadir: k7q2", "hadir - K7Q2 pak": the code is the first word after HADIR.
const ATTEND = /^hadir\s*[:\-–]?\s*([a-z0-9][a-z0-9-]{1,9})(\s+.*)?$/i;

/**
 * The command in a group message, or null for anything else. Case and extra spaces do not matter, nor a leading "/"
 * or "#" (people copy commands from other bots) or a full stop at the end.
 */
export function parseGroupCommand(raw: string): GroupCommand | null {
  const normalized = normalizeInput(raw);
  const prefixed = /^[/#]/.test(normalized);
  const text = normalized.replace(/^[/#]+\s*/, '').replace(/[\s.!?,;]+$/, '');
  if (text === '') return null;
  const register = REGISTER.exec(text);
  if (register) {
    const rest = register[1]!.trim();
    if (rest === '') return { kind: 'register', target: null };
    if (DINAS.test(rest)) return { kind: 'register', target: { role: 'dinas' } };
    const name = rest.replace(PKB_WORD, '').replace(KABUPATEN, '').trim();
    return { kind: 'register', target: { role: 'pkb', kecamatan: name === '' ? null : name } };
  }
  if (UNREGISTER.test(text)) return { kind: 'unregister' };
  const asked = MISSING_ASKED.exec(text);
  if (asked) return { kind: 'missing', args: asked[1]!.trim() };
  const bare = MISSING_BARE.exec(text);
  if (bare && (prefixed || /^BELUM\b/.test(text))) return { kind: 'missing', args: bare[1]!.trim() };
  const recap = RECAP.exec(text);
  if (recap) return { kind: 'recap', args: recap[1]!.trim() };
  const chart = CHART.exec(text);
  if (chart) return { kind: 'chart', args: chart[1]!.trim() };
  const attend = ATTEND.exec(text);
  if (attend) {
    const typed = attend[1]!;
    return { kind: 'attend', code: typed.toUpperCase(), looksLikeCode: attend[2] === undefined && (/\d/.test(typed) || typed === typed.toUpperCase()) };
  }
  return null;
}

/** DAFTAR GRUP or HAPUS GRUP: the commands that change what a group receives. */
export function isGroupRegistrationCommand(raw: string): boolean {
  const kind = parseGroupCommand(raw)?.kind;
  return kind === 'register' || kind === 'unregister';
}
