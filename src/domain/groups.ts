// What a WhatsApp group can be bound to (issue 10): the PKB group of a kecamatan, or the Dinas group of the kabupaten.
// Pure data, shared by the db schema and the group commands.
export const GROUP_ROLES = ['pkb', 'dinas'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];
