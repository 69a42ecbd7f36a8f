// DAFTAR GRUP and HAPUS GRUP inside a WhatsApp group: the host side. The rules and texts are pure
// (flows/groups/group-registration.ts); this reads the bindings, stores the change and queues the answers, all in
// the message's transaction.
import type { Tx } from '../../db/client.js';
import { bindGroup, bindingOfGroup, groupBoundTo, unbindGroup } from '../../db/repos/groups.repo.js';
import { enqueueOutbound } from '../../db/repos/outbox.repo.js';
import { planRegistration, planRemoval, resolveRegistration } from '../../flows/groups/group-registration.js';
import type { GroupCommandHandlers, GroupContext } from '../group-messages.js';

/** One line to everyone in the group, as the answer to the command just written there. */
function answer(tx: Tx, ctx: GroupContext, text: string): void {
  enqueueOutbound(tx, { toAddress: ctx.group.id, priority: 'reply', kind: 'text', text, inboundId: ctx.inboundId }, ctx.now);
}

export function groupRegistrationHandlers(): Pick<GroupCommandHandlers, 'register' | 'unregister'> {
  return {
    register(tx, command, ctx) {
      const resolved = resolveRegistration(ctx.actor, command.target, ctx.areas);
      if (resolved.kind === 'reply') return answer(tx, ctx, resolved.text);
      const { target } = resolved;
      const current = { ofGroup: bindingOfGroup(tx, ctx.group.id) ?? null, ofTarget: groupBoundTo(tx, target.role, target.areaCode) ?? null };
      const plan = planRegistration(ctx.actor, ctx.areas, ctx.group, target, current);
      if (plan.kind === 'reply') return answer(tx, ctx, plan.text);
      const by = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
      bindGroup(tx, { groupId: ctx.group.id, role: target.role, areaCode: target.areaCode, byPersonId: by, via: 'whatsapp', now: ctx.now });
      answer(tx, ctx, plan.reply);
      // The group that held this area until now hears why its messages stop.
      if (plan.replaced) enqueueOutbound(tx, { toAddress: plan.replaced.groupId, priority: 'notice', kind: 'text', text: plan.replaced.text, inboundId: ctx.inboundId }, ctx.now);
      ctx.logger.info({ role: target.role, area: target.areaCode, replaced: plan.replaced !== null }, 'group bound');
    },
    unregister(tx, _command, ctx) {
      const plan = planRemoval(ctx.actor, ctx.areas, bindingOfGroup(tx, ctx.group.id) ?? null);
      if (plan.kind === 'reply') return answer(tx, ctx, plan.text);
      const removed = unbindGroup(tx, ctx.group.id);
      answer(tx, ctx, plan.reply);
      ctx.logger.info({ role: removed?.role, area: removed?.areaCode }, 'group unbound');
    },
  };
}
