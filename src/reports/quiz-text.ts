// The organiser's quiz report in WhatsApp (KUIS HASIL, and after KUIS TUTUP of a post-test): a summary, then the
// scores per cadre, the averages per desa and the share right per question, each packed into messages of at most
// 1,000 characters. Pure: formats one WorkshopResults, like the CSV and XLSX.
import type { QuizState } from '../domain/quiz/quiz-rules.js';
import type { AttemptResult, ParticipantResult, TestSummary, WorkshopResults } from './quiz-results.js';
import { packMessages } from './summary-text.js';

const STATE_WORDS: Readonly<Record<QuizState, string>> = { open: 'masih dibuka', closed: 'ditutup', expired: 'sudah tidak berlaku' };

/** 46%: whole percent. */
export const pctText = (pct: number | null) => (pct === null ? '–' : `${Math.round(pct)}%`);

/** "+3", "0", "-2" (whole numbers), or "+1,5" with one decimal when asked. */
export function signed(value: number, decimals = 0): string {
  const rounded = Number(value.toFixed(decimals));
  const text = Math.abs(rounded).toFixed(decimals).replace('.', ',');
  return rounded > 0 ? `+${text}` : rounded < 0 ? `-${text}` : text;
}

function testLine(label: string, t: TestSummary | null, q: number): string {
  if (!t) return `${label}: belum dibuka.`;
  const avg = t.averageScore === null ? '' : `, rata-rata ${t.averageScore.toFixed(1).replace('.', ',')} dari ${q} benar (${pctText(t.averagePct)})`;
  const waiting = t.joined - t.finished;
  return `${label} ${t.code} (${STATE_WORDS[t.state]}): ${t.finished} kader selesai${avg}${waiting > 0 ? `; ${waiting} belum selesai` : ''}.`;
}

const who = (p: ParticipantResult) => `${p.name} (${p.desaName})`;

function namesLine(label: string, list: readonly ParticipantResult[]): string | null {
  if (list.length === 0) return null;
  const shown = list.slice(0, 8).map(who);
  return `${label}: ${shown.join(', ')}${list.length > shown.length ? ` dan ${list.length - shown.length} lainnya` : ''}.`;
}

function summaryMessage(r: WorkshopResults): string {
  const lines = [
    `*Hasil kuis: ${r.name}*`,
    `${r.bankTitle}, ${r.questionCount} soal. ${r.areaLabel}.`,
    testLine('Pre-test', r.pre, r.questionCount),
    testLine('Post-test', r.post, r.questionCount),
  ];
  const p = r.paired;
  if (p.count > 0) {
    lines.push(`*Pre → post* (${p.count} kader ikut keduanya): ${pctText(p.prePct)} → ${pctText(p.postPct)}, ${signed(p.changePts!)} poin (rata-rata ${signed(p.averageChange!, 1)} soal).`);
  } else if (r.post) {
    lines.push('Pre → post: belum ada kader yang menyelesaikan keduanya.');
  }
  const onlyPre = namesLine('Hanya pre-test', r.participants.filter((x) => x.note === 'hanya pre-test'));
  const onlyPost = namesLine('Hanya post-test', r.participants.filter((x) => x.note === 'hanya post-test'));
  const unfinished = namesLine('Belum selesai', r.participants.filter((x) => x.note === 'belum selesai'));
  for (const line of [onlyPre, onlyPost, unfinished]) if (line) lines.push(line);
  if (r.participants.length === 0) lines.push('Belum ada kader yang mengerjakan.');
  return lines.join('\n');
}

function attemptText(a: AttemptResult | null, q: number): string {
  if (!a) return '–';
  return a.finished ? String(a.score) : `belum selesai (${a.answered}/${q})`;
}

function cadreLines(r: WorkshopResults): string[] {
  return r.participants.map((p, i) => {
    const change = p.change === null ? '' : ` (${signed(p.change)})`;
    return `${i + 1}. ${who(p)}: ${attemptText(p.pre, r.questionCount)} → ${attemptText(p.post, r.questionCount)}${change}`;
  });
}

function desaLines(r: WorkshopResults): string[] {
  return r.byDesa.map((d) => {
    const change = d.changePts === null ? '' : ` (${signed(d.changePts)} poin)`;
    return `• ${d.desaName}, Kec. ${d.kecamatanName} (${d.participants} kader): ${pctText(d.prePct)} → ${pctText(d.postPct)}${change}`;
  });
}

/** The topic, else the question's first words. */
function questionLabel(topic: string | null, text: string): string {
  if (topic) return topic;
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length <= 40 ? oneLine : `${oneLine.slice(0, 38).trimEnd()}…`;
}

function questionLines(r: WorkshopResults): string[] {
  return r.byQuestion.map((q) => `${q.number}. ${questionLabel(q.topic, q.text)}: ${pctText(q.pre.pct)} → ${pctText(q.post.pct)}`);
}

/** Every message of the report, in order. */
export function quizReportMessages(r: WorkshopResults): string[] {
  const messages = [summaryMessage(r)];
  if (r.participants.length === 0) return messages;
  const q = r.questionCount;
  messages.push(...packMessages(`*Nilai per kader* (benar dari ${q}: pre → post)`, cadreLines(r), '*Nilai per kader (lanjutan)*'));
  messages.push(...packMessages('*Rata-rata per desa* (% benar: pre → post)', desaLines(r), '*Rata-rata per desa (lanjutan)*'));
  messages.push(...packMessages('*Benar per soal* (% kader: pre → post)', questionLines(r), '*Benar per soal (lanjutan)*'));
  return messages;
}
