// `imp-smart quiz banks|open|close|list|report|export`: workshop quizzes from the command line, the same operations
// as KUIS BUKA/POST/TUTUP/HASIL on WhatsApp (db/repos/quiz-open.ts) and the same results as the bot and the API
// (reports/quiz-results.ts). The operator sees every workshop, or those of --area.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { systemClock } from '../clock.js';
import type { Config } from '../config.js';
import type { ReadyDatabase } from '../db/bootstrap.js';
import { recordAudit } from '../db/repos/audit.repo.js';
import { closeQuiz, openByName, workshopByKey, type OpenOutcome } from '../db/repos/quiz-open.js';
import { finishedAttempts, latestWorkshops, testsOf, type QuizRow } from '../db/repos/quiz.repo.js';
import { cleanWorkshopName, maySeeWorkshop, QUIZ_KIND_LABELS, quizState, specDesa, specLabel, WORKSHOP_NAME_MAX, WORKSHOP_NAME_MIN, type QuizViewer } from '../domain/quiz/quiz-rules.js';
import { loadQuizBanks } from '../quiz/bank-files.js';
import { QUIZ_TABLES, quizFileName, quizToCsv, type QuizTable } from '../reports/quiz-export.js';
import { loadWorkshopData } from '../reports/quiz-data.js';
import { workshopResults, type WorkshopResults } from '../reports/quiz-results.js';
import { quizReportMessages } from '../reports/quiz-text.js';
import { writeQuizXlsx } from '../reports/quiz-xlsx.js';
import { witaDate } from '../time/wita.js';

export interface QuizOptions {
  bank?: string | undefined;
  area?: string | undefined;
  format?: string | undefined;
  table?: string | undefined;
  out?: string | undefined;
}

const USAGE = [
  'usage: imp-smart quiz banks',
  '       imp-smart quiz open NAME [--bank ID] [--area CODE]   (the same NAME again opens its post-test)',
  '       imp-smart quiz close CODE',
  '       imp-smart quiz list [--area CODE]',
  '       imp-smart quiz report CODE|ID|NAME',
  '       imp-smart quiz export CODE|ID|NAME --format csv|xlsx [--table peserta|desa|soal] [--out FILE]',
].join('\n');

/** The last WITA day a code works. */
const lastDay = (t: QuizRow) => witaDate(new Date(Date.parse(t.expiresAt) - 1));

const testText = (label: string, t: QuizRow | null, now: Date, done: (t: QuizRow) => number) =>
  t ? `${label} ${t.code} (${quizState(t, now)}, ${done(t)} finished)` : `${label} -`;

function outcomeLines(outcome: Exclude<OpenOutcome, { kind: 'bank_needed' }>, db: ReadyDatabase['db']): string[] {
  const w = outcome.workshop;
  switch (outcome.kind) {
    case 'pre_opened':
      return [`Pre-test of "${w.name}" opened: code ${outcome.pre.code} (${w.bankTitle}), valid through ${lastDay(outcome.pre)} (WITA).`, `Cadres reply KUIS ${outcome.pre.code} to the bot.`];
    case 'post_opened':
      return [
        `Post-test of "${w.name}" opened: code ${outcome.post.code}, valid through ${lastDay(outcome.post)} (WITA).`,
        ...(outcome.pre && outcome.preClosedNow ? [`Pre-test ${outcome.pre.code} closed (${finishedAttempts(db, outcome.pre.id)} finished).`] : []),
      ];
    case 'already_paired':
      return [`"${w.name}" already has its pre-test ${outcome.pre?.code ?? '-'} and post-test ${outcome.post.code}; nothing changed.`];
  }
}

