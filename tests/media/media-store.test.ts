// The media store: files behind image and document messages. Each save is a file of its own, complete on disk
// before a message may point to it, and deleted with the message retention (or when nothing points to it).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retentionJob } from '../../src/bot/features/retention.js';
import { openReadyDatabase, type ReadyDatabase } from '../../src/db/bootstrap.js';
import { enqueueMedia, markFailed, markSent, mediaUses } from '../../src/db/repos/outbox.repo.js';
import { outbox } from '../../src/db/schema.js';
import { silentLogger } from '../../src/logger.js';
import { MediaStore, mediaDirFor } from '../../src/media/media-store.js';
import { pruneMedia } from '../../src/media/prune-media.js';

const DAY = 86_400_000;
const T0 = new Date('2026-12-05T00:00:00Z'); // 08:00 WITA, the monthly summary's morning
const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const PHONE = '+6281234567001';

let dir: string;
let store: MediaStore;
let database: ReadyDatabase;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'imp-media-'));
  store = new MediaStore(join(dir, 'media'));
  database = openReadyDatabase(':memory:');
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const image = (saved: { name: string; path: string }) => ({ kind: 'image' as const, ...saved, caption: 'Rekap November 2026' });

function queue(saved: { name: string; path: string }, at: Date, to = PHONE): number {
  return database.db.transaction((tx) => enqueueMedia(tx, to, 'bulk', image(saved), at));
}

