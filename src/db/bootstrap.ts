// Opening the database for the bot or a command: migrate, load the built-in areas on first start, and build
// the in-memory area directory.
import type { AreaDirectory } from '../areas/directory.js';
import { loadWilayahFromResources } from '../areas/wilayah-data.js';
import { openDatabase, type OpenDatabase, type OpenOptions } from './client.js';
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
