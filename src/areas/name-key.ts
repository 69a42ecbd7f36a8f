// Pure helpers that turn a free-typed area name into comparison keys.
// Residents type names on WhatsApp with random case, spacing, apostrophes and
// "Desa"/"Kec." prefixes, and the official spellings themselves disagree between
// sources (Pa'bentengang / Pabentengan, Pattallassang / Pattalassang), so the
// directory never compares raw strings, only these keys.

// Apostrophe-like characters seen in Makassarese names (Ta'binjai, Je'nebatu).
const APOSTROPHES = /['’‘`ʼ]/g;

// Administrative words people put in front of the name. Longer words first so
// "kelurahan" is not cut down to "kel"; a separator (or end of text) is required so a name that
// merely starts with these letters is left alone.
const LEADING_WORD = /^(?:kelurahan|kecamatan|desa|kel|kec|ds)(?:[.\s]+|$)/;

/** Strict key: lower-case, no apostrophes, no admin prefix, letters/digits only. */
export function nameKey(name: string): string {
  let s = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // drop diacritics so "é" equals "e"
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .trim();
  // Loop: "Kel. Desa X" style double prefixes do occur in hand-typed text.
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(LEADING_WORD, '');
  }
  // Spaces, hyphens, dots etc. carry no meaning: "Bili-bili" = "bili bili" = "bilibili".
  return s.replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Loose key: nameKey with doubled letters collapsed ("pattallassang" → "patalasang")
 * and a final "ng" reduced to "n", because sources and residents disagree exactly
 * on those two points (Pattallassang/Pattalassang, Bontolempangang/Bontolempangan).
 */
export function looseKey(name: string): string {
  return nameKey(name)
    .replace(/(\p{L})\1+/gu, '$1')
    .replace(/ng$/, 'n');
}

/**
 * Optimal-string-alignment Damerau–Levenshtein distance (adjacent swaps cost 1,
 * since "Bontomanai" → "Bontomania" is a typical thumb typo). Returns early with
 * `max + 1` once the distance is known to exceed `max`, which keeps lookups
 * against the whole kabupaten cheap.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] ?? 0;
}
