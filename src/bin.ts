// Process entry for the `imp-smart` command (bin/imp-smart.js loads the compiled copy).
import { runCli } from './cli.js';

const code = await runCli(process.argv.slice(2));
// -1: a long-running command (serve) that exits on a signal.
if (code >= 0) process.exitCode = code;
