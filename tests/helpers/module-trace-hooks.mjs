// Module loader hooks (registered by module-trace.mjs): append every resolved module URL to the file named in
// the registration data, so a test can see which packages a command loaded. Runs on the loader's own thread.
import { appendFileSync } from 'node:fs';

let file = '';

export function initialize(data) {
  file = data.file;
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(file, `${resolved.url}\n`);
  return resolved;
}
