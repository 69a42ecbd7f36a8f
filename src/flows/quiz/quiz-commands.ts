// What a KUIS message asks for. Cadres: "KUIS K7Q2" (join; "kuis: k7q2", "Kuis k7q2."). Officers: "KUIS BUKA
// <nama pelatihan>" (also "buka kuis …"), "KUIS POST <kode>", "KUIS TUTUP <kode>", "KUIS HASIL [kode atau nama]".
// Pure.
import { normalizeCode } from '../../domain/quiz/quiz-rules.js';

export type QuizCommand =
  | { kind: 'join'; code: string }
  | { kind: 'open'; name: string }
  | { kind: 'post'; key: string }
  | { kind: 'close'; key: string }
  | { kind: 'report'; key: string };

const clean = (text: string) => text.trim().replace(/\s+/g, ' ').replace(/[.!]+$/, '');

// A code is exactly 4 letters/digits; command words that could read as one are not codes.
const JOIN = /^kuis\s*[:\-–#]?\s*([a-z0-9]{4})$/i;
const NOT_CODES = new Set(['BUKA', 'POST', 'SOAL']);
const OPEN = /^(?:kuis\s+buka|buka\s+kuis)(?:\s*[:\-–]\s*|\s+|$)(.*)$/i;
const POST = /^(?:kuis\s+post(?:[\s-]?test)?|buka\s+post[\s-]?test)(?:\s*[:\-–]\s*|\s+|$)(.*)$/i;
const CLOSE = /^(?:kuis\s+tutup|tutup\s+kuis)(?:\s*[:\-–]\s*|\s+|$)(.*)$/i;
const REPORT = /^(?:kuis\s+hasil|hasil\s+kuis)(?:\s*[:\-–]\s*|\s+|$)(.*)$/i;

export function readQuizCommand(text: string): QuizCommand | null {
  const t = clean(text);
  const join = JOIN.exec(t);
  if (join && !NOT_CODES.has(normalizeCode(join[1]!))) return { kind: 'join', code: normalizeCode(join[1]!) };
  const open = OPEN.exec(t);
  if (open) return { kind: 'open', name: open[1]!.trim() };
  const post = POST.exec(t);
  if (post) return { kind: 'post', key: post[1]!.trim() };
  const close = CLOSE.exec(t);
  if (close) return { kind: 'close', key: close[1]!.trim() };
  const report = REPORT.exec(t);
  if (report) return { kind: 'report', key: report[1]!.trim() };
  return null;
}

export const isQuizCommand = (kind: QuizCommand['kind']) => (text: string) => readQuizCommand(text)?.kind === kind;

/** A code typed on its own when asked ("k7q2", "KUIS K7Q2", "kode: K7 Q2"), or null when it is not 4 characters. */
export function typedCode(text: string): string | null {
  const code = normalizeCode(clean(text).replace(/^(?:kuis|kode)\b\s*/i, ''));
  return /^[A-Z0-9]{4}$/.test(code) ? code : null;
}

/** A key (code or workshop name) as the host looks it up: a 4-character code in capitals, else the name. */
export function keyOf(key: string): { code: string } | { name: string } | null {
  if (key === '') return null;
  return /^[a-z0-9]{4}$/i.test(key) ? { code: key.toUpperCase() } : { name: key };
}
