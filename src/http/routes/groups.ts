// WhatsApp groups and what each is bound to (a kecamatan's PKB group, the Dinas group): where the bot's pushed
// messages go. Binding stays with DAFTAR GRUP in the group or `imp-smart groups set`.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listGroups } from '../../db/repos/groups.repo.js';
import { GROUP_ROLES } from '../../domain/groups.js';
import type { ApiRole } from '../../domain/api-roles.js';
import { requireRole, SECURITY } from '../auth/bearer.js';
import { mayAccess } from '../auth/token-scope.js';
import type { ApiContext } from '../context.js';
import { ERROR_RESPONSES } from '../errors.js';
import { pageOf, paginate, Pagination } from '../schemas.js';

/** Group bindings are set up by operators, the Dinas and koordinators; a PKB gets its kecamatan's messages, not this list. */
export const GROUP_READERS: readonly ApiRole[] = ['admin', 'dinas', 'koordinator'];

const GroupItem = z.object({
  id: z.string().describe('WhatsApp group id (…@g.us)'),
  label: z.string(),
  seen_since: z.string(),
  binding: z
    .object({ role: z.enum(GROUP_ROLES), area_code: z.string(), area_label: z.string(), bound_by_name: z.string().nullable(), bound_via: z.enum(['whatsapp', 'cli']), bound_at: z.string() })
    .nullable(),
});

export const groupsRoutes: FastifyPluginAsync<{ api: ApiContext }> = async (app, { api: ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/groups',
    {
      schema: {
        tags: ['groups'],
        summary: 'Grup WhatsApp dan pengikatannya',
        security: SECURITY,
        querystring: Pagination.extend({ bound: z.enum(['true', 'false']).optional(), role: z.enum(GROUP_ROLES).optional() }),
        response: { 200: pageOf(GroupItem), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const scope = requireRole(request, GROUP_READERS);
      const { bound, role } = request.query;
      // Unbound groups and the Dinas group are the kabupaten's business; a kecamatan token sees its PKB group.
      const items = listGroups(ctx.db)
        .filter((g) => (scope.desa === null ? true : g.binding?.role === 'pkb' && mayAccess(scope, g.binding.areaCode, ctx.areas)))
        .filter((g) => (!bound || (g.binding !== null) === (bound === 'true')) && (!role || g.binding?.role === role))
        .map((g) => ({
          id: g.id,
          label: g.label,
          seen_since: g.createdAt,
          binding: g.binding
            ? {
                role: g.binding.role,
                area_code: g.binding.areaCode,
                area_label: ctx.areas.label(g.binding.areaCode),
                bound_by_name: g.binding.boundByName,
                bound_via: g.binding.boundVia,
                bound_at: g.binding.boundAt,
              }
            : null,
        }));
      return paginate(items, request.query);
    },
  );
};
