// Real imp-smart processes for the tests that are about processes: a command run to its end, and a free port.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/** `imp-smart <args>` (TypeScript through tsx) run to its end; async, so independent commands run side by side. */
export function runCliProcess(args: string[], input: string, env: Record<string, string>): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin.ts', ...args], {
    env: { ...process.env, IMP_LOG_LEVEL: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  child.stdin.end(input);
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out, err })));
}

/** A TCP port on loopback that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
