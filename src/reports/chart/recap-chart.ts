// The Dinas' monthly chart: for each kecamatan (or any list of areas), a bar for the completeness of the recaps (the
// share of the desa taking part that month that sent one) and a bar for the CPR, titled with the month in Indonesian.
// Horizontal bars, so the 18 kecamatan names read without turning the phone; every bar carries its value; a figure
// that cannot be computed (denominator 0) is written "tidak ada data" instead of looking like 0.
import type { EChartsOption } from 'echarts';
import { periodText } from '../labels.js';
import { CHART_FONT, renderChartPng, type ChartSize } from './render-png.js';
import { measureDejaVu } from './text-width.js';

/** One area's two figures, in percent (0–100); null when there is nothing to divide by. */
export interface RecapChartFigures {
  completenessPct: number | null;
  cprPct: number | null;
}

export interface RecapChartBar extends RecapChartFigures {
  /** The area's name as people say it: "Bontomarannu", "Somba Opu". */
  label: string;
}

export interface RecapChartInput {
  /** YYYY-MM: the title is "Rekap <month> <year>". */
  period: string;
  /** The whole area under the title, e.g. "Kabupaten Gowa". */
  areaLabel: string;
  /** Top to bottom, in the order given. */
  bars: readonly RecapChartBar[];
  /** The whole area's own figures (not an average of the bars), shown under the title when given. */
  total?: RecapChartFigures | null;
}

export const CHART_WIDTH = 1000;
export const SERIES_NAMES = { completeness: 'Kelengkapan laporan', cpr: 'CPR' } as const;
export const NO_DATA_LABEL = 'tidak ada data';
export const NO_DATA_NOTE = 'Belum ada data untuk bulan ini.';
export const FOOTNOTES = [
  'Kelengkapan laporan: desa/kelurahan yang ikut program bulan ini dan sudah mengirim laporan.',
  'CPR: peserta KB aktif dibanding jumlah PUS.',
];
const COLORS = { completeness: '#1f6fb2', cpr: '#e8822a', text: '#222222', muted: '#777777', grid: '#e3e3e3' };

// Layout in pixels, for a 1000-pixel-wide image that a phone shows at about 40 %: text of 20 px stays legible.
const MARGIN = 24;
const HEADER = 176;
const ROW = 60;
const AXIS = 44;
const FOOTNOTE_LINE = 26;
const FONT = { title: 34, subtitle: 21, legend: 21, category: 20, value: 18, axis: 16, footnote: 17, note: 26 };

