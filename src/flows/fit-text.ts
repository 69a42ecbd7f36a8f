// Lists that could grow past one readable message (rule findings, parse errors) are cut to fit, with a line
// saying how many were left out: the cadre fixes the first ones and is told the rest on the next try.
import { MAX_MESSAGE_CHARS } from './engine/limits.js';

/**
 * `head`, as many `items` as fit, a "…dan N lagi" line when some did not, then `tail`, within `limit` characters.
 * Items are kept whole and in order; at least one is always shown.
 */
export function fitList(
  head: string,
  items: readonly string[],
  tail = '',
  options: { limit?: number; more?: (left: number) => string } = {},
): string {
  const { limit = MAX_MESSAGE_CHARS, more = (left: number) => `…dan ${left} hal lain.` } = options;
  const join = (shown: readonly string[], left: number) =>
    [head, ...shown, ...(left > 0 ? [more(left)] : []), ...(tail ? [tail] : [])].filter((l) => l !== '').join('\n');
  for (let n = items.length; n > 1; n--) {
    const text = join(items.slice(0, n), items.length - n);
    if (text.length <= limit) return text;
  }
  return join(items.slice(0, 1), items.length - 1);
}

/** "A, B, C dan 4 lainnya": at most `max` names, the rest counted. */
export function someNames(names: readonly string[], max = 4): string {
  const shown = names.length > max ? [...names.slice(0, max - 1), `${names.length - max + 1} lainnya`] : [...names];
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} dan ${shown.at(-1)}`;
}
