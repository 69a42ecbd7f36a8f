// The reminder ladder's texts: exactly what is missing, the deadline, and the one message that starts it; the PKB's
// named list shortened to one message.
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from '../../src/flows/engine/limits.js';
import { cadreReminderText, missingListText, type CadreReminder } from '../../src/flows/recap/reminder-texts.js';

const base: CadreReminder = {
  step: 'before',
  period: '2026-11',
  unit: { kind: 'desa', desa: 'Desa Pakatto' },
  due: { year: 2026, month: 12, day: 3 },
  close: { year: 2026, month: 12, day: 15 },
  returned: null,
};

describe('cadre reminder text', () => {
  it('when a desa recap is missing, then each step names the month, the desa, the deadline and both ways to start', () => {
    const before = cadreReminderText(base);
    expect(before).toContain('Laporan bulanan November 2026 untuk Desa Pakatto belum dikirim.');
    expect(before).toContain('Kamis, 3/12/2026 (2 hari lagi)');
    expect(before).toContain('Ketik *LAPORAN*');
    expect(before).toContain('LAPOR 11/2026 PUS=');
    expect(before).toContain('BANTUAN LAPOR');
    expect(cadreReminderText({ ...base, step: 'due' })).toContain('hari ini (Kamis, 3/12/2026) sampai pukul 23.59 WITA');
    expect(cadreReminderText({ ...base, step: 'after' })).toContain('sampai 15/12/2026 dan dicatat terlambat');
  });

  it('when the recap was returned, then the reminder gives the reviewer reason and how to correct, never calling a correction late', () => {
    const text = cadreReminderText({ ...base, step: 'after', returned: { reason: 'PUS tidak sama dengan register' } });
    expect(text).toContain('dikembalikan untuk diperbaiki');
    expect(text).toContain('Alasan: PUS tidak sama dengan register');
    expect(text).toContain('UBAH');
    expect(text).not.toContain('terlambat');
    expect(cadreReminderText({ ...base, returned: { reason: null } })).not.toContain('Alasan');
  });

  it('when a Sub-PPKBD part is missing, then the reminder names the dusun and its desa', () => {
    const text = cadreReminderText({ ...base, unit: { kind: 'dusun', dusun: 'Dusun Bontoa', desa: 'Desa Pakatto' } });
    expect(text).toContain('Bagian Dusun Bontoa (Desa Pakatto) untuk laporan November 2026 belum dikirim.');
    expect(text).toContain('bagian dusun Anda');
  });

  it('when any reminder is written, then it stays under the message limit even with a long reason', () => {
    for (const step of ['before', 'due', 'after'] as const) {
      expect(cadreReminderText({ ...base, step, returned: { reason: 'x'.repeat(2000) } }).length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    }
  });
});

describe('named list for the PKB', () => {
  it('when desa are still missing the day after the due date, then each is named with its PPKBD, or that none is registered', () => {
    const text = missingListText({
      period: '2026-11',
      scope: 'Kec. Bontomarannu',
      due: base.due,
      close: base.close,
      expected: 8,
      missing: [
        { name: 'Pakatto', ppkbd: 'Siti Aminah' },
        { name: 'Borongloe', ppkbd: null },
      ],
      returned: [{ name: 'Nirannuang', ppkbd: 'Nur Aeni' }],
    });
    expect(text).toContain('*Belum lapor: laporan November 2026, Kec. Bontomarannu*');
    expect(text).toContain('Belum mengirim, 2 dari 8 desa/kelurahan:');
    expect(text).toContain('• Pakatto (PPKBD: Siti Aminah)');
    expect(text).toContain('• Borongloe (belum ada PPKBD terdaftar)');
    expect(text).toContain('Dikembalikan, belum diperbaiki (1):\n• Nirannuang (PPKBD: Nur Aeni)');
    expect(text).not.toMatch(/\+62|08\d{8}/);
  });

  it('when the list is too long for one message, then it is cut to whole lines ending with "dan N lainnya"', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ name: `Desa Dengan Nama Panjang Nomor ${i + 1}`, ppkbd: `Kader Dengan Nama Panjang ${i + 1}` }));
    const text = missingListText({ period: '2026-11', scope: 'Kec. Pallangga', due: base.due, close: base.close, expected: 60, missing: many, returned: [] });
    expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(text).toContain('Belum mengirim, 60 dari 60 desa/kelurahan:');
    expect(text).toMatch(/• dan \d+ lainnya/);
    expect(text).toContain('• Desa Dengan Nama Panjang Nomor 1 (');
  });
});
