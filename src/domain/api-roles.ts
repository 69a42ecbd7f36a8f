// Who an HTTP API token acts as (issue 13): the oversight roles only; cadres use WhatsApp.
export const API_ROLES = ['dinas', 'koordinator', 'pkb', 'admin'] as const;
export type ApiRole = (typeof API_ROLES)[number];
