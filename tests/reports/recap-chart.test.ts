// The Dinas' monthly chart, drawn on the server: decoded back from PNG and read pixel by pixel, because "a valid,
// legible, not blank picture whose bars say the numbers" is the promise, not "some bytes were written".
import { spawn } from 'node:child_process';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chartPct,
  NO_DATA_LABEL,
  NO_DATA_NOTE,
  recapChartOption,
  renderRecapChart,
  SERIES_NAMES,
  type RecapChartInput,
} from '../../src/reports/chart/recap-chart.js';
import { measureDejaVu } from '../../src/reports/chart/text-width.js';

const KECAMATAN = [
  'Bontonompo', 'Bontonompo Selatan', 'Bajeng', 'Bajeng Barat', 'Pallangga', 'Barombong', 'Somba Opu', 'Bontomarannu',
  'Pattallassang', 'Parangloe', 'Manuju', 'Tinggimoncong', 'Tombolo Pao', 'Parigi', 'Bungaya', 'Bontolempangan',
  'Tompobulu', 'Biringbulu',
];

/** Completeness 80, 40, 20, then 10..95; CPR 60, 30, 15, then 35..64. No missing figure. */
const NOVEMBER: RecapChartInput = {
  period: '2026-11',
  areaLabel: 'Kabupaten Gowa',
  total: { completenessPct: 72.46, cprPct: 58.1 },
  bars: KECAMATAN.map((label, i) => ({
    label,
    completenessPct: [80, 40, 20][i] ?? 10 + ((i * 37) % 86),
    cprPct: [60, 30, 15][i] ?? 35 + ((i * 7) % 30),
  })),
};

const BLUE = [0x1f, 0x6f, 0xb2] as const; // completeness
const ORANGE = [0xe8, 0x82, 0x2a] as const; // CPR

function decode(png: Buffer): PNG {
  return PNG.sync.read(png);
}

function pixel(img: PNG, x: number, y: number): [number, number, number, number] {
  const i = (y * img.width + x) * 4;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!, img.data[i + 3]!];
}

const near = (p: readonly number[], c: readonly number[]) => Math.abs(p[0]! - c[0]!) + Math.abs(p[1]! - c[1]!) + Math.abs(p[2]! - c[2]!) < 24;

/** Horizontal bands of a colour below `fromY`, top to bottom, each with its widest run in pixels: the bars. */
function bars(img: PNG, colour: readonly number[], fromY: number): number[] {
  const widths: number[] = [];
  let inBand = false;
  for (let y = fromY; y < img.height; y++) {
    let count = 0;
    for (let x = 0; x < img.width; x++) if (near(pixel(img, x, y), colour)) count++;
    if (count > 2) {
      if (!inBand) widths.push(0);
      widths[widths.length - 1] = Math.max(widths.at(-1)!, count);
      inBand = true;
    } else inBand = false;
  }
  return widths;
}

