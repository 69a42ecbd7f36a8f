// Texts about a sent recap for the cadre (receipt, status) and the reviewer (review, notices): the derived figures
// in plain Indonesian words, confirmed warnings, dusun mismatches, and packing lines into short messages. Pure.
import { formatPct, indicators } from '../../domain/recap/derive.js';
import type { DusunMismatch } from '../../domain/recap/dusun-consistency.js';
import type { RecapSettings, RecapValues } from '../../domain/recap/fields.js';
import { shortLabel } from './summary.js';

/** A message a cheap phone shows without scrolling for ever (issue: every message ≤ ~1,000 characters). */
export const MESSAGE_MAX_CHARS = 1000;

/** "Peserta KB aktif 266 dari 480 PUS (55,4%)" and the PUS who want family planning but use none (IAT + TIAL). */
export function figureLines(values: RecapValues, settings: RecapSettings): string[] {
  if (values.pus === undefined) return [];
  const ind = indicators(values, settings);
  return [
    `Peserta KB aktif ${ind.paTotal} dari ${values.pus} PUS (${formatPct(ind.cpr)}).`,
    `PUS yang ingin ber-KB tetapi belum ber-KB: ${ind.unmetNeed} (${formatPct(ind.unmetNeedPct)}).`,
  ];
}

/** One line for lists: "PUS 480 • peserta KB aktif 266 (55,4%) • ingin ber-KB tetapi belum ber-KB 129 (26,9%)". */
export function figuresInline(values: RecapValues, settings: RecapSettings): string {
  const ind = indicators(values, settings);
  return `PUS ${values.pus ?? '–'} • peserta KB aktif ${ind.paTotal} (${formatPct(ind.cpr)}) • ingin ber-KB tetapi belum ber-KB ${ind.unmetNeed} (${formatPct(ind.unmetNeedPct)})`;
}

export interface ConfirmedWarning {
  rule: string;
  message: string;
}

/** The warnings as the reviewer reads them: the finding, without the question the cadre answered. */
export function warningLines(warnings: readonly ConfirmedWarning[]): string[] {
  if (warnings.length === 0) return [];
  return [
    `Angka tidak biasa yang sudah dinyatakan benar oleh PPKBD (${warnings.length}):`,
    ...warnings.map((w) => `• ${w.message.replace(/\s*Apakah benar\?\s*$/, '')}`),
  ];
}

/** Warnings stored with a recap (JSON), tolerant of older shapes. */
export function parseWarnings(json: string | null): ConfirmedWarning[] {
  if (!json) return [];
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return [];
  return parsed
    .filter((w): w is { rule: unknown; message: unknown } => typeof w === 'object' && w !== null && 'message' in w)
    .map((w) => ({ rule: String(w.rule ?? ''), message: String(w.message) }));
}

const value = (n: number | null) => (n === null ? '–' : String(n));

/** Dusun, changed numbers and differing numbers listed at most this many times each in a mismatch. */
const MAX_LISTED = 5;

/** What disagrees between the desa recap and its dusun parts, for the PPKBD and the reviewer. */
export function mismatchLines(mismatch: DusunMismatch): string[] {
  // Capped so the message stays short however much changed; the PPKBD sees the full numbers in the recap itself.
  const lines = ['Bagian dusun berubah setelah rekap desa dikirim:'];
  for (const part of mismatch.changed.slice(0, MAX_LISTED)) {
    const changes = part.changes.slice(0, MAX_LISTED).map((c) => `${shortLabel(c.field)} ${value(c.before)} → ${value(c.after)}`);
    if (part.changes.length > MAX_LISTED) changes.push(`dan ${part.changes.length - MAX_LISTED} angka lain`);
    lines.push(`• ${part.name}: ${changes.length === 0 ? 'baru masuk' : changes.join(', ')}`);
  }
  if (mismatch.changed.length > MAX_LISTED) lines.push(`• dan ${mismatch.changed.length - MAX_LISTED} dusun lain`);
  if (mismatch.differences.length > 0) {
    lines.push('Rekap desa tidak sama dengan jumlah semua dusun:');
    for (const d of mismatch.differences.slice(0, MAX_LISTED)) lines.push(`• ${shortLabel(d.field)}: desa ${d.desa}, jumlah dusun ${d.sum}`);
    if (mismatch.differences.length > MAX_LISTED) lines.push(`• dan ${mismatch.differences.length - MAX_LISTED} angka lain`);
  }
  return lines;
}

/**
 * Packs blocks (each a list of lines) into as few messages as fit within `max` characters, never splitting a block
 * unless it alone is too long (then by lines). Keeps every message short enough for a cheap phone.
 */
export function packMessages(blocks: readonly (readonly string[])[], max = MESSAGE_MAX_CHARS): string[] {
  const messages: string[] = [];
  let current = '';
  const push = (text: string) => {
    if (current && current.length + 2 + text.length > max) {
      messages.push(current);
      current = '';
    }
    current = current ? `${current}\n\n${text}` : text;
  };
  for (const block of blocks) {
    if (block.length === 0) continue;
    const text = block.join('\n');
    if (text.length <= max) {
      push(text);
      continue;
    }
    let part = '';
    for (const line of block) {
      if (part && part.length + 1 + line.length > max) {
        push(part);
        part = '';
      }
      part = part ? `${part}\n${line}` : line.slice(0, max);
    }
    if (part) push(part);
  }
  if (current) messages.push(current);
  return messages;
}

/** Shortens a free text for a list line ("…" when cut). */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
