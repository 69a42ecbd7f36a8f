// Charts drawn on the server as inline SVG from numbers: no script, no library, readable on a phone. Each point
// carries its value in a data attribute. Labels are short Indonesian month names or area names.
import { formatPct } from '../../domain/recap/derive.js';
import { html, trusted, type SafeHtml } from './html.js';

export interface SeriesPoint {
  /** YYYY-MM. */
  period: string;
  value: number | null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
const shortMonth = (period: string) => MONTHS[Number(period.slice(5, 7)) - 1] ?? period;
const round = (x: number) => Math.round(x * 10) / 10;

/** A line chart of one percentage over months; gaps where a month has no figure. */
export function lineChart(title: string, name: string, points: readonly SeriesPoint[]): SafeHtml {
  const [w, h, left, right, top, bottom] = [320, 170, 34, 10, 12, 26];
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  // Percentages: 0 to the next 10 above the largest value (at least 10), so small shares stay visible.
  const yMax = Math.max(10, Math.ceil((Math.max(0, ...values) + 1) / 10) * 10);
  const step = points.length > 1 ? (w - left - right) / (points.length - 1) : 0;
  const x = (i: number) => round(left + i * step);
  const y = (v: number) => round(top + (h - top - bottom) * (1 - v / yMax));
  const segments: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length > 0) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i)},${y(p.value)}`);
  });
  if (current.length > 0) segments.push(current.join(' '));
  const grid = [0, yMax / 2, yMax].map(
    (v) => `<line x1="${left}" x2="${w - right}" y1="${y(v)}" y2="${y(v)}" class="grid"/><text x="${left - 4}" y="${y(v) + 4}" class="axis" text-anchor="end">${v}</text>`,
  );
  const labels = points.map((p, i) => ((points.length - 1 - i) % 2 === 0 ? `<text x="${x(i)}" y="${h - 8}" class="axis" text-anchor="middle">${shortMonth(p.period)}</text>` : ''));
  const lines = segments.map((s) => (s.includes(' ') ? `<polyline points="${s}" class="line"/>` : ''));
  return html`<figure class="chart" data-chart="${name}">
<figcaption>${title}</figcaption>
<svg viewBox="0 0 ${w} ${h}" role="img" aria-label="${title}">${trusted(grid.join('') + labels.join('') + lines.join(''))}${points.map((p, i) =>
    p.value === null
      ? ''
      : html`<circle cx="${x(i)}" cy="${y(p.value)}" r="3" class="dot" data-period="${p.period}" data-value="${String(p.value)}"><title>${shortMonth(p.period)} ${p.period.slice(0, 4)}: ${formatPct(p.value)}</title></circle>`,
  )}</svg>
</figure>`;
}

export interface Bar {
  label: string;
  /** 0–100. */
  value: number | null;
  key: string;
}

/** Horizontal bars of a percentage per area (completeness per kecamatan); "–" for none. */
export function barChart(title: string, name: string, bars: readonly Bar[]): SafeHtml {
  const [w, rowH, labelW, right] = [640, 18, 150, 48];
  const h = bars.length * rowH + 8;
  const span = w - labelW - right;
  return html`<figure class="chart chart-wide" data-chart="${name}">
<figcaption>${title}</figcaption>
<svg viewBox="0 0 ${w} ${h}" role="img" aria-label="${title}">${bars.map((b, i) => {
    const yTop = 4 + i * rowH;
    const len = b.value === null ? 0 : round((span * Math.min(100, Math.max(0, b.value))) / 100);
    return html`<g data-key="${b.key}" data-value="${b.value === null ? '' : String(b.value)}"><text x="${labelW - 6}" y="${yTop + 12}" class="axis" text-anchor="end">${b.label}</text><rect x="${labelW}" y="${yTop + 2}" width="${span}" height="${rowH - 6}" class="track"/><rect x="${labelW}" y="${yTop + 2}" width="${len}" height="${rowH - 6}" class="bar"/><text x="${labelW + span + 4}" y="${yTop + 12}" class="axis">${formatPct(b.value)}</text></g>`;
  })}</svg>
</figure>`;
}
