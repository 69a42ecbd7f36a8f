// What the bot does when its database cannot be written: a full disk, a read-only file or mount, an I/O error, or
// another process holding the write lock past the busy timeout. Messages stay in the inbound journal (or in memory
// when even the journal cannot be written) and are processed once writing works again; a full or read-only disk
// also stops intake at the transport (WhatsApp keeps undelivered messages meanwhile). One clear log line and an
// alert (health check, then the admins on WhatsApp) say so. Nothing here ever throws: the HTTP health check keeps
// answering.
import { describeStorageFailure } from '../db/database-errors.js';
import type { Logger } from '../logger.js';
import type { AlertDesk } from './alert-desk.js';
import type { Transport } from './transport.js';

export const STORAGE_ALERT = 'DATABASE_NOT_WRITABLE';

/** The admins' words (Indonesian) for a storage failure. */
function alertText(error: unknown): string {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const why = code.startsWith('SQLITE_FULL')
    ? 'disk penuh'
    : code.startsWith('SQLITE_READONLY')
      ? 'file database hanya bisa dibaca'
      : code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
        ? 'database dipakai proses lain terlalu lama'
        : 'gangguan disk';
  return `Database bot tidak bisa ditulis (${why}). Pesan masuk ditahan dan diproses setelah diperbaiki.`;
}

/** Failures that last until an operator acts: intake stops. A busy database is momentary: messages just wait. */
function stopsIntake(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN)/.test(code);
}

export class StorageHealth {
  #failing: { message: string; suspended: boolean } | null = null;

  constructor(
    private readonly deps: { logger: Logger; alerts: AlertDesk; transport: Transport },
  ) {}

  get failing(): boolean {
    return this.#failing !== null;
  }

  failed(error: unknown): void {
    if (this.#failing) return;
    const message = alertText(error);
    const suspend = stopsIntake(error) && this.deps.transport.suspendIntake !== undefined;
    this.#failing = { message, suspended: suspend };
    this.deps.logger.error(
      { code: (error as { code?: unknown } | null)?.code },
      `database cannot be written: ${describeStorageFailure(error)}. ${suspend ? 'Inbound intake stopped; ' : ''}messages wait and are processed once it can be written again (free disk space or fix the file's permissions).`,
    );
    this.deps.alerts.raise(STORAGE_ALERT, message);
    if (suspend) void this.deps.transport.suspendIntake!(describeStorageFailure(error)).catch((err: unknown) => this.deps.logger.error({ err }, 'could not stop intake'));
  }

  recovered(): void {
    const failing = this.#failing;
    if (!failing) return;
    this.#failing = null;
    this.deps.logger.info('database can be written again; waiting messages are processed');
    this.deps.alerts.recordResolved(STORAGE_ALERT, failing.message);
    this.deps.alerts.notifyAdmins();
    if (failing.suspended) void this.deps.transport.resumeIntake?.().catch((err: unknown) => this.deps.logger.error({ err }, 'could not resume intake'));
  }
}
