// The officers' quiz commands, handed over by the quiz flow as { action, … }: open a workshop's pre-test (or its
// post-test when the name is known), open a post-test, close a test, send the results. Each answer goes to the
// officer in private; the results are the same WorkshopResults as the exports (reports/quiz-results.ts).
import type { AreaDirectory } from '../../areas/directory.js';
import type { Tx } from '../../db/client.js';
import { enqueueOutbound } from '../../db/repos/outbox.repo.js';
import { closeQuiz, openByName, openPost, workshopByName, type OpenOutcome } from '../../db/repos/quiz-open.js';
import { finishedAttempts, findQuiz, findQuizByCode, findWorkshop, latestWorkshops, questionsOf, testsOf, type QuizRow, type WorkshopRow } from '../../db/repos/quiz.repo.js';
import type { QuizBankCatalogue } from '../../domain/quiz/quiz-bank.js';
import { isQuizOrganiser, lastValidDay, maySeeWorkshop, officerViewer, organiserAreaSpec, QUIZ_KIND_LABELS, quizState, type QuizViewer } from '../../domain/quiz/quiz-rules.js';
import type { Actor } from '../../flows/engine/types.js';
import { keyOf } from '../../flows/quiz/quiz-commands.js';
import type { QuizAction } from '../../flows/quiz/quiz-organise-nodes.js';
import { NOT_ORGANISER } from '../../flows/quiz/quiz-texts.js';
import { loadWorkshopData } from '../../reports/quiz-data.js';
import { workshopResults } from '../../reports/quiz-results.js';
import { quizReportMessages } from '../../reports/quiz-text.js';
import type { ApplyContext, CompletionHandler } from '../apply-events.js';

type Person = Extract<Actor, { kind: 'person' }>;
type Answer = (text: string) => void;

const validUntil = (t: QuizRow) => lastValidDay(t.expiresAt);

function openedText(outcome: Exclude<OpenOutcome, { kind: 'bank_needed' }>, tx: Tx): string {
  const w = outcome.workshop;
  const questions = questionsOf(w).length;
  switch (outcome.kind) {
    case 'pre_opened': {
      const code = outcome.pre.code;
      return [
        `*Pre-test dibuka:* ${w.name}`,
        `Kode kuis: *${code}* (${questions} soal, ${w.bankTitle}). Berlaku sampai ${validUntil(outcome.pre)}.`,
        `Minta kader (PPKBD dan Sub-PPKBD) membalas *KUIS ${code}* ke nomor ini sebelum materi dimulai.`,
        `Setelah materi: KUIS POST ${code} membuka post-test. Hasil: KUIS HASIL ${code}.`,
      ].join('\n');
    }
    case 'post_opened': {
      const code = outcome.post.code;
      const pre = outcome.pre;
      const preLine = pre ? `Pre-test ${pre.code} ${outcome.preClosedNow ? 'ditutup' : 'sudah ditutup'}: ${finishedAttempts(tx, pre.id)} kader selesai.` : null;
      return [
        `*Post-test dibuka:* ${w.name}`,
        `Kode kuis: *${code}* (${questions} soal yang sama dengan pre-test). Berlaku sampai ${validUntil(outcome.post)}.`,
        ...(preLine ? [preLine] : []),
        `Minta kader membalas *KUIS ${code}*. Hasil pre → post: KUIS HASIL ${code}. Bila selesai: KUIS TUTUP ${code}.`,
      ].join('\n');
    }
    case 'already_paired':
      return `Pelatihan ${w.name} sudah punya ${outcome.pre ? `pre-test ${outcome.pre.code} dan ` : ''}post-test ${outcome.post.code}. Hasilnya: KUIS HASIL ${outcome.post.code}. Untuk pelatihan baru, pakai nama lain (misalnya tambahkan bulannya).`;
  }
}

type Found = { workshop: WorkshopRow; test: QuizRow | null } | { error: string };

/**
 * What an officer named: a test by its code, a workshop by its name, a choice from the menu's list (ids), or nothing
 * (their latest workshop). Another area's workshop is "not found" for them, exactly like a wrong code.
 */
