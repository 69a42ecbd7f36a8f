// What must hold whatever people send: checks on each message the bot sent and on what it stored. Each returns the
// problems found (empty when all is well), so a failing property names them all.
import type { Db } from '../../src/db/client.js';
import { caseEvents, cases, inboundMessages, meetings, outbox, recapEvents, recaps } from '../../src/db/schema.js';
import { findPersonalData } from '../../src/domain/cases/privacy.js';
import { DEFAULT_RECAP_SETTINGS, RECAP_FIELDS } from '../../src/domain/recap/fields.js';
import { checkHard } from '../../src/domain/recap/rules.js';
import { COPY } from '../../src/flows/copy.js';
import { MAX_MESSAGE_CHARS } from '../../src/flows/engine/limits.js';
import { productionFlows } from '../../src/flows/index.js';
import { headlineColumnProblems } from '../helpers/headline-columns.js';

/** Words and shapes that only a bug (or an English error) would put in a message. */
const INTERNAL: readonly [string, RegExp][] = [
  ['undefined', /\bundefined\b/],
  ['null', /\bnull\b/],
  ['NaN', /\bNaN\b/],
  ['Infinity', /\bInfinity\b/],
  ['[object', /\[object /],
  ['an error name', /\b(Error|TypeError|RangeError|SyntaxError|SqliteError|Exception)\b/],
  ['an English error word', /\b(error|failed|invalid|exception|unexpected|cannot|expected|required)\b/i],
  ['a stack frame', /\bat [\w.<>]+ \(|\.[jt]s:\d+/],
  ['SQL', /\b(SQLITE_\w+|constraint failed|SELECT |INSERT INTO)\b/],
];
/** Field ids with an underscore ("pa_iud", "frek_rakor_desa"): plain words like "pus" are also Indonesian. */
const FIELD_IDS = RECAP_FIELDS.map((f) => f.id).filter((id) => id.includes('_'));
const NODE_ID = new RegExp(`\\b(${productionFlows().map((f) => f.id).join('|')})\\.[a-z_]+\\b`);

/**
 * Problems in one outbound text. `input` is what the person wrote: the bot may say back a short thing they typed
 * (a fast-entry key, a word it did not know), so a match also found in the input is theirs, not a leak.
 */
export function textProblems(text: string, input = ''): string[] {
  const problems: string[] = [];
  const theirs = (found: string) => input.toLowerCase().includes(found.toLowerCase());
  for (const [what, pattern] of INTERNAL) {
    const m = pattern.exec(text);
    if (m && !theirs(m[0])) problems.push(`${what} (${JSON.stringify(m[0])})`);
  }
  for (const id of FIELD_IDS) if (new RegExp(`\\b${id}\\b`).test(text) && !theirs(id)) problems.push(`a field key (${id})`);
  const node = NODE_ID.exec(text);
  if (node && !theirs(node[0])) problems.push(`a node id (${node[0]})`);
  if (text.length > MAX_MESSAGE_CHARS) problems.push(`${text.length} characters (limit ${MAX_MESSAGE_CHARS})`);
  if (text === COPY.internalError) problems.push('the generic apology (a message failed)');
  if (text.trim() === '') problems.push('an empty message');
  return problems;
}

/** Problems in what the database holds after a sequence. */
export function storedProblems(db: Db): string[] {
  const problems: string[] = [];
  for (const row of db.select({ id: inboundMessages.id, outcome: inboundMessages.outcome }).from(inboundMessages).all()) {
    if (row.outcome === null) problems.push(`inbound ${row.id} never processed`);
    else if (row.outcome === 'failed') problems.push(`inbound ${row.id} failed (the router's boundary caught an exception)`);
  }
  for (const row of db.select({ id: outbox.id, text: outbox.text }).from(outbox).all()) {
    if (row.text === COPY.internalError) problems.push(`outbox ${row.id} is the generic apology`);
  }
  const hard = (what: string, json: string | null) => {
    if (!json) return;
    const violations = checkHard(JSON.parse(json) as Record<string, number>, DEFAULT_RECAP_SETTINGS);
    if (violations.length > 0) problems.push(`${what} breaks ${violations.map((v) => v.rule).join(', ')}`);
  };
  for (const r of db.select().from(recaps).all()) hard(`recap ${r.id} (${r.desaCode} ${r.period} unit '${r.unitKey}')`, r.values);
  for (const e of db.select().from(recapEvents).all()) hard(`recap event ${e.id}`, e.values);
  problems.push(...headlineColumnProblems(db));
  const personal = (what: string, text: string | null, registerPointer = false) => {
    if (!text) return;
    const kinds = findPersonalData(text, { registerPointer });
    if (kinds.length > 0) problems.push(`${what} holds ${kinds.join(', ')}: ${JSON.stringify(text)}`);
  };
  for (const c of db.select().from(cases).all()) {
    personal(`case ${c.code} place`, c.place);
    personal(`case ${c.code} register`, c.refRegister, true);
    personal(`case ${c.code} outcome note`, c.outcomeNote);
    personal(`case ${c.code} referred to`, c.referredTo);
    personal(`case ${c.code} stock-out facility`, c.stockOutFacility);
  }
  for (const e of db.select().from(caseEvents).all()) personal(`case event ${e.id} note`, e.note);
  for (const m of db.select().from(meetings).all()) {
    personal(`meeting ${m.code} place`, m.placeOther);
    personal(`meeting ${m.code} follow-up`, m.followUp);
    personal(`meeting ${m.code} dusun`, m.dusun);
  }
  return problems;
}
