// How the recap reads back to the cadre: one numbered line per group (UBAH n changes line n), the derived
// figures, and the rule messages. Pure text building.
import { indicators, formatPct } from '../../domain/recap/derive.js';
import { FIELD_BY_ID, type FieldGroup, type RecapSettings, type RecapValues } from '../../domain/recap/fields.js';
import { formatMonth } from '../parse/index.js';

/** "Peserta KB aktif IUD" → "IUD", "BKB: keluarga anggota" → "keluarga anggota", "PPKBD yang ada" → "PPKBD". */
export function shortLabel(fieldId: string): string {
  const label = FIELD_BY_ID.get(fieldId)?.label ?? fieldId;
  return label
    .replace(/^(Peserta KB aktif|Peserta KB baru|Drop out|Ganti cara dari|Ganti cara ke) /, '')
    .replace(/^(BKB|BKR|BKL|UPPKA): /, '')
    .replace(/ yang (ada|melapor)$/, '');
}

/** "Peserta KB aktif per cara: IUD, …" → "Peserta KB aktif per cara". */
export function groupHeading(group: FieldGroup): string {
  return group.title.split(':')[0]!;
}

export function periodLabel(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return formatMonth({ year, month });
}

export function groupLine(group: FieldGroup, values: RecapValues): string {
  const parts = group.fields.map((id) => `${shortLabel(id)} ${values[id] ?? '–'}`);
  return `${groupHeading(group)}: ${parts.join(', ')}`;
}

export function derivedLine(values: RecapValues, settings: RecapSettings): string {
  if (values.pus === undefined) return '';
  const ind = indicators(values, settings);
  return `Dihitung: PA ${ind.paTotal} • unmet need ${ind.unmetNeed} (${formatPct(ind.unmetNeedPct)}) • CPR ${formatPct(ind.cpr)}`;
}

export function summaryText(options: {
  period: string;
  place: string;
  groups: readonly FieldGroup[];
  values: RecapValues;
  settings: RecapSettings;
}): string {
  const { period, place, groups, values, settings } = options;
  const lines = [`*Ringkasan laporan ${periodLabel(period)}*`, place, ''];
  groups.forEach((group, i) => lines.push(`${i + 1}. ${groupLine(group, values)}`));
  const derived = derivedLine(values, settings);
  if (derived) lines.push('', derived);
  lines.push('', 'Balas KIRIM untuk mengirim, atau UBAH dan nomor baris untuk memperbaiki (misalnya UBAH 2).');
  return lines.join('\n');
}
