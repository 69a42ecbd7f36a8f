// Indonesian phone numbers in any written form (0812…, 62812…, +62 812-…) to one E.164 form.
// libphonenumber-js (with full metadata) knows which Indonesian numbers are real, which a regex would not.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export function normalizePhone(raw: string): string | null {
  const trimmed = raw.trim();
  if (trimmed === '' || /[a-z]/i.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed, 'ID');
  return parsed?.isValid() ? parsed.number : null;
}
