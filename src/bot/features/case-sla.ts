// The case SLA (domain.md §6.2), every morning:
// - a case nobody active works (no one was registered for its desa, or its assignee was deactivated) goes to whoever
//   now serves the desa: its PKB, else the koordinator, else the Dinas;
// - a case not followed up within the configured days reminds its assignee once; after a second period it is
//   escalated once, one level up: a PKB's case to the koordinator (else the Dinas), the koordinator's to the Dinas,
//   the Dinas' own to the other Dinas officers (else the admins, else the lone officer again) — never from a PKB or
//   koordinator back to themselves;
// - a referred case with no outcome after 30 days becomes lost (which frees the resident's slot); its assignee is
//   told, and a resident who agreed to be contacted hears that it is closed.
import type { Tx } from '../../db/client.js';
import {
  activeWithRole,
  assignCase,
  caseAssigneeFor,
  casesAwaitingFollowUp,
  casesWithoutActiveAssignee,
  koordinatorsOf,
  markCaseReminded,
  moveCase,
  referralsWithoutOutcome,
  workerById,
  type CaseRow,
  type CaseWorker,
} from '../../db/repos/cases.repo.js';
import { enqueueOutbound } from '../../db/repos/outbox.repo.js';
import { REFERRAL_LOST_DAYS } from '../../domain/cases/lifecycle.js';
import type { AreaDirectory } from '../../areas/directory.js';
import type { Job } from '../jobs/job.js';
import { closeLoop, handOverRecipients, handOverText } from './cases.js';

const DAY_MS = 86_400_000;

/** One level up from the assignee, never the assignee themselves. */
function escalationTargets(tx: Tx, row: CaseRow, assignee: CaseWorker | undefined): CaseWorker[] {
  const others = (list: CaseWorker[]) => list.filter((p) => p.id !== assignee?.id);
  if (!assignee || assignee.role === 'pkb') {
    const koordinators = others(koordinatorsOf(tx, row.desaCode));
    if (koordinators.length > 0) return koordinators;
  }
  if (!assignee || assignee.role === 'pkb' || assignee.role === 'koordinator') {
    const dinas = others(activeWithRole(tx, 'dinas'));
    if (dinas.length > 0) return dinas;
  }
  const dinas = others(activeWithRole(tx, 'dinas'));
  if (dinas.length > 0) return dinas;
  const admins = others(activeWithRole(tx, 'admin'));
  // The Dinas is the top: a lone officer is told again rather than nobody.
  return admins.length > 0 ? admins : assignee && (assignee.role === 'dinas' || assignee.role === 'admin') ? [assignee] : [];
}

const HELD_BY: Readonly<Record<CaseWorker['role'], string>> = { pkb: 'PKB', koordinator: 'koordinator kecamatan', dinas: 'Dinas', admin: 'Dinas' };

export function runCaseSla(tx: Tx, areas: AreaDirectory, now: Date, followUpDays: number): number {
  {
    let queued = 0;
    const send = (to: string, text: string) => {
      enqueueOutbound(tx, { toAddress: to, priority: 'bulk', kind: 'text', text }, now);
      queued++;
    };

    for (const row of casesWithoutActiveAssignee(tx)) {
      const to = caseAssigneeFor(tx, row.desaCode);
      if (!to || to.id === row.assigneeId) continue;
      const assigned = assignCase(tx, row, to.id, null, now);
      for (const person of handOverRecipients(tx, to)) send(person.phone, handOverText(areas, assigned, to, 'routed'));
    }

    for (const row of casesAwaitingFollowUp(tx, new Date(now.getTime() - followUpDays * DAY_MS))) {
      const since = Date.parse(row.assignedAt ?? row.reportedAt);
      const days = Math.floor((now.getTime() - since) / DAY_MS);
      const place = areas.label(row.desaCode);
      const assignee = row.assigneeId === null ? undefined : workerById(tx, row.assigneeId);
      if (!row.remindedAt && assignee) {
        if (assignee.active) send(assignee.phone, `Pengingat: kasus *${row.code}* (${place}) belum ditindaklanjuti sejak ${days} hari. Ketik KASUS ${row.code}.`);
        markCaseReminded(tx, row, 'reminded', now, `${days} days without follow-up`);
      }
      if (!row.escalatedAt && days >= 2 * followUpDays) {
        const heldBy = assignee ? ` (${HELD_BY[assignee.role]})` : '';
        for (const person of escalationTargets(tx, row, assignee?.active ? assignee : undefined)) {
          send(person.phone, `Eskalasi: kasus *${row.code}* (${place}) belum ditindaklanjuti petugas${heldBy} selama ${days} hari. Ketik KASUS ${row.code} untuk melihatnya.`);
        }
        markCaseReminded(tx, row, 'escalated', now, `${days} days without follow-up`);
      }
    }

    for (const row of referralsWithoutOutcome(tx, new Date(now.getTime() - REFERRAL_LOST_DAYS * DAY_MS))) {
      const lost = moveCase(tx, row, 'lost', { action: 'lost', note: `${REFERRAL_LOST_DAYS} days after referral without outcome`, byPersonId: null, now });
      const assignee = row.assigneeId === null ? undefined : workerById(tx, row.assigneeId);
      if (assignee?.active) {
        send(assignee.phone, `Kasus *${row.code}* (${areas.label(row.desaCode)}) dirujuk ${REFERRAL_LOST_DAYS} hari lalu tanpa kabar pelayanan, jadi ditutup sebagai tidak terlacak.`);
      }
      if (lost.reporterAddress) queued++;
      closeLoop(tx, lost, now);
    }
    return queued;
  }
}

/** Every morning (default 08:00 WITA); a morning missed while the bot was down is made up the same day. */
export function caseSlaJob(cronExpression: string, followUpDays: number): Job {
  return {
    name: 'case_sla',
    cron: cronExpression,
    catchUpWithinMs: 12 * 3600_000,
    run: (tx, { areas, now }) => runCaseSla(tx, areas, now, followUpDays),
  };
}
