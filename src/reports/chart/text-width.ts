// Text widths for the chart's layout. Server-side ECharts has no canvas to measure text with, so it guesses from a
// table of another font; DejaVu Sans (the font resvg draws with) is wider, and the guess let legend entries overlap
// and long kecamatan names run off the edge. These are DejaVu Sans' own advance widths, so the layout ECharts
// computes is the one resvg draws.

/**
 * Advance widths in thousandths of an em for U+0020..U+007E, regular and bold, read from DejaVu Sans 2.37 by
 * `node scripts/dejavu-widths.mjs` (regenerate if the chart's font changes).
 */
const REGULAR = [318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838];
const BOLD = [348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838];

/** Characters outside the table (letters with accents, dashes): about a wide letter, so text never overflows. */
const OTHER = 700;
const DEFAULT_SIZE = 12;

/** The width in pixels of `text` drawn in a CSS font string ECharts builds ("bold 34px DejaVu Sans"). */
export function measureDejaVu(text: string, font: string | undefined): { width: number } {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? DEFAULT_SIZE);
  const table = /\b(bold|bolder|[6-9]00)\b/.test(font ?? '') ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code <= 126 ? table[code - 32]! : OTHER;
  }
  return { width: (units / 1000) * size };
}
