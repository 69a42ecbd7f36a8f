// One workshop's quiz results, computed once from its data (quiz-data.ts) for every reader: the organiser's WhatsApp
// report, the CSV and XLSX, the API and the dashboard. Pure.
//
// Only finished attempts are scored. Averages are over cadres (each cadre's share of right answers); the pre → post
// change is over the cadres who finished both tests (paired), so a cadre who came to only one does not move it.
import type { AreaDirectory } from '../areas/directory.js';
import { quizState, scorePct, specLabel, type QuizState } from '../domain/quiz/quiz-rules.js';
import { isRole } from '../domain/roles.js';
import { ROLE_TITLES } from '../flows/actor-label.js';
import type { AttemptData, WorkshopData } from './quiz-data.js';

export interface AttemptResult {
  finished: boolean;
  answered: number;
  /** Right answers of a finished attempt. */
  score: number | null;
  pct: number | null;
}

export type ParticipantNote = 'pre dan post' | 'hanya pre-test' | 'hanya post-test' | 'belum selesai';

export interface ParticipantResult {
  personId: number;
  name: string;
  role: string;
  roleTitle: string;
  desaCode: string;
  desaName: string;
  kecamatanName: string;
  pre: AttemptResult | null;
  post: AttemptResult | null;
  /** Post minus pre, in right answers and in percentage points, when both are finished. */
  change: number | null;
  changePts: number | null;
  note: ParticipantNote;
}

export interface TestSummary {
  code: string;
  state: QuizState;
  openedAt: string;
  closedAt: string | null;
  joined: number;
  finished: number;
  /** Mean right answers and mean share right (%) of the finished attempts. */
  averageScore: number | null;
  averagePct: number | null;
}

export interface PairedSummary {
  count: number;
  prePct: number | null;
  postPct: number | null;
  changePts: number | null;
  /** Mean change in right answers. */
  averageChange: number | null;
}

export interface DesaResult {
  desaCode: string;
  desaName: string;
  kecamatanName: string;
  participants: number;
  preFinished: number;
  prePct: number | null;
  postFinished: number;
  postPct: number | null;
  paired: number;
  changePts: number | null;
}

export interface QuestionTally {
  answered: number;
  correct: number;
  pct: number | null;
}

export interface QuestionResult {
  number: number;
  topic: string | null;
  text: string;
  answerText: string;
  pre: QuestionTally;
  post: QuestionTally;
  changePts: number | null;
}

export interface WorkshopResults {
  id: number;
  name: string;
  bankId: string;
  bankTitle: string;
  questionCount: number;
  areaSpec: string;
  areaLabel: string;
  organiserName: string | null;
  createdAt: string;
  pre: TestSummary | null;
  post: TestSummary | null;
  paired: PairedSummary;
  participants: ParticipantResult[];
  byDesa: DesaResult[];
  byQuestion: QuestionResult[];
}

function attemptResult(a: AttemptData | undefined, questions: number): AttemptResult | null {
  if (!a) return null;
  const finished = a.finishedAt !== null && a.score !== null;
  return { finished, answered: a.answers.length, score: finished ? a.score : null, pct: finished ? scorePct(a.score!, questions) : null };
}

const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length);

function summary(test: WorkshopData['pre'], attempts: readonly AttemptData[], questions: number, now: Date): TestSummary | null {
  if (!test) return null;
  const finished = attempts.filter((a) => a.finishedAt !== null && a.score !== null);
  return {
    code: test.code,
    state: quizState(test, now),
    openedAt: test.openedAt,
    closedAt: test.closedAt,
    joined: attempts.length,
    finished: finished.length,
    averageScore: mean(finished.map((a) => a.score!)),
    averagePct: mean(finished.map((a) => scorePct(a.score!, questions)!)),
  };
}

function noteOf(pre: AttemptResult | null, post: AttemptResult | null): ParticipantNote {
  if ((pre && !pre.finished) || (post && !post.finished)) return 'belum selesai';
  if (pre && post) return 'pre dan post';
  return pre ? 'hanya pre-test' : 'hanya post-test';
}

