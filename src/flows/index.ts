// The flows the bot runs in production. Add a flow here (and a scenario test) to put it in the menus.
import { aboutFlow } from './about.js';
import type { FlowDefinition } from './engine/types.js';
import { helpFlow } from './help.js';
import { profileFlow } from './profile.js';
import { createRegistry, type FlowRegistry } from './registry.js';

export const PRODUCTION_FLOWS: readonly FlowDefinition[] = [aboutFlow, profileFlow, helpFlow];

export function productionRegistry(): FlowRegistry {
  return createRegistry(PRODUCTION_FLOWS);
}
