// Turns a registry row into the engine's Actor. Unregistered or deactivated numbers are residents.
import type { PersonView } from '../db/repos/people.repo.js';
import type { Actor } from '../flows/engine/types.js';

export function actorOf(person: PersonView | undefined): Actor {
  if (!person?.active) return { kind: 'resident' };
  return {
    kind: 'person',
    personId: person.id,
    name: person.name,
    role: person.role,
    desaCodes: person.desaCodes,
    homeAreaCode: person.homeAreaCode,
    unitName: person.unitName,
  };
}
