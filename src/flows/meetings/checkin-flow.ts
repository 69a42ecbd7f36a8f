// "Daftar hadir pertemuan": the organiser opens a short code (BUKA HADIR), registered people answer HADIR <kode> in
// private (a global entry: it works inside any open flow) or in a group (bot/features/meetings.ts), the organiser
// sees who came (DAFTAR HADIR <kode>) and closes it (TUTUP <kode>). What a code means is only known in the
// database, so every path ends by handing { action, code } to the host, which answers.
import { normalizeCode, ORGANISER_ROLES } from '../../domain/meetings/meeting-rules.js';
import type { Actor, FlowDefinition, FlowNode, Results } from '../engine/types.js';
import { choices, listText, type LabelledOption } from '../cases/case-options.js';

export const CHECKIN_FLOW = 'meeting_checkin';
const id = (name: string) => `${CHECKIN_FLOW}.${name}`;
const value = (results: Results, name: string) => results[name]?.value;

export type CheckinAction = 'open' | 'attend' | 'close' | 'list';

// "HADIR K7Q2", "Hadir: k7q2", "hadir 7sx2 pak": the code is the first word after HADIR (the same as in groups).
const HADIR = /^hadir\s*[:\-–]?\s*([a-z0-9][a-z0-9-]{1,9})(?:\s+.*)?$/i;
const OPEN = /^buka\s+(?:kode\s+|daftar\s+)?hadir$/i;
const CLOSE = /^tutup\s+(?:kode\s+)?(?:hadir\s+)?(\S+)$/i;
const LIST = /^(?:daftar|lihat|cek)\s+hadir(?:\s+(\S+))?$/i;

const clean = (text: string) => text.trim().replace(/[.!]+$/, '');

export const isOrganiser = (actor: Actor) => actor.kind === 'person' && ORGANISER_ROLES.includes(actor.role);

/** The code in a command ("HADIR k7q2" → "K7Q2"), or null when it names none. */
export function codeIn(text: string, pattern: RegExp): string | null {
  const match = pattern.exec(clean(text));
  return match?.[1] ? normalizeCode(match[1]) : null;
}

const MENU_OPTIONS: LabelledOption[] = [
  { key: 'open', label: 'Buka kode hadir untuk pertemuan hari ini', words: ['buka', 'buka hadir'] },
  { key: 'list', label: 'Lihat siapa yang sudah hadir', words: ['lihat', 'daftar'] },
  { key: 'close', label: 'Tutup kode hadir', words: ['tutup'] },
  { key: 'attend', label: 'Saya hadir (tulis kode dari penyelenggara)', words: ['hadir', 'saya hadir'] },
];

const HOW_TO_ATTEND = 'Tulis kode hadir dari penyelenggara pertemuan, misalnya K7Q2.';

/** Hands the command to the host; `code` null for list/close means the organiser's latest code. */
function command(action: CheckinAction, pattern: RegExp | null): FlowNode {
  return {
    kind: 'action',
    run: ({ results, actor }) => {
      if (action !== 'attend' && !isOrganiser(actor)) return { category: 'not_organiser' };
      const code = pattern ? codeIn(String(value(results, 'trigger') ?? ''), pattern) : null;
      return { category: 'done', results: { action, code } };
    },
    routes: { done: id('done'), not_organiser: id('not_organiser') },
  };
}

const NODES: Record<string, FlowNode> = {
    [id('start')]: {
      kind: 'action',
      run: ({ actor }) => ({ category: isOrganiser(actor) ? 'organiser' : 'member' }),
      routes: { organiser: id('menu'), member: id('ask_code') },
    },
    [id('menu')]: {
      kind: 'ask',
      prompt: `*Daftar hadir pertemuan*\n${listText(MENU_OPTIONS)}\n\nPerintah cepat: BUKA HADIR, HADIR <kode>, DAFTAR HADIR <kode>, TUTUP <kode>.`,
      brief: 'Balas angka 1 sampai 4.',
      validate: { name: 'choice', args: { options: choices(MENU_OPTIONS) } },
      result: 'choice',
      routes: { open: id('open'), list: id('list'), close: id('close'), attend: id('ask_code') },
    },
    [id('ask_code')]: {
      kind: 'ask',
      prompt: `*Daftar hadir pertemuan*\n${HOW_TO_ATTEND}`,
      brief: HOW_TO_ATTEND,
      validate: { name: 'text', args: { minLength: 4, maxLength: 20 } },
      result: 'typed_code',
      routes: { ok: id('typed') },
    },
    [id('typed')]: {
      kind: 'action',
      run: ({ results }) => ({ category: 'done', results: { action: 'attend', code: normalizeCode(String(value(results, 'typed_code')).replace(/^hadir\s+/i, '')) } }),
      routes: { done: id('done') },
    },
    [id('open')]: command('open', null),
    [id('list')]: command('list', null),
    [id('close')]: command('close', null),
    [id('attend_cmd')]: command('attend', HADIR),
    [id('open_cmd')]: command('open', null),
    [id('close_cmd')]: command('close', CLOSE),
    [id('list_cmd')]: command('list', LIST),
    [id('not_organiser')]: { kind: 'end', text: 'Kode hadir dibuka oleh penyelenggara pertemuan (PKB atau PPKBD). Untuk mencatat kehadiran Anda, balas HADIR dan kode dari penyelenggara.' },
    [id('not_registered')]: {
      kind: 'end',
      text: 'Maaf, daftar hadir hanya untuk kader dan petugas KB yang terdaftar di IMP Smart. Kehadiran Anda tetap dihitung oleh penyelenggara pertemuan.',
    },
    [id('done')]: { kind: 'end', complete: true },
};

export const checkinFlow = {
  id: CHECKIN_FLOW,
  version: 1,
  start: id('start'),
  help: 'Penyelenggara pertemuan (PKB atau PPKBD) membuka kode hadir dengan BUKA HADIR. Peserta yang terdaftar membalas HADIR dan kodenya, di sini atau di grup WhatsApp.',
  nodes: NODES,
  menu: {
    audience: ['ppkbd', 'sub_ppkbd', 'pkb', 'koordinator', 'dinas', 'admin'],
    label: 'Daftar hadir pertemuan',
    words: ['hadir', 'daftar hadir', 'absen'],
    order: 96,
  },
  entries: [
    { matches: (t) => HADIR.test(clean(t)), node: id('attend_cmd'), global: true },
    { matches: (t) => HADIR.test(clean(t)), node: id('not_registered'), others: true },
    { matches: (t) => OPEN.test(clean(t)), node: id('open_cmd') },
    { matches: (t) => CLOSE.test(clean(t)), node: id('close_cmd') },
    { matches: (t) => LIST.test(clean(t)), node: id('list_cmd') },
  ],
} satisfies FlowDefinition;
