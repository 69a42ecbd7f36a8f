// The case lifecycle of docs/domain.md §6.2 as data: which status may follow which, by which action, and who may do it.
// Pure: no I/O, no clock (a caller that wants "not in the future" passes today's date).
//
//   reported ──assign──► assigned ──follow_up──► followed_up ──serve───► served     (terminal)
//      │                    │                        ├────────decline──► declined   (terminal)
//      │                    │                        ├────────refer────► referred ──serve / decline / lost
//      └──invalid──►  closed_invalid ◄──invalid──────┘                              (lost: terminal)
//
// The PKB, the koordinator, and the Dinas (dinas, admin: cases of a desa with no PKB and no koordinator go there)
// move cases; a bidan role does not exist yet. Assignment on creation and a referral without outcome after 30 days
// are done by the system. The koordinator and the Dinas may hand a case to another PKB (reassign), which changes who
// works it, not its status. Cadres create cases and add notes, never close them; residents only report.
import type { Role } from '../roles.js';
import { formatDay, isRealDay } from './service-date.js';
import {
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  isCaseStatus,
  isServiceMethod,
  isTerminal,
  type CaseStatus,
  type ServiceMethod,
} from './case-model.js';

// Kept for callers that took the statuses from here before case-model.ts existed.
export { CASE_STATUSES, isOpen, type CaseStatus } from './case-model.js';

/** Whoever may touch a case: a registered role, an unregistered number, or the program itself (timers). */
export type CaseActor = Role | 'resident' | 'system';