function resolve(tx: Tx, results: Record<string, unknown>, viewer: QuizViewer, areas: AreaDirectory): Found {
  const visible = (w: WorkshopRow | undefined) => (w && maySeeWorkshop(viewer, w, areas) ? w : undefined);
  if (typeof results.quiz === 'string' && results.quiz !== '') {
    const test = findQuiz(tx, Number(results.quiz));
    const workshop = visible(test ? findWorkshop(tx, test.workshopId) : undefined);
    return test && workshop ? { workshop, test } : { error: 'Kuis itu tidak ditemukan.' };
  }
  if (typeof results.workshop === 'string' && results.workshop !== '') {
    const workshop = visible(findWorkshop(tx, Number(results.workshop)));
    return workshop ? { workshop, test: null } : { error: 'Pelatihan itu tidak ditemukan.' };
  }
  const key = keyOf(String(results.key ?? '').trim());
  if (key === null) {
    const latest = latestWorkshops(tx, 200).find((w) => maySeeWorkshop(viewer, w, areas));
    return latest ? { workshop: latest, test: null } : { error: 'Belum ada kuis pelatihan di wilayah Anda. Buka dengan KUIS BUKA <nama pelatihan>.' };
  }
  if ('code' in key) {
    const test = findQuizByCode(tx, key.code);
    const workshop = visible(test ? findWorkshop(tx, test.workshopId) : undefined);
    if (test && workshop) return { workshop, test };
    // A four-letter workshop name is still a name.
    const named = workshopByName(tx, key.code, viewer, areas);
    if (named) return { workshop: named, test: null };
    return { error: `Kode kuis ${key.code} tidak ditemukan di wilayah Anda. Periksa kodenya, atau tulis nama pelatihannya.` };
  }
  const named = workshopByName(tx, key.name, viewer, areas);
  return named ? { workshop: named, test: null } : { error: 'Pelatihan dengan nama itu tidak ditemukan di wilayah Anda. Periksa namanya, atau pakai kode kuisnya.' };
}

function report(tx: Tx, workshop: WorkshopRow, areas: AreaDirectory, now: Date, answer: Answer): void {
  const data = loadWorkshopData(tx, workshop.id);
  if (!data) return;
  for (const message of quizReportMessages(workshopResults(data, areas, now))) answer(message);
}

function open(tx: Tx, actor: Person, results: Record<string, unknown>, banks: QuizBankCatalogue, ctx: ApplyContext, answer: Answer): void {
  const viewer = officerViewer(actor);
  const name = String(results.name ?? '');
  const bankId = typeof results.bank === 'string' ? results.bank : null;
  // The only bank when none was chosen (a name the flow thought known, then gone), else the one chosen.
  const bank = bankId ? (banks.get(bankId) ?? null) : banks.banks.length === 1 ? banks.banks[0]! : null;
  const outcome = openByName(tx, ctx.areas, { name, bank, areaSpec: organiserAreaSpec(actor, ctx.areas), organiserId: actor.personId, via: 'whatsapp', viewer, now: ctx.now });
  if (outcome.kind === 'bank_needed') {
    answer('Bank soal belum dipilih. Ketik KUIS BUKA dan nama pelatihannya lagi, lalu pilih bank soalnya.');
    return;
  }
  answer(openedText(outcome, tx));
  ctx.logger.info({ workshop: outcome.workshop.id, outcome: outcome.kind }, 'quiz opened');
}

function close(tx: Tx, found: { workshop: WorkshopRow; test: QuizRow | null }, ctx: ApplyContext, answer: Answer): void {
  const { pre, post } = testsOf(tx, found.workshop.id);
  // A workshop named without a code: its test that still takes answers (the post-test first).
  const test = found.test ?? [post, pre].find((t) => t !== null && quizState(t, ctx.now) === 'open') ?? post ?? pre;
  if (!test) {
    answer(`Pelatihan ${found.workshop.name} belum punya kuis.`);
    return;
  }
  const closedNow = closeQuiz(tx, test, ctx.now);
  const done = finishedAttempts(tx, test.id);
  const what = `Kuis ${test.code} (${QUIZ_KIND_LABELS[test.kind]} ${found.workshop.name})`;
  answer(closedNow ? `${what} ditutup. ${done} kader selesai.${test.kind === 'pre' ? ` Setelah materi: KUIS POST ${test.code} membuka post-test.` : ''}` : `${what} sudah ditutup sebelumnya. ${done} kader selesai.`);
  // Closing the post-test ends the workshop: the organiser gets the pre → post results at once.
  if (closedNow && test.kind === 'post') report(tx, found.workshop, ctx.areas, ctx.now, answer);
}

export function runQuizCommand(banks: QuizBankCatalogue): CompletionHandler {
  return (tx, results, ctx) => {
    const actor = ctx.actor;
    if (actor.kind !== 'person') return;
    const answer: Answer = (text) => enqueueOutbound(tx, { toAddress: ctx.replyTo, priority: 'reply', kind: 'text', text, inboundId: ctx.inboundId }, ctx.now);
    // The flow refuses others already; a role changed meanwhile is refused here too.
    if (!isQuizOrganiser(actor.role)) return answer(NOT_ORGANISER);
    const action = results.action as QuizAction;
    if (action === 'open') return open(tx, actor, results, banks, ctx, answer);
    const found = resolve(tx, results, officerViewer(actor), ctx.areas);
    if ('error' in found) return answer(found.error);
    if (action === 'close') return close(tx, found, ctx, answer);
    if (action === 'report') return report(tx, found.workshop, ctx.areas, ctx.now, answer);
    const outcome = openPost(tx, found.workshop, ctx.now);
    if (outcome.kind !== 'bank_needed') answer(openedText(outcome, tx));
  };
}
