// `imp-smart quiz export`, the API's and the dashboard's downloads: one workshop's results as three tables — per
// cadre (peserta), per desa (desa), per question (soal) — with the same columns in the CSV (one table per file) and
// the XLSX (one sheet each). Percentages to one decimal, as numbers; names and roles, never a phone number.
import { csvText, type CsvCell } from './csv.js';
import { witaDateTime } from './labels.js';
import type { DesaResult, ParticipantResult, QuestionResult, WorkshopResults } from './quiz-results.js';

export const QUIZ_TABLES = ['peserta', 'desa', 'soal'] as const;
export type QuizTable = (typeof QUIZ_TABLES)[number];

export interface QuizColumn<R> {
  header: string;
  width: number;
  value(row: R): CsvCell;
}

const one = (pct: number | null): number | null => (pct === null ? null : Math.round(pct * 10) / 10);

export const PARTICIPANT_COLUMNS: readonly QuizColumn<ParticipantResult>[] = [
  { header: 'Kecamatan', width: 16, value: (p) => p.kecamatanName },
  { header: 'Kode desa', width: 15, value: (p) => p.desaCode },
  { header: 'Desa/Kelurahan', width: 18, value: (p) => p.desaName },
  { header: 'Nama', width: 22, value: (p) => p.name },
  { header: 'Peran', width: 11, value: (p) => p.roleTitle },
  { header: 'Pre-test benar', width: 9, value: (p) => (p.pre?.finished ? p.pre.score : null) },
  { header: 'Pre-test %', width: 9, value: (p) => one(p.pre?.pct ?? null) },
  { header: 'Post-test benar', width: 9, value: (p) => (p.post?.finished ? p.post.score : null) },
  { header: 'Post-test %', width: 9, value: (p) => one(p.post?.pct ?? null) },
  { header: 'Perubahan (soal)', width: 10, value: (p) => p.change },
  { header: 'Perubahan (poin %)', width: 10, value: (p) => one(p.changePts) },
  { header: 'Keterangan', width: 16, value: (p) => p.note },
];

export const DESA_COLUMNS: readonly QuizColumn<DesaResult>[] = [
  { header: 'Kecamatan', width: 16, value: (d) => d.kecamatanName },
  { header: 'Kode desa', width: 15, value: (d) => d.desaCode },
  { header: 'Desa/Kelurahan', width: 18, value: (d) => d.desaName },
  { header: 'Kader', width: 8, value: (d) => d.participants },
  { header: 'Selesai pre-test', width: 9, value: (d) => d.preFinished },
  { header: 'Rata-rata pre-test %', width: 10, value: (d) => one(d.prePct) },
  { header: 'Selesai post-test', width: 9, value: (d) => d.postFinished },
  { header: 'Rata-rata post-test %', width: 10, value: (d) => one(d.postPct) },
  { header: 'Ikut keduanya', width: 9, value: (d) => d.paired },
  { header: 'Perubahan (poin %)', width: 10, value: (d) => one(d.changePts) },
];

export const QUESTION_COLUMNS: readonly QuizColumn<QuestionResult>[] = [
  { header: 'Soal ke', width: 6, value: (q) => q.number },
  { header: 'Topik', width: 16, value: (q) => q.topic },
  { header: 'Soal', width: 45, value: (q) => q.text },
  { header: 'Jawaban benar', width: 30, value: (q) => q.answerText },
  { header: 'Pre-test dijawab', width: 9, value: (q) => q.pre.answered },
  { header: 'Pre-test benar', width: 9, value: (q) => q.pre.correct },
  { header: 'Pre-test %', width: 9, value: (q) => one(q.pre.pct) },
  { header: 'Post-test dijawab', width: 9, value: (q) => q.post.answered },
  { header: 'Post-test benar', width: 9, value: (q) => q.post.correct },
  { header: 'Post-test %', width: 9, value: (q) => one(q.post.pct) },
  { header: 'Perubahan (poin %)', width: 10, value: (q) => one(q.changePts) },
];

/** The rows and columns of one table. */
export function quizTable(r: WorkshopResults, table: QuizTable): { columns: readonly QuizColumn<never>[]; rows: readonly unknown[] } {
  switch (table) {
    case 'peserta':
      return { columns: PARTICIPANT_COLUMNS as readonly QuizColumn<never>[], rows: r.participants };
    case 'desa':
      return { columns: DESA_COLUMNS as readonly QuizColumn<never>[], rows: r.byDesa };
    case 'soal':
      return { columns: QUESTION_COLUMNS as readonly QuizColumn<never>[], rows: r.byQuestion };
  }
}

/** The workshop in front of every row of the CSV, so files of several workshops can be put together. */
const WORKSHOP_COLUMNS: readonly QuizColumn<WorkshopResults>[] = [
  { header: 'Pelatihan', width: 0, value: (r) => r.name },
  { header: 'Kode pre-test', width: 0, value: (r) => r.pre?.code ?? null },
  { header: 'Kode post-test', width: 0, value: (r) => r.post?.code ?? null },
];

export function quizToCsv(r: WorkshopResults, table: QuizTable): string {
  const { columns, rows } = quizTable(r, table);
  return csvText(
    [...WORKSHOP_COLUMNS.map((c) => c.header), ...columns.map((c) => c.header)],
    rows.map((row) => [...WORKSHOP_COLUMNS.map((c) => c.value(r)), ...columns.map((c) => c.value(row as never))]),
  );
}

/** The lines under the XLSX's title: what, which tests, when, the pre → post change. */
export function quizHeaderLines(r: WorkshopResults): string[] {
  const test = (label: string, t: WorkshopResults['pre']) =>
    t ? `${label} ${t.code}: dibuka ${witaDateTime(t.openedAt)}, ${t.finished} kader selesai, rata-rata ${one(t.averagePct) ?? '–'}%` : `${label}: belum dibuka`;
  const p = r.paired;
  return [
    `Pelatihan: ${r.name} (${r.areaLabel})`,
    `Bank soal: ${r.bankTitle} (${r.questionCount} soal)`,
    test('Pre-test', r.pre),
    test('Post-test', r.post),
    p.count > 0 ? `Pre → post (${p.count} kader ikut keduanya): ${one(p.prePct)}% → ${one(p.postPct)}%, perubahan ${one(p.changePts)} poin` : 'Pre → post: belum ada kader yang menyelesaikan keduanya',
  ];
}

/** "kuis-<pre code or id>-<table>.csv" / "kuis-<pre code or id>.xlsx". */
export function quizFileName(r: WorkshopResults, format: 'csv' | 'xlsx', table: QuizTable = 'peserta'): string {
  const key = r.pre?.code ?? r.post?.code ?? String(r.id);
  return format === 'csv' ? `kuis-${key}-${table}.csv` : `kuis-${key}.xlsx`;
}
