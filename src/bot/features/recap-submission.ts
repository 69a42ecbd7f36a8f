// Storing a submitted recap (desa record or dusun part) inside the message's transaction: the cadre's receipt
// (saying who received it), the notices to the PPKBD or the reviewers, and the dusun-vs-desa check. An unchanged
// recap and a locked one store nothing.
import type { Tx } from '../../db/client.js';
import { findRecap, personUnitId, saveSubmission, unitName, type RecapRow } from '../../db/repos/recaps.repo.js';
import { enqueueOutbound } from '../../db/repos/outbox.repo.js';
import { indicators } from '../../domain/recap/derive.js';
import { FIELD_BY_ID, type RecapSettings, type RecapValues } from '../../domain/recap/fields.js';
import type { RecapSubmitted } from '../../flows/engine/types.js';
import { clip, figureLines, figuresInline, mismatchLines } from '../../flows/recap/recap-texts.js';
import { periodLabel } from '../../flows/recap/summary.js';
import type { ApplyContext } from '../apply-events.js';
import { isLate, shiftPeriod, type RecapCalendar } from './recap.js';
import { activePpkbdOf, dusunMismatchOf, reviewersLabel, reviewersOf, reviewerTitle } from './recap-reviewers.js';

/** At most this many "what changed" lines in one notice; the rest is counted. */
const MAX_CHANGE_LINES = 12;

function parse(json: string): RecapValues {
  return JSON.parse(json) as RecapValues;
}

function sameValues(a: RecapValues, b: RecapValues): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

function changedLines(before: RecapValues, after: RecapValues): string[] {
  const ids = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((id) => before[id] !== after[id]);
  const lines = ids.slice(0, MAX_CHANGE_LINES).map((id) => `• ${FIELD_BY_ID.get(id)?.label ?? id}: ${before[id] ?? '–'} → ${after[id] ?? '–'}`);
  if (ids.length > MAX_CHANGE_LINES) lines.push(`• dan ${ids.length - MAX_CHANGE_LINES} angka lain`);
  return lines;
}

export function recapSubmittedHandler(settings: RecapSettings, calendar: RecapCalendar) {
  return (tx: Tx, event: RecapSubmitted, ctx: ApplyContext): void => {
    const { actor } = ctx;
    if (actor.kind !== 'person') throw new Error('recap_submitted from an unregistered sender');
    const send = (to: string, text: string) =>
      enqueueOutbound(tx, { toAddress: to, priority: to === ctx.replyTo ? 'reply' : 'notice', kind: 'text', text, inboundId: ctx.inboundId }, ctx.now);
    const reply = (text: string) => send(ctx.replyTo, text);
    const unitId = actor.role === 'sub_ppkbd' ? personUnitId(tx, actor.personId) : null;
    const dusun = unitId === null ? null : unitName(tx, unitId);
    const what = `${dusun ? `${dusun}, ` : ''}${periodLabel(event.period)}`;
    const desaRecap = findRecap(tx, event.desaCode, event.period, null);
    const previous = unitId === null ? desaRecap : findRecap(tx, event.desaCode, event.period, unitId);

    // Locked: verified while the cadre was on the summary, or (a dusun part) the desa recap is already verified.
    if (previous?.status === 'verified' || (unitId !== null && desaRecap?.status === 'verified')) {
      reply(`Laporan ${what} tidak dikirim: laporan desa ${periodLabel(event.period)} sudah diverifikasi dan terkunci. Hubungi ${reviewerTitle(reviewersOf(tx, event.desaCode).role)} Anda bila ada yang perlu diubah.`);
      return;
    }
    if (previous && sameValues(parse(previous.values), event.values)) {
      reply(unchangedText(what, previous, reviewerTitle(reviewersOf(tx, event.desaCode).role)));
      return;
    }

    const partBefore = unitId !== null ? { unitId, values: previous ? parse(previous.values) : null } : null;
    const mismatchBefore = partBefore ? dusunMismatchOf(tx, event.desaCode, event.period, settings, partBefore) : null;
    const { row } = saveSubmission(tx, {
      desaCode: event.desaCode,
      period: event.period,
      unitId,
      values: event.values,
      warnings: event.warnings,
      reporterId: actor.personId,
      late: isLate(event.period, ctx.now, calendar),
      now: ctx.now,
    });

    const ppkbd = unitId !== null ? activePpkbdOf(tx, event.desaCode) : undefined;
    const reviewers = reviewersOf(tx, event.desaCode);
    const receivedBy = unitId !== null ? (ppkbd ? `${ppkbd.name} (PPKBD)` : null) : reviewersLabel(reviewers);
    reply(receiptText(tx, event, row, what, unitId, receivedBy, settings));

    if (unitId !== null) {
      const ind = indicators(event.values, settings);
      const notice = [
        `${row.version > 1 ? `Perbaikan bagian ${dusun ?? 'dusun'} (versi ${row.version})` : `Bagian ${dusun ?? 'dusun'}`} untuk laporan ${periodLabel(event.period)} masuk dari ${actor.name} (Sub-PPKBD): PUS ${event.values.pus ?? '–'}, peserta KB aktif ${ind.paTotal}.`,
      ];
      const mismatch = desaRecap ? dusunMismatchOf(tx, event.desaCode, event.period, settings) : null;
      const place = ctx.areas.label(event.desaCode);
      if (mismatch) {
        notice.push(
          '',
          `Rekap desa ${periodLabel(event.period)} yang sudah Anda kirim tidak lagi cocok dengan bagian dusun.`,
          ...mismatchLines(mismatch),
          'Kirim perbaikan rekap desa lewat menu Laporan bulanan. Rekap desa belum bisa diverifikasi sampai cocok.',
        );
        const toReviewers = [
          place,
          `Bagian dusun untuk rekap ${periodLabel(event.period)} berubah setelah rekap desa dikirim PPKBD.`,
          ...mismatchLines(mismatch).slice(1),
          'Rekap desa belum bisa diverifikasi sampai PPKBD mengirim perbaikan atau bagian dusun cocok lagi.',
        ].join('\n');
        for (const person of reviewers.people) send(person.phone, toReviewers);
      } else if (mismatchBefore) {
        notice.push('', `Bagian dusun sudah cocok lagi dengan rekap desa ${periodLabel(event.period)}.`);
        for (const person of reviewers.people) send(person.phone, `${place}\nBagian dusun untuk rekap ${periodLabel(event.period)} sudah cocok lagi dengan rekap desa; rekap desa bisa diperiksa.`);
      }
      if (ppkbd) send(ppkbd.phone, notice.join('\n'));
      return;
    }

    const body = previous
      ? [`Perbaikan rekap ${periodLabel(event.period)} dari ${actor.name} (PPKBD), versi ${row.version}. Yang berubah:`, ...changedLines(parse(previous.values), event.values)]
      : [`Rekap ${periodLabel(event.period)} masuk dari ${actor.name} (PPKBD)${row.late ? ' (terlambat)' : ''}.`, figuresInline(event.values, settings)];
    if (event.warnings.length > 0) body.push(`${event.warnings.length} angka tidak biasa sudah dinyatakan benar oleh PPKBD.`);
    body.push('Periksa lewat menu Periksa laporan desa.');
    for (const person of reviewers.people) send(person.phone, [ctx.areas.label(event.desaCode), ...body].join('\n'));
  };
}

