// A recap verified or returned through the HTTP API (issue 13): the same rules, history and cadre notice as the
// WhatsApp review (storeReview), in one transaction. A token is not a person, so the review is recorded for the
// registered reviewer of the desa whose role matches the token (the PKB of the desa, else the koordinator of its
// kecamatan, else the Dinas): a koordinator token cannot verify a desa that has its own PKB, as in WhatsApp.
// main.ts passes this to the HTTP app (http/ does not import bot/); the shapes match http/context.ts.
import type { AreaDirectory } from '../../areas/directory.js';
import type { Db } from '../../db/client.js';
import { recapById } from '../../db/repos/recaps.repo.js';
import type { RecapSettings } from '../../domain/recap/fields.js';
import type { RecapCalendar } from './recap.js';
import type { RecapReviewOutcome, RecapReviewRequest } from '../../domain/api-ports.js';
import { storeReview } from './recap-review.js';
import { reviewersOf } from './recap-reviewers.js';

export function apiRecapReviewer(deps: { db: Db; areas: AreaDirectory; settings: RecapSettings; calendar: RecapCalendar; now: () => Date }) {
  return (request: RecapReviewRequest): RecapReviewOutcome =>
    deps.db.transaction((tx): RecapReviewOutcome => {
      const row = recapById(tx, request.recapId);
      if (!row || row.unitKey !== '') return { ok: false, reason: 'not_found', detail: 'no such desa recap' };
      if (request.allowedDesa !== null && !request.allowedDesa.has(row.desaCode)) return { ok: false, reason: 'out_of_scope', detail: 'outside the token\'s areas' };
      const reviewers = reviewersOf(tx, row.desaCode);
      if (reviewers.role !== request.role) {
        return reviewers.role === null
          ? { ok: false, reason: 'no_reviewer', detail: 'no active PKB, koordinator or Dinas officer is registered for this desa' }
          : { ok: false, reason: 'not_reviewer', detail: `this desa's recap is verified by its ${reviewers.role}` };
      }
      const reviewer = reviewers.people[0]!;
      const result = storeReview(
        tx,
        { ...request, reviewer: { personId: reviewer.id, name: reviewer.name }, reviewable: [row.desaCode], inboundId: null },
        { settings: deps.settings, calendar: deps.calendar, now: deps.now(), areas: deps.areas },
      );
      if (!result.ok) return { ok: false, reason: result.reason, detail: result.text };
      return { ok: true, status: result.status, reviewerName: reviewer.name, cadreNotified: result.cadreNotified };
    });
}
