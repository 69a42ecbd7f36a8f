// Failures of the database itself (as opposed to bugs): what the operator reads, and how the bot tells a storage
// failure (busy, full, read-only disk) that must be retried from a bug that must not be.

/** One line for the operator: what is wrong with the database and how to fix it. */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

/** A read-only or admin command was given a database path that does not exist: nothing is created. */
export class DatabaseMissingError extends DatabaseError {
  override name = 'DatabaseMissingError';
  constructor(readonly path: string) {
    super(`Database ${path} does not exist. Check --db or IMP_DB_PATH; "imp-smart migrate --db ${path}" creates a new one.`);
  }
}

/** Another bot process (serve, chat, simulate --db) owns this database. */
export class DatabaseInUseError extends DatabaseError {
  override name = 'DatabaseInUseError';
}

/** Why a database (or its folder, or its lock file) could not be opened or created, in the operator's words. */
export function describeOpenFailure(error: unknown): string {
  const err = error as { code?: string; message?: string };
  if (err.code === 'SQLITE_NOTADB') return 'the file is not an IMP Smart (SQLite) database';
  if (err.code === 'SQLITE_CANTOPEN') return 'the file cannot be opened or created there (a missing folder, a folder in its place, or no permission)';
  if (err.code?.startsWith('SQLITE_READONLY')) return 'the file is read-only';
  if (err.code === 'SQLITE_FULL') return 'the disk is full';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'no permission';
  if (err.code === 'ENOTDIR' || err.code === 'EEXIST') return 'a file stands where a folder should be';
  if (err.code === 'EROFS') return 'the file system is read-only';
  if (err.code === 'ENOSPC') return 'the disk is full';
  return err.message ?? String(error);
}

/**
 * SQLite result codes that say the storage, not the message, is the problem: the database is locked by another
 * writer past the busy timeout, the disk is full, the file became read-only, or I/O failed. A message whose
 * transaction fails with one of these stays in the inbound journal and is processed again later.
 */
const STORAGE_CODES = /^SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CANTOPEN|NOMEM|PROTOCOL)/;

export function isStorageFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STORAGE_CODES.test(code);
}

/** The operator's words for a storage failure, for the log line and the alert. */
export function describeStorageFailure(error: unknown): string {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code.startsWith('SQLITE_FULL')) return 'the disk (or the database size limit) is full';
  if (code.startsWith('SQLITE_READONLY')) return 'the database file is read-only';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'another process held the database too long';
  if (code.startsWith('SQLITE_IOERR')) return 'the disk reported an input/output error';
  return `the database failed (${code || 'unknown'})`;
}
