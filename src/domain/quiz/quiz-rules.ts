// Workshop quizzes' rules that need no database: who organises and who takes them, the codes, how long a code
// stays valid, how a workshop's name is compared, scores, and which workshops an officer or a token may see.
// Pure: `now` and the area directory are passed in.
import type { AreaDirectory } from '../../areas/directory.js';
import { fromWita, toWita } from '../../time/wita.js';
import { normalizeCode, shortCode } from '../meetings/meeting-rules.js';
import { CADRE_ROLES, type Role } from '../roles.js';

export const QUIZ_KINDS = ['pre', 'post'] as const;
export type QuizKind = (typeof QUIZ_KINDS)[number];
export const QUIZ_KIND_LABELS: Readonly<Record<QuizKind, string>> = { pre: 'pre-test', post: 'post-test' };

/** Who opens, closes and reads quizzes: the PKB side and the Dinas (not the cadres, who take them). */
export const QUIZ_ORGANISER_ROLES: readonly Role[] = ['pkb', 'koordinator', 'dinas', 'admin'];
/** Who takes them and is counted: the cadres. */
export const QUIZ_TAKER_ROLES: readonly Role[] = CADRE_ROLES;

export const isQuizOrganiser = (role: Role) => QUIZ_ORGANISER_ROLES.includes(role);
export const isQuizTaker = (role: Role) => QUIZ_TAKER_ROLES.includes(role);

/** A code works for a week of WITA days (a workshop may last several days), unless closed earlier. */
export const QUIZ_VALID_DAYS = 7;

/** The end of the QUIZ_VALID_DAYS-th WITA day after the day it was opened. */
export function quizExpiry(openedAt: Date): Date {
  const t = toWita(openedAt);
  return fromWita(t.year, t.month, t.day + QUIZ_VALID_DAYS + 1);
}

// Another salt than check-ins and receipts, so a quiz code does not look like one of theirs.
const QUIZ_SALT = 131_071;
/** Codes that read as a command word after KUIS ("KUIS BUKA …"). */
const RESERVED = new Set(['BUKA']);

/** The n-th candidate quiz code (4 characters, no 0/O/1/I), or null when it is a reserved word. */
export function quizCodeCandidate(n: number): string | null {
  const code = shortCode(n, QUIZ_SALT);
  return RESERVED.has(code) ? null : code;
}

export { normalizeCode };

/** A workshop's name as compared: case, spaces and punctuation do not matter ("Pelatihan  kader, Okt" = "pelatihan kader okt"). */
export function workshopNameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export const WORKSHOP_NAME_MIN = 3;
export const WORKSHOP_NAME_MAX = 60;

/** A name as stored: single spaces, no trailing punctuation. */
export function cleanWorkshopName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim().replace(/^[:\-–]\s*/, '').replace(/[.!]+$/, '').trim();
}

export const QUIZ_STATES = ['open', 'closed', 'expired'] as const;
export type QuizState = (typeof QUIZ_STATES)[number];

export function quizState(test: { closedAt: string | null; expiresAt: string }, now: Date): QuizState {
  if (test.closedAt !== null) return 'closed';
  return now.getTime() >= Date.parse(test.expiresAt) ? 'expired' : 'open';
}

/** A score as a percentage of the questions, or null without questions. */
export function scorePct(score: number, questions: number): number | null {
  return questions > 0 ? (score / questions) * 100 : null;
}

/**
 * The area a workshop belongs to, as an area spec like an API token's (`--area`): the kabupaten code, a kecamatan
 * code, or desa codes separated by ";". A PKB's is their binaan (the kecamatan when it is all of it).
 */
export function organiserAreaSpec(person: { role: Role; desaCodes: readonly string[]; homeAreaCode: string }, areas: AreaDirectory): string {
  if (person.role === 'dinas' || person.role === 'admin') return areas.kabupaten().code;
  if (person.role === 'koordinator') return person.homeAreaCode;
  const desa = [...new Set(person.desaCodes)].sort();
  const kecamatan = new Set(desa.map((d) => areas.kecamatanOf(d)?.code));
  if (kecamatan.size === 1) {
    const [k] = kecamatan;
    if (k && areas.desaOf(k).length === desa.length) return k;
  }
  return desa.join(';');
}

/** The desa an area spec covers; null for the kabupaten (every desa). Unknown codes are left out. */
export function specDesa(spec: string, areas: AreaDirectory): ReadonlySet<string> | null {
  if (spec === areas.kabupaten().code) return null;
  if (areas.isKecamatan(spec)) return new Set(areas.desaOf(spec).map((d) => d.code));
  return new Set(spec.split(';').filter((c) => areas.isDesa(c)));
}

/**
 * May someone who oversees `viewerDesa` (null: the whole kabupaten) see a workshop of this area? Only when the
 * workshop lies wholly inside what they oversee: a PKB sees their binaan's workshops, a koordinator those of their
 * kecamatan, the Dinas all. (Its organiser always sees their own: checked by the caller.)
 */
export function workshopVisible(spec: string, viewerDesa: ReadonlySet<string> | null, areas: AreaDirectory): boolean {
  if (viewerDesa === null) return true;
  const desa = specDesa(spec, areas);
  if (desa === null || desa.size === 0) return false;
  for (const d of desa) if (!viewerDesa.has(d)) return false;
  return true;
}

/** "Kabupaten Gowa", "Kec. Bontomarannu", "Desa Pakatto dan Desa Nirannuang": the area in words. */
export function specLabel(spec: string, areas: AreaDirectory): string {
  if (spec === areas.kabupaten().code) return `Kabupaten ${areas.kabupaten().name}`;
  if (areas.isKecamatan(spec)) return areas.label(spec);
  const names = spec
    .split(';')
    .map((c) => areas.get(c))
    .filter((a) => a !== undefined)
    .map((a) => `${a.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${a.name}`);
  return names.length <= 1 ? (names[0] ?? spec) : `${names.slice(0, -1).join(', ')} dan ${names.at(-1)}`;
}

/** Who is looking: a registered officer (their id, for their own workshops) or an API token; the desa they oversee. */
export interface QuizViewer {
  personId: number | null;
  /** null: the whole kabupaten. */
  desa: ReadonlySet<string> | null;
}

/** The desa an officer oversees (their binaan, their kecamatan, or all for the Dinas), as a quiz viewer. */
export function officerViewer(person: { personId: number; role: Role; desaCodes: readonly string[] }): QuizViewer {
  return { personId: person.personId, desa: person.role === 'dinas' || person.role === 'admin' ? null : new Set(person.desaCodes) };
}

export function maySeeWorkshop(viewer: QuizViewer, workshop: { organiserId: number | null; areaSpec: string }, areas: AreaDirectory): boolean {
  if (viewer.personId !== null && workshop.organiserId === viewer.personId) return true;
  return workshopVisible(workshop.areaSpec, viewer.desa, areas);
}

/** "2/12/2026": the last WITA day a code works (its expiry is the midnight after it). */
export function lastValidDay(expiresAt: string): string {
  const t = toWita(new Date(Date.parse(expiresAt) - 1));
  return `${t.day}/${t.month}/${t.year}`;
}
