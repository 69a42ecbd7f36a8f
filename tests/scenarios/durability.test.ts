// Through the simulator on a database file: @redeliver never answers or records twice; @restart mid-flow
// continues at the same step with the answers given so far.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { inboundMessages, outbox } from '../../src/db/schema.js';
import { PRODUCTION_FLOWS } from '../../src/flows/index.js';
import { createRegistry } from '../../src/flows/registry.js';
import { fixtureFlow } from '../helpers/fixture-flow.js';
import { PPKBD_PHONE, RESIDENT_PHONE } from '../helpers/people.js';
import { messagesOf, simulate } from '../helpers/simulate.js';

const registry = createRegistry([...PRODUCTION_FLOWS, fixtureFlow]);
const completed: Record<string, unknown>[] = [];
const completions = { fixture: (_tx: unknown, results: Record<string, unknown>) => void completed.push(results) };

let dir: string;
const dbFile = () => {
  dir = mkdtempSync(join(tmpdir(), 'imp-smart-sim-'));
  return join(dir, 'sim.db');
};
afterEach(() => {
  completed.length = 0;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function counts(path: string) {
  const { db, close } = openDatabase(path);
  try {
    return { inbound: db.select().from(inboundMessages).all().length, outbox: db.select().from(outbox).all().length };
  } finally {
    close();
  }
}

const STEPS = [`${PPKBD_PHONE}: halo`, `${PPKBD_PHONE}: 1`, `${PPKBD_PHONE}: 120`, `${PPKBD_PHONE}: ya`, `${PPKBD_PHONE}: 2`];

describe('@redeliver', () => {
  it.each(STEPS.map((_, i) => [i + 1]))('when message %i is redelivered, then there is no second reply and no second row', async (n) => {
    const path = dbFile();
    const plain = await simulate(STEPS.slice(0, n).join('\n'), { registry, completions, dbPath: path });
    const before = counts(path);
    rmSync(path);
    const withRedelivery = await simulate([...STEPS.slice(0, n), '@redeliver'].join('\n'), { registry, completions, dbPath: path });
    expect(withRedelivery).toBe(plain);
    expect(counts(path)).toEqual(before);
  });

  it('when the last message of a flow is redelivered, then its results are stored once', async () => {
    await simulate([...STEPS, '@redeliver', '@redeliver'].join('\n'), { registry, completions, dbPath: dbFile() });
    expect(completed).toEqual([{ pus: 120, poktan: true, kind: 'bkr' }]);
  });
});

describe('@restart', () => {
  it.each(STEPS.map((_, i) => [i + 1]))('when the bot restarts after message %i, then the conversation goes on exactly as without it', async (n) => {
    const straight = await simulate(STEPS.join('\n'), { registry, completions });
    const withRestart = await simulate([...STEPS.slice(0, n), '@restart', ...STEPS.slice(n)].join('\n'), { registry, completions });
    expect(withRestart).toBe(straight);
    expect(completed).toEqual([
      { pus: 120, poktan: true, kind: 'bkr' },
      { pus: 120, poktan: true, kind: 'bkr' },
    ]);
  });

  it('when the bot restarts mid-flow, then the user continues at the same step with the earlier answers', async () => {
    const out = messagesOf(await simulate([`${PPKBD_PHONE}: 1`, `${PPKBD_PHONE}: 1.250`, '@restart', `${PPKBD_PHONE}: LANJUT`].join('\n'), { registry, completions }));
    expect(out.at(-1)!.text).toContain('(2/3) PUS: 1250. Apakah ada kegiatan poktan?');
  });

  it('when a restart happens with a database given by --db, then a second run continues the story', async () => {
    const path = dbFile();
    await simulate(`${RESIDENT_PHONE}: 1\n${RESIDENT_PHONE}: 55`, { registry, completions, dbPath: path });
    const out = messagesOf(await simulate(`${RESIDENT_PHONE}: ya`, { registry, completions, dbPath: path, people: null }));
    expect(out[0]!.text).toContain('(3/3) Poktan apa?');
  });
});
