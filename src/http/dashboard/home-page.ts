// The start page of a token that sees desa in more than one kecamatan (a PKB whose binaan crosses a border): the
// kecamatan to choose from.
import { visibleDesa } from '../auth/token-scope.js';
import { BASE, type DashboardDeps, type Viewer } from './deps.js';
import { periodText } from './format.js';
import { html } from './html.js';
import { page } from './layout.js';

export function homePage(deps: DashboardDeps, viewer: Viewer, period: string): string {
  const kecamatan = deps.areas.kecamatanList().filter((k) => visibleDesa(viewer.scope, k.code, deps.areas).length > 0);
  return page(
    'Wilayah Anda',
    viewer,
    html`<h1>Wilayah Anda, ${periodText(period)}</h1>
<ul class="choices">${kecamatan.map((k) => html`<li><a href="${BASE}/kecamatan/${k.code}?bulan=${period}">Kecamatan ${k.name}</a></li>`)}</ul>`,
  );
}
