import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../../src/domain/recap/calendar.js';
import { fastEntryKeysBySection } from '../../src/domain/recap/fast-entry.js';
import { DEFAULT_RECAP_SETTINGS, RECAP_FIELDS, type RecapSettings } from '../../src/domain/recap/fields.js';
import { renderLaporCard } from '../../src/reports/print/lapor-card.js';
import { pdfPageCount, pdfTextRuns } from '../helpers/pdf-text.js';

const ALL_PARTS: RecapSettings = { pusRule: 'C3', parts: { flows: true, channel: true, mal_traditional: true } };

describe('the printable LAPOR card', () => {
  it('when the card is rendered with the default parts, then it is one page with every active key, the example and the deadline', async () => {
    const pdf = await renderLaporCard({ settings: DEFAULT_RECAP_SETTINGS, calendar: { dueDay: 5, closeDay: 20 } });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPageCount(pdf)).toBe(1);
    const runs = pdfTextRuns(pdf);
    const text = runs.join('\n');
    const keys = fastEntryKeysBySection(DEFAULT_RECAP_SETTINGS).flatMap((s) => s.keys.map((k) => k.key));
    for (const key of keys) expect(runs, key).toContain(key);
    expect(runs).toContain('PA');
    expect(text).toContain('LAPOR 11/2026 PUS=480 IUD=20 MOW=5');
    expect(text).toContain('tanggal 5 bulan berikutnya');
    expect(text).toContain('Sampai tanggal 20');
    expect(text).toContain('BANTUAN LAPOR');
    // The optional parts this deployment does not use are left off.
    expect(runs).not.toContain('PB_IUD');
    expect(runs).not.toContain('PA_SWASTA');
  });

  it('when every optional part is switched on, then all their keys are on the one page too, in paper-form order', async () => {
    const pdf = await renderLaporCard({ settings: ALL_PARTS, calendar: DEFAULT_CALENDAR, compress: false });
    expect(pdfPageCount(pdf)).toBe(1);
    const runs = pdfTextRuns(pdf);
    for (const field of RECAP_FIELDS) expect(runs, field.key).toContain(field.key);
    const positions = RECAP_FIELDS.map((f) => runs.indexOf(f.key));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('when the machine has no DejaVu font, then the card falls back to the built-in font and still lists every key', async () => {
    const pdf = await renderLaporCard({ settings: DEFAULT_RECAP_SETTINGS, calendar: DEFAULT_CALENDAR, fontDir: null });
    const runs = pdfTextRuns(pdf);
    for (const s of fastEntryKeysBySection(DEFAULT_RECAP_SETTINGS)) for (const { key } of s.keys) expect(runs).toContain(key);
  });
});
