// Case actions through the API: the same lifecycle rules, history rows and notices as KASUS <kode> in WhatsApp
// (storeCaseAction), recorded under the case's assignee, with one audit row and no personal data in it.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLOSING_TEXT } from '../../src/bot/features/cases.js';
import { auditEntries } from '../../src/db/repos/audit.repo.js';
import { caseHistory, findCaseByCode } from '../../src/db/repos/cases.repo.js';
import { outbox } from '../../src/db/schema.js';
import { apiFixture, RESIDENT_ADDRESS, type ApiFixture, type TokenName } from './api-fixture.js';

let f: ApiFixture;
beforeEach(async () => {
  f = await apiFixture();
});
afterEach(async () => f.close());

const act = (payload: object, token: TokenName = 'pkb', code = f.ids.caseCode) =>
  f.app.inject({ method: 'POST', url: `/api/v1/cases/${code}/actions`, headers: f.auth(token), payload });
const kase = () => findCaseByCode(f.database.db, f.ids.caseCode)!;
const toResident = () => f.database.db.select().from(outbox).where(eq(outbox.toAddress, RESIDENT_ADDRESS)).all();

describe('case actions through the API', () => {
  it('when the PKB records a follow-up, then the status and history change under the assignee and the audit log has the token', async () => {
    const res = await act({ action: 'follow_up', note: 'sudah diberi KIE' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ code: f.ids.caseCode, status: 'followed_up', acted_as: { name: 'Andi Baso', role: 'pkb' }, resident_notified: false });
    expect(kase().status).toBe('followed_up');
    const last = caseHistory(f.database.db, kase().id).at(-1)!;
    expect(last).toMatchObject({ action: 'follow_up', fromStatus: 'assigned', toStatus: 'followed_up', note: 'sudah diberi KIE', byPersonId: kase().assigneeId });
    expect(toResident()).toHaveLength(0);
    const audit = auditEntries(f.database.db).filter((a) => a.action === 'case.action');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorKind: 'token', targets: f.ids.caseCode });
    expect(audit[0]!.detail).not.toContain('KIE');
  });

  it('when the case is served, then it closes with the outcome and the consenting resident gets the WhatsApp closing notice', async () => {
    await act({ action: 'follow_up' });
    const res = await act({ action: 'serve', method: 'implan', date: '2026-12-05' }, 'koordinator');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'served', acted_as: { role: 'koordinator' }, resident_notified: true });
    expect(kase()).toMatchObject({ status: 'served', outcomeMethod: 'implan', outcomeDate: '2026-12-05', reporterAddress: null });
    expect(caseHistory(f.database.db, kase().id).map((h) => h.action)).toEqual(expect.arrayContaining(['follow_up', 'serve']));
    const notices = toResident();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toBe(`Kabar untuk laporan ${f.ids.caseCode}: ${CLOSING_TEXT}`);
  });

  it('when a field is wrong, then 400 names it and nothing changes', async () => {
    await act({ action: 'follow_up' });
    const cases: [object, string][] = [
      [{ action: 'close' }, 'action'],
      [{ action: 'serve', date: '2026-12-05' }, 'method'],
      [{ action: 'serve', method: 'implan' }, 'date'],
      [{ action: 'serve', method: 'implan', date: '2026-12-31' }, 'date'],
      [{ action: 'serve', method: 'implan', date: '2026-11-01' }, 'date'],
      [{ action: 'decline', reason: 'lainnya', note: 'hubungi 081234567890' }, 'note'],
      [{ action: 'decline', reason: 'lainnya' }, 'note'],
      [{ action: 'refer', facility: 'rumah_sakit_jauh' }, 'facility'],
    ];
    for (const [payload, field] of cases) {
      const res = await act(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.field, JSON.stringify(payload)).toBe(field);
    }
    expect(kase().status).toBe('followed_up');
  });

  it('refuses without a token (401), for a role or area that may not act (403) and an unknown case (404)', async () => {
    const anonymous = await f.app.inject({ method: 'POST', url: `/api/v1/cases/${f.ids.caseCode}/actions`, payload: { action: 'follow_up' } });
    expect(anonymous.statusCode).toBe(401);
    const pkbReassigns = await act({ action: 'reassign', assign_to: 1 });
    expect(pkbReassigns.statusCode).toBe(403);
    expect((await act({ action: 'follow_up' }, 'otherKoordinator')).statusCode).toBe(403);
    expect((await act({ action: 'follow_up' }, 'pkb', '7306062003-26-9999')).statusCode).toBe(404);
    expect(kase().status).toBe('assigned');
  });

  it('when the case is closed, then 409 names its status', async () => {
    await act({ action: 'invalid', reason: 'ganda' });
    expect(kase().status).toBe('closed_invalid');
    const res = await act({ action: 'follow_up' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('status_conflict');
    expect(res.json().error.message_en).toContain('closed_invalid');
  });
});
