// A message written in a WhatsApp group, inside the router's transaction. The bot holds no conversation there (a
// menu would show one person's data to everyone): the message is either a group command with a handler, which
// answers, or nothing, and then the bot stays silent and keeps no copy of what was written.
import type { AreaDirectory } from '../areas/directory.js';
import type { Tx } from '../db/client.js';
import { groupLabel, rememberGroup } from '../db/repos/groups.repo.js';
import type { InboundOutcome } from '../db/repos/inbound.repo.js';
import { findActivePersonByPhone } from '../db/repos/people.repo.js';
import type { Actor } from '../flows/engine/types.js';
import { parseGroupCommand, type GroupCommand } from '../flows/groups/group-commands.js';
import type { Logger } from '../logger.js';
import { actorOf } from './actor.js';
import type { InboundMessage } from './transport.js';

/** What a group command's handler knows about the message. */
export interface GroupContext {
  now: Date;
  areas: AreaDirectory;
  /** The member who wrote, as registered (a resident when unknown or inactive). */
  actor: Actor;
  /** The group: replies to everyone go to `group.id`. */
  group: { id: string; label: string };
  /** The member's conversation key (E.164 phone, or the transport's raw id). */
  senderKey: string;
  /** The member's phone when known: where a private answer goes (HADIR). */
  senderPhone: string | null;
  inboundId: number;
  logger: Logger;
}

/**
 * One handler per group command, run in the message's transaction; it queues its own answers (enqueueOutbound, to the
 * group or, for a private answer, to the member). A command without a handler gets no answer. A handler returns false
 * when the message turned out not to be its command after all (chatter starting with the same word): it is then
 * ignored like any other group message, and its text is not kept.
 */
export type GroupCommandHandlers = {
  [K in GroupCommand['kind']]?: (tx: Tx, command: Extract<GroupCommand, { kind: K }>, ctx: GroupContext) => void | boolean;
};

export interface GroupMessageDeps {
  areas: AreaDirectory;
  logger: Logger;
  handlers: GroupCommandHandlers;
}

/**
 * Handles a group message: 'handled' when a command's handler ran, 'ignored' otherwise. `forgetText`: the message was
 * not for the bot, so the journal keeps no copy of it (members talk to each other there, not to us).
 */
export function handleGroupMessage(
  tx: Tx,
  received: { inboundId: number; message: InboundMessage; groupId: string; senderKey: string; now: Date },
  deps: GroupMessageDeps,
): { outcome: InboundOutcome; forgetText: boolean } {
  const { inboundId, message, groupId, senderKey, now } = received;
  rememberGroup(tx, groupId, message.chat.kind === 'group' ? message.chat.label : null);
  const command = message.content.kind === 'text' ? parseGroupCommand(message.content.text) : null;
  const handler = command ? (deps.handlers[command.kind] as ((tx: Tx, command: GroupCommand, ctx: GroupContext) => void | boolean) | undefined) : undefined;
  if (!command || !handler) return { outcome: 'ignored', forgetText: true };
  const person = message.from.phone ? findActivePersonByPhone(tx, message.from.phone) : undefined;
  const answered = handler(tx, command, {
    now,
    areas: deps.areas,
    actor: actorOf(person),
    group: { id: groupId, label: groupLabel(tx, groupId) ?? groupId },
    senderKey,
    senderPhone: message.from.phone,
    inboundId,
    logger: deps.logger,
  });
  return answered === false ? { outcome: 'ignored', forgetText: true } : { outcome: 'handled', forgetText: false };
}
