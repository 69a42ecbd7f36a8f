// The operator's onboarding and privacy commands, run as the CLI runs them on a database with a month's story:
// people invite (links and a QR sheet that decodes to the link), kartu lapor, people forget, audit export.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, cases, conversations, inboundMessages, outbox, people, peopleHistory, waLidPairs } from '../../src/db/schema.js';
import { Harness } from '../helpers/harness.js';
import { NIRANNUANG_PPKBD, STORY_PEOPLE, STORY_START, playNovember } from '../helpers/month-story.js';
import { pdfPageCount, pdfTextRuns } from '../helpers/pdf-text.js';
import { PKB_PHONE, RESIDENT_PHONE } from '../helpers/people.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';

const BOT = '+6281299990000';
// jsqr is CommonJS with a default export: typed as the module under NodeNext, a function at run time.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
let h: Harness;

async function cli(...args: string[]) {
  return runCliInProcess(args, { IMP_DB_PATH: h.dbPath, IMP_BOT_NUMBER: '' });
}

beforeAll(async () => {
  h = await Harness.create({ people: STORY_PEOPLE, start: STORY_START });
  await playNovember(h);
  // A LID pair for the PPKBD who will be forgotten, as the WhatsApp adapter records it.
  h.db.insert(waLidPairs).values({ lid: '99887766@lid', phone: NIRANNUANG_PPKBD, seenAt: new Date().toISOString() }).run();
  await h.bot.stop();
}, 240_000);
afterAll(async () => h?.close());

