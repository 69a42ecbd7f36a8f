// The case SLA (domain.md §6.2): a case not followed up within the configured days reminds its PKB once; after a
// second period it is escalated to the kecamatan's koordinator once and marked escalated (counted for the Dinas).
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { casesAwaitingFollowUp, markCaseReminded } from '../../db/repos/cases.repo.js';
import { enqueueOutbound } from '../../db/repos/outbox.repo.js';
import { peopleCovering } from '../../db/repos/recaps.repo.js';
import { people } from '../../db/schema.js';
import type { AreaDirectory } from '../../areas/directory.js';
import type { DailyJob } from '../scheduler.js';

const DAY_MS = 86_400_000;

export function runCaseSla(db: Db, areas: AreaDirectory, now: Date, followUpDays: number): number {
  return db.transaction((tx) => {
    let queued = 0;
    for (const row of casesAwaitingFollowUp(tx, new Date(now.getTime() - followUpDays * DAY_MS))) {
      const ageDays = Math.floor((now.getTime() - Date.parse(row.reportedAt)) / DAY_MS);
      const place = areas.label(row.desaCode);
      if (!row.remindedAt && row.assigneeId) {
        const assignee = tx.select({ phone: people.phone, active: people.active }).from(people).where(eq(people.id, row.assigneeId)).get();
        if (assignee?.active) {
          enqueueOutbound(tx, { toAddress: assignee.phone, priority: 'bulk', kind: 'text', text: `Pengingat: kasus *${row.code}* (${place}) belum ditindaklanjuti sejak ${ageDays} hari. Ketik KASUS ${row.code}.` }, now);
          queued++;
        }
        markCaseReminded(tx, row, 'reminded', now, `${ageDays} days without follow-up`);
      }
      if (!row.escalatedAt && ageDays >= 2 * followUpDays) {
        for (const koordinator of peopleCovering(tx, row.desaCode, ['koordinator'])) {
          enqueueOutbound(tx, { toAddress: koordinator.phone, priority: 'bulk', kind: 'text', text: `Eskalasi: kasus *${row.code}* (${place}) belum ditindaklanjuti PKB selama ${ageDays} hari.` }, now);
          queued++;
        }
        markCaseReminded(tx, row, 'escalated', now, `${ageDays} days without follow-up`);
      }
    }
    return queued;
  });
}

/** Every morning at 08:00 WITA. */
export function caseSlaJob(db: () => Db, areas: () => AreaDirectory, followUpDays: number, onQueued: () => void): DailyJob {
  return {
    name: 'case_sla',
    hour: 8,
    minute: 0,
    run: (now) => {
      if (runCaseSla(db(), areas(), now, followUpDays) > 0) onQueued();
    },
  };
}
