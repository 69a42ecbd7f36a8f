// Section II of the desa recap (docs/domain.md §5.3) proposed from the desa-level meetings recorded for that desa and
// month (§8 derivations). The recap stays the cadre's declaration: this is only what the bot offers to confirm.
// Pure.
import type { MeetingKind } from './meeting-model.js';

/** What a meeting contributes to Section II. */
export interface MeetingForRecap {
  kind: MeetingKind;
  kieKit: boolean;
  attTokohAgama: number;
  attTokohMasyarakat: number;
}

/** The four Section II fields, by their recap field ids. */
export const SECTION_II_FIELDS = ['frek_rakor_desa', 'frek_penyuluhan_pkb', 'frek_kie_kit', 'jml_tokoh_aktif_kie'] as const;
export type SectionIIField = (typeof SECTION_II_FIELDS)[number];

export interface SectionIIProposal {
  /** How many meetings of the desa were recorded for the month (every kind, poktan included). */
  meetings: number;
  values: Readonly<Record<SectionIIField, number>>;
}

// The recap's hard bounds (fields.ts): a frequency is at most the days of a month, leaders at most 500. A proposal
// beyond them (duplicate reports) is capped so the cadre is never offered a number the recap would refuse.
const MAX: Readonly<Record<SectionIIField, number>> = { frek_rakor_desa: 31, frek_penyuluhan_pkb: 31, frek_kie_kit: 31, jml_tokoh_aktif_kie: 500 };

/**
 * rakor = count(RAKOR_DESA), penyuluhan = count(PENYULUHAN_PKB), KIE Kit = count(meetings where the kit was used; a
 * KIE_KIT session counts even if the flag was left off), leaders = the most leaders (tokoh agama + tokoh
 * masyarakat) at any one meeting: without a leader registry they cannot be counted distinctly, so the maximum is an
 * approximation and is labelled as one. Null when no meeting was recorded (the recap asks as usual).
 */
export function proposeSectionII(meetings: readonly MeetingForRecap[]): SectionIIProposal | null {
  if (meetings.length === 0) return null;
  const count = (test: (m: MeetingForRecap) => boolean) => meetings.filter(test).length;
  const values: Record<SectionIIField, number> = {
    frek_rakor_desa: count((m) => m.kind === 'RAKOR_DESA'),
    frek_penyuluhan_pkb: count((m) => m.kind === 'PENYULUHAN_PKB'),
    frek_kie_kit: count((m) => m.kieKit || m.kind === 'KIE_KIT'),
    jml_tokoh_aktif_kie: Math.max(0, ...meetings.map((m) => m.attTokohAgama + m.attTokohMasyarakat)),
  };
  for (const f of SECTION_II_FIELDS) values[f] = Math.min(values[f], MAX[f]);
  return { meetings: meetings.length, values };
}

/** Whether a recap field id is one of Section II's four. */
export function isSectionIIField(field: string): field is SectionIIField {
  return (SECTION_II_FIELDS as readonly string[]).includes(field);
}
