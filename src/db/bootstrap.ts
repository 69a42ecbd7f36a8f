// Opening the database for the bot or a command: migrate, load the built-in areas on first start, and build
// the in-memory area directory.
import type { AreaDirectory } from '../areas/directory.js';
import { loadWilayahFromResources } from '../areas/wilayah-data.js';
import { openDatabase, type OpenDatabase, type OpenOptions } from './client.js';
import { claimDatabase, type OwnerLock } from './owner-lock.js';
import { countAreas, loadAreaDirectory, seedAreas } from './repos/areas.repo.js';

export interface ReadyDatabase extends OpenDatabase {
  areas: AreaDirectory;
}

export function openReadyDatabase(path: string, options: OpenOptions = {}): ReadyDatabase {
  const opened = openDatabase(path, options);
  if (countAreas(opened.db) === 0) {
    const { areas, aliases } = loadWilayahFromResources();
    opened.db.transaction((tx) => seedAreas(tx, areas, aliases));
  }
  return { ...opened, areas: loadAreaDirectory(opened.db) };
}

export interface OwnedDatabase extends ReadyDatabase {
  lock: OwnerLock;
}

/**
 * For a process that runs the bot (serve, chat): takes the owner lock first (DatabaseInUseError naming the running
 * holder; nothing opened or migrated then), opens the database and announces the holder. `close()` gives the lock
 * back; a crash gives it back by itself.
 */
export function openOwnedDatabase(path: string, command: string, now: Date, options: OpenOptions = {}): OwnedDatabase {
  const lock = claimDatabase(path, command, { create: options.create ?? true });
  let opened: ReadyDatabase;
  try {
    opened = openReadyDatabase(path, options);
  } catch (error) {
    lock.release();
    throw error;
  }
  try {
    lock.announce(opened.db, now);
  } catch (error) {
    lock.release();
    opened.close();
    throw error;
  }
  return {
    ...opened,
    lock,
    close: () => {
      lock.release();
      opened.close();
    },
  };
}
