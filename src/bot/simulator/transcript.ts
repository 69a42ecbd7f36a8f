// The simulator's transcript format (docs: docs/simulator.md, a contract: extend, never change).
import { parseWitaDateTime } from '../../time/wita.js';

export type TranscriptStep =
  | { kind: 'at'; line: number; at: Date }
  | { kind: 'message'; line: number; phone: string; group: string | null; content: { kind: 'text'; text: string } | { kind: 'image'; caption: string } }
  | { kind: 'redeliver'; line: number }
  | { kind: 'restart'; line: number };

export class TranscriptError extends Error {
  override name = 'TranscriptError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`transcript line ${line}: ${message}`);
  }
}

const MESSAGE = /^(\+\d{6,15})\s*(?:@\s*([^:\s][^:]*?)\s*)?:\s?(.*)$/;
const IMAGE = /^\[gambar\]\s?(.*)$/i;

/** Parses the whole transcript first, so a malformed line stops the run before anything is sent. */
export function parseTranscript(text: string): TranscriptStep[] {
  const steps: TranscriptStep[] = [];
  let lastAt: Date | null = null;
  let seenMessage = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (trimmed.startsWith('@at')) {
      const at = parseWitaDateTime(trimmed.slice(3).trim());
      if (!at) throw new TranscriptError(line, `expected "@at YYYY-MM-DD HH:MM" (WITA), got "${trimmed}"`);
      if (lastAt && at < lastAt) throw new TranscriptError(line, 'the clock never goes back');
      lastAt = at;
      steps.push({ kind: 'at', line, at });
      return;
    }
    if (trimmed === '@redeliver') {
      if (!seenMessage) throw new TranscriptError(line, '@redeliver before any message');
      steps.push({ kind: 'redeliver', line });
      return;
    }
    if (trimmed === '@restart') {
      steps.push({ kind: 'restart', line });
      return;
    }
    if (trimmed.startsWith('@')) throw new TranscriptError(line, `unknown directive "${trimmed.split(/\s/)[0]}"`);
    const m = MESSAGE.exec(raw.trimStart());
    if (!m) throw new TranscriptError(line, 'expected "+<phone>: text", "+<phone> @ <group>: text", a directive or a comment');
    const body = m[3]!.replace(/\\n/g, '\n');
    const image = IMAGE.exec(body);
    seenMessage = true;
    steps.push({
      kind: 'message',
      line,
      phone: m[1]!,
      group: m[2] ?? null,
      content: image ? { kind: 'image', caption: image[1]! } : { kind: 'text', text: body },
    });
  });
  return steps;
}
