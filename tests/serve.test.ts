// The real process: `imp-smart serve` on the WhatsApp transport with WhatsApp unreachable keeps retrying with
// backoff and keeps answering the health check — no crash loop. WhatsApp is pointed at a closed local port.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './helpers/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'imp-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


describe('imp-smart serve with WhatsApp unreachable', () => {
  it('when WhatsApp cannot be reached, then the bot reports it, retries with growing delays, and health keeps answering', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin.ts', 'serve'], {
      env: {
        ...process.env,
        IMP_TRANSPORT: 'baileys',
        IMP_DB_PATH: join(dir, 'serve.db'),
        IMP_HTTP_PORT: String(port),
        IMP_LOG_LEVEL: 'info',
        IMP_WA_WEBSOCKET_URL: 'ws://127.0.0.1:9/ws/chat',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let exited: number | null = null;
    child.on('exit', (code) => (exited = code ?? -1));
    const details = new Set<string>();
    try {
      // Poll until two different backoff delays were announced (bounded: the loop ends by itself).
      const deadline = Date.now() + 25_000;
      while (Date.now() < deadline && [...details].filter((d) => d.includes('; retry ')).length < 2) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const res = await fetch(`http://127.0.0.1:${port}/health`).catch(() => null);
        if (!res) continue;
        const body = (await res.json()) as { status: string; transport: { name: string; state: string; detail: string } };
        expect(res.status).toBe(503);
        expect(body.status).toBe('degraded');
        expect(body.transport.name).toBe('whatsapp');
        details.add(body.transport.detail);
      }
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    const retries = [...details].filter((d) => d.includes('; retry '));
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries[0]).toMatch(/WhatsApp unreachable or timed out \(408\); retry 1 in [1-3] s/);
    expect(exited).not.toBe(1);
  }, 40_000);
});
