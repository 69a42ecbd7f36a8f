// The recap through `imp-smart simulate` (transcript, simulated clock): @restart and @redeliver mid-recap lose
// and duplicate nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { recaps } from '../../src/db/schema.js';
import { activeGroups, DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { PKB_PHONE, PPKBD_PHONE as P } from '../helpers/people.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';
import { messagesOf, simulate } from '../helpers/simulate.js';

const GROUPS = activeGroups(DEFAULT_RECAP_SETTINGS);
const answers = GROUPS.map((g) => `${P}: ${g.fields.map((f) => CLEAN_RECAP[f]).join(' ')}`);

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('recap in the simulator', () => {
  it('when the bot restarts and messages are redelivered mid-recap, then the recap is stored once, exactly as without them', async () => {
    dir = mkdtempSync(join(tmpdir(), 'imp-recap-sim-'));
    const head = ['@at 2026-12-02 09:00', `${P}: 1`];
    const straight = await simulate([...head, ...answers, `${P}: KIRIM`].join('\n'));
    const path = join(dir, 'sim.db');
    const bumpy = await simulate(
      [...head, answers[0]!, '@redeliver', '@restart', ...answers.slice(1, 4), '@restart', '@redeliver', ...answers.slice(4), `${P}: KIRIM`, '@redeliver'].join('\n'),
      { dbPath: path },
    );
    expect(bumpy).toBe(straight);
    const out = messagesOf(bumpy);
    expect(out.filter((m) => m.to === P && m.text.startsWith('Terima kasih!'))).toHaveLength(1);
    expect(out.filter((m) => m.to === PKB_PHONE)).toHaveLength(1);
    const { db, close } = openDatabase(path);
    expect(db.select().from(recaps).all()).toMatchObject([{ desaCode: '73.06.06.2003', period: '2026-11', version: 1 }]);
    close();
  });
});
