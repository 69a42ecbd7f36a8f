// The files behind image and document messages (the monthly chart, the recap XLSX). An outbox row of kind image or
// document names its file by `media_path`; the file must exist before that row commits, or a send after a crash
// would point at nothing. So a file is written completely (to a temporary name, synced, then renamed) before its
// path is returned, and only then may a transaction queue a message with it. Files are never overwritten: each
// save gets a name of its own, so one chart may back many messages and a later chart never changes an earlier one.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';

/** A saved file: `name` is what WhatsApp shows (media_name), `path` where it is (media_path, absolute). */
export interface StoredMedia {
  name: string;
  path: string;
}

/** A file of the store, with the time its name records (the clock's time when it was saved). */
export interface MediaFile {
  path: string;
  savedAt: Date;
  /** A write that never finished (the process stopped between writing and renaming). */
  partial: boolean;
}

const TEMP_PREFIX = '.partial-';
// 20261206T080000Z-3f9a1c2b-rekap-2026-11.png: sortable by time, unique by the random part, readable by the rest.
const STORED_NAME = /^(?:\.partial-)?(\d{8}T\d{6}Z)-[0-9a-f]{8}-/;

/**
 * The default media directory: beside the database and named after it (`./data/imp-smart.db` →
 * `./data/imp-smart-media`). One directory per database, because the nightly prune deletes files its own database
 * does not point to; two databases sharing a directory would delete each other's files.
 */
export function mediaDirFor(dbPath: string): string {
  return join(dirname(dbPath), `${basename(dbPath, extname(dbPath))}-media`);
}

/** A display name made safe as part of a file name: letters, digits, dot, dash and underscore only. */
function fileSafe(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return safe.slice(-80) || 'berkas';
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

function parseStamp(text: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text)!;
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}

/** Flushes a file (or directory entry) to disk; a directory that cannot be opened for that is left to the OS. */
function sync(path: string, flags: string): void {
  let fd: number;
  try {
    fd = openSync(path, flags);
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class MediaStore {
  /** Absolute, so a stored path works whatever the process's working directory. */
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  /** Saves bytes under a new file name; returns once the file is complete and on disk. */
  save(name: string, bytes: Uint8Array, now: Date): StoredMedia {
    const { temp, final } = this.#names(name, now);
    const fd = openSync(temp, 'w');
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return this.#commit(name, temp, final);
  }

  /** Like save, for writers that take a file path (ExcelJS): `write` fills the temporary file given to it. */
  async saveWith(name: string, now: Date, write: (tempPath: string) => Promise<void>): Promise<StoredMedia> {
    const { temp, final } = this.#names(name, now);
    try {
      await write(temp);
      sync(temp, 'r');
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
    return this.#commit(name, temp, final);
  }

  /** The store's own files (named by save), oldest first; anything else in the directory is not ours to touch. */
  files(): MediaFile[] {
    let entries: string[];
    try {
      entries = readdirSync(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const files: MediaFile[] = [];
    for (const entry of entries.sort()) {
      const m = STORED_NAME.exec(entry);
      if (m) files.push({ path: join(this.dir, entry), savedAt: parseStamp(m[1]!), partial: entry.startsWith(TEMP_PREFIX) });
    }
    return files;
  }

  /** Deletes one of the store's files; false when it was already gone. */
  remove(path: string): boolean {
    try {
      rmSync(path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  #names(name: string, now: Date): { temp: string; final: string } {
    mkdirSync(this.dir, { recursive: true });
    const file = `${stamp(now)}-${randomBytes(4).toString('hex')}-${fileSafe(name)}`;
    return { temp: join(this.dir, `${TEMP_PREFIX}${file}`), final: join(this.dir, file) };
  }

  #commit(name: string, temp: string, final: string): StoredMedia {
    // The rename is what makes the file visible under its real name: a crash before it leaves only a partial file.
    renameSync(temp, final);
    sync(this.dir, 'r');
    return { name, path: final };
  }
}
