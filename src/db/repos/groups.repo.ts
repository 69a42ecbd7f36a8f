// WhatsApp groups by id, with a human label (the group's name as WhatsApp or the simulator gives it), and what each
// group is bound to (a kecamatan's PKB group, the Dinas group).
import { and, asc, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { chatGroups, groupBindings, people, type GroupRole } from '../schema.js';

export interface GroupBinding {
  groupId: string;
  /** The group's label (its name when known, else its id). */
  label: string;
  role: GroupRole;
  /** The kecamatan for 'pkb', the kabupaten for 'dinas'. */
  areaCode: string;
  boundByPersonId: number | null;
  /** The name of who bound it, when a person did. */
  boundByName: string | null;
  boundVia: 'whatsapp' | 'cli';
  boundAt: string;
}

export interface GroupView {
  id: string;
  label: string;
  /** When the bot first saw the group. */
  createdAt: string;
  binding: GroupBinding | null;
}

/**
 * Records a group the bot has seen. A label that is the group's real name replaces an older one (a group renamed, or
 * first seen before its name was known); no label, or the id itself, leaves the stored one alone.
 */
export function rememberGroup(db: DbOrTx, id: string, label?: string | null): void {
  const named = label && label !== id ? label : null;
  db.insert(chatGroups)
    .values({ id, label: named ?? id })
    .onConflictDoNothing()
    .run();
  if (named) db.update(chatGroups).set({ label: named }).where(and(eq(chatGroups.id, id), ne(chatGroups.label, named))).run();
}

export function groupLabel(db: DbOrTx, id: string): string | undefined {
  return db.select({ label: chatGroups.label }).from(chatGroups).where(eq(chatGroups.id, id)).get()?.label;
}

const BINDING = {
  groupId: groupBindings.groupId,
  label: chatGroups.label,
  role: groupBindings.role,
  areaCode: groupBindings.areaCode,
  boundByPersonId: groupBindings.boundByPersonId,
  boundByName: people.name,
  boundVia: groupBindings.boundVia,
  boundAt: groupBindings.boundAt,
};

function bindings(db: DbOrTx) {
  return db
    .select(BINDING)
    .from(groupBindings)
    .innerJoin(chatGroups, eq(chatGroups.id, groupBindings.groupId))
    .leftJoin(people, eq(people.id, groupBindings.boundByPersonId));
}

/** What this group is bound to, if anything. */
export function bindingOfGroup(db: DbOrTx, groupId: string): GroupBinding | undefined {
  return bindings(db).where(eq(groupBindings.groupId, groupId)).get();
}

/** The group bound to this role and area, if any (at most one). */
export function groupBoundTo(db: DbOrTx, role: GroupRole, areaCode: string): GroupBinding | undefined {
  return bindings(db)
    .where(and(eq(groupBindings.role, role), eq(groupBindings.areaCode, areaCode)))
    .get();
}

/** The group bound to this role in any area: for 'dinas', bound to the one kabupaten. */
export function groupBoundToRole(db: DbOrTx, role: GroupRole): GroupBinding | undefined {
  return bindings(db).where(eq(groupBindings.role, role)).orderBy(asc(groupBindings.boundAt)).get();
}

/** Every group the bot has seen, oldest first, with its binding. */
export function listGroups(db: DbOrTx): GroupView[] {
  const bound = new Map(bindings(db).all().map((b) => [b.groupId, b]));
  return db
    .select()
    .from(chatGroups)
    .orderBy(asc(chatGroups.createdAt), asc(chatGroups.id))
    .all()
    .map((g) => ({ id: g.id, label: g.label, createdAt: g.createdAt, binding: bound.get(g.id) ?? null }));
}

export interface NewBinding {
  groupId: string;
  role: GroupRole;
  areaCode: string;
  byPersonId: number | null;
  via: 'whatsapp' | 'cli';
  now: Date;
}

/**
 * Binds the group (which must be known) to the role and area. Whatever the group was bound to before is dropped, and
 * so is another group's binding to the same role and area (one group per area): both are returned for the caller
 * to tell. Call it in one transaction with the messages that say so.
 */
export function bindGroup(db: DbOrTx, binding: NewBinding): { previous: GroupBinding | null; replaced: GroupBinding | null } {
  const previous = bindingOfGroup(db, binding.groupId) ?? null;
  const holder = groupBoundTo(db, binding.role, binding.areaCode);
  const replaced = holder && holder.groupId !== binding.groupId ? holder : null;
  if (previous) db.delete(groupBindings).where(eq(groupBindings.groupId, previous.groupId)).run();
  if (replaced) db.delete(groupBindings).where(eq(groupBindings.groupId, replaced.groupId)).run();
  db.insert(groupBindings)
    .values({
      groupId: binding.groupId,
      role: binding.role,
      areaCode: binding.areaCode,
      boundByPersonId: binding.byPersonId,
      boundVia: binding.via,
      boundAt: binding.now.toISOString(),
    })
    .run();
  return { previous, replaced };
}

/** Removes the group's binding; returns what it was (undefined: it had none). The group itself stays known. */
export function unbindGroup(db: DbOrTx, groupId: string): GroupBinding | undefined {
  const current = bindingOfGroup(db, groupId);
  if (current) db.delete(groupBindings).where(eq(groupBindings.groupId, groupId)).run();
  return current;
}