function receiptText(tx: Tx, event: RecapSubmitted, row: RecapRow, what: string, unitId: number | null, receivedBy: string | null, settings: RecapSettings): string {
  const late = row.late ? (row.version === 1 ? ', terlambat' : ', tercatat terlambat') : '';
  const lastMonth = findRecap(tx, event.desaCode, shiftPeriod(event.period, -1), unitId);
  const lastPa = lastMonth ? indicators(parse(lastMonth.values), settings).paTotal : null;
  const paNow = indicators(event.values, settings).paTotal;
  const change =
    lastPa === null ? 'Belum ada data bulan lalu untuk dibandingkan.' : `Peserta KB aktif ${paNow - lastPa >= 0 ? '+' : ''}${paNow - lastPa} dibanding bulan lalu.`;
  const to = receivedBy
    ? `Diteruskan ke ${receivedBy}.`
    : unitId !== null
      ? 'PPKBD desa Anda belum terdaftar, jadi bagian ini belum diteruskan; laporan tetap tersimpan.'
      : 'Belum ada petugas terdaftar yang menerima laporan ini; laporan tetap tersimpan. Mohon beri tahu Dinas.';
  return [
    `Terima kasih! Laporan ${what} terkirim (versi ${row.version}${late}).`,
    `Kode tanda terima: *${row.receiptCode}*`,
    ...figureLines(event.values, settings),
    change,
    to,
  ].join('\n');
}

function unchangedText(what: string, previous: RecapRow, reviewer: string): string {
  const lines = [`Tidak ada perubahan dibanding versi ${previous.version} (kode ${previous.receiptCode}), jadi laporan ${what} tidak dikirim ulang.`];
  if (previous.status === 'returned') {
    if (previous.returnedReason) lines.push(`Laporan ini dikembalikan untuk diperbaiki. Alasan: ${clip(previous.returnedReason, 200)}`);
    lines.push(`Ubah angka yang perlu diperbaiki lalu kirim lagi. Bila angkanya memang sudah benar, beri tahu ${reviewer} Anda: laporan ini bisa diverifikasi tanpa dikirim ulang.`);
  }
  return lines.join('\n');
}
