// Reads the text of a pdfkit PDF back, for tests: content streams (inflated when compressed) are decoded through
// each font's ToUnicode map (embedded fonts write glyph ids) or as WinAnsi bytes (the built-in fonts). Enough for
// what pdfkit writes; not a general PDF reader.
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const result = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2]!;
    const at = body.indexOf('stream');
    if (at < 0) {
      result.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    let start = at + 'stream'.length;
    if (body[start] === '\r') start++;
    if (body[start] === '\n') start++;
    const end = body.lastIndexOf('endstream');
    let raw = Buffer.from(body.slice(start, end), 'latin1');
    if (/\/Filter\s*\/FlateDecode/.test(dict)) raw = inflateSync(raw);
    result.set(Number(m[1]), { dict, stream: raw });
  }
  return result;
}

/** ToUnicode CMap (bfrange with arrays, bfchar) → code → text. */
function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hexToText = (hex: string) => String.fromCharCode(...(hex.match(/[0-9a-fA-F]{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const m of cmap.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
    const start = parseInt(m[1]!, 16);
    [...m[3]!.matchAll(/<([0-9a-fA-F ]+)>/g)].forEach((e, i) => map.set(start + i, hexToText(e[1]!.replace(/ /g, ''))));
  }
  for (const m of cmap.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]{4,})>\s*$/gm)) map.set(parseInt(m[1]!, 16), hexToText(m[2]!));
  return map;
}

/** The text of every page, one string per text-showing operator, in drawing order. */
export function pdfTextRuns(pdf: Buffer): string[] {
  const objs = objects(pdf);
  // Font resource name → its ToUnicode map (null: a built-in font, bytes are the characters).
  const fontMaps = new Map<string, Map<number, string> | null>();
  for (const { dict } of objs.values()) {
    const fontDict = /\/Font\s*<<([^>]*)>>/.exec(dict);
    if (!fontDict) continue;
    for (const f of fontDict[1]!.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const font = objs.get(Number(f[2]));
      const toUnicode = font && /\/ToUnicode\s+(\d+) 0 R/.exec(font.dict);
      const cmap = toUnicode ? objs.get(Number(toUnicode[1]))?.stream : null;
      fontMaps.set(f[1]!, cmap ? parseCmap(cmap.toString('latin1')) : null);
    }
  }
  const runs: string[] = [];
  for (const { stream, dict } of objs.values()) {
    if (!stream || /\/(Length1|Subtype\s*\/Image|CIDSystemInfo)/.test(dict) || /begincmap/.test(stream.toString('latin1', 0, 200))) continue;
    const content = stream.toString('latin1');
    let font: Map<number, string> | null = null;
    for (const op of content.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|\[((?:<[0-9a-fA-F]*>|\s|-?[\d.]+)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (op[1] !== undefined) {
        font = fontMaps.get(op[1]) ?? null;
        continue;
      }
      const hexes = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [op[3]!];
      let text = '';
      for (const hex of hexes) {
        if (font) for (const code of hex.match(/[0-9a-fA-F]{4}/g) ?? []) text += font.get(parseInt(code, 16)) ?? '';
        else for (const code of hex.match(/[0-9a-fA-F]{2}/g) ?? []) text += String.fromCharCode(parseInt(code, 16));
      }
      runs.push(text);
    }
  }
  return runs;
}

/** The page count of a PDF. */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
}
