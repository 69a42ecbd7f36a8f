// The real imp-smart process with IMP_SMART_BOOK_DIR: a bad card stops serve and simulate before anything starts,
// with one line naming the file; a good folder replaces the bundled cards.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_SMART_BOOK_DIR } from '../../src/smart-book/load-cards.js';
import { freePort, runCliProcess } from '../helpers/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'imp-smart-book-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The bundled cards copied, with implan.md's source line removed. */
function folderWithoutSource(): string {
  const folder = join(dir, 'tanpa-sumber');
  mkdirSync(folder);
  copyFileSync(join(BUNDLED_SMART_BOOK_DIR, 'pil.md'), join(folder, 'pil.md'));
  writeFileSync(join(folder, 'implan.md'), readFileSync(join(BUNDLED_SMART_BOOK_DIR, 'implan.md'), 'utf8').replace(/^source:.*\n/m, ''));
  return folder;
}

describe('start-up with the Smart Book folder', () => {
  const bad = folderWithoutSource();
  const line = `Kartu Smart Book ${join(bad, 'implan.md')}: sumber (source) kosong\n`;

  it('when a card has no source, then simulate stops with exit 2 and one line naming the file, and nothing runs', async () => {
    const result = await runCliProcess(['simulate'], '@at 2026-11-25 07:00\n+6281234567001: halo\n', { IMP_SMART_BOOK_DIR: bad });
    expect(result.err).toBe(line);
    expect(result.out).toBe('');
    expect(result.code).toBe(2);
  });

  it('when a card has no source, then serve stops with exit 2 and the same line, before the database is created', async () => {
    const db = join(dir, 'serve.db');
    const result = await runCliProcess(['serve'], '', {
      IMP_SMART_BOOK_DIR: bad,
      IMP_DB_PATH: db,
      IMP_TRANSPORT: 'console',
      IMP_HTTP_PORT: String(await freePort()),
    });
    expect(result.err).toBe(line);
    expect(result.code).toBe(2);
    expect(existsSync(db)).toBe(false);
  });

  it('when a light command runs beside a bad card, then the cards are not read and the command works', async () => {
    const db = join(dir, 'light.db');
    expect((await runCliProcess(['migrate', '--db', db], '', { IMP_SMART_BOOK_DIR: bad })).code).toBe(0);
    const listed = await runCliProcess(['people', 'list', '--db', db], '', { IMP_SMART_BOOK_DIR: bad });
    expect(listed.err).toBe('');
    expect(listed.code).toBe(0);
    expect((await runCliProcess(['help'], '', { IMP_SMART_BOOK_DIR: bad })).code).toBe(0);
  });

  it('when IMP_SMART_BOOK_DIR holds the Dinas\' own cards, then INFO finds those instead of the bundled ones', async () => {
    const folder = join(dir, 'dinas');
    mkdirSync(folder);
    writeFileSync(
      join(folder, 'posyandu.md'),
      ['---', 'id: posyandu', 'title: Jadwal Posyandu', 'category: layanan', 'audience: semua', 'keywords: posyandu, penimbangan', 'source: Dinas Kesehatan Kab. Gowa', '---', 'Posyandu buka setiap bulan.', ''].join('\n'),
    );
    const result = await runCliProcess(['simulate'], '@at 2026-11-25 07:00\n+6285299990001: info penimbangan\n+6285299990001: info implan\n', { IMP_SMART_BOOK_DIR: folder });
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('> +6285299990001: *Jadwal Posyandu*\n  Posyandu buka setiap bulan.\n  \n  Sumber: Dinas Kesehatan Kab. Gowa');
    expect(result.out).toContain('Kartu untuk kata itu tidak ditemukan.');
  });
});
