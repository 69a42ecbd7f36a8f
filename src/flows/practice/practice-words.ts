// The words that ask for practice mode (LATIHAN), tolerant of the ways people write them. Pure.
import { keywordOf } from '../parse/index.js';
import type { PracticeKind } from './practice-model.js';

export type RoundAction = 'round_open' | 'round_results' | 'round_close';

// "LATIHAN", "latihan!", "mulai latihan".
const PRACTICE = /^(?:MULAI |AYO )?LATIHAN$/;

export function isPracticeWord(text: string): boolean {
  return PRACTICE.test(keywordOf(text));
}

/**
 * What a message starting or ending with LATIHAN asks for, read by its other words: "latihan cepat", "LATIHAN LAPOR",
 * "latihan laporan kasus", "hasil latihan", "tutup latihan kelompok", "buka latihan kelompok". Null when it is none.
 */
export function practiceCommand(text: string): { kind: PracticeKind } | { action: RoundAction } | null {
  const words = keywordOf(text).split(' ');
  const at = words.indexOf('LATIHAN');
  if (at < 0 || (at > 0 && at < words.length - 1 && !['MULAI', 'BUKA', 'HASIL', 'TUTUP', 'LIHAT'].includes(words[0]!))) return null;
  const rest = new Set(words.filter((_, i) => i !== at));
  if (rest.size === 0 || words.length > 5) return null;
  if (rest.has('HASIL')) return { action: 'round_results' };
  if (rest.has('TUTUP')) return { action: 'round_close' };
  if (rest.has('KELOMPOK')) return { action: 'round_open' };
  if (rest.has('KASUS')) return { kind: 'case' };
  if (rest.has('CEPAT') || rest.has('LAPOR')) return { kind: 'fast' };
  if (rest.has('LAPORAN') || rest.has('BULANAN') || rest.has('BERTAHAP')) return { kind: 'guided' };
  return null;
}
