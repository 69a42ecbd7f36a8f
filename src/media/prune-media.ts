// Media files go with the message retention: a file is deleted once every message that carries it is done (sent,
// or finally failed) and the last of them is older than the retention, like the text of those messages. A file no
// message points to (its transaction rolled back, or the process stopped between writing and queueing) is deleted
// after a day; younger ones may belong to a transaction about to commit, since files are written before their rows.
import type { DbOrTx } from '../db/client.js';
import { mediaUses } from '../db/repos/outbox.repo.js';
import type { MediaStore } from './media-store.js';

const DAY_MS = 86_400_000;

export interface MediaPruneSettings {
  retentionDays: number;
  /** How long an unreferenced file is kept (default one day). */
  orphanGraceMs?: number;
}

/** Deletes the files the settings allow; returns how many. */
export function pruneMedia(db: DbOrTx, store: MediaStore, now: Date, settings: MediaPruneSettings): number {
  const files = store.files();
  if (files.length === 0) return 0;
  const uses = new Map(mediaUses(db).map((u) => [u.path, u]));
  const doneBefore = new Date(now.getTime() - settings.retentionDays * DAY_MS).toISOString();
  const orphanBefore = now.getTime() - (settings.orphanGraceMs ?? DAY_MS);
  let removed = 0;
  for (const file of files) {
    const use = file.partial ? undefined : uses.get(file.path);
    const expired = use
      ? !use.pending && use.lastDoneAt !== null && use.lastDoneAt < doneBefore
      : file.savedAt.getTime() < orphanBefore;
    if (expired && store.remove(file.path)) removed++;
  }
  return removed;
}
