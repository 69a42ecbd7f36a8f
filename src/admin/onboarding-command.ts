// Operator commands for onboarding: the printable LAPOR card, and invitations (click-to-chat links and a QR sheet)
// for registered people who have not written to the bot yet. pdfkit and qrcode load only here.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { systemClock } from '../clock.js';
import type { Config } from '../config.js';
import type { ReadyDatabase } from '../db/bootstrap.js';
import { recordAudit } from '../db/repos/audit.repo.js';
import { listPeople, type PersonView } from '../db/repos/people.repo.js';
import { createAuthKeyValueStore } from '../db/repos/whatsapp.repo.js';
import { describeActorRole } from '../flows/actor-label.js';
import { normalizePhone } from '../people/phone.js';

type UsageError = (message: string) => Error;

/** `kartu lapor [--out FILE.pdf]`: the LAPOR card as this deployment's bot reads it (optional parts, calendar). */
export async function runKartuLapor(config: Config, out: string | undefined, print: (text: string) => void, usageError: UsageError): Promise<number> {
  const file = out ?? 'kartu-lapor.pdf';
  if (!file.toLowerCase().endsWith('.pdf')) throw usageError('usage: imp-smart kartu lapor [--out FILE.pdf]');
  const { renderLaporCard } = await import('../reports/print/lapor-card.js');
  const pdf = await renderLaporCard({
    settings: { pusRule: config.recap.pusRule, parts: config.recap.parts },
    calendar: { dueDay: config.recap.dueDay, closeDay: config.recap.closeDay },
  });
  writeFileSync(file, pdf);
  print(`LAPOR card (A4, one page) → ${resolve(file)}`);
  return 0;
}

/** The bot's own number: --bot-number, else IMP_BOT_NUMBER, else the paired session's (creds.me.id). */
export function botNumberOf(database: ReadyDatabase, config: Config, flag: string | undefined): string | null {
  const given = flag ?? config.botNumber;
  if (given !== null && given !== undefined) return normalizePhone(given);
  const creds = createAuthKeyValueStore(database.db, config.whatsapp.session).readCreds();
  if (!creds) return null;
  try {
    const id = (JSON.parse(creds) as { me?: { id?: string } }).me?.id;
    const digits = id?.split(/[:@]/)[0];
    return digits ? normalizePhone(`+${digits}`) : null;
  } catch {
    return null;
  }
}

/** Active registered people who have never written, in the area (a desa, a kecamatan or the kabupaten). */
export function notYetWritten(database: ReadyDatabase, areaCode: string | undefined): PersonView[] {
  const { areas } = database;
  const inArea = (p: PersonView): boolean => {
    if (areaCode === undefined) return true;
    const area = areas.get(areaCode)!;
    if (area.level === 'kabupaten') return true;
    const desa = new Set(area.level === 'desa' ? [area.code] : areas.desaOf(area.code).map((d) => d.code));
    return p.homeAreaCode === area.code || p.desaCodes.some((c) => desa.has(c)) || desa.has(p.homeAreaCode);
  };
  return listPeople(database.db).filter((p) => p.active && p.firstMessageAt === null && inArea(p));
}

export interface InviteOptions {
  area?: string | undefined;
  out?: string | undefined;
  botNumber?: string | undefined;
}

/** `people invite`: a click-to-chat link per person who has not written, and a QR sheet (PDF or PNG) to hand out. */
export async function runPeopleInvite(
  config: Config,
  options: InviteOptions,
  open: () => ReadyDatabase,
  print: (text: string) => void,
  usageError: UsageError,
): Promise<number> {
  const file = options.out ?? 'undangan-imp-smart.pdf';
  const format = file.toLowerCase().endsWith('.png') ? 'png' : file.toLowerCase().endsWith('.pdf') ? 'pdf' : null;
  if (!format) throw usageError('usage: imp-smart people invite [--area CODE] [--out FILE.pdf|FILE.png] [--bot-number +62…]');
  const database = open();
  let cards: { name: string; caption: string }[];
  let link: string;
  try {
    if (options.area !== undefined && !database.areas.get(options.area)) throw usageError(`--area: unknown area code ${options.area} (see imp-smart areas list)`);
    const bot = botNumberOf(database, config, options.botNumber);
    if (!bot) {
      throw usageError('the bot\'s own number is not known: pair WhatsApp first, or set IMP_BOT_NUMBER=+62…, or pass --bot-number +62…');
    }
    const { inviteLink } = await import('../reports/print/invite-sheet.js');
    link = inviteLink(bot);
    const people = notYetWritten(database, options.area);
    cards = people.map((p) => ({
      name: p.name,
      caption: describeActorRole({ kind: 'person', personId: p.id, name: p.name, role: p.role, desaCodes: p.desaCodes, homeAreaCode: p.homeAreaCode, unitName: p.unitName }, database.areas),
    }));
    const scope = options.area ? database.areas.label(options.area) : 'everyone registered';
    if (cards.length === 0) {
      print(`${scope}: every active registered person has written to the bot already; no invitation needed.`);
      return 0;
    }
    print(`${scope}: ${cards.length} registered ${cards.length === 1 ? 'person has' : 'people have'} not written to the bot yet. Each opens this link (or scans the QR code) and presses Send:`);
    for (const card of cards) print(`  ${card.name} — ${card.caption}: ${link}`);
    recordAudit(database.db, {
      actor: { kind: 'cli' },
      action: 'people.invite',
      at: systemClock.now(),
      areaCode: options.area ?? null,
      targets: people.map((p) => p.id),
      detail: { format, count: people.length },
    });
  } finally {
    database.close();
  }
  const { renderInviteSheetPdf, renderInviteSheetPng } = await import('../reports/print/invite-sheet.js');
  const sheet = format === 'png' ? await renderInviteSheetPng(cards, link) : await renderInviteSheetPdf(cards, link);
  writeFileSync(file, sheet);
  print(`QR sheet (${cards.length} ${cards.length === 1 ? 'code' : 'codes'}) → ${resolve(file)}`);
  return 0;
}
