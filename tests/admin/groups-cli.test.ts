// `imp-smart groups list|set|remove` as an operator runs them (runCli in this process, its output captured).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simGroupId } from '../../src/bot/simulator/sim-transport.js';
import { openDatabase } from '../../src/db/client.js';
import { bindingOfGroup } from '../../src/db/repos/groups.repo.js';
import { PKB_PHONE } from '../helpers/people.js';
import { simulate } from '../helpers/simulate.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'imp-groups-cli-'));
const db = join(dir, 'groups.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PKB_GROUP = simGroupId('grp-pkb-bontomarannu');
const OTHER = simGroupId('grp-lain');

async function cli(...args: string[]) {
  return runCliInProcess(args, { IMP_DB_PATH: join(dir, 'default.db') });
}

function binding(groupId: string) {
  const { db: database, close } = openDatabase(db);
  try {
    return bindingOfGroup(database, groupId);
  } finally {
    close();
  }
}

beforeAll(async () => {
  // Two groups the bot has seen: one registered by its PKB, one where people only chatted.
  await simulate(['@at 2026-11-25 07:00', `${PKB_PHONE} @ grp-pkb-bontomarannu: DAFTAR GRUP PKB Bontomarannu`, `${PKB_PHONE} @ grp-lain: halo`].join('\n'), { dbPath: db });
});

describe('imp-smart groups', () => {
  it('when groups are listed, then each seen group shows its id, label and binding with who bound it and when', async () => {
    const { code, out } = await cli('groups', 'list', '--db', db);
    expect(code).toBe(0);
    expect(out.split('\n').filter(Boolean)).toEqual([
      `${PKB_GROUP}  "grp-pkb-bontomarannu"  PKB Kec. Bontomarannu (73.06.06), bound by Andi Baso on WhatsApp 2026-11-25 07:00 WITA`,
      `${OTHER}  "grp-lain"  not bound`,
    ]);
  });

  it('when an operator sets, moves and removes bindings, then each change is stored and reported, and mistakes are usage errors', async () => {
    // By name (tolerant) or code; the same binding again changes nothing.
    expect(await cli('groups', 'set', OTHER, 'pkb', 'Pallanga', '--db', db)).toMatchObject({
      code: 0,
      out: `Group "grp-lain" (${OTHER}) now receives what goes to the PKB of Kec. Pallangga (73.06.07).\n`,
    });
    expect((await cli('groups', 'set', OTHER, 'pkb', '73.06.07', '--db', db)).out).toContain('is already bound to the PKB of Kec. Pallangga (73.06.07); nothing changed.');
    // A second group for Bontomarannu replaces the first; the group moves from Pallangga.
    const moved = await cli('groups', 'set', OTHER, 'pkb', 'Bontomarannu', '--db', db);
    expect(moved.out).toBe(
      [
        `Group "grp-lain" (${OTHER}) now receives what goes to the PKB of Kec. Bontomarannu (73.06.06).`,
        'It was bound to the PKB of Kec. Pallangga (73.06.07), which now goes to its people one by one unless another group is set.',
        `It replaces group "grp-pkb-bontomarannu" (${PKB_GROUP}), which is no longer bound.`,
        '',
      ].join('\n'),
    );
    expect(binding(PKB_GROUP)).toBeUndefined();
    expect(binding(OTHER)).toMatchObject({ role: 'pkb', areaCode: '73.06.06', boundVia: 'cli', boundByPersonId: null });

    expect((await cli('groups', 'set', PKB_GROUP, 'dinas', '--db', db)).out).toContain('now receives what goes to the Dinas (Kabupaten Gowa).');
    expect((await cli('groups', 'list', '--db', db)).out).toContain(`${PKB_GROUP}  "grp-pkb-bontomarannu"  Dinas (Kabupaten Gowa), bound by an operator`);

    expect(await cli('groups', 'remove', PKB_GROUP, '--db', db)).toMatchObject({
      code: 0,
      out: `Group "grp-pkb-bontomarannu" (${PKB_GROUP}) no longer receives what goes to the Dinas (Kabupaten Gowa); it goes to its people one by one.\n`,
    });
    expect(await cli('groups', 'remove', PKB_GROUP, '--db', db)).toMatchObject({ code: 1, out: expect.stringContaining('is not bound; nothing changed.') });
    expect(binding(PKB_GROUP)).toBeUndefined();
  });

  it.each([
    [['groups', 'set', 'abc', 'dinas'], '"abc" is not a WhatsApp group id'],
    [['groups', 'set', '120363999999999999999999@g.us', 'dinas'], 'unknown group 120363999999999999999999@g.us: the bot has not seen it'],
    [['groups', 'set', OTHER, 'pkb'], 'name the kecamatan (code or name)'],
    [['groups', 'set', OTHER, 'pkb', 'Jakarta'], 'unknown kecamatan "Jakarta"'],
    [['groups', 'set', OTHER, 'dinas', 'Pallangga'], 'the Dinas group takes no kecamatan'],
    [['groups', 'set', OTHER, 'koordinator', 'Pallangga'], 'usage: imp-smart groups set GROUP-ID pkb KECAMATAN | GROUP-ID dinas'],
    [['groups', 'remove'], 'usage: imp-smart groups remove GROUP-ID'],
    [['groups', 'list', 'extra'], 'usage: imp-smart groups list'],
    [['groups', 'rename', OTHER], 'unknown command "groups rename"'],
  ])('when "%s" is given, then it is a usage error (exit 2) that says what is wrong', async (args, message) => {
    const result = await cli(...args, '--db', db);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.out).toBe('');
  });

  it('when a groups command is given a database that does not exist, then it says so and creates nothing', async () => {
    const missing = join(dir, 'absent', 'nope.db');
    for (const args of [['groups', 'list'], ['groups', 'set', OTHER, 'dinas'], ['groups', 'remove', OTHER]]) {
      const result = await cli(...args, '--db', missing);
      expect(result.code).not.toBe(0);
      expect(result.err).toContain(`Database ${missing} does not exist.`);
    }
    expect(existsSync(join(dir, 'absent'))).toBe(false);
  });

  it('when help is asked for, then the groups commands are listed', async () => {
    const { out } = await cli('help');
    for (const line of ['groups list', 'groups set GROUP-ID pkb KECAMATAN | GROUP-ID dinas', 'groups remove GROUP-ID']) expect(out).toContain(line);
  });
});
