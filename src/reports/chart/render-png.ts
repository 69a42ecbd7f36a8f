// A chart as a PNG, on the server, without a browser: Apache ECharts draws it as an SVG string (its server-side
// rendering), resvg rasterises that with the machine's DejaVu fonts. Both are loaded here, on the first chart, and
// never on the path of an inbound message (ECharts alone takes a second or two to load).
import type { EChartsOption } from 'echarts';
import { measureDejaVu } from './text-width.js';

/** The font every text of a chart is drawn in (fonts-dejavu-core is on every Debian machine). */
export const CHART_FONT = 'DejaVu Sans';

export interface ChartSize {
  width: number;
  height: number;
}

let measuring = false;

/** Renders `option` at `size` (pixels) on a white background and returns the PNG bytes. */
export async function renderChartPng(option: EChartsOption, size: ChartSize): Promise<Buffer> {
  const echarts = await import('echarts');
  const { renderAsync } = await import('@resvg/resvg-js');
  if (!measuring) {
    // ECharts lays text out with this measure (process-wide, so once): it must be the font resvg draws with.
    echarts.setPlatformAPI({ measureText: measureDejaVu });
    measuring = true;
  }
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  let svg: string;
  try {
    chart.setOption({ animation: false, ...option });
    svg = chart.renderToSVGString();
  } finally {
    // An undisposed chart keeps its instance registered; dispose so nothing holds the process open.
    chart.dispose();
  }
  // renderAsync rasterises on libuv's thread pool, so the bot keeps answering while a chart is drawn.
  const image = await renderAsync(svg, {
    background: '#ffffff',
    fitTo: { mode: 'original' },
    font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
    logLevel: 'off',
  });
  return image.asPng();
}