describe('onboarding and privacy at the command line', () => {
  it('when people invite runs, then it lists only those who never wrote, with the click-to-chat link, and the PNG codes decode to it', async () => {
    const written = new Set(h.db.select().from(people).all().filter((p) => p.firstMessageAt !== null).map((p) => p.name));
    const never = h.db.select().from(people).all().filter((p) => p.firstMessageAt === null && p.active);
    expect(never.length).toBeGreaterThan(0);
    const file = join(h.dir, 'undangan.png');
    const { code, out } = await cli('people', 'invite', '--out', file, '--bot-number', BOT);
    expect(code).toBe(0);
    const link = 'https://wa.me/6281299990000?text=Halo%20IMP%20Smart';
    for (const p of never) expect(out).toContain(`${p.name} — `);
    for (const name of written) expect(out).not.toContain(`  ${name} — `);
    expect(out).toContain(link);
    const png = PNG.sync.read(readFileSync(file));
    // The first card's code, cut from the top-left cell of the sheet.
    const cell = new PNG({ width: 300, height: 300 });
    PNG.bitblt(png, cell, 0, 0, 300, 300, 0, 0);
    expect(jsQR(new Uint8ClampedArray(cell.data), 300, 300)?.data).toBe(link);
    expect(png.height).toBeGreaterThanOrEqual(Math.ceil(never.length / 3) * 300);
  });

  it('when the invite sheet is a PDF for one kecamatan, then it has a card per person of that kecamatan with name and role', async () => {
    const file = join(h.dir, 'undangan.pdf');
    const { code, out } = await cli('people', 'invite', '--area', '73.06.06', '--out', file, '--bot-number', BOT);
    expect(code).toBe(0);
    const pdf = readFileSync(file);
    expect(pdfPageCount(pdf)).toBe(1);
    expect(out).not.toContain('Bategulung');
    const text = pdfTextRuns(pdf).join('\n');
    const invited = h.db.select().from(people).all().filter((p) => p.firstMessageAt === null && p.active && p.homeAreaCode.startsWith('73.06.06'));
    for (const p of invited) expect(text).toContain(p.name);
    expect((pdf.toString('latin1').match(/\/Subtype\s*\/Image/g) ?? []).length).toBeGreaterThanOrEqual(1);
  });

  it('when kartu lapor runs, then the PDF card is written with every key of the deployment', async () => {
    const file = join(h.dir, 'kartu.pdf');
    const { code } = await cli('kartu', 'lapor', '--out', file);
    expect(code).toBe(0);
    const runs = pdfTextRuns(readFileSync(file));
    for (const key of ['PPKBD_ADA', 'PUS', 'IUD', 'TIAL', 'UPPKA_MODAL']) expect(runs).toContain(key);
  });

  it('when people forget PHONE runs, then the person is de-identified, their messages and pairs are gone, history kept nameless, and the audit log has a hash', async () => {
    const person = h.db.select().from(people).where(eq(people.phone, NIRANNUANG_PPKBD)).get()!;
    expect(h.db.select().from(inboundMessages).where(eq(inboundMessages.senderKey, NIRANNUANG_PPKBD)).all().length).toBeGreaterThan(0);
    const { code, out } = await cli('people', 'forget', NIRANNUANG_PPKBD);
    expect(code).toBe(0);
    expect(out).toContain(`person #${person.id}`);
    const after = h.db.select().from(people).where(eq(people.id, person.id)).get()!;
    expect(after.name).not.toBe('Nur Aeni');
    expect(after.phone).not.toBe(NIRANNUANG_PPKBD);
    expect(after.active).toBe(false);
    const history = h.db.select().from(peopleHistory).where(eq(peopleHistory.personId, person.id)).all();
    expect(history.length).toBeGreaterThan(1);
    for (const row of history) {
      expect(row.snapshot).not.toContain('Nur Aeni');
      expect(row.snapshot).not.toContain(NIRANNUANG_PPKBD);
    }
    expect(h.db.select().from(inboundMessages).where(eq(inboundMessages.senderKey, NIRANNUANG_PPKBD)).all()).toEqual([]);
    expect(h.db.select().from(outbox).where(eq(outbox.toAddress, NIRANNUANG_PPKBD)).all()).toEqual([]);
    expect(h.db.select().from(conversations).where(eq(conversations.senderKey, NIRANNUANG_PPKBD)).all()).toEqual([]);
    expect(h.db.select().from(waLidPairs).where(eq(waLidPairs.phone, NIRANNUANG_PPKBD)).all()).toEqual([]);
    const entry = h.db.select().from(auditLog).where(eq(auditLog.action, 'people.forget')).get()!;
    expect(entry.detail).not.toContain(NIRANNUANG_PPKBD);
    expect(entry.detail).not.toContain('6281234567021');
    expect(JSON.parse(entry.detail!).phoneTag).toMatch(/^#/);
    // Nothing anywhere still carries the number.
    const dump = JSON.stringify([h.db.select().from(people).all(), h.db.select().from(peopleHistory).all(), h.db.select().from(cases).all()]);
    expect(dump).not.toContain(NIRANNUANG_PPKBD);
  });

  it('when a resident who reported a case is forgotten, then the case keeps its figures but loses the reporter key and address', async () => {
    const before = h.db.select().from(cases).all().length;
    const { code } = await cli('people', 'forget', RESIDENT_PHONE.replace('+62', '0'));
    expect(code).toBe(0);
    expect(h.db.select().from(cases).all().length).toBe(before);
    expect(h.db.select().from(cases).where(like(cases.reporterAddress, `%${RESIDENT_PHONE}%`)).all()).toEqual([]);
  });

  it('when an admin exports the audit log, then exports, invitations and forgets are in it, without phone numbers', async () => {
    expect((await cli('export', 'cases', '--period', '2026-11', '--format', 'csv')).code).toBe(0);
    const { code, out } = await cli('audit', 'export', '--format', 'csv');
    expect(code).toBe(0);
    expect(out).toContain('export.cases');
    expect(out).toContain('people.invite');
    expect(out).toContain('people.forget');
    expect(out).not.toContain(NIRANNUANG_PPKBD);
    const xlsx = join(h.dir, 'audit.xlsx');
    expect((await cli('audit', 'export', '--from', '2020-01-01', '--to', '2099-12-31', '--format', 'xlsx', '--out', xlsx)).code).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  });

  it('when a PKB opened a case with KASUS <kode> in the story, then the view is in the audit log under their id', async () => {
    const pkb = h.db.select().from(people).where(eq(people.phone, PKB_PHONE)).get()!;
    const views = h.db.select().from(auditLog).where(eq(auditLog.action, 'case.view')).all();
    expect(views.some((v) => v.actorKind === 'person' && v.actorId === pkb.id && /^UN-/.test(v.targets ?? ''))).toBe(true);
  });
});
