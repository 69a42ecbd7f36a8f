// A synthetic area table beside Gowa's: kabupaten 99.01…, each with kecamatan 99.KK.CC, each with desa
// 99.KK.CC.2DDD (Kemendagri-shaped codes under a province code no real area uses). Inserted in one transaction with
// prepared statements, so even the national size (≈ 83,000 desa) takes a second or two.
import type Database from 'better-sqlite3';

export interface AreaShape {
  kabupaten: number;
  kecamatanPerKabupaten: number;
  desaPerKecamatan: number;
}

/** ≈ Indonesia: 514 kabupaten/kota × 14 kecamatan × 11.5 desa ≈ 83,000 desa/kelurahan. */
export const NATIONAL: AreaShape = { kabupaten: 514, kecamatanPerKabupaten: 14, desaPerKecamatan: 12 };

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const kabupatenCode = (k: number) => `99.${pad(k + 1, 2)}`;
export const kecamatanCode = (k: number, c: number) => `${kabupatenCode(k)}.${pad(c + 1, 2)}`;
export const desaCode = (k: number, c: number, d: number) => `${kecamatanCode(k, c)}.${2001 + d}`;

/** Inserts the areas; returns the desa codes in code order. */
export function insertAreas(native: Database.Database, shape: AreaShape): string[] {
  const insert = native.prepare('insert into areas (code, level, name, kind, parent_code) values (?, ?, ?, ?, ?)');
  const desa: string[] = [];
  native.transaction(() => {
    for (let k = 0; k < shape.kabupaten; k++) {
      insert.run(kabupatenCode(k), 'kabupaten', `Kabupaten Uji ${k + 1}`, null, null);
      for (let c = 0; c < shape.kecamatanPerKabupaten; c++) {
        insert.run(kecamatanCode(k, c), 'kecamatan', `Kecamatan Uji ${k + 1}-${c + 1}`, null, kabupatenCode(k));
        for (let d = 0; d < shape.desaPerKecamatan; d++) {
          const code = desaCode(k, c, d);
          insert.run(code, 'desa', `Desa Uji ${k + 1}-${c + 1}-${d + 1}`, d % 7 === 6 ? 'kelurahan' : 'desa', kecamatanCode(k, c));
          desa.push(code);
        }
      }
    }
  })();
  return desa;
}
