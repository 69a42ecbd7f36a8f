// The "lapor" form workload: 1,000 users, a 12-question numeric form with 10 % invalid first answers, a summary and a
// confirmation. A faithful port of the engine-independent generator the other bots were measured with (same texts,
// PRNG and draw order), so our figures compare with theirs; `fingerprint()` proves the sequence is byte-identical.
import { createHash } from 'node:crypto';
import { seededRandom } from './random.js';

export const KEYWORD = 'lapor';
export const CONFIRM = 'ya';
export const QUESTION_COUNT = 12;
export const INVALID_RATE = 0.1;
export const PHONE_BASE = 62812000000;
export const WARMUP_PHONE_BASE = 62819000000;
export const DEFAULT_SEED = 20240601;
/** sha256 of the 1,000-user workload with the default seed, as published with the workload. */
export const FINGERPRINT_1000 = 'dcef9b963b0aa337fecd2829231508ac5c286dcd68659282579f3a7f037ee8a2';

export const LABELS = [
  'Jumlah kepala keluarga',
  'Jumlah warga',
  'Jumlah balita',
  'Jumlah lansia',
  'Jumlah ibu hamil',
  'Jumlah warga sakit',
  'Jumlah rumah rusak',
  'Jumlah sumur bersih',
  'Jumlah jamban sehat',
  'Jumlah anak sekolah',
  'Jumlah penerima bantuan',
  'Jumlah kejadian banjir',
] as const;

export const INVALID_TEXTS = ['tidak tahu', 'banyak', 'sepuluh', 'abc', 'belum ada', 'kurang lebih', 'dua puluh', 'x'] as const;

/** An answer is valid iff its trimmed text is 1–9 ASCII digits. */
export const NUMERIC = /^[0-9]{1,9}$/;

export const question = (k: number): string => `Pertanyaan ${k}/${QUESTION_COUNT}: ${LABELS[k - 1]}? Jawab dengan angka.`;
export const reask = (k: number): string => `Jawaban harus berupa angka. ${question(k)}`;
export const summary = (values: readonly number[]): string =>
  'Ringkasan laporan:\n' + values.map((v, i) => `${i + 1}. ${LABELS[i]}: ${v}`).join('\n') + `\nBalas '${CONFIRM}' untuk konfirmasi.`;
export const DONE = 'Terima kasih, laporan Anda sudah tersimpan.';

/** mulberry32: 32-bit PRNG, floats in [0, 1) — the workload's generator, the same as the capacity model's. */
export const mulberry32 = seededRandom;

export interface Step {
  body: string;
  expect: string;
}
export interface Script {
  from: string;
  steps: Step[];
}

/** Per-user scripts; the draw order is part of the workload (slots first, then values and invalid texts). */
export function buildScripts(users: number, seed = DEFAULT_SEED, phoneBase = PHONE_BASE): { scripts: Script[]; invalidFirst: number; messages: number } {
  const r = mulberry32(seed);
  const slots = QUESTION_COUNT * users;
  const K = Math.round(INVALID_RATE * slots);
  const idx = new Int32Array(slots);
  for (let i = 0; i < slots; i++) idx[i] = i;
  for (let i = 0; i < K; i++) {
    const j = i + Math.floor(r() * (slots - i));
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  const invalid = new Uint8Array(slots);
  for (let i = 0; i < K; i++) invalid[idx[i]!] = 1;
  const scripts: Script[] = [];
  for (let u = 0; u < users; u++) {
    const steps: Step[] = [{ body: KEYWORD, expect: question(1) }];
    const values: number[] = [];
    for (let k = 1; k <= QUESTION_COUNT; k++) {
      const value = Math.floor(r() * 1000);
      values.push(value);
      if (invalid[u * QUESTION_COUNT + (k - 1)]) {
        const text = INVALID_TEXTS[Math.floor(r() * INVALID_TEXTS.length)]!;
        steps.push({ body: text, expect: reask(k) });
      }
      steps.push({ body: String(value), expect: k < QUESTION_COUNT ? question(k + 1) : summary(values) });
    }
    steps.push({ body: CONFIRM, expect: DONE });
    scripts.push({ from: String(phoneBase + u), steps });
  }
  return { scripts, invalidFirst: K, messages: QUESTION_COUNT * users + 2 * users + K };
}

/** sha256 over every from/body/expect, to prove two harnesses ran the same workload. */
export function fingerprint(scripts: readonly Script[]): string {
  const h = createHash('sha256');
  for (const s of scripts) {
    h.update(s.from);
    h.update('\u0000');
    for (const st of s.steps) {
      h.update(st.body);
      h.update('\u0001');
      h.update(st.expect);
      h.update('\u0002');
    }
  }
  return h.digest('hex');
}
