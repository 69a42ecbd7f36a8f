// Reads and checks a people file (phone,name,role,area,unit). Pure: the area directory is passed in.
// Every bad row is reported with its line number; the caller imports nothing if there is any error.
import { parse } from 'csv-parse/sync';
import type { AreaDirectory } from '../areas/directory.js';
import { isRole, ROLES, type Role } from '../domain/roles.js';
import { startsLikeFormula } from '../reports/csv.js';
import { normalizePhone } from './phone.js';

export interface PersonRow {
  /** Line in the file (the header is line 1). */
  line: number;
  phone: string;
  name: string;
  role: Role;
  /** The area column, canonical: codes sorted and joined by ";". */
  areaSpec: string;
  homeAreaCode: string;
  desaCodes: string[];
  unit: string | null;
}

export interface RowError {
  line: number;
  reason: string;
}

export interface PeopleFile {
  rows: PersonRow[];
  errors: RowError[];
}

const REQUIRED = ['phone', 'name', 'role', 'area'] as const;

export function parsePeopleCsv(text: string, areas: AreaDirectory): PeopleFile {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, info: true, relax_column_count: true });
  } catch (error) {
    return { rows: [], errors: [{ line: (error as { lines?: number }).lines ?? 1, reason: `not a readable CSV file (${(error as Error).message})` }] };
  }
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]!.split(',').map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    return { rows: [], errors: [{ line: 1, reason: `missing column(s) ${missing.join(', ')}; expected phone,name,role,area,unit` }] };
  }

  const rows: PersonRow[] = [];
  const errors: RowError[] = [];
  const phoneLines = new Map<string, number>();
  const ppkbdLines = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const result = checkRow(record, line, areas);
    if ('reason' in result) {
      errors.push(result);
      continue;
    }
    const firstLine = phoneLines.get(result.phone);
    if (firstLine !== undefined) {
      errors.push({ line, reason: `phone ${result.phone} already appears on line ${firstLine}` });
      continue;
    }
    phoneLines.set(result.phone, line);
    if (result.role === 'ppkbd') {
      const other = ppkbdLines.get(result.homeAreaCode);
      if (other !== undefined) {
        errors.push({ line, reason: `${areas.label(result.homeAreaCode)} already has a PPKBD on line ${other} (one per desa)` });
        continue;
      }
      ppkbdLines.set(result.homeAreaCode, line);
    }
    rows.push(result);
  }
  return { rows, errors };
}

function checkRow(record: Record<string, string>, line: number, areas: AreaDirectory): PersonRow | RowError {
  const get = (column: string) => (record[column] ?? '').trim();
  const rawPhone = get('phone');
  const phone = normalizePhone(rawPhone);
  if (!phone) return { line, reason: rawPhone ? `invalid phone number "${rawPhone}"` : 'phone is empty' };
  const name = get('name').replace(/\s+/g, ' ');
  if (!name) return { line, reason: 'name is empty' };
  // Names go into exports and messages; one starting like a formula would run when a spreadsheet opens the file.
  if (startsLikeFormula(name)) return { line, reason: formulaReason('name', name) };
  const role = get('role').toLowerCase();
  if (!isRole(role)) return { line, reason: `unknown role "${get('role')}" (expected one of ${ROLES.join(', ')})` };
  const codes = [...new Set(get('area').split(';').map((c) => c.trim()).filter(Boolean))].sort();
  if (codes.length === 0) return { line, reason: 'area is empty' };
  const unknown = codes.filter((code) => !areas.get(code));
  if (unknown.length > 0) return { line, reason: `unknown area code ${unknown.join(', ')}` };
  const unit = get('unit').replace(/\s+/g, ' ') || null;
  if (unit && startsLikeFormula(unit)) return { line, reason: formulaReason('unit', unit) };
  if (role === 'sub_ppkbd' && !unit) return { line, reason: 'unit (dusun/RW) is required for a sub_ppkbd' };
  if (role !== 'sub_ppkbd' && unit) return { line, reason: `unit is only used for sub_ppkbd, not for ${role}` };

  const scope = scopeFor(role, codes, areas);
  if ('reason' in scope) return { line, reason: scope.reason };
  return { line, phone, name, role, areaSpec: codes.join(';'), homeAreaCode: scope.home, desaCodes: scope.desa, unit };
}

function formulaReason(column: string, value: string): string {
  const first = value.trimStart()[0] ?? '';
  return `${column} "${value}" starts with "${first}", which a spreadsheet would run as a formula; write it without that character`;
}

/** Which area codes a role accepts, and what they expand to. */
function scopeFor(role: Role, codes: string[], areas: AreaDirectory): { home: string; desa: string[] } | { reason: string } {
  const only = codes.length === 1 ? codes[0]! : null;
  switch (role) {
    case 'ppkbd':
    case 'sub_ppkbd':
      if (only && areas.isDesa(only)) return { home: only, desa: [only] };
      return { reason: `area for a ${role} must be one desa/kelurahan code (e.g. 73.06.06.2001)` };
    case 'koordinator':
      if (only && areas.isKecamatan(only)) return { home: only, desa: areas.desaOf(only).map((a) => a.code) };
      return { reason: 'area for a koordinator must be one kecamatan code (e.g. 73.06.06)' };
    case 'dinas':
    case 'admin':
      if (only === areas.kabupaten().code) return { home: only, desa: areas.allDesa().map((a) => a.code) };
      return { reason: `area for ${role} must be the kabupaten code ${areas.kabupaten().code}` };
    case 'pkb': {
      const bad = codes.filter((c) => !areas.isDesa(c) && !areas.isKecamatan(c));
      if (bad.length > 0) return { reason: `area for a pkb must be desa or kecamatan codes separated by ";" (not ${bad.join(', ')})` };
      const desa = [...new Set(codes.flatMap((c) => (areas.isDesa(c) ? [c] : areas.desaOf(c).map((a) => a.code))))].sort();
      const kecamatan = new Set(desa.map((c) => areas.kecamatanOf(c)!.code));
      const home = kecamatan.size === 1 ? [...kecamatan][0]! : areas.kabupaten().code;
      return { home, desa };
    }
  }
}