/** 72.5 → "72,5%", 80 → "80%": Indonesian decimal comma, no ",0" on whole numbers. */
export function chartPct(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded : rounded.toFixed(1).replace('.', ',')}%`;
}

function figure(value: number | null): string {
  return value === null ? NO_DATA_LABEL : chartPct(value);
}

/** "Kabupaten Gowa: kelengkapan laporan 72,5% • CPR 58%", or just the area. */
export function chartSubtitle(input: RecapChartInput): string {
  if (!input.total) return input.areaLabel;
  return `${input.areaLabel}: kelengkapan laporan ${figure(input.total.completenessPct)} • CPR ${figure(input.total.cprPct)}`;
}

export function chartTitle(period: string): string {
  return `Rekap ${periodText(period)}`;
}

/** Whether any bar has a figure; a chart with none still renders, with a note saying so. */
export function hasAnyFigure(bars: readonly RecapChartBar[]): boolean {
  return bars.some((b) => b.completenessPct !== null || b.cprPct !== null);
}

export function recapChartSize(input: RecapChartInput): ChartSize {
  const rows = Math.max(input.bars.length, 3);
  return { width: CHART_WIDTH, height: HEADER + rows * ROW + AXIS + FOOTNOTES.length * FOOTNOTE_LINE + MARGIN };
}

function barData(values: readonly (number | null)[], anyFigure: boolean) {
  // A missing figure is a zero-length bar whose label says why, so the row does not look like 0 %. When no bar has a
  // figure, one note in the middle says so instead of a column of the same words.
  return values.map((v) =>
    v !== null
      ? { value: v }
      : { value: 0, label: anyFigure ? { formatter: NO_DATA_LABEL, color: COLORS.muted, fontStyle: 'italic' as const } : { show: false } },
  );
}

/** The ECharts option of the chart: pure, so its content can be checked without drawing it. */
export function recapChartOption(input: RecapChartInput): EChartsOption {
  const measure = (text: string, font: string) => measureDejaVu(text, font).width;
  const size = recapChartSize(input);
  const labels = input.bars.map((b) => b.label);
  const labelFont = `${FONT.category}px ${CHART_FONT}`;
  const left = MARGIN + Math.ceil(Math.max(0, ...labels.map((l) => measure(l, labelFont)))) + 12;
  const valueRoom = Math.ceil(Math.max(measure('100%', `${FONT.value}px ${CHART_FONT}`), measure(NO_DATA_LABEL, `italic ${FONT.value}px ${CHART_FONT}`))) + 16;
  const highest = Math.max(100, ...input.bars.flatMap((b) => [b.completenessPct ?? 0, b.cprPct ?? 0]));
  const gridBottom = size.height - HEADER - Math.max(input.bars.length, 3) * ROW;
  const anyFigure = hasAnyFigure(input.bars);
  const footnoteTop = size.height - MARGIN - FOOTNOTES.length * FOOTNOTE_LINE;
  const valueLabel = {
    show: true,
    position: 'right' as const,
    fontSize: FONT.value,
    color: COLORS.text,
    formatter: (p: { value: unknown }) => chartPct(Number(p.value)),
  };
  return {
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT, color: COLORS.text },
    title: {
      text: chartTitle(input.period),
      subtext: chartSubtitle(input),
      left: 'center',
      top: MARGIN,
      itemGap: 14,
      textStyle: { fontFamily: CHART_FONT, fontSize: FONT.title, fontWeight: 'bold', color: COLORS.text },
      subtextStyle: { fontFamily: CHART_FONT, fontSize: FONT.subtitle, color: COLORS.text },
    },
    legend: {
      top: 124,
      left: 'center',
      itemWidth: 28,
      itemHeight: 18,
      itemGap: 36,
      textStyle: { fontFamily: CHART_FONT, fontSize: FONT.legend, color: COLORS.text },
      data: [SERIES_NAMES.completeness, SERIES_NAMES.cpr],
    },
    grid: { left, right: valueRoom, top: HEADER, bottom: gridBottom, outerBoundsMode: 'none' },
    xAxis: {
      type: 'value',
      min: 0,
      max: Math.ceil(highest / 10) * 10,
      interval: 20,
      axisLabel: { fontFamily: CHART_FONT, fontSize: FONT.axis, color: COLORS.muted, formatter: '{value}%' },
      splitLine: { lineStyle: { color: COLORS.grid } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: labels,
      axisTick: { show: false },
      axisLabel: { fontFamily: CHART_FONT, fontSize: FONT.category, color: COLORS.text, margin: 12 },
    },
    series: [
      {
        name: SERIES_NAMES.completeness,
        type: 'bar',
        barGap: '10%',
        barCategoryGap: '24%',
        itemStyle: { color: COLORS.completeness },
        label: valueLabel,
        data: barData(input.bars.map((b) => b.completenessPct), anyFigure),
      },
      {
        name: SERIES_NAMES.cpr,
        type: 'bar',
        itemStyle: { color: COLORS.cpr },
        label: valueLabel,
        data: barData(input.bars.map((b) => b.cprPct), anyFigure),
      },
    ],
    graphic: [
      ...FOOTNOTES.map((text, i) => ({
        type: 'text' as const,
        left: MARGIN,
        top: footnoteTop + i * FOOTNOTE_LINE,
        style: { text, fontFamily: CHART_FONT, fontSize: FONT.footnote, fill: COLORS.muted },
      })),
      ...(anyFigure
        ? []
        : [
            {
              type: 'text' as const,
              // Centred over the plot, not the whole image, so it sits among the empty rows.
              left: left + (CHART_WIDTH - left - valueRoom) / 2 - measure(NO_DATA_NOTE, `bold ${FONT.note}px ${CHART_FONT}`) / 2 - 12,
              top: HEADER + (Math.max(input.bars.length, 3) * ROW) / 2 - FONT.note,
              style: {
                text: NO_DATA_NOTE,
                fontFamily: CHART_FONT,
                fontSize: FONT.note,
                fontWeight: 'bold' as const,
                fill: COLORS.muted,
                // Over the grid lines, on white, so it reads as a note and not as part of the axis.
                backgroundColor: '#ffffff',
                padding: [8, 12],
              },
            },
          ]),
    ],
  };
}

/** The chart as PNG bytes (loads ECharts and resvg on first use). */
export async function renderRecapChart(input: RecapChartInput): Promise<Buffer> {
  return renderChartPng(recapChartOption(input), recapChartSize(input));
}
