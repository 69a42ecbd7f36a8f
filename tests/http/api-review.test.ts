// Verify / return through the API: the WhatsApp review's rules (who reviews which desa, the version seen, the
// dusun check) and the same notice to the cadre, queued in the outbox in the same transaction.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recapById, recapHistory } from '../../src/db/repos/recaps.repo.js';
import { outbox } from '../../src/db/schema.js';
import { apiFixture, NIRANNUANG_PPKBD, SOKKOLIA_PPKBD, type ApiFixture } from './api-fixture.js';

let f: ApiFixture;
beforeEach(async () => {
  f = await apiFixture();
});
afterEach(async () => f.close());

const post = (url: string, token: 'pkb' | 'koordinator' | 'dinas', payload: object) => f.app.inject({ method: 'POST', url, headers: f.auth(token), payload });
const noticesTo = (phone: string) => f.database.db.select().from(outbox).where(eq(outbox.toAddress, phone)).all();

describe('recap review through the API', () => {
  it('when the PKB verifies a recap, then it is locked, the history names the PKB and the cadre gets the WhatsApp notice', async () => {
    const res = await post(`/api/v1/recaps/${f.ids.nirannuangRecap}/verify`, 'pkb', { version: 1 });
    expect(res.statusCode).toBe(200);
    expect(recapById(f.database.db, f.ids.nirannuangRecap)!.status).toBe('verified');
    expect(recapHistory(f.database.db, f.ids.nirannuangRecap).at(-1)!.change).toBe('verified');
    const [notice] = noticesTo(NIRANNUANG_PPKBD);
    expect(notice!.kind).toBe('text');
    expect(notice!.text).toBe('Laporan November 2026 Desa Nirannuang, Kec. Bontomarannu (versi 1) sudah diverifikasi oleh Andi Baso dan dikunci. Terima kasih!');
  });

  it('when a recap is returned with a reason, then the cadre is told the reason and until when to correct it', async () => {
    const res = await post(`/api/v1/recaps/${f.ids.nirannuangRecap}/return`, 'pkb', { version: 1, reason: 'IAS terlalu tinggi, mohon dicek' });
    expect(res.json()).toEqual({ status: 'returned', reviewer_name: 'Andi Baso', cadre_notified: true });
    const text = noticesTo(NIRANNUANG_PPKBD)[0]!.text!;
    expect(text).toContain('dikembalikan oleh Andi Baso untuk diperbaiki');
    expect(text).toContain('Alasan: IAS terlalu tinggi, mohon dicek');
  });

  it('when the client saw an older version, then 409 naming the version and nothing changes', async () => {
    const res = await post(`/api/v1/recaps/${f.ids.nirannuangRecap}/verify`, 'pkb', { version: 2 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'changed', field: 'version' });
    expect(recapById(f.database.db, f.ids.nirannuangRecap)!.status).toBe('submitted');
    expect(noticesTo(NIRANNUANG_PPKBD)).toHaveLength(0);
  });

  it('when a desa has no PKB, then its koordinator reviews it, and a koordinator may not review a desa that has one', async () => {
    const own = await post(`/api/v1/recaps/${f.ids.sokkoliaRecap}/return`, 'koordinator', { version: 1, reason: 'Jumlah keluarga mohon dicek' });
    expect(own.json()).toMatchObject({ status: 'returned', reviewer_name: 'Hj. Nurhayati' });
    expect(noticesTo(SOKKOLIA_PPKBD)).toHaveLength(1);
    const notOwn = await post(`/api/v1/recaps/${f.ids.nirannuangRecap}/verify`, 'koordinator', { version: 1 });
    expect(notOwn.statusCode).toBe(403);
    expect(notOwn.json().error.code).toBe('not_reviewer');
  });

  it('when the recap is outside the token\'s binaan, then 403 and nothing is stored; an unknown recap is 404', async () => {
    const res = await post(`/api/v1/recaps/${f.ids.otherRecap}/verify`, 'pkb', { version: 1 });
    expect(res.statusCode).toBe(403);
    expect(recapById(f.database.db, f.ids.otherRecap)!.status).toBe('verified');
    expect((await post('/api/v1/recaps/9999/verify', 'pkb', { version: 1 })).statusCode).toBe(404);
  });
});
