// Images and documents in the simulator: the transcript shows them as [gambar: NAME] / [dokumen: NAME] with their
// caption, and --media-dir writes the files themselves so a trainer can open them. The bot's real media messages
// (the monthly summary, GRAFIK) come later; here a small test flow queues them the way those will: the file is saved
// first, then the message is queued in the flow's transaction.
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CompletionHandler } from '../../src/bot/apply-events.js';
import { SIM_CLOCK_KEY } from '../../src/bot/simulator/run-simulation.js';
import { simGroupId } from '../../src/bot/simulator/sim-transport.js';
import { openReadyDatabase } from '../../src/db/bootstrap.js';
import { rememberGroup } from '../../src/db/repos/groups.repo.js';
import { enqueueMedia } from '../../src/db/repos/outbox.repo.js';
import { writeRuntimeState } from '../../src/db/repos/runtime-state.repo.js';
import { outbox } from '../../src/db/schema.js';
import { PRODUCTION_FLOWS } from '../../src/flows/index.js';
import { createRegistry } from '../../src/flows/registry.js';
import { MediaStore, mediaDirFor } from '../../src/media/media-store.js';
import { fixtureFlow } from '../helpers/fixture-flow.js';
import { RESIDENT_PHONE } from '../helpers/people.js';
import { runCliProcess } from '../helpers/processes.js';
import { messagesOf, simulate } from '../helpers/simulate.js';

const dir = mkdtempSync(join(tmpdir(), 'imp-sim-media-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');
const XLSX_BYTES = Buffer.from('504b030414000600', 'hex');
const registry = createRegistry([...PRODUCTION_FLOWS, fixtureFlow]);

/** The test flow's completion: a chart and a workbook for the person who finished it. */
function sendsMedia(store: MediaStore): Record<string, CompletionHandler> {
  return {
    fixture: (tx, _results, ctx) => {
      const chart = store.save('rekap-2026-11.png', PNG_BYTES, ctx.now);
      const book = store.save('rekap-2026-11.xlsx', XLSX_BYTES, ctx.now);
      enqueueMedia(tx, ctx.replyTo, 'reply', { kind: 'image', ...chart, caption: 'Rekap November 2026' }, ctx.now);
      enqueueMedia(tx, ctx.replyTo, 'reply', { kind: 'document', ...book, caption: '' }, ctx.now);
    },
  };
}

const TRANSCRIPT = `@at 2026-12-05 08:00
${RESIDENT_PHONE}: latihan
${RESIDENT_PHONE}: 20
${RESIDENT_PHONE}: tidak
`;

describe('media in the simulator', () => {
  it('when the bot sends an image and a document, then the transcript names them and --media-dir holds the files', async () => {
    const store = new MediaStore(join(dir, 'store-1'));
    const mediaDir = join(dir, 'out-1');
    const output = await simulate(TRANSCRIPT, { registry, completions: sendsMedia(store), mediaDir });
    const sent = messagesOf(output).filter((m) => m.to === RESIDENT_PHONE);
    expect(sent.map((m) => m.text)).toContain('[gambar: rekap-2026-11.png] Rekap November 2026');
    // A document without a caption ends at its name.
    expect(output).toContain(`> ${RESIDENT_PHONE}: [dokumen: rekap-2026-11.xlsx]\n`);
    expect(readFileSync(join(mediaDir, 'rekap-2026-11.png'))).toEqual(PNG_BYTES);
    expect(readFileSync(join(mediaDir, 'rekap-2026-11.xlsx'))).toEqual(XLSX_BYTES);
  });

  it('when no --media-dir is given, then the transcript still names the files and nothing else is written', async () => {
    const store = new MediaStore(join(dir, 'store-2'));
    const output = await simulate(TRANSCRIPT, { registry, completions: sendsMedia(store) });
    expect(output).toContain('[gambar: rekap-2026-11.png] Rekap November 2026');
    expect(existsSync(join(dir, 'out-2'))).toBe(false);
  });

  it('when `imp-smart simulate --media-dir` sends a chart waiting in the outbox, then it shows as [gambar: NAME] in the group and the file is written', async () => {
    const dbPath = join(dir, 'story.db');
    const mediaDir = join(dir, 'out-cli');
    const database = openReadyDatabase(dbPath);
    const now = new Date('2026-12-05T00:00:00Z');
    // A story already at the 5th of December (a monthly summary's morning), its Dinas group known.
    writeRuntimeState(database.db, SIM_CLOCK_KEY, now.toISOString(), now);
    const group = simGroupId('grp-dinas');
    rememberGroup(database.db, group, 'grp-dinas');
    // Saved beside the story's database, where the bot's own media store is.
    const chart = new MediaStore(mediaDirFor(dbPath)).save('rekap-2026-11.png', PNG_BYTES, now);
    const gone = new MediaStore(mediaDirFor(dbPath)).save('hilang.png', PNG_BYTES, now);
    database.db.transaction((tx) => {
      enqueueMedia(tx, group, 'bulk', { kind: 'image', ...gone, caption: 'Berkas yang sudah terhapus' }, now);
      enqueueMedia(tx, group, 'bulk', { kind: 'image', ...chart, caption: 'Rekap November 2026' }, now);
    });
    database.close();
    // A file deleted by hand after its message was queued cannot be sent: that message fails, the next one goes.
    unlinkSync(gone.path);

    const result = await runCliProcess(['simulate', '--db', dbPath, '--media-dir', mediaDir], '', {});
    expect(result.code).toBe(0);
    // The operator sees why on stderr (a warning), the transcript shows only what was sent.
    expect(result.err).toContain('no file for hilang.png');
    expect(result.out).toBe('> grp-dinas: [gambar: rekap-2026-11.png] Rekap November 2026\n');
    expect(readFileSync(join(mediaDir, 'rekap-2026-11.png'))).toEqual(PNG_BYTES);
    expect(existsSync(join(mediaDir, 'hilang.png'))).toBe(false);

    const after = openReadyDatabase(dbPath);
    try {
      expect(after.db.select({ name: outbox.mediaName, status: outbox.status }).from(outbox).all()).toEqual([
        { name: 'hilang.png', status: 'failed' },
        { name: 'rekap-2026-11.png', status: 'sent' },
      ]);
    } finally {
      after.close();
    }
  }, 60_000);
});
