// WhatsApp groups bound to a role and an area (part of schema.ts).
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { GROUP_ROLES } from '../domain/groups.js';
import { areas, chatGroups, people } from './schema.js';

export { GROUP_ROLES, type GroupRole } from '../domain/groups.js';

/**
 * Which group receives what is pushed to a role and an area (digests, summaries, named lists). At most one group
 * per group id and one per (role, area): a new registration of the same area replaces the old group, so nobody
 * has to wonder which of two groups counts. Removing a binding deletes its row; the group stays in chat_groups.
 */
export const groupBindings = sqliteTable(
  'group_bindings',
  {
    groupId: text('group_id')
      .primaryKey()
      .references(() => chatGroups.id),
    role: text('role', { enum: GROUP_ROLES }).notNull(),
    /** The kecamatan for 'pkb', the kabupaten for 'dinas'. */
    areaCode: text('area_code')
      .notNull()
      .references(() => areas.code),
    /** Who sent DAFTAR GRUP; null when an operator bound it from the command line. */
    boundByPersonId: integer('bound_by_person_id').references(() => people.id),
    boundVia: text('bound_via', { enum: ['whatsapp', 'cli'] }).notNull(),
    boundAt: text('bound_at').notNull(),
  },
  (t) => [uniqueIndex('group_bindings_role_area_code_idx').on(t.role, t.areaCode)],
);
