// Deterministic DHIS2 identifiers. DHIS2 matches a metadata import by UID, so the UID of each object we create must
// be the same every time the file is generated: then a re-import updates the objects instead of adding copies.
// A UID here is a hash of a fixed seed, the object's kind and its code, written in DHIS2's UID alphabet.
import { createHash } from 'node:crypto';

/**
 * The seed of every UID IMP Smart generates. The same in every deployment on purpose: two kabupaten that import
 * into one DHIS2 instance then share one data set and one set of data elements instead of two look-alikes.
 * Never change it: every object would get a new UID and a re-import would duplicate the whole package.
 */
export const UID_SEED = 'imp-smart/f-i-dal/v1';

/** DHIS2's UID: 11 characters, a letter first, then letters and digits (CodeGenerator.UID_REGEXP). */
export const DHIS2_UID = /^[A-Za-z][A-Za-z0-9]{10}$/;

/** The kinds of object we generate; part of the hash so a data element and an indicator sharing a code differ. */
export type UidKind =
  | 'dataElement'
  | 'dataSet'
  | 'section'
  | 'indicator'
  | 'indicatorType'
  | 'validationRule'
  | 'validationRuleGroup'
  | 'organisationUnit';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALPHANUMERIC = `0123456789${LETTERS}`;

/**
 * The UID of the object of `kind` with `code`. SHA-256 bytes are reduced modulo the alphabet: the slight bias of
 * 256 mod 62 does not matter for uniqueness (62^10 × 52 values; the tests check a whole file for collisions).
 */
export function dhis2Uid(kind: UidKind, code: string, seed: string = UID_SEED): string {
  const bytes = createHash('sha256').update(`${seed}\u0000${kind}\u0000${code}`, 'utf8').digest();
  let uid = LETTERS[bytes[0]! % LETTERS.length]!;
  for (let i = 1; i < 11; i++) uid += ALPHANUMERIC[bytes[i]! % ALPHANUMERIC.length]!;
  return uid;
}

export function isDhis2Uid(text: string): boolean {
  return DHIS2_UID.test(text);
}
