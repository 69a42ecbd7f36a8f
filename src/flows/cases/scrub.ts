// What of a resident's free text may be kept: personal data removed, insults and nonsense recognised.
import { looksLikeNonsenseOrAbuse, scrubFreeText } from '../../domain/cases/privacy.js';

export function scrubText(raw: string): { text: string; abusive: boolean } {
  return { text: scrubFreeText(raw).text, abusive: looksLikeNonsenseOrAbuse(raw) };
}
