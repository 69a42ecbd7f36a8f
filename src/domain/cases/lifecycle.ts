// The case lifecycle of domain.md §6.2 as data: who may move a case from which status to which.
import type { Role } from '../roles.js';

export const CASE_STATUSES = ['reported', 'assigned', 'followed_up', 'served', 'declined', 'referred', 'lost', 'closed_invalid'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const TERMINAL: readonly CaseStatus[] = ['served', 'declined', 'lost', 'closed_invalid'];

/** Allowed moves. A PKB may record service straight from `assigned` when first contact and service coincide. */
const MOVES: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  reported: ['assigned', 'closed_invalid'],
  assigned: ['followed_up', 'served', 'declined', 'referred', 'closed_invalid'],
  followed_up: ['served', 'declined', 'referred', 'closed_invalid'],
  referred: ['served', 'declined', 'lost'],
  served: [],
  declined: [],
  lost: [],
  closed_invalid: [],
};

/** Only counsellors and their coordinator move cases; cadres report and add notes; residents never move them. */
const MOVERS: readonly Role[] = ['pkb', 'koordinator'];

export function isOpen(status: string): boolean {
  return !(TERMINAL as readonly string[]).includes(status);
}

export function canTransition(from: string, to: string, role: Role | 'resident'): boolean {
  if (role === 'resident' || !MOVERS.includes(role)) return false;
  return (MOVES[from as CaseStatus] ?? []).includes(to as CaseStatus);
}

export function nextStates(from: string, role: Role | 'resident'): CaseStatus[] {
  return CASE_STATUSES.filter((to) => canTransition(from, to, role));
}
