// Where pushed messages (digests, summaries, named lists) for a kecamatan's PKB or for the Dinas go: the group
// bound to it, else the people one by one.
import { and, asc, eq, inArray, like } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { groupBoundTo, groupBoundToRole } from '../../db/repos/groups.repo.js';
import { people, personAreas } from '../../db/schema.js';
import type { Role } from '../../domain/roles.js';

/** Whom a pushed message is for: the PKB side of one kecamatan, or the Dinas. */
export type RecipientTarget = { role: 'pkb'; kecamatanCode: string } | { role: 'dinas' };

export interface RecipientPerson {
  personId: number;
  /** E.164: the address to enqueue to. */
  phone: string;
  name: string;
  role: Role;
}

export type Recipients =
  /** The group bound to the target: one message to `groupId`, and no personal data in it (everyone there reads it). */
  | { kind: 'group'; groupId: string; label: string }
  /** No group is bound: the same message to each person (may be empty: nobody is registered for it). */
  | { kind: 'people'; people: RecipientPerson[] };

/**
 * Who receives what is pushed to a target, resolved now (call it inside the transaction that enqueues):
 * - a group bound to it (DAFTAR GRUP PKB <kecamatan> / DAFTAR GRUP DINAS, or `imp-smart groups set`) gets it, once;
 * - otherwise, for a kecamatan: its active PKB (role pkb covering any desa of the kecamatan), then its active
 *   koordinator; for the Dinas: every active person with role dinas. Each person once, in that order.
 * A group stays bound when the people who bound it leave; HAPUS GRUP (or `groups remove`) sends things back to the
 * people. Messages to a group carry no names of residents or phone numbers; enqueue them with priority 'bulk'.
 */
export function recipientsFor(tx: DbOrTx, target: RecipientTarget): Recipients {
  // The Dinas group is bound to the kabupaten, and there is one kabupaten.
  const group = target.role === 'pkb' ? groupBoundTo(tx, 'pkb', target.kecamatanCode) : groupBoundToRole(tx, 'dinas');
  if (group) return { kind: 'group', groupId: group.groupId, label: group.label };
  return { kind: 'people', people: target.role === 'pkb' ? kecamatanPeople(tx, target.kecamatanCode) : activeWithRoles(tx, ['dinas']) };
}

/** The addresses to enqueue one message to: the group's id, or each person's phone. */
export function recipientAddresses(recipients: Recipients): string[] {
  return recipients.kind === 'group' ? [recipients.groupId] : recipients.people.map((p) => p.phone);
}

function activeWithRoles(tx: DbOrTx, roles: readonly Role[]): RecipientPerson[] {
  return tx
    .select({ personId: people.id, phone: people.phone, name: people.name, role: people.role })
    .from(people)
    .where(and(eq(people.active, true), inArray(people.role, [...roles])))
    .orderBy(asc(people.id))
    .all();
}

/** Active PKB covering a desa of the kecamatan, then its active koordinator; each person once. */
function kecamatanPeople(tx: DbOrTx, kecamatanCode: string): RecipientPerson[] {
  const rows = tx
    .selectDistinct({ personId: people.id, phone: people.phone, name: people.name, role: people.role })
    .from(people)
    .innerJoin(personAreas, eq(personAreas.personId, people.id))
    .where(and(eq(people.active, true), inArray(people.role, ['pkb', 'koordinator']), like(personAreas.areaCode, `${kecamatanCode}.%`)))
    .orderBy(asc(people.id))
    .all();
  // A koordinator registered for the kecamatan itself but covering no desa yet is still its koordinator.
  const home = tx
    .select({ personId: people.id, phone: people.phone, name: people.name, role: people.role })
    .from(people)
    .where(and(eq(people.active, true), eq(people.role, 'koordinator'), eq(people.homeAreaCode, kecamatanCode)))
    .all();
  const byId = new Map([...rows, ...home].map((p) => [p.personId, p]));
  return [...byId.values()].sort((a, b) => (a.role === b.role ? a.personId - b.personId : a.role === 'pkb' ? -1 : 1));
}
