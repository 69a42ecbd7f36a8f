// How the dashboard writes numbers, months and statuses: Indonesian (decimal comma, "November 2026"), and the
// machine value beside it in a data attribute, so a test (or a script) reads the figure without parsing Indonesian.
import { formatPct } from '../../domain/recap/derive.js';
import type { DesaFigures, PeriodCalendar } from '../../reports/aggregate.js';
import { periodText, witaDateTime } from '../../reports/labels.js';
import { html, type SafeHtml } from './html.js';

export { periodText };

/** "1.234" (Indonesian thousands separator) or "–". */
export function formatCount(x: number | null): string {
  return x === null ? '–' : x.toLocaleString('id-ID');
}

export { formatPct };

/** A figure: the Indonesian text, with its raw value in `data-value` ("" for none) under a stable name. */
export function figure(name: string, value: number | null, kind: 'count' | 'pct'): SafeHtml {
  const text = kind === 'pct' ? formatPct(value) : formatCount(value);
  return html`<span class="figure" data-figure="${name}" data-value="${value === null ? '' : String(value)}">${text}</span>`;
}

/** "2 Des 2026 10:05 WITA", or "–". */
export function witaTime(iso: string | null): string {
  const t = witaDateTime(iso);
  return t === null ? '–' : `${t} WITA`;
}

export type DesaState = 'tidak_ikut' | 'belum_kirim' | 'terlambat' | 'terkirim' | 'dikembalikan' | 'terverifikasi';

export const DESA_STATE_LABELS: Readonly<Record<DesaState, string>> = {
  tidak_ikut: 'tidak ikut',
  belum_kirim: 'belum kirim',
  terlambat: 'terlambat (belum kirim)',
  terkirim: 'terkirim',
  dikembalikan: 'dikembalikan',
  terverifikasi: 'terverifikasi',
};

/** A desa's state as a PKB reads the list: not sent past the due day is "terlambat"; a late recap keeps its status. */
export function desaState(d: Pick<DesaFigures, 'status' | 'takingPart'>, calendar: Pick<PeriodCalendar, 'state'>): DesaState {
  switch (d.status) {
    case 'verified':
      return 'terverifikasi';
    case 'returned':
      return 'dikembalikan';
    case 'submitted':
      return 'terkirim';
    default:
      if (!d.takingPart) return 'tidak_ikut';
      return calendar.state === 'past_due' || calendar.state === 'closed' ? 'terlambat' : 'belum_kirim';
  }
}

/** Valid YYYY-MM. */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** "2026-12-03" → "3 Desember 2026". */
export function dayText(isoDay: string): string {
  return `${Number(isoDay.slice(8, 10))} ${periodText(isoDay.slice(0, 7))}`;
}
