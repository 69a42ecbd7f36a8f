// The WhatsApp Web version a socket announces. A stale one is refused with 405 "Connection Failure" (docs/whatsapp.md §2,
// §8.6); Baileys bundles one and can fetch the current one from web.whatsapp.com.
import { fetchLatestWaWebVersion, type WAVersion } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';

/** What fetchLatestWaWebVersion answers: `isLatest: false` means it fell back to the version bundled with Baileys. */
export type FetchVersion = () => Promise<{ version: WAVersion; isLatest: boolean; error?: unknown }>;

const FETCH_TIMEOUT_MS = 15_000;

/** Baileys' fetcher, bounded in time so that a hanging request cannot hold up the reconnect. */
export const fetchCurrentWaVersion: FetchVersion = () => fetchLatestWaWebVersion({ signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });

/** The version to connect with from now on, or null to keep the previous one (the fetch failed; never fatal). */
export async function refreshWaVersion(fetchVersion: FetchVersion, logger: Logger): Promise<WAVersion | null> {
  try {
    const { version, isLatest, error } = await fetchVersion();
    if (isLatest) logger.info({ version, isLatest }, 'WhatsApp Web version refreshed');
    else logger.warn({ version, isLatest, err: error }, 'current WhatsApp Web version unavailable; using the one bundled with Baileys');
    return version;
  } catch (err) {
    logger.warn({ err }, 'fetching the WhatsApp Web version failed; reconnecting with the previous one');
    return null;
  }
}
