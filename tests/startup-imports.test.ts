// Start instantly (issue 12.3): a command loads only what it uses. The real CLI runs as a child process with a
// loader hook that records every module it resolves; the large packages a light command never needs must not be
// among them. No timing here: how fast it starts is for `npm run bench`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const HEAVY = ['exceljs', '@whiskeysockets/baileys', 'fastify', 'echarts', '@resvg/resvg-js', 'qrcode-terminal'];
const dir = mkdtempSync(join(tmpdir(), 'imp-imports-'));
let runs = 0;

/** The packages (node_modules/<name>) the command resolved, and its exit code. */
function packagesLoadedBy(args: string[], input = ''): { code: number | null; packages: Set<string> } {
  const trace = join(dir, `trace-${++runs}.txt`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--import', './tests/helpers/module-trace.mjs', 'src/bin.ts', ...args], {
    input,
    env: { ...process.env, IMP_LOG_LEVEL: '', IMP_MODULE_TRACE: trace },
    encoding: 'utf8',
  });
  const packages = new Set<string>();
  let lines: string[] = [];
  try {
    lines = readFileSync(trace, 'utf8').split('\n');
  } catch {
    // Nothing resolved at all.
  }
  for (const url of lines) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (m) packages.add(m[1]!);
  }
  return { code: result.status, packages };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('start-up loads only what the command uses', () => {
  it('when help is asked for, then no package is loaded at all (not even the database or the configuration)', () => {
    const { code, packages } = packagesLoadedBy(['help']);
    expect(code).toBe(0);
    expect([...packages].filter((p) => p !== 'tsx' && p !== 'esbuild' && p !== 'get-tsconfig')).toEqual([]);
  });

  it('when a one-line transcript is simulated, then neither exceljs, Baileys, fastify, the chart renderer nor the QR printer is loaded', () => {
    const { code, packages } = packagesLoadedBy(['simulate'], '@at 2026-11-25 07:00\n+6281234567001: halo\n');
    expect(code).toBe(0);
    // The trace works: the database driver is there.
    expect(packages.has('better-sqlite3')).toBe(true);
    expect(HEAVY.filter((p) => packages.has(p))).toEqual([]);
  });

  it('when people are listed, then no heavy package is loaded', () => {
    const db = join(dir, 'people.db');
    expect(packagesLoadedBy(['migrate', '--db', db]).code).toBe(0);
    const { code, packages } = packagesLoadedBy(['people', 'list', '--db', db]);
    expect(code).toBe(0);
    expect(HEAVY.filter((p) => packages.has(p))).toEqual([]);
  });

  it('when a month is exported for DHIS2, then no heavy package is loaded (the payload is plain JSON)', () => {
    const db = join(dir, 'dhis2.db');
    expect(packagesLoadedBy(['migrate', '--db', db]).code).toBe(0);
    const { code, packages } = packagesLoadedBy(['dhis2', 'export', '--period', '2026-11', '--db', db, '--out', join(dir, 'dhis2.json')]);
    expect(code).toBe(0);
    expect(HEAVY.filter((p) => packages.has(p))).toEqual([]);
  });
});