/** Colour counts: the share of the most common colour, and of the most common one that is not white. */
function colourShares(img: PNG): { white: number; topNonWhite: number; nonWhite: number } {
  const counts = new Map<number, number>();
  let white = 0;
  for (let i = 0; i < img.data.length; i += 4) {
    const [r, g, b] = [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
    if (r > 245 && g > 245 && b > 245) white++;
    else counts.set((r << 16) | (g << 8) | b, (counts.get((r << 16) | (g << 8) | b) ?? 0) + 1);
  }
  const total = img.data.length / 4;
  const nonWhite = total - white;
  return { white: white / total, nonWhite: nonWhite / total, topNonWhite: Math.max(...counts.values()) / nonWhite };
}

describe('recap chart', () => {
  let png: Buffer;
  let img: PNG;
  beforeAll(async () => {
    png = await renderRecapChart(NOVEMBER);
    img = decode(png);
  });

  it('when the 18 kecamatan are drawn, then it is a valid PNG sized for a phone, on white', () => {
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(img.width).toBe(1000);
    expect(img.height).toBeGreaterThan(1000);
    expect(img.height).toBeLessThan(2000);
    expect(png.length).toBeGreaterThan(20_000);
    expect(png.length).toBeLessThan(1_000_000);
    // Every corner is opaque white: the background, not transparency (WhatsApp shows transparency as black).
    for (const [x, y] of [[0, 0], [img.width - 1, 0], [0, img.height - 1], [img.width - 1, img.height - 1]] as const) {
      expect(pixel(img, x, y)).toEqual([255, 255, 255, 255]);
    }
  });

  it('when the chart is drawn, then a good share of it is neither white nor one colour', () => {
    const shares = colourShares(img);
    expect(shares.nonWhite).toBeGreaterThan(0.08);
    expect(shares.topNonWhite).toBeLessThan(0.8);
  });

  it('when two kecamatan have different values, then their bars differ in proportion', () => {
    // Below the legend (its two swatches are the first blue and orange bands).
    const blue = bars(img, BLUE, 0).slice(1);
    const orange = bars(img, ORANGE, 0).slice(1);
    expect(blue).toHaveLength(18);
    expect(orange).toHaveLength(18);
    // Bontonompo 80 %, Bontonompo Selatan 40 %, Bajeng 20 %: each bar half the one above it.
    expect(blue[0]! / blue[1]!).toBeCloseTo(2, 1);
    expect(blue[1]! / blue[2]!).toBeCloseTo(2, 1);
    expect(orange[0]! / orange[1]!).toBeCloseTo(2, 1);
    // 80 % of the completeness axis (0–100) is the same length as 80 % of the CPR one: one scale for both.
    expect(orange[0]! / blue[0]!).toBeCloseTo(60 / 80, 1);
  });

  it('when the option is built, then it has the month in Indonesian, every kecamatan, both series and their values', () => {
    const option = recapChartOption(NOVEMBER) as any;
    expect(option.title.text).toBe('Rekap November 2026');
    expect(option.title.subtext).toBe('Kabupaten Gowa: kelengkapan laporan 72,5% • CPR 58,1%');
    expect(option.yAxis.data).toEqual(KECAMATAN);
    expect(option.legend.data).toEqual([SERIES_NAMES.completeness, SERIES_NAMES.cpr]);
    expect(option.series.map((s: any) => s.data[0].value)).toEqual([80, 60]);
    expect(option.series[0].label.formatter({ value: 72.46 })).toBe('72,5%');
    expect(option.backgroundColor).toBe('#ffffff');
  });

  it('when a name is long, then the axis leaves it room, measured in the font the chart is drawn in', () => {
    const option = recapChartOption(NOVEMBER) as any;
    const widest = measureDejaVu('Bontonompo Selatan', '20px DejaVu Sans').width;
    expect(option.grid.left).toBeGreaterThan(widest + 12);
    // DejaVu Sans is wider than the table ECharts guesses with: "W" is about 0.99 em.
    expect(measureDejaVu('W', '20px DejaVu Sans').width).toBeCloseTo(19.8, 0);
    expect(measureDejaVu('W', 'bold 20px DejaVu Sans').width).toBeGreaterThan(measureDejaVu('W', '20px DejaVu Sans').width);
  });

  it('when one figure cannot be computed, then its bar says "tidak ada data" instead of looking like 0', () => {
    const input = { ...NOVEMBER, bars: NOVEMBER.bars.map((b, i) => (i === 3 ? { ...b, completenessPct: null } : b)) };
    const option = recapChartOption(input) as any;
    expect(option.series[0].data[3]).toMatchObject({ value: 0, label: { formatter: NO_DATA_LABEL } });
    expect(option.series[0].data[2]).toEqual({ value: 20 });
    expect(option.graphic.map((g: any) => g.style.text)).not.toContain(NO_DATA_NOTE);
  });

  it('when every figure is missing, then the chart still renders, with a note saying there is no data yet', async () => {
    const empty: RecapChartInput = { period: '2026-12', areaLabel: 'Kabupaten Gowa', bars: KECAMATAN.map((label) => ({ label, completenessPct: null, cprPct: null })) };
    const option = recapChartOption(empty) as any;
    expect(option.title.text).toBe('Rekap Desember 2026');
    expect(option.graphic.map((g: any) => g.style.text)).toContain(NO_DATA_NOTE);
    const drawn = decode(await renderRecapChart(empty));
    expect(drawn.width).toBe(1000);
    // Only the legend's swatches are coloured: no bar is drawn.
    expect(bars(drawn, BLUE, 0)).toHaveLength(1);
    expect(bars(drawn, ORANGE, 0)).toHaveLength(1);
    const shares = colourShares(drawn);
    expect(shares.nonWhite).toBeGreaterThan(0.02);
    expect(shares.topNonWhite).toBeLessThan(0.8);
  });

  it('when there are no areas at all, then the chart still renders', async () => {
    const drawn = decode(await renderRecapChart({ period: '2026-11', areaLabel: 'Kabupaten Gowa', bars: [] }));
    expect(drawn.width).toBe(1000);
    expect(drawn.height).toBeGreaterThan(300);
  });

  it('when percentages are written, then they use a decimal comma and drop a trailing ",0"', () => {
    expect(chartPct(72.46)).toBe('72,5%');
    expect(chartPct(80)).toBe('80%');
    expect(chartPct(99.96)).toBe('100%');
    expect(chartPct(0)).toBe('0%');
  });

  it('when a process draws a chart, then it exits by itself afterwards', async () => {
    const script = `
      const { renderRecapChart } = await import('./src/reports/chart/recap-chart.ts');
      const png = await renderRecapChart({ period: '2026-11', areaLabel: 'Kabupaten Gowa', bars: [{ label: 'Parigi', completenessPct: 50, cprPct: 40 }] });
      process.stdout.write(String(png.length));`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code).toBe(0);
    expect(Number(out)).toBeGreaterThan(1000);
  }, 60_000);
});
