// Section II of the desa recap proposed from the meetings recorded for the desa and month (issue 11): the guided
// question offers the four numbers with where they came from (YA or 1 takes them, four numbers of the cadre's own
// replace them), fast entry fills the Section II numbers it was not given, and the summary says which numbers came
// from the meetings. What is stored is what the cadre confirmed or typed. Pure.
import { SECTION_II_FIELDS, type SectionIIField, type SectionIIProposal } from '../../domain/meetings/recap-section-ii.js';
import type { Results, Scope } from '../engine/types.js';
import { periodOf, valuesOf, type Chain } from './chain.js';
import { recapFacts } from './recap-facts.js';
import { periodLabel, shortLabel } from './summary.js';

/** The group of Section II in the field catalogue. */
export const SECTION_II_GROUP = 'operasional';

/** The result listing the Section II fields whose number came from the meetings (and was not typed since). */
const FROM_MEETINGS = 'from_meetings';

/** The proposal for the month being reported, for a desa recap; null for a dusun part or without meetings. */
export function proposalFor(chain: Chain, scope: Pick<Scope, 'facts' | 'results'>): SectionIIProposal | null {
  if (chain.unit !== 'desa') return null;
  return recapFacts(scope)?.meetings?.[periodOf(scope.results)] ?? null;
}

/** "Dari 3 pertemuan yang dicatat di desa ini untuk November 2026: rakor 1, …, tokoh aktif 5 (perkiraan: …)." */
export function proposalText(proposal: SectionIIProposal, period: string): string {
  const v = proposal.values;
  return (
    `Dari ${proposal.meetings} pertemuan yang dicatat di desa ini untuk ${periodLabel(period)}: ` +
    `rakor ${v.frek_rakor_desa}, penyuluhan PKB ${v.frek_penyuluhan_pkb}, KIE Kit ${v.frek_kie_kit}, ` +
    `tokoh aktif ${v.jml_tokoh_aktif_kie} (perkiraan: terbanyak dalam satu pertemuan).`
  );
}

/** The question of Section II when meetings were recorded: the proposal, then YA/1 or the cadre's own numbers. */
export function proposalPrompt(head: string, proposal: SectionIIProposal, results: Results): string {
  const values = valuesOf(results);
  const now = SECTION_II_FIELDS.every((f) => values[f] !== undefined) ? `\nSekarang: ${SECTION_II_FIELDS.map((f) => values[f]).join(' ')}` : '';
  return [
    head,
    proposalText(proposal, periodOf(results)) + now,
    `Balas YA (atau 1) bila angka ini benar, atau ketik ${SECTION_II_FIELDS.length} angka Anda sendiri dipisah spasi (rakor, penyuluhan, KIE Kit, tokoh), contoh: 2 1 3 6`,
  ].join('\n');
}

export function fromMeetings(results: Results): SectionIIField[] {
  const list = results[FROM_MEETINGS]?.value;
  return Array.isArray(list) ? (list as SectionIIField[]) : [];
}

/** The results that take the whole proposal (YA at the guided question). */
export function acceptProposal(proposal: SectionIIProposal): Record<string, unknown> {
  return { ...Object.fromEntries(SECTION_II_FIELDS.map((f) => [`v.${f}`, proposal.values[f]])), [FROM_MEETINGS]: [...SECTION_II_FIELDS] };
}

/** After the cadre typed these fields: they no longer come from the meetings ({} when nothing changes). */
export function typedOver(results: Results, fields: readonly string[]): Record<string, unknown> {
  const before = fromMeetings(results);
  const after = before.filter((f) => !fields.includes(f));
  return after.length === before.length ? {} : { [FROM_MEETINGS]: after };
}

/**
 * Fast entry: the Section II numbers neither given now nor already in the draft are filled from the meetings;
 * the numbers given win. `merged` are the values after the message; `given` the fields it named.
 */
export function fillFromMeetings(proposal: SectionIIProposal | null, merged: Readonly<Record<string, number>>, given: readonly string[], before: readonly SectionIIField[]): Record<string, unknown> {
  const kept = before.filter((f) => !given.includes(f));
  if (!proposal) return kept.length === before.length ? {} : { [FROM_MEETINGS]: kept };
  const filled = SECTION_II_FIELDS.filter((f) => merged[f] === undefined);
  return { ...Object.fromEntries(filled.map((f) => [`v.${f}`, proposal.values[f]])), [FROM_MEETINGS]: [...kept, ...filled] };
}

/** The summary's note on the Section II line: which numbers came from the meetings; null when none did. */
export function sourceNote(results: Results): string | null {
  const from = fromMeetings(results);
  if (from.length === 0) return null;
  const which = from.length === SECTION_II_FIELDS.length ? 'dari catatan pertemuan' : `${SECTION_II_FIELDS.filter((f) => from.includes(f)).map(shortLabel).join(', ')} dari catatan pertemuan`;
  return from.includes('jml_tokoh_aktif_kie') ? `${which}; tokoh perkiraan` : which;
}
