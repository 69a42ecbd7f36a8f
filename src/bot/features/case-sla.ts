// The case SLA (docs/domain.md §6.2), every morning:
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
import { closeLoop, dinasAddresses, handOverTargets, handOverText, KASUS_IN_PRIVATE } from './cases.js';

const DAY_MS = 86_400_000;

interface Target {
  address: string;
  /** A WhatsApp group (the Dinas group): it cannot answer KASUS there. */
  group: boolean;
}

const person = (p: CaseWorker): Target => ({ address: p.phone, group: false });

/**
 * One level up from the assignee, never the assignee themselves. The Dinas is reached through its registered group
 * when there is one (also for a Dinas officer's own case: the others read it there), else officer by officer.
 */
function escalationTargets(tx: Tx, row: CaseRow, assignee: CaseWorker | undefined): Target[] {
  const others = (list: CaseWorker[]) => list.filter((p) => p.id !== assignee?.id);
  if (!assignee || assignee.role === 'pkb') {
    const koordinators = others(koordinatorsOf(tx, row.desaCode));
    if (koordinators.length > 0) return koordinators.map(person);
  }
  const group = dinasAddresses(tx).filter((t) => t.group);
  if (group.length > 0) return group;
  const dinas = others(activeWithRole(tx, 'dinas'));
  if (dinas.length > 0) return dinas.map(person);
  const admins = others(activeWithRole(tx, 'admin'));
  // The Dinas is the top: a lone officer is told again rather than nobody.
  if (admins.length > 0) return admins.map(person);
  return assignee && (assignee.role === 'dinas' || assignee.role === 'admin') ? [person(assignee)] : [];
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
      for (const target of handOverTargets(tx, to)) send(target.address, handOverText(areas, assigned, to, 'routed', target.group));
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
        for (const target of escalationTargets(tx, row, assignee?.active ? assignee : undefined)) {
          const how = target.group ? KASUS_IN_PRIVATE(row.code) : `Ketik KASUS ${row.code} untuk melihatnya.`;
          send(target.address, `Eskalasi: kasus *${row.code}* (${place}) belum ditindaklanjuti petugas${heldBy} selama ${days} hari. ${how}`);
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
