// Writers never fail on a busy database: another process holding the write lock (an operator's import, a backup
// tool) makes the bot wait its turn, not drop the message.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { inboundMessages } from '../../src/db/schema.js';
import { people } from '../../src/db/schema.js';
import { Harness } from '../helpers/harness.js';
import { PEOPLE_CSV, RESIDENT_PHONE } from '../helpers/people.js';

let h: Harness;
afterEach(() => h.close());

/** A second process that takes the database's write lock, says so, holds it for `holdMs`, then commits. */
function holdWriteLock(dbPath: string, holdMs: number): { child: ChildProcess; locked: Promise<void>; done: Promise<number> } {
  const script = `
    import Database from 'better-sqlite3';
    const db = new Database(${JSON.stringify(dbPath)});
    db.exec('BEGIN IMMEDIATE');
    db.prepare("insert or replace into runtime_state(key, value, updated_at) values ('lock_holder', '1', 'now')").run();
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); process.stdout.write('released\\n'); }, ${holdMs});
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const locked = new Promise<void>((resolve) => child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve()));
  const done = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return { child, locked, done };
}

describe('a busy database', () => {
  it('when another process holds the write lock for 1.5 s while messages arrive, then every message is answered and none fails', async () => {
    h = await Harness.create({ people: PEOPLE_CSV });
    const holder = holdWriteLock(h.dbPath, 1_500);
    await holder.locked;
    const senders = Array.from({ length: 8 }, (_, i) => `+62852999900${10 + i}`);
    await Promise.all(senders.map((phone) => h.send(phone, 'halo')));
    expect(await holder.done).toBe(0);
    await h.bot.idle();
    for (const phone of senders) {
      const to = h.transport.sent.filter((m) => m.to === phone);
      expect(to).toHaveLength(1);
      expect(to[0]!.content).toMatchObject({ kind: 'text', text: expect.stringContaining('Halo') });
    }
    expect(h.db.select().from(inboundMessages).all().map((r) => r.outcome)).toEqual(new Array(8).fill('handled'));
  });

  it('when people are imported while messages stream in, then the import and every message succeed', async () => {
    h = await Harness.create({ people: PEOPLE_CSV });
    const csv = join(h.dir, 'more-people.csv');
    const free = h.database.areas.allDesa().filter((d) => d.code !== '73.06.06.2003');
    const rows = Array.from({ length: 150 }, (_, i) => `+62813111${String(i).padStart(5, '0')},Kader ${i},ppkbd,${free[i]!.code},`);
    writeFileSync(csv, ['phone,name,role,area,unit', ...rows].join('\n'));
    const importer = spawn(process.execPath, ['--import', 'tsx', 'src/bin.ts', 'people', 'import', csv, '--db', h.dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    importer.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let exit: number | null = null;
    importer.on('exit', (code) => (exit = code ?? -1));
    let sent = 0;
    let answered = 0;
    // Keep writing until the import has finished (and a little after), as a month-end crowd would.
    while (exit === null || sent < 20) {
      const reply = await h.send(RESIDENT_PHONE, sent % 2 === 0 ? 'halo' : 'MENU');
      sent++;
      if (reply.length === 1) answered++;
      await yieldToIo();
    }
    expect({ exit, stderr }).toEqual({ exit: 0, stderr: '' });
    expect(answered).toBe(sent);
    expect(h.db.select().from(people).all()).toHaveLength(5 + 150);
    expect(h.db.select().from(inboundMessages).all().every((r) => r.outcome === 'handled')).toBe(true);
  });
});