describe('media store', () => {
  it('when two files of the same name are saved at the same moment, then each is a file of its own under that name', () => {
    const a = store.save('rekap-2026-11.png', PNG_BYTES, T0);
    const b = store.save('rekap-2026-11.png', Buffer.from('other'), T0);
    expect(a.name).toBe('rekap-2026-11.png');
    expect(b.name).toBe('rekap-2026-11.png');
    expect(a.path).not.toBe(b.path);
    expect(readFileSync(a.path)).toEqual(PNG_BYTES);
    expect(readFileSync(b.path).toString()).toBe('other');
    expect(a.path.startsWith(store.dir)).toBe(true);
    expect(a.path).toMatch(/\/20261205T000000Z-[0-9a-f]{8}-rekap-2026-11\.png$/);
  });

  it('when a name holds spaces or slashes, then the file stays inside the directory and the shown name is kept', () => {
    const saved = store.save('../Rekap Somba Opu/11.xlsx', PNG_BYTES, T0);
    expect(saved.name).toBe('../Rekap Somba Opu/11.xlsx');
    expect(readdirSync(store.dir)).toEqual([saved.path.slice(store.dir.length + 1)]);
    expect(saved.path.slice(store.dir.length + 1)).toMatch(/^20261205T000000Z-[0-9a-f]{8}-Rekap-Somba-Opu-11\.xlsx$/);
  });

  it('when the store directory is relative, then stored paths are absolute', () => {
    expect(new MediaStore('data/x-media').dir.startsWith('/')).toBe(true);
  });

  it('when a save finishes, then no partial file is left; when a writer fails, then nothing is left at all', async () => {
    const saved = await store.saveWith('rekap.xlsx', T0, async (path) => writeFileSync(path, 'xlsx'));
    expect(readdirSync(store.dir)).toHaveLength(1);
    expect(readFileSync(saved.path, 'utf8')).toBe('xlsx');
    await expect(
      store.saveWith('broken.xlsx', T0, async (path) => {
        writeFileSync(path, 'half');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readdirSync(store.dir)).toHaveLength(1);
  });

  it('when the media directory is not configured, then it is beside the database and named after it', () => {
    expect(mediaDirFor('./data/imp-smart.db')).toBe('data/imp-smart-media');
    expect(mediaDirFor('/srv/imp/story.db')).toBe('/srv/imp/story-media');
  });
});

describe('queueing a media message', () => {
  it('when the file was written first, then the row carries its name and path', () => {
    const saved = store.save('rekap-2026-11.png', PNG_BYTES, T0);
    const id = queue(saved, T0);
    const row = database.db.select().from(outbox).all().find((r) => r.id === id)!;
    expect(row).toMatchObject({ kind: 'image', mediaName: 'rekap-2026-11.png', mediaPath: saved.path, text: 'Rekap November 2026', status: 'pending' });
  });

  it('when the file is not on disk, then the transaction fails and no message is queued', () => {
    expect(() => queue({ name: 'rekap-2026-11.png', path: join(store.dir, 'never-written.png') }, T0)).toThrow(/media file missing/);
    expect(database.db.select().from(outbox).all()).toHaveLength(0);
  });
});

describe('pruning media', () => {
  const settings = { retentionDays: 90 };

  it('when every message with a file was sent longer ago than the retention, then the file is deleted; otherwise kept', () => {
    const old = store.save('old.png', PNG_BYTES, T0);
    const recent = store.save('recent.png', PNG_BYTES, T0);
    const waiting = store.save('waiting.png', PNG_BYTES, T0);
    const shared = store.save('shared.png', PNG_BYTES, T0);
    const failed = store.save('failed.png', PNG_BYTES, T0);
    markSent(database.db, queue(old, T0), T0, null);
    markSent(database.db, queue(recent, T0), new Date(T0.getTime() + 80 * DAY), null);
    queue(waiting, T0); // never sent (the link was down for months)
    markSent(database.db, queue(shared, T0, '+6281234567002'), T0, null);
    queue(shared, T0, '+6281234567003'); // the same chart, still waiting for another officer
    markFailed(database.db, queue(failed, T0), 'rejected', T0);

    const removed = pruneMedia(database.db, store, new Date(T0.getTime() + 91 * DAY), settings);
    expect(removed).toBe(2);
    expect(existsSync(old.path)).toBe(false);
    expect(existsSync(failed.path)).toBe(false);
    expect(existsSync(recent.path)).toBe(true);
    expect(existsSync(waiting.path)).toBe(true);
    expect(existsSync(shared.path)).toBe(true);
    expect(mediaUses(database.db).find((u) => u.path === shared.path)).toMatchObject({ pending: true });
  });

  it('when no message points to a file, then it is deleted after a day and not before (its transaction may be about to commit)', () => {
    const orphan = store.save('orphan.png', PNG_BYTES, T0);
    expect(pruneMedia(database.db, store, new Date(T0.getTime() + 23 * 3600_000), settings)).toBe(0);
    expect(existsSync(orphan.path)).toBe(true);
    expect(pruneMedia(database.db, store, new Date(T0.getTime() + 25 * 3600_000), settings)).toBe(1);
    expect(existsSync(orphan.path)).toBe(false);
  });

  it('when a write was cut off before its rename, then the partial file is deleted after a day', () => {
    store.save('keep.png', PNG_BYTES, new Date(T0.getTime() + 2 * DAY)); // creates the directory
    const partial = join(store.dir, '.partial-20261205T000000Z-0badcafe-rekap.xlsx');
    writeFileSync(partial, 'half');
    expect(pruneMedia(database.db, store, new Date(T0.getTime() + 2 * DAY), settings)).toBe(1);
    expect(existsSync(partial)).toBe(false);
  });

  it('when the directory holds files the store did not make, then they are left alone', () => {
    store.save('x.png', PNG_BYTES, T0);
    const foreign = join(store.dir, 'README.txt');
    writeFileSync(foreign, 'operator notes');
    pruneMedia(database.db, store, new Date(T0.getTime() + 400 * DAY), settings);
    expect(existsSync(foreign)).toBe(true);
  });

  it('when the directory does not exist yet, then pruning finds nothing to do', () => {
    expect(pruneMedia(database.db, new MediaStore(join(dir, 'none')), T0, settings)).toBe(0);
  });

  it('when the nightly retention job runs, then it prunes the media too', () => {
    const old = store.save('old.png', PNG_BYTES, T0);
    markSent(database.db, queue(old, T0), T0, null);
    const job = retentionJob('15 2 * * *', { retentionDays: 30, conversationExpiryMs: 72 * 3600_000 }, store);
    const runAt = (now: Date) => database.db.transaction((tx) => job.run(tx, { scheduledAt: now, now, areas: database.areas, logger: silentLogger() }, undefined));
    runAt(new Date(T0.getTime() + 29 * DAY));
    expect(existsSync(old.path)).toBe(true);
    runAt(new Date(T0.getTime() + 31 * DAY));
    expect(existsSync(old.path)).toBe(false);
  });
});
