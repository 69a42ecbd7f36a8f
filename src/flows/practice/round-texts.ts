// What a trainer and the cadres read about a practice round (LATIHAN KELOMPOK): the invitation, the trainer's
// confirmation, who finished and who has not yet. Pure text building; the host reads the rows.
import { formatDay } from '../../domain/recap/calendar.js';
import { witaDate } from '../../time/wita.js';
import { fitList } from '../fit-text.js';
import { durationText } from './practice-feedback.js';
import type { PracticeKind } from './practice-model.js';
import { markText } from './practice-turn.js';

const KIND_WORDS: Readonly<Record<PracticeKind, string>> = {
  guided: 'laporan bulanan',
  fast: 'laporan cepat',
  case: 'laporan kasus',
};

/** "5/12/2026": the last day a round is open (it ends at midnight WITA after it). */
export function lastDay(expiresAt: Date): string {
  const [year, month, day] = witaDate(new Date(expiresAt.getTime() - 1)).split('-').map(Number) as [number, number, number];
  return formatDay({ year, month, day });
}

export function invitationText(trainer: string, expiresAt: Date): string {
  return markText(
    [
      `${trainer} mengajak Anda berlatih mengisi laporan di IMP Smart.`,
      'Ketik *LATIHAN* untuk mulai. Latihan memakai desa dan angka karangan: tidak ada yang disimpan sebagai laporan sungguhan dan tidak ada yang dikirim ke PKB.',
      `Latihan kelompok ini terbuka sampai ${lastDay(expiresAt)}. Hasil latihan Anda (waktu dan jumlah kesalahan) dapat dilihat oleh ${trainer}.`,
    ].join('\n'),
  )[0]!;
}

export function openedText(code: string, expiresAt: Date, invited: number): string {
  return [
    `Latihan kelompok *${code}* dibuka sampai ${lastDay(expiresAt)}.`,
    invited === 0
      ? 'Belum ada kader (PPKBD atau Sub-PPKBD) terdaftar di wilayah Anda, jadi belum ada yang diundang. Kader yang mengetik LATIHAN tetap bisa berlatih.'
      : `Undangan dikirim ke ${invited} kader (PPKBD dan Sub-PPKBD) di wilayah Anda.`,
    'Ketik LATIHAN HASIL untuk melihat siapa yang sudah selesai, LATIHAN TUTUP untuk menutupnya.',
  ].join('\n');
}

export function alreadyOpenText(code: string, expiresAt: Date): string {
  return `Latihan kelompok *${code}* masih terbuka sampai ${lastDay(expiresAt)}. Ketik LATIHAN HASIL untuk melihat hasilnya, atau LATIHAN TUTUP untuk menutupnya sebelum membuka yang baru.`;
}

export const NO_ROUND = 'Anda belum pernah membuka latihan kelompok. Ketik LATIHAN KELOMPOK untuk mengundang kader di wilayah Anda berlatih.';
export const NO_OPEN_ROUND = 'Tidak ada latihan kelompok yang sedang terbuka. Ketik LATIHAN KELOMPOK untuk membuka yang baru.';

export interface FinishedCadre {
  name: string;
  place: string;
  runs: number;
  kind: PracticeKind;
  seconds: number;
  /** Mistakes of the latest practice: answers refused, numbers that broke a rule, answers unlike the sheet. */
  mistakes: number;
}

export function resultsText(round: { code: string; state: 'open' | 'closed' | 'ended'; expiresAt: Date }, finished: readonly FinishedCadre[], notYet: readonly { name: string; place: string }[]): string {
  const state = round.state === 'open' ? `terbuka sampai ${lastDay(round.expiresAt)}` : round.state === 'closed' ? 'sudah ditutup' : 'sudah berakhir';
  const total = finished.length + notYet.length;
  const head = [`*Hasil latihan kelompok ${round.code}* (${state})`, `Sudah selesai: ${finished.length} dari ${total} kader.`].join('\n');
  const done = finished.map(
    (c) => `• ${c.name}, ${c.place}: ${KIND_WORDS[c.kind]}, ${durationText(c.seconds)}, ${c.mistakes === 0 ? 'tanpa kesalahan' : `${c.mistakes} kesalahan`}${c.runs > 1 ? ` (${c.runs} kali berlatih)` : ''}`,
  );
  const waiting = notYet.map((c) => `• ${c.name}, ${c.place}`);
  // Blank lines ride on the headings (fitList drops empty items).
  const items = [...(done.length > 0 ? ['\nSudah:', ...done] : []), ...(waiting.length > 0 ? [`\nBelum (${waiting.length}):`, ...waiting] : [])];
  return fitList(head, items, '', { more: (left) => `…dan ${left} baris lain.` });
}
