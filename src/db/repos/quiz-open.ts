// Opening and closing workshop quizzes, the same way from WhatsApp (KUIS BUKA/POST/TUTUP), the command line and the
// API: a new workshop name opens its pre-test; the same name again (or its pre-test's code) opens the paired
// post-test, which closes the pre-test; a workshop has one of each.
import type { AreaDirectory } from '../../areas/directory.js';
import type { QuizBank } from '../../domain/quiz/quiz-bank.js';
import { maySeeWorkshop, quizState, workshopNameKey, type QuizViewer } from '../../domain/quiz/quiz-rules.js';
import type { DbOrTx } from '../client.js';
import { closeTest, createWorkshop, findQuizByCode, findWorkshop, insertTest, testsOf, workshopsNamed, type QuizRow, type WorkshopRow } from './quiz.repo.js';

export type OpenOutcome =
  | { kind: 'pre_opened'; workshop: WorkshopRow; pre: QuizRow }
  | { kind: 'post_opened'; workshop: WorkshopRow; pre: QuizRow | null; post: QuizRow; preClosedNow: boolean }
  /** Both tests exist already: nothing changes. */
  | { kind: 'already_paired'; workshop: WorkshopRow; pre: QuizRow | null; post: QuizRow }
  /** A new workshop needs a bank (none was chosen). */
  | { kind: 'bank_needed' };

/** The newest workshop of that name the viewer may see, if any. */
export function workshopByName(db: DbOrTx, name: string, viewer: QuizViewer, areas: AreaDirectory): WorkshopRow | undefined {
  return workshopsNamed(db, workshopNameKey(name)).find((w) => maySeeWorkshop(viewer, w, areas));
}

export interface OpenRequest {
  name: string;
  /** Needed only for a new workshop. */
  bank: QuizBank | null;
  areaSpec: string;
  organiserId: number | null;
  via: 'whatsapp' | 'cli' | 'api';
  viewer: QuizViewer;
  now: Date;
}

/** KUIS BUKA <nama>: the pre-test of a new workshop, or the post-test of one the viewer already has by that name. */
export function openByName(db: DbOrTx, areas: AreaDirectory, request: OpenRequest): OpenOutcome {
  const existing = workshopByName(db, request.name, request.viewer, areas);
  if (existing) return openPost(db, existing, request.now);
  if (!request.bank) return { kind: 'bank_needed' };
  const workshop = createWorkshop(db, {
    name: request.name,
    nameKey: workshopNameKey(request.name),
    bank: request.bank,
    areaSpec: request.areaSpec,
    organiserId: request.organiserId,
    openedVia: request.via,
    now: request.now,
  });
  return { kind: 'pre_opened', workshop, pre: insertTest(db, workshop.id, 'pre', request.now) };
}

/** The workshop's post-test (the same questions); its pre-test stops taking answers then. */
export function openPost(db: DbOrTx, workshop: WorkshopRow, now: Date): OpenOutcome {
  const { pre, post } = testsOf(db, workshop.id);
  if (post) return { kind: 'already_paired', workshop, pre, post };
  const preClosedNow = pre !== null && quizState(pre, now) === 'open';
  if (pre && preClosedNow) closeTest(db, pre.id, now);
  const opened = insertTest(db, workshop.id, 'post', now);
  return { kind: 'post_opened', workshop, pre: pre && preClosedNow ? { ...pre, closedAt: now.toISOString() } : pre, post: opened, preClosedNow };
}

/** KUIS TUTUP: closes a test (an expired one too, so it reads "closed"); false when it was closed already. */
export function closeQuiz(db: DbOrTx, quiz: QuizRow, now: Date): boolean {
  if (quiz.closedAt !== null) return false;
  closeTest(db, quiz.id, now);
  return true;
}

/**
 * A workshop named the way an operator or a client names it: a test's code ("9KPF", that test too), the workshop's
 * number, or its name. Only one the viewer may see; undefined otherwise, as if it did not exist.
 */
export function workshopByKey(db: DbOrTx, key: string, viewer: QuizViewer, areas: AreaDirectory): { workshop: WorkshopRow; test: QuizRow | null } | undefined {
  const trimmed = key.trim();
  const visible = (w: WorkshopRow | undefined) => (w && maySeeWorkshop(viewer, w, areas) ? w : undefined);
  if (/^[a-z0-9]{4}$/i.test(trimmed)) {
    const test = findQuizByCode(db, trimmed.toUpperCase());
    const workshop = visible(test ? findWorkshop(db, test.workshopId) : undefined);
    if (test && workshop) return { workshop, test };
  }
  if (/^\d{1,9}$/.test(trimmed)) {
    const workshop = visible(findWorkshop(db, Number(trimmed)));
    if (workshop) return { workshop, test: null };
  }
  const named = trimmed === '' ? undefined : workshopByName(db, trimmed, viewer, areas);
  return named ? { workshop: named, test: null } : undefined;
}

export { findWorkshop };
