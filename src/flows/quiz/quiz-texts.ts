// The cadre's side of a quiz in words: the welcome, each question, the feedback of the post-test, the score at the
// end, and the plain answers to a wrong, closed or already finished code. Bahasa Indonesia, short. Pure.
import type { QuizQuestion } from '../../domain/quiz/quiz-bank.js';
import { lastValidDay, QUIZ_KIND_LABELS, type QuizKind } from '../../domain/quiz/quiz-rules.js';
import { MAX_MESSAGE_CHARS } from '../engine/limits.js';
import type { QuizTestView } from './quiz-facts.js';

export const kindLabel = (kind: QuizKind) => QUIZ_KIND_LABELS[kind];
const Capital = (text: string) => text[0]!.toUpperCase() + text.slice(1);

export const pct = (score: number, total: number) => (total > 0 ? Math.round((score / total) * 100) : 0);

export const scoreText = (score: number, total: number) => `*${score} dari ${total}* (${pct(score, total)}%)`;

/** "Pre-test Pelatihan Kader Pallangga" (or "pre-test …" inside a sentence): what the cadre is taking. */
export const testName = (t: Pick<QuizTestView, 'kind' | 'workshop'>, capital = true) => `${capital ? Capital(kindLabel(t.kind)) : kindLabel(t.kind)} ${t.workshop}`;

/** The first message: what it is, how many questions, how to answer; or where they left off. */
export function welcomeText(t: QuizTestView): string {
  const n = t.questions.length;
  const answered = t.mine?.answered.length ?? 0;
  if (answered > 0) return `Melanjutkan *${testName(t)}*: ${answered} dari ${n} soal sudah Anda jawab.`;
  const feedback = t.kind === 'post' ? ' Setelah tiap jawaban Anda melihat jawaban yang benar dan penjelasannya.' : '';
  return `*${testName(t)}*\n${n} soal pilihan ganda. Jawab tiap soal dengan angka pilihannya. Jawaban yang sudah dikirim tidak bisa diubah.${feedback}`;
}

/** "Balas angka 1 sampai 4." */
export const answerHint = (options: number) => `Balas angka 1 sampai ${options}.`;

/** One question with its numbered options. */
export function questionText(t: QuizTestView, index: number): string {
  const q = t.questions[index];
  if (!q) return 'Soal ini tidak ditemukan. Ketik MENU.';
  const options = q.options.map((o, i) => `${i + 1}. ${o}`).join('\n');
  return `*Soal ${index + 1}/${t.questions.length}*\n${q.text}\n${options}\n${answerHint(q.options.length)}`;
}

/** The lead and the question in one message when they fit; the lead goes first on its own otherwise (preface). */
export function fitsWithQuestion(lead: string, question: string): boolean {
  return lead === '' || lead.length + 2 + question.length <= MAX_MESSAGE_CHARS;
}

/** After an answer in the post-test: right or wrong, the right option, and the one-line explanation. */
export function feedbackText(q: QuizQuestion, choice: number): string {
  if (choice === q.answer) return `*Benar.* ${q.explanation}`;
  return `*Kurang tepat.* Jawaban yang benar: ${q.answer + 1}. ${q.options[q.answer]}\n${q.explanation}`;
}

/** The end: the score, and for the post-test the change from the cadre's pre-test. */
export function finishedText(t: QuizTestView, score: number): string {
  const n = t.questions.length;
  const head = `*${Capital(kindLabel(t.kind))} selesai.* Nilai Anda: ${scoreText(score, n)}.`;
  if (t.kind === 'pre') return `${head} Terima kasih! Setelah materi pelatihan, kerjakan post-test dengan kode baru dari penyelenggara.`;
  if (t.preScore === null) return `${head} Anda tidak mengerjakan pre-test pelatihan ini. Terima kasih!`;
  const change = score - t.preScore;
  const how = change > 0 ? `naik ${change} soal` : change < 0 ? `turun ${-change} soal` : 'sama';
  return `${head}\nPre-test Anda: ${t.preScore} dari ${n}, jadi ${how}. Terima kasih!`;
}

/** Joining again after finishing: the score, nothing changes. */
export function alreadyDoneText(t: QuizTestView): string {
  const score = t.mine?.score ?? t.mine?.correct ?? 0;
  return `Anda sudah mengerjakan ${testName(t, false)} (kode ${t.code}). Nilai Anda: ${scoreText(score, t.questions.length)}. Setiap kuis hanya dikerjakan sekali.`;
}

export function notFoundText(code: string): string {
  return `Kode kuis ${code} tidak ditemukan. Periksa lagi kode dari penyelenggara (4 huruf/angka), lalu balas KUIS dan kodenya, misalnya KUIS K7Q2.`;
}

/** A closed or expired test; answers given before it closed stay counted. */
export function closedText(t: QuizTestView): string {
  const why = t.state === 'expired' ? `sudah tidak berlaku (berlaku sampai ${lastValidDay(t.expiresAt)})` : 'sudah ditutup oleh penyelenggara';
  const kept = (t.mine?.answered.length ?? 0) > 0 ? ` Jawaban Anda sebelumnya (${t.mine!.answered.length} dari ${t.questions.length} soal) tetap tercatat.` : '';
  return `Kuis ${t.code} (${testName(t, false)}) ${why}, jadi tidak bisa dikerjakan lagi.${kept}`;
}

export const ANSWER_HELP =
  'Jawab dengan angka pilihan (misalnya 2). Jawaban yang sudah dikirim tersimpan dan tidak bisa diubah. Bila berhenti, lanjutkan kapan saja dengan KUIS dan kodenya selama kuis masih dibuka.';

export const HOW_TO_JOIN = 'Tulis kode kuis dari penyelenggara pelatihan (4 huruf/angka), misalnya K7Q2.';

export const OFFICER_NOT_TAKER =
  'Kuis pelatihan dikerjakan oleh kader (PPKBD dan Sub-PPKBD), jadi nilai Anda tidak dicatat. Untuk melihat hasil kuis: KUIS HASIL dan kodenya.';

export const NOT_REGISTERED = 'Maaf, kuis pelatihan hanya untuk kader yang terdaftar di IMP Smart. Hubungi PKB Anda bila Anda kader PPKBD atau Sub-PPKBD.';

export const NOT_ORGANISER =
  'Kuis pelatihan dibuka oleh PKB, koordinator, atau Dinas. Untuk mengerjakan kuis, balas KUIS dan kode dari penyelenggara, misalnya KUIS K7Q2.';
