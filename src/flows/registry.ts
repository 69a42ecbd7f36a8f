// The set of flows a bot runs, with its menus. Pure data; validated once when built.
import { normalizeInput, type ChoiceOption } from './parse/index.js';
import { validateDefinition } from './engine/validate-definition.js';
import type { Actor, Audience, FlowDefinition } from './engine/types.js';

export interface MenuItem {
  number: number;
  flowId: string;
  label: string;
}

export interface FlowRegistry {
  get(flowId: string): FlowDefinition | undefined;
  /** The numbered main menu for this actor: only flows that exist and that this role may use. */
  menuFor(actor: Actor): MenuItem[];
  /** The same menu as choice options (number or word). */
  menuChoices(actor: Actor): ChoiceOption<string>[];
  /** A flow this actor may use that starts directly on this message, if any. */
  entryFor(actor: Actor, text: string): { flowId: string; node: string } | null;
  /** The same, for entries that work while another flow is open (`global`). */
  globalEntryFor(actor: Actor, text: string): { flowId: string; node: string } | null;
}

export class FlowDefinitionError extends Error {
  override name = 'FlowDefinitionError';
}

export function audienceOf(actor: Actor): Audience {
  return actor.kind === 'resident' ? 'resident' : actor.role;
}

export function createRegistry(definitions: readonly FlowDefinition[]): FlowRegistry {
  const byId = new Map<string, FlowDefinition>();
  for (const def of definitions) {
    if (byId.has(def.id)) throw new FlowDefinitionError(`duplicate flow id ${def.id}`);
    const problems = validateDefinition(def);
    if (problems.length > 0) throw new FlowDefinitionError(`flow ${def.id}: ${problems.join('; ')}`);
    byId.set(def.id, def);
  }
  const menuFlows = [...byId.values()]
    .filter((def) => def.menu !== undefined)
    .sort((a, b) => a.menu!.order - b.menu!.order || a.id.localeCompare(b.id));

  const entriesFor = (actor: Actor) => {
    const audience = audienceOf(actor);
    return menuFlows.filter((def) => def.menu!.audience.includes(audience));
  };

  return {
    get: (flowId) => byId.get(flowId),
    menuFor: (actor) => entriesFor(actor).map((def, i) => ({ number: i + 1, flowId: def.id, label: def.menu!.label })),
    menuChoices: (actor) =>
      entriesFor(actor).map((def, i) => ({ key: def.id, number: i + 1, words: def.menu!.words, label: def.menu!.label })),
    entryFor: (actor, text) => {
      const mine = entriesFor(actor);
      for (const def of mine) {
        const entry = def.entries?.find((e) => !e.others && e.matches(text));
        if (entry) return { flowId: def.id, node: entry.node };
      }
      // Entries a flow keeps for senders it does not serve (they get a plain answer, not the menu).
      for (const def of byId.values()) {
        if (mine.includes(def)) continue;
        const entry = def.entries?.find((e) => e.others === true && e.matches(text));
        if (entry) return { flowId: def.id, node: entry.node };
      }
      return null;
    },
    globalEntryFor: (actor, text) => {
      const clean = normalizeInput(text);
      for (const def of entriesFor(actor)) {
        const entry = def.entries?.find((e) => e.global === true && e.matches(clean));
        if (entry) return { flowId: def.id, node: entry.node };
      }
      return null;
    },
  };
}
