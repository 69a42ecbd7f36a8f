// Roles of registered people (docs/domain.md §2.2). Pure data, shared by the db schema and the flows.
export const ROLES = ['ppkbd', 'sub_ppkbd', 'pkb', 'koordinator', 'dinas', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Cadres report for one desa; the others supervise an area. */
export const CADRE_ROLES: readonly Role[] = ['ppkbd', 'sub_ppkbd'];
