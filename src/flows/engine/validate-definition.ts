// Checks a flow definition when the bot starts and in the registry test: every route leads somewhere, every
// validator exists and every category it can produce is routed, every node is reachable, ids are namespaced.
import type { FlowDefinition, NodeId } from './types.js';
import { VALIDATORS } from './validators.js';

export function validateDefinition(def: FlowDefinition): string[] {
  const problems: string[] = [];
  const ids = Object.keys(def.nodes);
  if (!/^[a-z][a-z0-9_]*$/.test(def.id)) problems.push(`flow id "${def.id}" is not snake_case`);
  if (!def.nodes[def.start]) problems.push(`start node ${def.start} does not exist`);
  for (const id of ids) {
    if (!id.startsWith(`${def.id}.`)) problems.push(`node ${id} is not namespaced under ${def.id}.`);
  }

  const targets = (id: NodeId): NodeId[] => {
    const node = def.nodes[id]!;
    switch (node.kind) {
      case 'ask':
      case 'action':
        return Object.values(node.routes);
      case 'say':
        return [node.next];
      case 'end':
        return [];
    }
  };

  for (const id of ids) {
    const node = def.nodes[id]!;
    for (const target of targets(id)) {
      if (!def.nodes[target]) problems.push(`${id} routes to missing node ${target}`);
    }
    if (node.kind === 'ask') {
      const validator = VALIDATORS[node.validate.name];
      if (!validator) {
        problems.push(`${id} uses unknown validator ${node.validate.name}`);
        continue;
      }
      // Arguments computed from the scope are unknown here; validators that accept them route the same categories
      // whatever they are.
      const computed = typeof node.validate.args === 'function';
      if (computed && validator.staticArgs) {
        problems.push(`${id}: validator ${node.validate.name} needs its arguments as data`);
        continue;
      }
      for (const category of validator.categories(computed ? undefined : node.validate.args)) {
        if (!(category in node.routes)) problems.push(`${id} does not route category ${category}`);
      }
    }
  }

  for (const entry of def.entries ?? []) {
    if (!def.nodes[entry.node]) problems.push(`entry node ${entry.node} does not exist`);
  }
  const seen = new Set<NodeId>();
  const queue: NodeId[] = [...(def.nodes[def.start] ? [def.start] : []), ...(def.entries ?? []).map((e) => e.node).filter((n) => def.nodes[n])];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id) || !def.nodes[id]) continue;
    seen.add(id);
    queue.push(...targets(id));
  }
  for (const id of ids) if (!seen.has(id)) problems.push(`node ${id} is unreachable`);
  return problems;
}
