// Request pieces every route shares: pagination, periods, area codes, and how a page of a list is answered.
import { z } from 'zod';
import type { AreaDirectory } from '../areas/directory.js';
import { badField } from './errors.js';

export const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
export const AreaCode = z.string().regex(/^\d{2}\.\d{2}(\.\d{2}(\.\d{4})?)?$/, 'an area code, e.g. 73.06.06 or 73.06.06.2003');

export const Pagination = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** A page of a list: its items, how many there are in all, and where this page starts. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}

export function paginate<T>(all: readonly T[], page: { limit: number; offset: number }) {
  return { items: all.slice(page.offset, page.offset + page.limit), total: all.length, limit: page.limit, offset: page.offset };
}

/** 400 naming the field when the code is not an area of the directory. */
export function knownArea(areas: AreaDirectory, code: string, field = 'area'): void {
  if (code !== areas.kabupaten().code && !areas.get(code)) {
    throw badField(field, `Kode wilayah ${code} tidak dikenal.`, `Unknown area code ${code}.`);
  }
}

export const DesaRefSchema = z.object({ code: z.string(), name: z.string(), kecamatan_code: z.string(), kecamatan_name: z.string() });
