// Data retention (UU PDP): inbound message text and WhatsApp's sent-message copies are deleted after the retention
// period, every night, on the bot's clock (node-cron in serve, the simulated clock in the simulator).
import type { Db } from '../../db/client.js';
import { pruneInbound } from '../../db/repos/inbound.repo.js';
import { pruneSentMessages } from '../../db/repos/whatsapp.repo.js';
import type { Logger } from '../../logger.js';
import type { DailyJob } from '../scheduler.js';

const DAY_MS = 86_400_000;

/** Deletes what is older than `retentionDays` in one transaction; returns the number of rows removed. */
export function runRetention(db: Db, now: Date, retentionDays: number): number {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  return db.transaction((tx) => pruneInbound(tx, cutoff) + pruneSentMessages(tx, cutoff));
}

/** Every night at 02:15 WITA, when the bot is quiet; serve also runs it once at start (a server off at 02:15 would skip it). */
export function retentionJob(db: () => Db, retentionDays: number, logger: Logger): DailyJob {
  return {
    name: 'message_retention',
    hour: 2,
    minute: 15,
    atStart: true,
    run: (now) => {
      const removed = runRetention(db(), now, retentionDays);
      if (removed > 0) logger.info({ removed }, 'pruned old message logs');
    },
  };
}
