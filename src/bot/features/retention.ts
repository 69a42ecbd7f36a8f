// Data retention (UU PDP), every night on the bot's clock (node-cron in serve, the simulated clock in the simulator):
// - inbound message text and WhatsApp's sent-message copies are deleted after the retention period, and the text of
//   sent outbox messages is blanked (the rows stay), since a reply can echo what was typed;
// - a conversation idle longer than the conversation expiry keeps its answers but not the text as typed (a draft
//   left behind must not hold a typed NIK for ever);
// - cases closed more than 12 months ago are de-identified (docs/domain.md §10);
// - media files (charts, XLSX) of messages done longer than the retention ago, and files no message points to, are
//   deleted (media/prune-media.ts).
import type { DbOrTx } from '../../db/client.js';
import { deidentifyClosedCases } from '../../db/repos/cases.repo.js';
import { conversationsIdleSince, replaceConversationState } from '../../db/repos/conversations.repo.js';
import { pruneInbound } from '../../db/repos/inbound.repo.js';
import { blankOldOutboxText } from '../../db/repos/outbox.repo.js';
import { pruneSentMessages } from '../../db/repos/whatsapp.repo.js';
import { forgetConversationText } from '../../flows/conversation.js';
import type { ConversationState } from '../../flows/engine/types.js';
import type { MediaStore } from '../../media/media-store.js';
import { pruneMedia } from '../../media/prune-media.js';
import type { Job } from '../jobs/job.js';

const DAY_MS = 86_400_000;

/** Closed cases are de-identified this long after closing. */
export const CASE_DEIDENTIFY_DAYS = 365;

export interface RetentionSettings {
  retentionDays: number;
  /** Idle time after which a conversation closes (IMP_CONVERSATION_EXPIRY_HOURS), in milliseconds. */
  conversationExpiryMs: number;
}

/** Drops the typed text of conversations idle past the expiry; returns how many changed. */
function forgetIdleConversationText(db: DbOrTx, before: Date): number {
  let changed = 0;
  for (const row of conversationsIdleSince(db, before)) {
    const state = JSON.parse(row.state) as ConversationState;
    const cleaned = forgetConversationText(state);
    if (JSON.stringify(cleaned) === row.state) continue;
    replaceConversationState(db, row.senderKey, cleaned);
    changed++;
  }
  return changed;
}

/** Everything above in the run's transaction; returns the number of rows removed or changed. */
export function runRetention(tx: DbOrTx, now: Date, settings: RetentionSettings): number {
  const cutoff = new Date(now.getTime() - settings.retentionDays * DAY_MS);
  return (
    pruneInbound(tx, cutoff) +
    pruneSentMessages(tx, cutoff) +
    blankOldOutboxText(tx, cutoff) +
    forgetIdleConversationText(tx, new Date(now.getTime() - settings.conversationExpiryMs)) +
    deidentifyClosedCases(tx, new Date(now.getTime() - CASE_DEIDENTIFY_DAYS * DAY_MS), now)
  );
}

/**
 * Every night (default 02:15 WITA, when the bot is quiet). A night missed while the server was off is made up at
 * start, up to a week late: data must not outlive its retention because a server was switched off.
 */
export function retentionJob(cronExpression: string, settings: RetentionSettings, media: MediaStore | null = null): Job {
  return {
    name: 'message_retention',
    cron: cronExpression,
    catchUpWithinMs: 7 * DAY_MS,
    run: (tx, { now, logger }) => {
      const removed = runRetention(tx, now, settings);
      if (removed > 0) logger.info({ removed }, 'pruned old message logs, typed text and closed cases');
      const files = media ? pruneMedia(tx, media, now, { retentionDays: settings.retentionDays }) : 0;
      if (files > 0) logger.info({ files }, 'deleted old media files');
      return 0;
    },
  };
}