function paired(list: readonly ParticipantResult[]): PairedSummary {
  const both = list.filter((p) => p.change !== null);
  const prePct = mean(both.map((p) => p.pre!.pct!));
  const postPct = mean(both.map((p) => p.post!.pct!));
  return {
    count: both.length,
    prePct,
    postPct,
    changePts: prePct === null || postPct === null ? null : postPct - prePct,
    averageChange: mean(both.map((p) => p.change!)),
  };
}

function tally(attempts: readonly AttemptData[], question: number): QuestionTally {
  const finished = attempts.filter((a) => a.finishedAt !== null);
  const correct = finished.filter((a) => a.answers.some((x) => x.question === question && x.correct)).length;
  return { answered: finished.length, correct, pct: finished.length === 0 ? null : (correct / finished.length) * 100 };
}

export function workshopResults(data: WorkshopData, areas: AreaDirectory, now: Date): WorkshopResults {
  const { workshop, questions } = data;
  const q = questions.length;
  const preAttempts = data.attempts.filter((a) => a.kind === 'pre');
  const postAttempts = data.attempts.filter((a) => a.kind === 'post');
  const people = new Map<number, AttemptData>();
  for (const a of data.attempts) if (!people.has(a.personId)) people.set(a.personId, a);

  const participants = [...people.values()]
    .map((first): ParticipantResult => {
      const pre = attemptResult(preAttempts.find((a) => a.personId === first.personId), q);
      const post = attemptResult(postAttempts.find((a) => a.personId === first.personId), q);
      // The desa they came from: the pre-test's record when there is one (a cadre moved since keeps it).
      const desaCode = first.desaCode;
      const both = pre?.finished === true && post?.finished === true;
      return {
        personId: first.personId,
        name: first.name,
        role: first.role,
        roleTitle: isRole(first.role) ? ROLE_TITLES[first.role] : first.role,
        desaCode,
        desaName: areas.get(desaCode)?.name ?? desaCode,
        kecamatanName: areas.kecamatanOf(desaCode)?.name ?? '',
        pre,
        post,
        change: both ? post.score! - pre.score! : null,
        changePts: both ? post.pct! - pre.pct! : null,
        note: noteOf(pre, post),
      };
    })
    .sort((a, b) => a.kecamatanName.localeCompare(b.kecamatanName) || a.desaName.localeCompare(b.desaName) || a.name.localeCompare(b.name) || a.personId - b.personId);

  const desaCodes = [...new Set(participants.map((p) => p.desaCode))];
  const byDesa = desaCodes.map((code): DesaResult => {
    const here = participants.filter((p) => p.desaCode === code);
    const pres = here.filter((p) => p.pre?.finished).map((p) => p.pre!.pct!);
    const posts = here.filter((p) => p.post?.finished).map((p) => p.post!.pct!);
    const pair = paired(here);
    return {
      desaCode: code,
      desaName: here[0]!.desaName,
      kecamatanName: here[0]!.kecamatanName,
      participants: here.length,
      preFinished: pres.length,
      prePct: mean(pres),
      postFinished: posts.length,
      postPct: mean(posts),
      paired: pair.count,
      changePts: pair.changePts,
    };
  });

  const byQuestion = questions.map((question, i): QuestionResult => {
    const pre = tally(preAttempts, i);
    const post = tally(postAttempts, i);
    return {
      number: i + 1,
      topic: question.topic,
      text: question.text,
      answerText: question.options[question.answer] ?? '',
      pre,
      post,
      changePts: pre.pct === null || post.pct === null ? null : post.pct - pre.pct,
    };
  });

  return {
    id: workshop.id,
    name: workshop.name,
    bankId: workshop.bankId,
    bankTitle: workshop.bankTitle,
    questionCount: q,
    areaSpec: workshop.areaSpec,
    areaLabel: specLabel(workshop.areaSpec, areas),
    organiserName: data.organiserName,
    createdAt: workshop.createdAt,
    pre: summary(data.pre, preAttempts, q, now),
    post: summary(data.post, postAttempts, q, now),
    paired: paired(participants),
    participants,
    byDesa,
    byQuestion,
  };
}
