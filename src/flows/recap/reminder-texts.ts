// The reminder ladder's messages (docs/domain.md §9): to a cadre, exactly what is missing (which month, which desa or
// dusun, the reviewer's reason for a returned recap), the deadline, and the one message that starts it (the menu word
// and the fast-entry form); to the PKB the day after the due day, the desa still missing by name. Pure; every message
// stays under MAX_MESSAGE_CHARS.
import { formatDay, type WitaDay } from '../../domain/recap/calendar.js';
import { dayWithWeekday, type LadderStep } from '../../domain/recap/reminder-ladder.js';
import { MAX_MESSAGE_CHARS } from '../engine/limits.js';
import { periodLabel } from './summary.js';
import { clip } from './recap-texts.js';

/** "11/2026": the month as the fast entry writes it after LAPOR. */
function fastMonth(period: string): string {
  const [year, month] = period.split('-');
  return `${Number(month)}/${year}`;
}

export interface CadreReminder {
  step: LadderStep;
  /** YYYY-MM. */
  period: string;
  /** The PPKBD's desa recap, or a Sub-PPKBD's dusun part. `desa` as people say it: "Desa Pakatto", "Kelurahan Bontomanai". */
  unit: { kind: 'desa'; desa: string } | { kind: 'dusun'; dusun: string; desa: string };
  due: WitaDay;
  /** The last day of the ordinary window (IMP_RECAP_CLOSE_DAY). */
  close: WitaDay;
  /** The desa recap was returned to the PPKBD and not corrected yet: the reviewer's reason (null: unlocked without one). */
  returned: { reason: string | null } | null;
}

function deadlineLine(r: CadreReminder): string {
  switch (r.step) {
    case 'before':
      return `Batas pengiriman: ${dayWithWeekday(r.due)} (2 hari lagi).`;
    case 'due':
      return `Batas pengiriman hari ini (${dayWithWeekday(r.due)}) sampai pukul 23.59 WITA.`;
    case 'after':
      // Lateness belongs to the first submission: a correction of a returned recap is never late.
      return r.returned
        ? `Batas pengiriman kemarin (${formatDay(r.due)}). Perbaikan masih diterima sampai ${formatDay(r.close)}.`
        : `Batas pengiriman kemarin (${formatDay(r.due)}) sudah lewat. Laporan masih diterima sampai ${formatDay(r.close)} dan dicatat terlambat.`;
  }
}

/** The reminder a cadre receives privately on a step of the ladder. */
export function cadreReminderText(r: CadreReminder): string {
  const month = periodLabel(r.period);
  const lapor = `LAPOR ${fastMonth(r.period)}`;
  const lines = ['*Pengingat laporan bulanan*'];
  if (r.returned) {
    lines.push(`Laporan bulanan ${month} untuk ${r.unit.desa} dikembalikan untuk diperbaiki dan belum dikirim ulang.`);
    if (r.returned.reason) lines.push(`Alasan: ${clip(r.returned.reason, 200)}`);
    lines.push(deadlineLine(r), '');
    lines.push('Ketik *LAPORAN*: angka yang sudah dikirim ditampilkan, ubah dengan UBAH dan nomor barisnya, lalu KIRIM.');
    lines.push('Atau kirim hanya angka yang diperbaiki, misalnya:', `${lapor} PUS=…`);
  } else if (r.unit.kind === 'dusun') {
    lines.push(`Bagian ${r.unit.dusun} (${r.unit.desa}) untuk laporan ${month} belum dikirim.`);
    lines.push(deadlineLine(r), '');
    lines.push('Ketik *LAPORAN* untuk mengisi bagian dusun Anda langkah demi langkah.');
    lines.push('Atau kirim sekaligus dalam satu pesan, misalnya:', `${lapor} KELUARGA=… PUS=… IUD=…`);
  } else {
    lines.push(`Laporan bulanan ${month} untuk ${r.unit.desa} belum dikirim.`);
    lines.push(deadlineLine(r), '');
    lines.push('Ketik *LAPORAN* untuk mengisi langkah demi langkah.');
    lines.push('Atau kirim sekaligus dalam satu pesan, misalnya:', `${lapor} PUS=… IUD=… MOW=…`);
  }
  lines.push('Nama isian lengkap: ketik BANTUAN LAPOR.');
  return lines.join('\n');
}

export interface NamedDesa {
  /** The desa/kelurahan's name. */
  name: string;
  /** The active PPKBD's name, or null when none is registered (nobody was reminded). */
  ppkbd: string | null;
}

export interface MissingListInput {
  period: string;
  /** "Kec. Bontomarannu", or "desa binaan Anda, Kec. Bontomarannu". */
  scope: string;
  due: WitaDay;
  close: WitaDay;
  /** Desa/kelurahan taking part in the period, in the scope. */
  expected: number;
  missing: readonly NamedDesa[];
  returned: readonly NamedDesa[];
}

const item = (d: NamedDesa) => `• ${d.name} (${d.ppkbd ? `PPKBD: ${d.ppkbd}` : 'belum ada PPKBD terdaftar'})`;

/** Lists cut from the end, whole lines, with "• dan N lainnya", until the message fits. */
function fitted(build: (missingShown: number, returnedShown: number) => string, missing: number, returned: number, limit: number): string {
  let [m, r] = [missing, returned];
  let text = build(m, r);
  while (text.length > limit && (m > 1 || r > 1)) {
    if (m >= r && m > 1) m--;
    else r--;
    text = build(m, r);
  }
  return text;
}

/** The day after the due day, to the PKB side: which desa have still not sent (or not corrected) the recap. */
export function missingListText(input: MissingListInput, limit = MAX_MESSAGE_CHARS): string {
  const month = periodLabel(input.period);
  const list = (items: readonly NamedDesa[], shown: number) => [
    ...items.slice(0, shown).map(item),
    ...(items.length > shown ? [`• dan ${items.length - shown} lainnya`] : []),
  ];
  const build = (m: number, r: number) => {
    const lines = [`*Belum lapor: laporan ${month}, ${input.scope}*`, `Batas pengiriman kemarin (${formatDay(input.due)}) sudah lewat.`];
    if (input.missing.length > 0) {
      lines.push(`Belum mengirim, ${input.missing.length} dari ${input.expected} desa/kelurahan:`, ...list(input.missing, m));
    }
    if (input.returned.length > 0) lines.push(`Dikembalikan, belum diperbaiki (${input.returned.length}):`, ...list(input.returned, r));
    lines.push(`PPKBD yang terdaftar sudah diingatkan pagi ini. Laporan masih diterima sampai ${formatDay(input.close)} (yang belum mengirim dicatat terlambat).`);
    return lines.join('\n');
  };
  return fitted(build, input.missing.length, input.returned.length, limit);
}
