// A case action recorded through the HTTP API (issue 13): the same lifecycle rules, history row and notices as
// `KASUS <kode>` in WhatsApp (storeCaseAction), in one transaction with the audit row. A token is not a person, so the
// action is recorded under the case's assignee when the token's role is theirs, else under the first registered
// active person of the token's role who works the desa (PKB/koordinator covering it; any Dinas officer or admin).
// Notes are screened for personal data by the WhatsApp question's own check (screenShortText).
// main.ts passes this to the HTTP app (http/ does not import bot/); the shapes match http/context.ts.
import type { AreaDirectory } from '../../areas/directory.js';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../../db/repos/audit.repo.js';
import { findCaseByCode, workerById, workersCovering, type CaseWorker } from '../../db/repos/cases.repo.js';
import { mayTakeAction } from '../../domain/cases/lifecycle.js';
import { DECLINE_OPTIONS, FACILITY_OPTIONS, INVALID_OPTIONS, labelWithNote, type LabelledOption } from '../../flows/cases/case-options.js';
import { screenShortText } from '../../flows/cases/case-validators.js';
import { CASE_NOTE_ARGS } from '../../flows/cases/case-work-flow.js';
import type { CaseActionOutcome, CaseActionRequest } from '../../domain/api-ports.js';
import { storeCaseAction } from './cases.js';

const LISTS: Readonly<Record<'decline' | 'invalid' | 'refer', readonly LabelledOption[]>> = { decline: DECLINE_OPTIONS, invalid: INVALID_OPTIONS, refer: FACILITY_OPTIONS };

/** The history note as WhatsApp stores it: the chosen reason's label ("Lainnya: …" with a typed note), or the screened note. */
function noteOf(request: CaseActionRequest): { ok: true; note: string | null } | { ok: false; detail: string; field: string } {
  const typed = request.note?.trim() ? request.note : null;
  let screened: string | null = null;
  if (typed !== null) {
    const args = request.action === 'decline' || request.action === 'invalid' || request.action === 'refer' ? CASE_NOTE_ARGS[request.action] : CASE_NOTE_ARGS.other;
    const result = screenShortText(typed, args);
    if (!result.ok) return { ok: false, detail: result.reason, field: 'note' };
    screened = result.text;
  }
  if (request.action === 'decline' || request.action === 'invalid' || request.action === 'refer') {
    const key = (request.action === 'refer' ? request.facility : request.reason) ?? '';
    const field = request.action === 'refer' ? 'facility' : 'reason';
    if (!LISTS[request.action].some((o) => o.key === key)) return { ok: false, detail: 'Pilihan tidak dikenal.', field };
    // As in WhatsApp: a note goes with "lainnya" only, and "lainnya" needs one.
    if (key === 'lainnya' && screened === null) return { ok: false, detail: 'Untuk "lainnya", tulis catatannya singkat.', field: 'note' };
    if (key !== 'lainnya' && screened !== null) return { ok: false, detail: 'Catatan hanya untuk pilihan "lainnya".', field: 'note' };
    return { ok: true, note: labelWithNote(LISTS[request.action], key, screened) };
  }
  if (request.action === 'reassign' && screened !== null) return { ok: false, detail: 'Pengalihan tidak memakai catatan.', field: 'note' };
  return { ok: true, note: screened };
}

const DETAIL_FIELD: Readonly<Partial<Record<CaseActionRequest['action'], string>>> = { serve: 'date', decline: 'reason', invalid: 'reason', refer: 'facility', reassign: 'assign_to' };

export function apiCaseActor(deps: { db: Db; areas: AreaDirectory; now: () => Date }) {
  return (request: CaseActionRequest): CaseActionOutcome =>
    deps.db.transaction((tx): CaseActionOutcome => {
      const now = deps.now();
      const row = findCaseByCode(tx, request.code.toUpperCase());
      if (!row) return { ok: false, reason: 'not_found', detail: 'no such case' };
      if (request.allowedDesa !== null && !request.allowedDesa.has(row.desaCode)) return { ok: false, reason: 'out_of_scope', detail: 'outside the token\'s areas' };
      if (!mayTakeAction(request.action, request.role)) return { ok: false, reason: 'role', detail: `a ${request.role} may not ${request.action} a case` };
      const note = noteOf(request);
      if (!note.ok) return { ok: false, reason: 'invalid', detail: note.detail, field: note.field };
      const assignee = row.assigneeId === null ? undefined : workerById(tx, row.assigneeId);
      const person: CaseWorker | undefined = assignee?.active && assignee.role === request.role ? assignee : workersCovering(tx, row.desaCode, request.role)[0];
      if (!person) return { ok: false, reason: 'no_person', detail: `no active ${request.role} is registered for this case's desa` };
      const stored = storeCaseAction(
        tx,
        {
          row,
          worker: { personId: person.id, role: request.role },
          event: { action: request.action, note: note.note, method: request.method ?? null, date: request.date ?? null, ...(request.assignTo !== undefined ? { assignTo: request.assignTo } : {}) },
          inboundId: null,
          noticePriority: 'notice',
        },
        { now, areas: deps.areas },
      );
      if (!stored.ok) {
        switch (stored.reason) {
          case 'role':
            return { ok: false, reason: 'role', detail: stored.text };
          case 'status':
            return { ok: false, reason: 'status', detail: stored.text, status: row.status };
          case 'detail':
          case 'target':
            return { ok: false, reason: 'invalid', detail: stored.text, field: DETAIL_FIELD[request.action] ?? 'action' };
        }
      }
      recordAudit(tx, {
        actor: { kind: 'token', id: request.tokenId },
        action: 'case.action',
        at: now,
        areaCode: row.desaCode,
        targets: [row.code],
        detail: { action: request.action, from: row.status, to: stored.row.status, as_person: person.id, via: 'api' },
      });
      return { ok: true, status: stored.row.status, actedAsName: person.name, actedAsRole: person.role, residentNotified: stored.residentNotified };
    });
}

