// Practice mode (LATIHAN) in tests: the sheet the bot proposed (read from the conversation state, as the cadre reads
// it on the phone), the answers it asks for, and a snapshot of every report that must not change.
import type { AreaDirectory } from '../../src/areas/directory.js';
import type { DbOrTx } from '../../src/db/client.js';
import { loadConversation } from '../../src/db/repos/conversations.repo.js';
import { activeGroups, dusunGroups, FIELD_BY_ID, DEFAULT_RECAP_SETTINGS, type FieldGroup } from '../../src/domain/recap/fields.js';
import { FACILITY_OPTIONS, METHOD_OPTIONS, REASON_OPTIONS, WANT_OPTIONS } from '../../src/flows/cases/case-options.js';
import type { ConversationState } from '../../src/flows/engine/types.js';
import { PRACTICE_MARK, type PracticeSheet } from '../../src/flows/practice/practice-model.js';
import { aggregateArea } from '../../src/reports/aggregate-data.js';
import { casesExport, casesToCsv } from '../../src/reports/cases-export.js';
import { missingMessagesForArea } from '../../src/reports/missing-text.js';
import { pkbDigestText } from '../../src/reports/pkb-digest-text.js';
import { recapExport, toCsv } from '../../src/reports/recap-export.js';
import { rollUp } from '../../src/reports/rollup.js';
import { areaRekapMessage, kabupatenSummaryMessages } from '../../src/reports/summary-text.js';
import { witaPeriod } from '../../src/time/wita.js';

export { PRACTICE_MARK };

export const isMarked = (text: string) => text.startsWith(`${PRACTICE_MARK}\n`);

/** The sheet of the practice this person is doing (throws when none runs). */
export function sheetOf(db: DbOrTx, phone: string): PracticeSheet {
  const practice = loadConversation<ConversationState>(db, phone)?.practice;
  if (!practice) throw new Error(`${phone} is not practising`);
  return practice.sheet;
}

export function practisingNow(db: DbOrTx, phone: string): boolean {
  return Boolean(loadConversation<ConversationState>(db, phone)?.practice);
}

/** The recap's lines (groups) for the sheet's unit, in the order the guided recap asks them. */
export function sheetGroups(sheet: PracticeSheet): FieldGroup[] {
  return sheet.recap!.unit === 'desa' ? activeGroups(sheet.settings) : dusunGroups(sheet.settings);
}

/** The reply to one line of the guided recap, copied right from the sheet. */
export function lineAnswer(sheet: PracticeSheet, group: FieldGroup): string {
  return group.fields.map((f) => sheet.recap!.values[f]).join(' ');
}

/** "LAPOR KELUARGA=… PUS=… …" with the sheet's numbers (changed where `changes` says). */
export function laporOf(sheet: PracticeSheet, changes: Record<string, number> = {}): string {
  const values = { ...sheet.recap!.values, ...changes };
  return `LAPOR ${Object.entries(values)
    .map(([f, v]) => `${FIELD_BY_ID.get(f)!.key}=${v}`)
    .join(' ')}`;
}

/** The case report's answers as the sheet tells the story, from the place question on (a cadre's report). */
export function caseAnswers(sheet: PracticeSheet, register = sheet.case!.register): string[] {
  const c = sheet.case!;
  const number = (options: readonly { key: string }[], key: string) => String(options.findIndex((o) => o.key === key) + 1);
  return [
    String(sheet.dusun.indexOf(c.dusun) + 1),
    number(WANT_OPTIONS, c.want),
    number(METHOD_OPTIONS, c.method),
    number(REASON_OPTIONS, c.reason),
    ...(c.facility ? [number(FACILITY_OPTIONS, c.facility)] : []),
    c.consent ? 'YA' : 'TIDAK',
    register,
    String(c.wifeAge),
    String(c.children),
    c.postPartum ? 'YA' : 'TIDAK',
  ];
}

const CALENDAR = { dueDay: 3, closeDay: 15 };
const SETTINGS = { recap: DEFAULT_RECAP_SETTINGS, calendar: CALENDAR, caseFollowUpDays: 7 };

/**
 * Every report of the period as text: the PKB digest, the Dinas summary, REKAP, BELUM, the recap and cases exports
 * and the roll-up of the kecamatan, at a fixed `now`. A practice must leave every one of them as it was.
 */
export function reportsSnapshot(db: DbOrTx, areas: AreaDirectory, now: Date, period = '2026-11', kecamatan = '73.06.06'): string[] {
  const since = new Date(now.getTime() - 86_400_000);
  const kec = aggregateArea(db, areas, { period, areaCode: kecamatan, now, since, settings: SETTINGS });
  const kab = aggregateArea(db, areas, { period, areaCode: areas.kabupaten().code, now, settings: SETTINGS });
  const label = areas.label(kecamatan);
  return [
    pkbDigestText({ aggregate: kec, scope: label, now, calendar: CALENDAR }),
    ...kabupatenSummaryMessages(kab, 'weekly', 'Kabupaten Gowa'),
    areaRekapMessage(kec, label),
    ...missingMessagesForArea(kec, label, new Map()),
    toCsv(recapExport(db, areas, { period, settings: DEFAULT_RECAP_SETTINGS, calendar: CALENDAR, now }).rows, DEFAULT_RECAP_SETTINGS),
    casesToCsv(casesExport(db, areas, { period: witaPeriod(now), now, caseFollowUpDays: 7 }).rows),
    JSON.stringify(rollUp(db, areas, { period, areaCodes: [kecamatan, areas.kabupaten().code], settings: DEFAULT_RECAP_SETTINGS })),
  ];
}