/** What a PKB/koordinator records on a case; each leads to exactly one status. */
export const CASE_ACTIONS = ['follow_up', 'serve', 'decline', 'refer', 'invalid', 'lost'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const ACTION_TARGET: Readonly<Record<CaseAction, CaseStatus>> = {
  follow_up: 'followed_up',
  serve: 'served',
  decline: 'declined',
  refer: 'referred',
  invalid: 'closed_invalid',
  lost: 'lost',
};

export const ACTION_LABELS: Readonly<Record<CaseAction, string>> = {
  follow_up: 'Sudah dihubungi/diberi KIE',
  serve: 'Sudah dilayani',
  decline: 'Menolak ber-KB',
  refer: 'Dirujuk',
  invalid: 'Tidak valid, tutup kasus',
  lost: 'Tidak terlacak',
};

/** Assignment is not something a worker "records"; it happens on creation or by the koordinator. */
export type CaseMove = CaseAction | 'assign';

export interface Transition {
  from: CaseStatus;
  to: CaseStatus;
  via: CaseMove;
  by: readonly CaseActor[];
}

/** People who move cases. */
export const CASE_MOVERS: readonly Role[] = ['pkb', 'koordinator', 'dinas', 'admin'];

/** People who may hand a case to another PKB: the koordinator of the kecamatan, and the Dinas. */
export const CASE_REASSIGNERS: readonly Role[] = ['koordinator', 'dinas', 'admin'];

/** A referred case with no outcome after this many days becomes lost (docs/domain.md §6.2). */
export const REFERRAL_LOST_DAYS = 30;

/** May `actor` give a case in status `from` to another PKB? Only while it is open. */
export function canReassign(from: string, actor: CaseActor): boolean {
  return isCaseStatus(from) && !isTerminal(from) && (CASE_REASSIGNERS as readonly string[]).includes(actor);
}
const MOVERS: readonly CaseActor[] = CASE_MOVERS;
const MOVERS_OR_SYSTEM: readonly CaseActor[] = [...CASE_MOVERS, 'system'];

/** Every allowed move; anything not listed is forbidden. */
export const TRANSITIONS: readonly Transition[] = [
  { from: 'reported', to: 'assigned', via: 'assign', by: MOVERS_OR_SYSTEM },
  { from: 'reported', to: 'closed_invalid', via: 'invalid', by: MOVERS },
  { from: 'assigned', to: 'followed_up', via: 'follow_up', by: MOVERS },
  { from: 'assigned', to: 'closed_invalid', via: 'invalid', by: MOVERS },
  { from: 'followed_up', to: 'served', via: 'serve', by: MOVERS },
  { from: 'followed_up', to: 'declined', via: 'decline', by: MOVERS },
  { from: 'followed_up', to: 'referred', via: 'refer', by: MOVERS },
  { from: 'followed_up', to: 'closed_invalid', via: 'invalid', by: MOVERS },
  { from: 'referred', to: 'served', via: 'serve', by: MOVERS },
  { from: 'referred', to: 'declined', via: 'decline', by: MOVERS },
  { from: 'referred', to: 'lost', via: 'lost', by: MOVERS_OR_SYSTEM },
];

function transition(from: string, to: string): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** May `actor` move a case from `from` to `to`? Unknown statuses are never allowed. */
export function canTransition(from: string, to: string, actor: CaseActor): boolean {
  return transition(from, to)?.by.includes(actor) ?? false;
}

/** The statuses `actor` may move a case in status `from` to, in CASE_STATUSES order. Empty for terminal statuses. */
export function nextStates(from: string, actor: CaseActor): CaseStatus[] {
  return CASE_STATUSES.filter((to) => canTransition(from, to, actor));
}

/** The actions `actor` may record on a case in status `from`, in CASE_ACTIONS order (for a numbered menu). */
export function availableActions(from: string, actor: CaseActor): CaseAction[] {
  return CASE_ACTIONS.filter((a) => canTransition(from, ACTION_TARGET[a], actor));
}

/** May `actor` ever record `action` (or hand a case over: `reassign`), whatever the case's status? */
export function mayTakeAction(action: CaseAction | 'reassign', actor: CaseActor): boolean {
  if (action === 'reassign') return (CASE_REASSIGNERS as readonly string[]).includes(actor);
  return TRANSITIONS.some((t) => t.via === action && t.by.includes(actor));
}

/** Cadres, PKB and koordinator report for their area; residents report as well (their number is not stored in the case). */
export function canCreateCase(actor: CaseActor): boolean {
  return actor === 'resident' || actor === 'ppkbd' || actor === 'sub_ppkbd' || actor === 'pkb' || actor === 'koordinator';
}

/** Notes on a case: the cadres who know the couple and the people who move the case. */
export function canAddNote(actor: CaseActor): boolean {
  return actor === 'ppkbd' || actor === 'sub_ppkbd' || actor === 'pkb' || actor === 'koordinator';
}

// ---- Recording an action with what it needs --------------------------------------------------------------------

export type CaseActionInput =
  | { action: 'follow_up'; note?: string | null }
  /** `date` is the service date, YYYY-MM-DD (WITA). */
  | { action: 'serve'; method: ServiceMethod; date: string; note?: string | null }
  | { action: 'decline'; reason: string }
  /** `to`: the faskes, puskesmas or hospital. */
  | { action: 'refer'; to: string }
  | { action: 'invalid'; reason: string }
  | { action: 'lost'; note?: string | null };

export type ActionCheck = { ok: true; to: CaseStatus } | { ok: false; error: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  return m !== null && isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** When the case was reported and today's date, both YYYY-MM-DD in WITA: a service date must lie between them. */
export interface ServiceDateBounds {
  today?: string | undefined;
  reportedOn?: string | undefined;
}

function missingDetail(input: CaseActionInput, bounds: ServiceDateBounds): string | null {
  switch (input.action) {
    case 'serve':
      if (!isServiceMethod(input.method)) return 'Metode KB yang diberikan belum dipilih.';
      if (!isIsoDate(input.date)) return 'Tanggal pelayanan tidak valid: tanggal itu tidak ada di kalender.';
      if (bounds.today !== undefined && input.date > bounds.today) return `Tanggal pelayanan tidak boleh setelah hari ini (${formatDay(bounds.today)}).`;
      if (bounds.reportedOn !== undefined && input.date < bounds.reportedOn) {
        return `Tanggal pelayanan tidak boleh sebelum kasus dilaporkan (${formatDay(bounds.reportedOn)}).`;
      }
      return null;
    case 'decline':
      return input.reason.trim() === '' ? 'Alasan menolak belum diisi.' : null;
    case 'refer':
      return input.to.trim() === '' ? 'Tempat rujukan belum diisi.' : null;
    case 'invalid':
      return input.reason.trim() === '' ? 'Alasan menutup kasus belum diisi.' : null;
    case 'follow_up':
    case 'lost':
      return null;
  }
}

/**
 * Checks an action before it is stored: the actor's right, the current status, and the details the action needs
 * (serve: method + a real date; decline and invalid: a reason; refer: where). Errors are in Bahasa Indonesia.
 * `today` (YYYY-MM-DD, WITA), when given, rejects a service date in the future; `reportedOn` one before the report.
 */
export function checkAction(from: string, input: CaseActionInput, actor: CaseActor, today?: string, reportedOn?: string): ActionCheck {
  const to = ACTION_TARGET[input.action];
  if (!mayTakeAction(input.action, actor)) return { ok: false, error: 'Hanya Penyuluh KB (PKB), koordinator, atau Dinas yang dapat mengubah status kasus.' };
  if (!isCaseStatus(from)) return { ok: false, error: 'Status kasus tidak dikenal.' };
  if (isTerminal(from)) return { ok: false, error: `Kasus sudah selesai (${CASE_STATUS_LABELS[from]}); statusnya tidak bisa diubah lagi.` };
  if (!canTransition(from, to, actor)) {
    return { ok: false, error: `Kasus berstatus "${CASE_STATUS_LABELS[from]}"; tindakan "${ACTION_LABELS[input.action]}" belum bisa dicatat.` };
  }
  const missing = missingDetail(input, { today, reportedOn });
  return missing ? { ok: false, error: missing } : { ok: true, to };
}
