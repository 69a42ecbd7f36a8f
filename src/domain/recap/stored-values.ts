// A recap's values as stored (JSON in recaps.values / recap_events.values), read back tolerantly: only numbers are
// figures; anything else, or JSON that does not parse, is as if not answered.
import type { RecapValues } from './fields.js';

export function parseStoredValues(json: string | null): RecapValues {
  try {
    const parsed: unknown = JSON.parse(json ?? '{}');
    if (parsed === null || typeof parsed !== 'object') return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, number] => typeof e[1] === 'number'));
  } catch {
    return {};
  }
}
