// WhatsApp groups by id, with a human label (the simulator's group names, later the admin's names).
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { chatGroups } from '../schema.js';

export function rememberGroup(db: DbOrTx, id: string, label: string): void {
  db.insert(chatGroups).values({ id, label }).onConflictDoNothing().run();
}

export function groupLabel(db: DbOrTx, id: string): string | undefined {
  return db.select({ label: chatGroups.label }).from(chatGroups).where(eq(chatGroups.id, id)).get()?.label;
}
