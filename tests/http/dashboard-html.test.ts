// The dashboard's pure parts: the escaping template, a desa's state in the list, the SVG charts.
import { describe, expect, it } from 'vitest';
import { barChart, lineChart } from '../../src/http/dashboard/charts.js';
import { desaState, figure } from '../../src/http/dashboard/format.js';
import { html } from '../../src/http/dashboard/html.js';

describe('html template', () => {
  it('when a value holds markup, then it is escaped, and only html-built parts pass as they are', () => {
    const name = `<script>alert("x")</script> & 'y'`;
    const out = html`<p title="${name}">${name}${html`<b>${'ok'}</b>`}${[html`<i>1</i>`, '<2>']}${null}${false}${0}</p>`.value;
    expect(out).toBe('<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;<b>ok</b><i>1</i>&lt;2&gt;0</p>');
  });

  it('when a figure is shown, then the text is Indonesian and the raw value sits in data-value', () => {
    expect(figure('cpr', 53.2, 'pct').value).toBe('<span class="figure" data-figure="cpr" data-value="53.2">53,2%</span>');
    expect(figure('sent', null, 'count').value).toContain('data-value="">–<');
  });
});

describe('desa state', () => {
  it('when nothing was sent, then it is "belum kirim" before the due day and "terlambat" after; not taking part stays apart', () => {
    expect(desaState({ status: 'belum lapor', takingPart: true }, { state: 'open' })).toBe('belum_kirim');
    expect(desaState({ status: 'belum lapor', takingPart: true }, { state: 'past_due' })).toBe('terlambat');
    expect(desaState({ status: 'belum lapor', takingPart: false }, { state: 'closed' })).toBe('tidak_ikut');
    expect(desaState({ status: 'returned', takingPart: true }, { state: 'closed' })).toBe('dikembalikan');
    expect(desaState({ status: 'verified', takingPart: false }, { state: 'closed' })).toBe('terverifikasi');
  });
});

describe('charts', () => {
  it('when a month has no figure, then the line breaks there and only months with a figure get a point', () => {
    const svg = lineChart('CPR', 'cpr', [
      { period: '2026-09', value: 50 },
      { period: '2026-10', value: 51.3 },
      { period: '2026-11', value: null },
      { period: '2026-12', value: 55 },
    ]).value;
    expect(svg.match(/<circle/g)).toHaveLength(3);
    expect(svg.match(/<polyline/g)).toHaveLength(1);
    expect(svg).toContain('data-period="2026-10" data-value="51.3"');
  });

  it('when an area name holds markup, then the bar chart escapes it', () => {
    const svg = barChart('Kelengkapan', 'completeness', [{ key: '73.06.06', label: '<b>Bontomarannu</b>', value: 37.5 }]).value;
    expect(svg).toContain('&lt;b&gt;Bontomarannu&lt;/b&gt;');
    expect(svg).toContain('37,5%');
  });
});
