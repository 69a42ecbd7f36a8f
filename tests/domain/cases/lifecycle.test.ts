import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, TERMINAL_STATUSES, type CaseStatus } from '../../../src/domain/cases/case-model.js';
import {
  ACTION_TARGET,
  availableActions,
  CASE_ACTIONS,
  canAddNote,
  canCreateCase,
  canReassign,
  canTransition,
  checkAction,
  nextStates,
  type CaseActor,
} from '../../../src/domain/cases/lifecycle.js';

const ACTORS: readonly CaseActor[] = ['ppkbd', 'sub_ppkbd', 'pkb', 'koordinator', 'dinas', 'admin', 'resident', 'system'];

/** docs/domain.md §6.2, written out independently of TRANSITIONS. */
const MOVER_EDGES: readonly [CaseStatus, CaseStatus][] = [
  ['reported', 'assigned'],
  ['reported', 'closed_invalid'],
  ['assigned', 'followed_up'],
  ['assigned', 'closed_invalid'],
  ['followed_up', 'served'],
  ['followed_up', 'declined'],
  ['followed_up', 'referred'],
  ['followed_up', 'closed_invalid'],
  ['referred', 'served'],
  ['referred', 'declined'],
  ['referred', 'lost'],
];
const SYSTEM_EDGES: readonly [CaseStatus, CaseStatus][] = [
  ['reported', 'assigned'],
  ['referred', 'lost'],
];

function expected(from: CaseStatus, to: CaseStatus, actor: CaseActor): boolean {
  // The Dinas (dinas, admin) works the cases of desa with no PKB and no koordinator, so it moves cases too.
  const edges = actor === 'pkb' || actor === 'koordinator' || actor === 'dinas' || actor === 'admin' ? MOVER_EDGES : actor === 'system' ? SYSTEM_EDGES : [];
  return edges.some(([f, t]) => f === from && t === to);
}

const EVERY_MOVE = CASE_STATUSES.flatMap((from) => CASE_STATUSES.flatMap((to) => ACTORS.map((actor) => ({ from, to, actor, allowed: expected(from, to, actor) }))));

describe('canTransition', () => {
  it.each(EVERY_MOVE.filter((m) => m.allowed))('when $actor moves a case from $from to $to, then it is allowed', ({ from, to, actor }) => {
    expect(canTransition(from, to, actor)).toBe(true);
  });

  it.each(EVERY_MOVE.filter((m) => !m.allowed))('when $actor moves a case from $from to $to, then it is forbidden', ({ from, to, actor }) => {
    expect(canTransition(from, to, actor)).toBe(false);
  });

  it('when the table is counted, then PKB, koordinator, dinas and admin have 11 moves each and the system 2', () => {
    for (const actor of ['pkb', 'koordinator', 'dinas', 'admin'] as const) expect(EVERY_MOVE.filter((m) => m.allowed && m.actor === actor)).toHaveLength(11);
    expect(EVERY_MOVE.filter((m) => m.allowed && m.actor === 'system')).toHaveLength(2);
  });

  it.each([
    ['bogus', 'assigned'],
    ['reported', 'bogus'],
    ['', ''],
  ])('when a status is unknown (%s → %s), then no one may move it', (from, to) => {
    for (const actor of ACTORS) expect(canTransition(from, to, actor)).toBe(false);
  });
});

describe('nextStates', () => {
  it.each([
    ['reported', 'pkb', ['assigned', 'closed_invalid']],
    ['assigned', 'pkb', ['followed_up', 'closed_invalid']],
    ['followed_up', 'koordinator', ['served', 'declined', 'referred', 'closed_invalid']],
    ['referred', 'koordinator', ['served', 'declined', 'lost']],
    ['reported', 'system', ['assigned']],
    ['referred', 'system', ['lost']],
    ['followed_up', 'ppkbd', []],
    ['assigned', 'sub_ppkbd', []],
    ['followed_up', 'resident', []],
    ['referred', 'dinas', ['served', 'declined', 'lost']],
    ['assigned', 'admin', ['followed_up', 'closed_invalid']],
  ] as const)('when the case is %s and the actor is %s, then the next statuses are %j', (from, actor, next) => {
    expect(nextStates(from, actor)).toEqual(next);
  });

  it.each(TERMINAL_STATUSES.flatMap((status) => ACTORS.map((actor) => ({ status, actor }))))(
    'when the case is $status (terminal), then $actor has nowhere to move it',
    ({ status, actor }) => {
      expect(nextStates(status, actor)).toEqual([]);
      expect(availableActions(status, actor)).toEqual([]);
    },
  );
});

describe('actions', () => {
  it.each([...CASE_ACTIONS])('when the action is %s, then it leads to exactly one status', (action) => {
    expect(CASE_STATUSES).toContain(ACTION_TARGET[action]);
  });

  it.each([
    ['assigned', ['follow_up', 'invalid']],
    ['followed_up', ['serve', 'decline', 'refer', 'invalid']],
    ['referred', ['serve', 'decline', 'lost']],
  ] as const)('when a PKB opens a case in status %s, then the actions offered are %j', (from, actions) => {
    expect(availableActions(from, 'pkb')).toEqual(actions);
  });
});

