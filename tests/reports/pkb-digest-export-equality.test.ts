// "Digest numbers equal the export" (issue 10): the PKB digest the koordinator receives for a kecamatan, read back
// into headline figures, equals what the recap and cases XLSX of the same period and kecamatan show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PKB_DIGEST_JOB } from '../../src/bot/features/pkb-digest.js';
import { DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { casesExport } from '../../src/reports/cases-export.js';
import { writeCasesXlsx } from '../../src/reports/cases-xlsx.js';
import { exportAreaLabel, recapExport } from '../../src/reports/recap-export.js';
import { writeXlsx } from '../../src/reports/recap-xlsx.js';
import { fromWita } from '../../src/time/wita.js';
import { headlineOfDigest, headlineOfExports } from '../helpers/export-figures.js';
import { Harness } from '../helpers/harness.js';
import { playNovember, STORY, STORY_PEOPLE, STORY_START } from '../helpers/month-story.js';
import { KOORD_PHONE } from '../helpers/people.js';

const CALENDAR = { dueDay: 3, closeDay: 15 };
const DIGEST_AT = fromWita(2026, 12, 6, 7, 0);

let h: Harness;
beforeAll(async () => {
  h = await Harness.create({ people: STORY_PEOPLE, start: STORY_START });
  await playNovember(h);
}, 120_000);
afterAll(() => h.close());

describe('the PKB digest equals the exports', () => {
  it('when the koordinator receives the kecamatan digest, then its completeness, lateness, verified figures and case counts equal the recap and cases XLSX', async () => {
    h.clock.set(DIGEST_AT);
    const before = h.transport.sent.length;
    expect(await h.bot.runner.runSlot(h.bot.jobs.find((j) => j.name === PKB_DIGEST_JOB)!, DIGEST_AT)).toBe('ran');
    await h.bot.idle();
    const digests = h.transport.sent.slice(before).filter((m) => m.to === KOORD_PHONE);
    expect(digests).toHaveLength(1);
    const text = digests[0]!.content.kind === 'text' ? digests[0]!.content.text : '';

    const scope = { period: STORY.period, kecamatanCode: STORY.kecamatan, now: DIGEST_AT, caseFollowUpDays: 7 };
    const meta = { period: STORY.period, areaLabel: exportAreaLabel(h.database.areas, STORY.kecamatan) };
    const recap = recapExport(h.db, h.database.areas, { ...scope, settings: DEFAULT_RECAP_SETTINGS, calendar: CALENDAR });
    const cases = casesExport(h.db, h.database.areas, scope);
    const files = { recap: `${h.dir}/rekap.xlsx`, cases: `${h.dir}/kasus.xlsx` };
    await writeXlsx(recap.rows, DEFAULT_RECAP_SETTINGS, { ...meta, summary: recap.summary }, files.recap);
    await writeCasesXlsx(cases.rows, { ...meta, summary: cases.summary }, files.cases);

    const fromFiles = await headlineOfExports(files.recap, files.cases);
    expect(headlineOfDigest(text)).toEqual(fromFiles);
    // Something of each kind is there to disagree about.
    expect(fromFiles).toMatchObject({ expected: 8, sent: 3, verified: 1, waiting: 2, late: 1, casesOpened: 2, stockOuts: 1, cpr: 53.2 });
    expect(fromFiles.missing).toHaveLength(5);
  });
});
