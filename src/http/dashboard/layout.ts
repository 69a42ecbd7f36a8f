// The page frame (head, header with the signed-in token's name and "Keluar", main) and the small pages that need no
// data: sign-in, forbidden, not found.
import type { ApiRole } from '../../domain/api-roles.js';
import { BASE, type Viewer } from './deps.js';
import { html, type SafeHtml } from './html.js';

const ROLE_LABELS: Readonly<Record<ApiRole, string>> = { dinas: 'Dinas', admin: 'Admin', koordinator: 'Koordinator', pkb: 'PKB' };

export function page(title: string, viewer: Viewer | null, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · IMP Smart</title>
<link rel="stylesheet" href="${BASE}/gaya.css">
</head>
<body>
<header class="top">
<a class="brand" href="${BASE}">IMP Smart</a>
${
  viewer
    ? html`<a class="nav" href="${BASE}/kuis">Kuis pelatihan</a>
<span class="who">${viewer.token.name} (${ROLE_LABELS[viewer.token.role]})</span>
<form method="post" action="${BASE}/keluar" class="inline"><button type="submit" class="link">Keluar</button></form>`
    : ''
}
</header>
<main>
${body}
</main>
</body>
</html>`.value;
}

export function signInPage(message: string | null): string {
  return page(
    'Masuk',
    null,
    html`<section class="signin">
<h1>Masuk ke dasbor</h1>
<p>Tempelkan token akses dari operator Dinas.</p>
${message ? html`<p class="error" role="alert">${message}</p>` : ''}
<form method="post" action="${BASE}/masuk">
<label for="token">Token akses</label>
<input id="token" name="token" type="password" autocomplete="off" required>
<button type="submit">Masuk</button>
</form>
</section>`,
  );
}

export function messagePage(title: string, text: string, viewer: Viewer | null): string {
  return page(title, viewer, html`<section class="message"><h1>${title}</h1><p>${text}</p><p><a href="${BASE}">Kembali ke halaman awal</a></p></section>`);
}

export const forbiddenPage = (viewer: Viewer) => messagePage('Tidak ada akses', 'Token Anda tidak mencakup wilayah ini.', viewer);
export const notFoundPage = (viewer: Viewer | null) => messagePage('Tidak ditemukan', 'Halaman atau wilayah ini tidak ada.', viewer);
