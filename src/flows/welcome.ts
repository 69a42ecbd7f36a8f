// The welcome a registered person gets once, with the reply to their first message: their role and area (the menu's
// greeting) and the two or three things they can do here. Pure; the router decides it is the first message (the
// person's first_message_at is written in that message's transaction), so it is sent once and only to someone who
// wrote: the bot never writes first.
import type { Role } from '../domain/roles.js';
import { greetingOf } from './conversation.js';
import type { Actor, FlowEnv, FlowEvent } from './engine/types.js';

/** A WhatsApp message stays under ~1,000 characters; a welcome that would push the reply past it goes on its own. */
const MESSAGE_CHARS = 1_000;

const CAN_DO: Readonly<Record<Role, readonly string[]>> = {
  ppkbd: [
    'mengirim laporan bulanan desa (lewat menu, atau sekaligus dalam satu pesan LAPOR),',
    'melaporkan calon akseptor yang belum terlayani,',
    'melihat status laporan Anda.',
  ],
  sub_ppkbd: [
    'mengirim laporan bulanan dusun Anda untuk PPKBD desa,',
    'melaporkan calon akseptor yang belum terlayani,',
    'melihat status laporan Anda.',
  ],
  pkb: [
    'memeriksa laporan bulanan desa binaan,',
    'menindaklanjuti calon akseptor yang belum terlayani,',
    'melihat rekap dan grafik (ketik REKAP atau GRAFIK).',
  ],
  koordinator: [
    'memantau laporan desa se-kecamatan (ketik REKAP atau BELUM),',
    'menindaklanjuti calon akseptor yang diteruskan kepada Anda,',
    'memeriksa laporan desa bila PKB berhalangan.',
  ],
  dinas: [
    'melihat rekap dan grafik kabupaten atau per kecamatan (ketik REKAP atau GRAFIK),',
    'menerima ringkasan laporan mingguan dan bulanan,',
    'menindaklanjuti calon akseptor yang diteruskan ke Dinas.',
  ],
  admin: [
    'melihat rekap dan grafik kabupaten atau per kecamatan (ketik REKAP atau GRAFIK),',
    'menerima ringkasan laporan mingguan dan bulanan,',
    'menindaklanjuti calon akseptor yang diteruskan ke Dinas.',
  ],
};

/** The lines after the greeting: welcome and what this role can do. */
export function welcomeBody(role: Role): string {
  return ['Selamat datang di *IMP Smart*. Di sini Anda bisa:', ...CAN_DO[role].map((line) => `• ${line}`)].join('\n');
}

/** The welcome as a message of its own (greeting, body, how to see the menu). */
export function welcomeText(env: Pick<FlowEnv, 'actor' | 'areas'>): string {
  const { actor } = env;
  if (actor.kind !== 'person') return greetingOf(env);
  return [greetingOf(env), welcomeBody(actor.role), 'Ketik MENU untuk melihat semua pilihan.'].join('\n');
}

/** Does the reply to the sender open with the role's greeting (the menu)? Only then is the welcome shown. */
export function opensWithGreeting(events: readonly FlowEvent[], env: Pick<FlowEnv, 'actor' | 'areas'>): boolean {
  if (env.actor.kind !== 'person') return false;
  const first = events.find((e): e is Extract<FlowEvent, { type: 'message_created' }> => e.type === 'message_created' && e.to.kind === 'sender');
  return first !== undefined && first.text.startsWith(`${greetingOf(env)}\n`);
}

/**
 * The menu with the welcome after its greeting line (`opensWithGreeting` holds). When that would make the message
 * too long, the welcome goes as a message of its own just before it.
 */
export function withWelcome(events: readonly FlowEvent[], env: Pick<FlowEnv, 'actor' | 'areas'>): FlowEvent[] {
  const actor: Actor = env.actor;
  if (actor.kind !== 'person') return [...events];
  const greeting = greetingOf(env);
  const index = events.findIndex((e) => e.type === 'message_created' && e.to.kind === 'sender');
  if (index < 0) return [...events];
  const first = events[index] as Extract<FlowEvent, { type: 'message_created' }>;
  const text = `${greeting}\n${welcomeBody(actor.role)}${first.text.slice(greeting.length)}`;
  if (text.length <= MESSAGE_CHARS) return [...events.slice(0, index), { ...first, text }, ...events.slice(index + 1)];
  const separate: FlowEvent = { type: 'message_created', to: { kind: 'sender' }, text: welcomeText(env) };
  return [...events.slice(0, index), separate, ...events.slice(index)];
}
