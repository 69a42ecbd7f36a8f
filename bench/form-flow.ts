// The workload's form as a flow of our engine (benchmark only, never in the product's menus): `lapor` starts it, each
// question is an ask node whose answer an action node checks (a number goes on, anything else is asked again with
// the workload's own wording), then the summary built from the stored answers and `ya` to confirm.
import type { FlowDefinition, FlowNode, Scope } from '../src/flows/engine/types.js';
import { DONE, KEYWORD, NUMERIC, QUESTION_COUNT, question, reask, summary } from './form-workload.js';

const ID = 'bench_form';
const q = (k: number) => `${ID}.q${k}`;
const again = (k: number) => `${ID}.r${k}`;
const check = (k: number) => `${ID}.c${k}`;
const answer = (k: number) => `a${k}`;
// The free-text validator takes any line; the action decides what counts as a number, exactly like the workload.
const ANY = { name: 'text', args: { maxLength: 4096 } } as const;

function answered(scope: Scope, k: number): string {
  return String(scope.results[answer(k)]?.value ?? '').trim();
}

function values(scope: Scope): number[] {
  return Array.from({ length: QUESTION_COUNT }, (_, i) => Number(answered(scope, i + 1)));
}

function buildNodes(): Record<string, FlowNode> {
  const nodes: Record<string, FlowNode> = {};
  for (let k = 1; k <= QUESTION_COUNT; k++) {
    nodes[q(k)] = { kind: 'ask', prompt: question(k), validate: ANY, result: answer(k), routes: { ok: check(k) } };
    nodes[again(k)] = { kind: 'ask', prompt: reask(k), validate: ANY, result: answer(k), routes: { ok: check(k) } };
    nodes[check(k)] = {
      kind: 'action',
      run: (scope) => ({ category: NUMERIC.test(answered(scope, k)) ? 'ok' : 'invalid' }),
      routes: { ok: k < QUESTION_COUNT ? q(k + 1) : `${ID}.confirm`, invalid: again(k) },
    };
  }
  nodes[`${ID}.confirm`] = { kind: 'ask', prompt: (scope) => summary(values(scope)), validate: ANY, result: 'confirm', routes: { ok: `${ID}.decide` } };
  nodes[`${ID}.decide`] = {
    kind: 'action',
    run: (scope) => ({ category: String(scope.results.confirm?.value ?? '').trim().toLowerCase() === 'ya' ? 'yes' : 'no' }),
    routes: { yes: `${ID}.done`, no: `${ID}.confirm` },
  };
  nodes[`${ID}.done`] = { kind: 'end', text: DONE };
  return nodes;
}

export const benchFormFlow: FlowDefinition = {
  id: ID,
  version: 1,
  start: q(1),
  nodes: buildNodes(),
  menu: { audience: ['resident'], label: 'Lapor', words: [KEYWORD], order: 1 },
  entries: [{ matches: (text) => text.trim().toLowerCase() === KEYWORD, node: q(1) }],
};