export async function runQuizCommand(sub: string, args: string[], options: QuizOptions, config: Config, open: () => ReadyDatabase, out: (text: string) => void, usageError: (message: string) => Error): Promise<number> {
  const now = systemClock.now();
  const key = args.join(' ').trim();
  const withDb = async <T>(fn: (database: ReadyDatabase, viewer: QuizViewer) => T | Promise<T>): Promise<T> => {
    const database = open();
    try {
      const area = options.area;
      if (area !== undefined && area !== database.areas.kabupaten().code && !database.areas.get(area) && !area.split(';').every((c) => database.areas.isDesa(c))) {
        throw usageError(`--area: ${area} is not a kecamatan or desa code (see imp-smart areas list)`);
      }
      return await fn(database, { personId: null, desa: area ? specDesa(area, database.areas) : null });
    } finally {
      database.close();
    }
  };
  const results = (database: ReadyDatabase, viewer: QuizViewer): WorkshopResults => {
    if (key === '') throw usageError(`name the quiz: a code, a workshop number or its name\n${USAGE}`);
    const found = workshopByKey(database.db, key, viewer, database.areas);
    if (!found) throw usageError(`no workshop quiz "${key}" (see imp-smart quiz list)`);
    return workshopResults(loadWorkshopData(database.db, found.workshop.id)!, database.areas, now);
  };

  switch (sub) {
    case 'banks': {
      const banks = loadQuizBanks(config.quizBankDir);
      out(`Quiz banks in ${banks.dir}:`);
      for (const b of banks.banks) out(`  ${b.id}  ${b.title} (${b.questions.length} questions)`);
      return 0;
    }
    case 'open': {
      const name = cleanWorkshopName(key);
      if (name.length < WORKSHOP_NAME_MIN || name.length > WORKSHOP_NAME_MAX) throw usageError(`the workshop name must be ${WORKSHOP_NAME_MIN} to ${WORKSHOP_NAME_MAX} characters\n${USAGE}`);
      const banks = loadQuizBanks(config.quizBankDir);
      const bank = options.bank ? banks.get(options.bank) : banks.banks.length === 1 ? banks.banks[0] : undefined;
      if (options.bank && !bank) throw usageError(`--bank: no bank "${options.bank}" (imp-smart quiz banks lists them)`);
      return withDb((database, viewer) => {
        const outcome = database.db.transaction((tx) =>
          openByName(tx, database.areas, { name, bank: bank ?? null, areaSpec: options.area ?? database.areas.kabupaten().code, organiserId: null, via: 'cli', viewer, now }),
        );
        if (outcome.kind === 'bank_needed') throw usageError(`choose the bank with --bank (${banks.banks.map((b) => b.id).join(', ')})`);
        for (const line of outcomeLines(outcome, database.db)) out(line);
        return 0;
      });
    }
    case 'close':
      return withDb((database, viewer) => {
        const found = key === '' ? undefined : workshopByKey(database.db, key, viewer, database.areas);
        if (!found?.test) throw usageError(`name the test by its code (see imp-smart quiz list)\n${USAGE}`);
        const test = found.test;
        const closed = database.db.transaction((tx) => closeQuiz(tx, test, now));
        out(`${QUIZ_KIND_LABELS[test.kind]} ${test.code} of "${found.workshop.name}" ${closed ? 'closed' : 'was already closed'} (${finishedAttempts(database.db, test.id)} finished).`);
        return 0;
      });
    case 'list':
      return withDb((database, viewer) => {
        const list = latestWorkshops(database.db, 10_000).filter((w) => maySeeWorkshop(viewer, w, database.areas));
        if (list.length === 0) out('No workshop quiz yet. Open one with: imp-smart quiz open NAME');
        for (const w of list) {
          const { pre, post } = testsOf(database.db, w.id);
          const done = (t: QuizRow) => finishedAttempts(database.db, t.id);
          const r = workshopResults(loadWorkshopData(database.db, w.id)!, database.areas, now);
          const change = r.paired.count > 0 ? `, pre→post ${r.paired.prePct!.toFixed(1)}% → ${r.paired.postPct!.toFixed(1)}% (${r.paired.count} paired)` : '';
          out(`#${w.id}  ${w.createdAt.slice(0, 10)}  "${w.name}" — ${specLabel(w.areaSpec, database.areas)} — ${testText('pre', pre, now, done)}, ${testText('post', post, now, done)}${change}`);
        }
        return 0;
      });
    case 'report':
      return withDb((database, viewer) => {
        out(quizReportMessages(results(database, viewer)).join('\n\n').replace(/\*/g, ''));
        return 0;
      });
    case 'export': {
      const format = options.format ?? 'csv';
      if (format !== 'csv' && format !== 'xlsx') throw usageError(`--format must be csv or xlsx (got "${format}")`);
      const table = (options.table ?? 'peserta') as QuizTable;
      if (!QUIZ_TABLES.includes(table)) throw usageError(`--table must be ${QUIZ_TABLES.join(', ')} (got "${options.table}")`);
      return withDb(async (database, viewer) => {
        const r = results(database, viewer);
        recordAudit(database.db, { actor: { kind: 'cli' }, action: 'export.quiz', at: now, targets: [r.id], detail: { format, table: format === 'csv' ? table : 'all' } });
        const summary = `"${r.name}": ${r.participants.length} cadres`;
        if (format === 'csv') {
          const csv = quizToCsv(r, table);
          if (options.out === undefined) out(csv.replace(/\r\n$/, ''));
          else {
            writeFileSync(options.out, csv);
            out(`${summary} → ${resolve(options.out)}`);
          }
          return 0;
        }
        const file = options.out ?? quizFileName(r, 'xlsx');
        await writeQuizXlsx(r, file);
        out(`${summary} → ${resolve(file)}`);
        return 0;
      });
    }
    default:
      throw usageError(USAGE);
  }
}
