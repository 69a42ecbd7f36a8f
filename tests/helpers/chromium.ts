// Where the real-browser tests find Chromium: IMP_CHROMIUM_PATH, else the Debian package's binary. No browser is a
// failure with a clear message (CI installs the package in .ci/run), never a silent skip.
import { accessSync, constants } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium', '/snap/bin/chromium'];

export function chromiumPath(): string {
  const configured = process.env.IMP_CHROMIUM_PATH;
  const list = configured ? [configured] : CANDIDATES;
  for (const path of list) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // try the next one
    }
  }
  throw new Error(
    configured
      ? `IMP_CHROMIUM_PATH=${configured} is not an executable file`
      : `no Chromium found (looked at ${CANDIDATES.join(', ')}); install it (apt-get install chromium) or set IMP_CHROMIUM_PATH`,
  );
}
