// A case opened by a PKB, koordinator or the Dinas (KASUS <kode>) is a view of its details: written to the audit log
// in the message's transaction, with who, which case and its desa. Not the case's contents.
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../../db/repos/audit.repo.js';
import { findCaseByCode } from '../../db/repos/cases.repo.js';
import type { CaseViewed } from '../../flows/engine/types.js';
import type { ApplyContext } from '../apply-events.js';

export function caseViewedHandler() {
  return (tx: Tx, event: CaseViewed, ctx: ApplyContext): void => {
    if (ctx.actor.kind !== 'person') return; // only officers can open a case; a resident never gets here
    const row = findCaseByCode(tx, event.code);
    recordAudit(tx, { actor: { kind: 'person', id: ctx.actor.personId }, action: 'case.view', at: ctx.now, areaCode: row?.desaCode ?? null, targets: [event.code] });
  };
}