describe('who may create cases and add notes', () => {
  it.each([
    ['ppkbd', true, true],
    ['sub_ppkbd', true, true],
    ['pkb', true, true],
    ['koordinator', true, true],
    ['resident', true, false],
    ['dinas', false, false],
    ['admin', false, false],
    ['system', false, false],
  ] as const)('when the actor is %s, then create is %s and note is %s', (actor, create, note) => {
    expect(canCreateCase(actor)).toBe(create);
    expect(canAddNote(actor)).toBe(note);
  });
});

describe('checkAction', () => {
  it.each([
    ['assigned', { action: 'follow_up' }, 'followed_up'],
    ['followed_up', { action: 'serve', method: 'implan', date: '2026-03-02' }, 'served'],
    ['referred', { action: 'serve', method: 'iud', date: '2026-02-28' }, 'served'],
    ['followed_up', { action: 'decline', reason: 'suami tidak setuju' }, 'declined'],
    ['followed_up', { action: 'refer', to: 'Puskesmas Bontomarannu' }, 'referred'],
    ['assigned', { action: 'invalid', reason: 'duplikat' }, 'closed_invalid'],
    ['referred', { action: 'lost' }, 'lost'],
  ] as const)('when a PKB records a complete action on a %s case, then it moves to the action status', (from, input, to) => {
    expect(checkAction(from, input, 'pkb', '2026-03-02')).toEqual({ ok: true, to });
  });

  it.each([
    ['a cadre serves', 'followed_up', { action: 'serve', method: 'pil', date: '2026-03-01' }, 'ppkbd', 'Hanya Penyuluh KB'],
    ['a resident follows up', 'assigned', { action: 'follow_up' }, 'resident', 'Hanya Penyuluh KB'],
    ['a Sub-PPKBD closes', 'assigned', { action: 'invalid', reason: 'x' }, 'sub_ppkbd', 'Hanya Penyuluh KB'],
    ['the system serves', 'referred', { action: 'serve', method: 'pil', date: '2026-03-01' }, 'system', 'Hanya Penyuluh KB'],
    ['a served case is declined', 'served', { action: 'decline', reason: 'berubah pikiran' }, 'pkb', 'sudah selesai'],
    ['an assigned case is served without follow-up', 'assigned', { action: 'serve', method: 'pil', date: '2026-03-01' }, 'pkb', 'belum bisa dicatat'],
    ['a followed-up case is lost', 'followed_up', { action: 'lost' }, 'pkb', 'belum bisa dicatat'],
    ['a service has no method', 'followed_up', { action: 'serve', method: 'belum_tahu' as never, date: '2026-03-01' }, 'pkb', 'Metode'],
    ['a service date is not a date', 'followed_up', { action: 'serve', method: 'pil', date: '2026-02-30' }, 'pkb', 'Tanggal pelayanan tidak valid'],
    ['a service date is in the future', 'followed_up', { action: 'serve', method: 'pil', date: '2026-03-03' }, 'pkb', 'setelah hari ini'],
    ['a decline has no reason', 'followed_up', { action: 'decline', reason: '  ' }, 'pkb', 'Alasan menolak'],
    ['a referral has no place', 'followed_up', { action: 'refer', to: '' }, 'koordinator', 'Tempat rujukan'],
    ['an invalid closure has no reason', 'reported', { action: 'invalid', reason: '' }, 'koordinator', 'Alasan menutup'],
    ['the status is unknown', 'bogus', { action: 'follow_up' }, 'pkb', 'tidak dikenal'],
  ] as const)('when %s, then it is refused with an Indonesian reason', (_what, from, input, actor, error) => {
    const result = checkAction(from, input, actor, '2026-03-02');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(error);
  });

  it.each([
    ['2026-02-31', 'tidak ada di kalender'],
    ['2030-01-01', 'setelah hari ini (02/03/2026)'],
    ['2026-02-27', 'sebelum kasus dilaporkan (28/02/2026)'],
  ])('when the service date is %s, then it is refused (%s)', (date, error) => {
    const result = checkAction('followed_up', { action: 'serve', method: 'pil', date }, 'pkb', '2026-03-02', '2026-02-28');
    expect(result.ok ? '' : result.error).toContain(error);
  });

  it('when the service date is the report day or today, then it is accepted', () => {
    for (const date of ['2026-02-28', '2026-03-02']) expect(checkAction('followed_up', { action: 'serve', method: 'pil', date }, 'pkb', '2026-03-02', '2026-02-28')).toEqual({ ok: true, to: 'served' });
  });

  it.each([
    ['koordinator', true],
    ['dinas', true],
    ['admin', true],
    ['pkb', false],
    ['ppkbd', false],
    ['system', false],
  ] as const)('when %s hands an open case to another PKB, then reassigning is allowed: %s', (actor, allowed) => {
    expect(canReassign('followed_up', actor)).toBe(allowed);
    expect(canReassign('served', actor)).toBe(false);
  });

  it('when no date of today is given, then any valid service date is accepted', () => {
    expect(checkAction('followed_up', { action: 'serve', method: 'mow', date: '2030-01-01' }, 'koordinator')).toEqual({ ok: true, to: 'served' });
  });
});
