// A data-subject request (UU PDP): forget one phone number. The people row and its history are kept, as the law
// requires for who held a role when, but de-identified (name and number replaced); everything that holds what the
// number wrote or received is deleted: conversations, the inbound journal, the outbox, WhatsApp's sent-message
// copies, LID pairs and send holds, pending chart requests; cases they reported lose the reporter's key and address.
// Recaps, case actions and meeting attendance keep pointing at the (now nameless) person id, so figures do not change.
// One transaction, recorded in the audit log with the number as a salted tag, never in clear.
import { eq, inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { recordAudit, type AuditActor } from '../db/repos/audit.repo.js';
import { reporterKeysOf } from '../db/repos/cases.repo.js';
import { loadOrCreateLogSalt } from '../db/repos/runtime-state.repo.js';
import {
  cases,
  chartRequests,
  conversations,
  inboundMessages,
  outbox,
  people,
  peopleHistory,
  waLidPairs,
  waSendHolds,
  waSentMessages,
} from '../db/schema.js';
import { LogRedactor } from '../log-redaction.js';

export interface ForgetReport {
  /** The salted tag of the number, the same as in the logs (so log lines can be matched without the number). */
  phoneTag: string;
  /** The people row, when the number was registered (its id stays; name and number are gone). */
  personId: number | null;
  historyRows: number;
  conversations: number;
  inboundMessages: number;
  outboxMessages: number;
  sentMessageCopies: number;
  lidPairs: number;
  sendHolds: number;
  chartRequests: number;
  casesCleared: number;
}

/** The name a forgotten person is shown with in exports and lists from now on. */
export function forgottenName(personId: number): string {
  return `(dihapus #${personId})`;
}

export function forgetPhone(tx: DbOrTx, phone: string, actor: AuditActor, now: Date): ForgetReport {
  const phoneTag = new LogRedactor(loadOrCreateLogSalt(tx, now)).hashSender(phone);
  const lids = tx.select({ lid: waLidPairs.lid }).from(waLidPairs).where(eq(waLidPairs.phone, phone)).all().map((r) => r.lid);
  // Every way the number appears: the phone (sender key and address), its WhatsApp jid, its LIDs as jids and raw ids.
  const digits = phone.replace(/^\+/, '');
  const lidForms = lids.flatMap((lid) => {
    const bare = lid.replace(/@lid$/, '');
    return [lid, bare, `${bare}@lid`, `raw:${lid}`, `raw:${bare}`, `raw:${bare}@lid`];
  });
  const addresses = [...new Set([phone, digits, `${digits}@s.whatsapp.net`, ...lidForms])];

  const report: ForgetReport = {
    phoneTag,
    personId: null,
    historyRows: 0,
    conversations: tx.delete(conversations).where(inArray(conversations.senderKey, addresses)).run().changes,
    inboundMessages: tx
      .delete(inboundMessages)
      .where(or(inArray(inboundMessages.senderKey, addresses), inArray(inboundMessages.chatId, addresses)))
      .run().changes,
    outboxMessages: tx.delete(outbox).where(inArray(outbox.toAddress, addresses)).run().changes,
    sentMessageCopies: tx.delete(waSentMessages).where(inArray(waSentMessages.remoteJid, addresses)).run().changes,
    lidPairs: tx.delete(waLidPairs).where(eq(waLidPairs.phone, phone)).run().changes,
    sendHolds: tx.delete(waSendHolds).where(inArray(waSendHolds.scope, addresses)).run().changes,
    chartRequests: tx.delete(chartRequests).where(inArray(chartRequests.toAddress, addresses)).run().changes,
    casesCleared: 0,
  };

  // Cases they reported keep their figures; the key that found them again (STATUS) and the address to notify go.
  const keys = [...new Set([phone, ...lidForms].flatMap((key) => reporterKeysOf(tx, key, now)))];
  const reported = tx.select({ id: cases.id }).from(cases).where(inArray(cases.reporterKey, keys)).all();
  for (const { id } of reported) tx.update(cases).set({ reporterKey: `forgotten:${id}`, reporterAddress: null }).where(eq(cases.id, id)).run();
  report.casesCleared = reported.length;

  const person = tx.select().from(people).where(eq(people.phone, phone)).get();
  if (person) {
    report.personId = person.id;
    const name = forgottenName(person.id);
    const at = now.toISOString();
    tx.update(people).set({ name, phone: `forgotten:${person.id}`, active: false, firstMessageAt: null, welcomedAt: null, updatedAt: at }).where(eq(people.id, person.id)).run();
    // History stays (who held which role when), without the name and number.
    const history = tx.select().from(peopleHistory).where(eq(peopleHistory.personId, person.id)).all();
    for (const row of history) {
      tx.update(peopleHistory).set({ snapshot: deidentifiedSnapshot(row.snapshot, name) }).where(eq(peopleHistory.id, row.id)).run();
    }
    const last = history.at(-1);
    tx.insert(peopleHistory)
      .values({ personId: person.id, change: 'forgotten', snapshot: deidentifiedSnapshot(last?.snapshot ?? '{}', name, false), source: 'cli:forget', changedAt: at })
      .run();
    report.historyRows = history.length;
  }

  recordAudit(tx, {
    actor,
    action: 'people.forget',
    at: now,
    targets: report.personId === null ? [] : [report.personId],
    detail: { ...report },
  });
  return report;
}

/** A history snapshot without the name and number (role, area and dates stay). */
function deidentifiedSnapshot(json: string, name: string, active?: boolean): string {
  let snapshot: Record<string, unknown>;
  try {
    snapshot = JSON.parse(json) as Record<string, unknown>;
  } catch {
    snapshot = {};
  }
  return JSON.stringify({ ...snapshot, name, phone: null, ...(active === undefined ? {} : { active }) });
}
