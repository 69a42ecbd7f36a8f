// Process entry for the `imp-smart` command (bin/imp-smart.js loads the compiled copy).
import { runCli } from './cli.js';

const command = process.argv[2];

// `imp-smart simulate … | head`: the reader may close stdout before we are done. That is the reader's choice, not a
// failure, so the command ends quietly instead of dying with an EPIPE stack. serve keeps running: its stdout only
// shows pairing codes and the console chat, and the bot must not stop because a terminal went away.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
    if (command !== 'serve') process.exit(0);
    return;
  }
  process.stderr.write(`imp-smart: cannot write to stdout: ${error.message}\n`);
  process.exit(1);
});

const code = await runCli(process.argv.slice(2));
// -1: a long-running command (serve) that exits on a signal. A failed command exits at once: a start-up that failed
// half-way may have left timers or sockets open, and the owner lock goes with the process.
if (code > 0) process.exit(code);
if (code === 0) process.exitCode = 0;
