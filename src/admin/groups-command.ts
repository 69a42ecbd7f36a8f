// `imp-smart groups list|set|remove`: the WhatsApp groups the bot has seen and what each is bound to, for operators.
// The same bindings as DAFTAR GRUP / HAPUS GRUP inside a group. The bot reads the bindings each time it pushes
// something, so a change made here beside a running bot counts from the next push on; the groups are not told.
import type { AreaDirectory } from '../areas/directory.js';
import { systemClock } from '../clock.js';
import type { ReadyDatabase } from '../db/bootstrap.js';
import { bindGroup, bindingOfGroup, groupLabel, listGroups, unbindGroup, type GroupBinding } from '../db/repos/groups.repo.js';
import type { GroupRole } from '../domain/groups.js';
import { witaDateTime } from '../reports/labels.js';

const USAGE = {
  list: 'usage: imp-smart groups list [--db PATH]',
  set: 'usage: imp-smart groups set GROUP-ID pkb KECAMATAN | GROUP-ID dinas [--db PATH]   (KECAMATAN: its code or name)',
  remove: 'usage: imp-smart groups remove GROUP-ID [--db PATH]',
} as const;

const GROUP_ID = /^\d[\d-]*@g\.us$/;

export function runGroupsCommand(
  sub: string,
  args: readonly string[],
  open: () => ReadyDatabase,
  out: (text: string) => void,
  usageError: (message: string) => Error,
): number {
  switch (sub) {
    case 'list': {
      if (args.length > 0) throw usageError(USAGE.list);
      const database = open();
      try {
        const groups = listGroups(database.db);
        if (groups.length === 0) {
          out('No WhatsApp group has written to the bot yet. Add the bot to a group and send "DAFTAR GRUP PKB <kecamatan>" there.');
        }
        for (const g of groups) {
          const name = g.label === g.id ? '(name not known yet)' : `"${g.label}"`;
          out(`${g.id}  ${name}  ${g.binding ? describeBinding(g.binding, database.areas) : 'not bound'}`);
        }
        return 0;
      } finally {
        database.close();
      }
    }
    case 'set': {
      const [groupId, role, ...rest] = args;
      if (!groupId || (role !== 'pkb' && role !== 'dinas')) throw usageError(USAGE.set);
      checkGroupId(groupId, usageError);
      const name = rest.join(' ').trim();
      if (role === 'pkb' && name === '') throw usageError(`name the kecamatan (code or name)\n${USAGE.set}`);
      if (role === 'dinas' && name !== '') throw usageError(`the Dinas group takes no kecamatan\n${USAGE.set}`);
      const database = open();
      try {
        const { db, areas } = database;
        const label = knownGroup(db, groupId, usageError);
        const areaCode = role === 'dinas' ? areas.kabupaten().code : kecamatanCode(areas, name, usageError);
        const current = bindingOfGroup(db, groupId);
        if (current && current.role === role && current.areaCode === areaCode) {
          out(`${capital(groupName(groupId, label))} is already bound to ${targetText(role, areaCode, areas)}; nothing changed.`);
          return 0;
        }
        const { previous, replaced } = db.transaction((tx) =>
          bindGroup(tx, { groupId, role, areaCode, byPersonId: null, via: 'cli', now: systemClock.now() }),
        );
        out(`${capital(groupName(groupId, label))} now receives what goes to ${targetText(role, areaCode, areas)}.`);
        if (previous) out(`It was bound to ${targetText(previous.role, previous.areaCode, areas)}, which now goes to its people one by one unless another group is set.`);
        if (replaced) out(`It replaces ${groupName(replaced.groupId, replaced.label)}, which is no longer bound.`);
        return 0;
      } finally {
        database.close();
      }
    }
    case 'remove': {
      const [groupId, ...extra] = args;
      if (!groupId || extra.length > 0) throw usageError(USAGE.remove);
      checkGroupId(groupId, usageError);
      const database = open();
      try {
        const { db, areas } = database;
        const label = knownGroup(db, groupId, usageError);
        const removed = db.transaction((tx) => unbindGroup(tx, groupId));
        if (!removed) {
          out(`${capital(groupName(groupId, label))} is not bound; nothing changed.`);
          return 1;
        }
        out(`${capital(groupName(groupId, label))} no longer receives what goes to ${targetText(removed.role, removed.areaCode, areas)}; it goes to its people one by one.`);
        return 0;
      } finally {
        database.close();
      }
    }
    default:
      throw usageError(`unknown command "groups ${sub}". Use: groups list | groups set | groups remove`);
  }
}

function checkGroupId(groupId: string, usageError: (message: string) => Error): void {
  if (!GROUP_ID.test(groupId)) throw usageError(`"${groupId}" is not a WhatsApp group id (digits ending in @g.us); "imp-smart groups list" shows them`);
}

/** The group's label; a group the bot has never seen is refused (a mistyped id would bind nothing real). */
function knownGroup(db: ReadyDatabase['db'], groupId: string, usageError: (message: string) => Error): string {
  const label = groupLabel(db, groupId);
  if (label === undefined) throw usageError(`unknown group ${groupId}: the bot has not seen it. "imp-smart groups list" shows the groups it has seen`);
  return label;
}

/** A kecamatan by code or by name (tolerant, like DAFTAR GRUP). */
function kecamatanCode(areas: AreaDirectory, name: string, usageError: (message: string) => Error): string {
  if (areas.isKecamatan(name)) return name;
  const match = areas.findKecamatan(name);
  if (match.kind === 'found') return match.area.code;
  if (match.kind === 'ambiguous') throw usageError(`"${name}" matches ${match.candidates.map((a) => `${a.code} ${a.name}`).join(', ')}; give the code`);
  const hint = match.suggestions.length > 0 ? `; did you mean ${match.suggestions.map((a) => `${a.code} ${a.name}`).join(', ')}?` : '';
  throw usageError(`unknown kecamatan "${name}"${hint} ("imp-smart areas list" shows every code)`);
}

function groupName(groupId: string, label: string): string {
  return label === groupId ? `group ${groupId}` : `group "${label}" (${groupId})`;
}

const capital = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

function targetText(role: GroupRole, areaCode: string, areas: AreaDirectory): string {
  return role === 'dinas' ? `the Dinas (${areas.label(areaCode)})` : `the PKB of ${areas.label(areaCode)} (${areaCode})`;
}

function describeBinding(binding: GroupBinding, areas: AreaDirectory): string {
  const by = binding.boundVia === 'cli' ? 'by an operator' : `by ${binding.boundByName ?? 'a person no longer registered'} on WhatsApp`;
  return `${binding.role === 'dinas' ? `Dinas (${areas.label(binding.areaCode)})` : `PKB ${areas.label(binding.areaCode)} (${binding.areaCode})`}, bound ${by} ${witaDateTime(binding.boundAt)} WITA`;
}
