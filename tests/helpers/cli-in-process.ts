// The CLI run in the test's own process (no start-up cost): stdout and stderr captured, the environment set for the
// call and restored afterwards.
import { vi } from 'vitest';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCliInProcess(args: string[], env: Record<string, string>): Promise<CliRun> {
  const { runCli } = await import('../../src/cli.js');
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  const saved = { ...process.env };
  Object.assign(process.env, { IMP_LOG_LEVEL: '' }, env);
  try {
    return { code: await runCli(args), out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.env = saved;
  }
}
