// Who may bind a WhatsApp group to what, and what the group is told. Pure: the host (bot/features/group-registration.ts)
// reads the current bindings, calls these, and stores and sends what they decide.
//
// The rules a PKB, koordinator or Dinas officer would expect:
// - a PKB binds the group of a kecamatan where they serve a desa; a koordinator the group of their kecamatan; the
//   Dinas and admins any kecamatan's group, and the Dinas group. Cadres and unregistered members may not.
// - HAPUS GRUP: the same people, by the same rule, for what the group is bound to now.
// - One group per area: binding a second group to a kecamatan replaces the first (both groups are told).
// - A group bound to another area moves to the new one, if the sender may manage the old binding too (otherwise a
//   PKB of one kecamatan could take another kecamatan's group away).
import type { AreaDirectory } from '../../areas/directory.js';
import type { Area } from '../../areas/types.js';
import type { GroupRole } from '../../domain/groups.js';
import { joinIndonesian } from '../actor-label.js';
import type { Actor } from '../engine/types.js';
import type { RegisterTarget } from './group-commands.js';

/** A group's binding as the decisions need it. */
export interface BindingView {
  groupId: string;
  /** The group's name, or its id when the name is not known. */
  label: string;
  role: GroupRole;
  areaCode: string;
}

export interface BindTarget {
  role: GroupRole;
  areaCode: string;
}

export type Reply = { kind: 'reply'; text: string };

/** Group names can be long; a reply names a group in a few words. */
const MAX_LABEL = 40;
const EXAMPLE_KECAMATAN = 'Bontomarannu';

export const GROUP_COPY = {
  notAllowed: 'Maaf, perintah ini hanya untuk PKB, koordinator, dan petugas Dinas yang terdaftar di IMP Smart.',
  usage: (example: string) => `Tulis nama kecamatannya, misalnya: DAFTAR GRUP PKB ${example}. Untuk grup Dinas: DAFTAR GRUP DINAS.`,
  notFound: (suggestions: readonly string[], example: string) =>
    suggestions.length > 0
      ? `Kecamatan itu tidak ditemukan di Kabupaten Gowa. Maksud Anda ${joinOr(suggestions)}? Contoh: DAFTAR GRUP PKB ${example}.`
      : `Kecamatan itu tidak ditemukan di Kabupaten Gowa. Contoh: DAFTAR GRUP PKB ${example}.`,
  ambiguous: (names: readonly string[]) => `Nama itu cocok dengan ${joinOr(names)}. Tulis nama kecamatannya lebih lengkap.`,
  otherKecamatan: (own: readonly string[]) => `Maaf, Anda hanya bisa mendaftarkan grup untuk ${joinIndonesian(own)}.`,
  dinasOnly: 'Maaf, grup Dinas hanya bisa didaftarkan oleh petugas Dinas atau admin IMP Smart.',
  already: (target: string) => `Grup ini sudah terdaftar untuk ${target}.`,
  taken: (current: string, managers: string) => `Maaf, grup ini terdaftar untuk ${current}; hanya ${managers} yang bisa mengubahnya.`,
  bound: (target: string, arrives: string) => `Grup ini terdaftar untuk ${target}: ${arrives}.`,
  moved: (target: string, before: string, arrives: string) => `Grup ini sekarang untuk ${target} (sebelumnya ${before}): ${arrives}.`,
  replacing: (label: string | null) => (label ? ` Grup ini menggantikan grup "${label}".` : ' Grup ini menggantikan grup yang terdaftar sebelumnya.'),
  replacedNotice: (target: string, label: string | null) =>
    `Grup ini tidak lagi terdaftar untuk ${target}: ringkasannya sekarang dikirim ke ${label ? `grup "${label}"` : 'grup lain'}.`,
  notBound: 'Grup ini belum terdaftar di IMP Smart.',
  removed: (target: string, fallback: string) => `Pendaftaran grup ini untuk ${target} dihapus: ringkasannya kembali dikirim langsung ke ${fallback}.`,
  /**
   * What the group can ask, said once when it is registered. BELUM alone is an everyday word in a chat, so the group
   * learns BELUM LAPOR (group-commands.ts also takes BELUM in capitals or after "/").
   */
  commands: (role: GroupRole) =>
    ` Di grup ini bisa diketik REKAP, BELUM LAPOR, atau GRAFIK (boleh diikuti ${role === 'dinas' ? 'nama kecamatan dan ' : ''}bulan, misalnya REKAP 11/2026).`,
} as const;

function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} atau ${items.at(-1)}`;
}

/** "PKB Kec. Bontomarannu", "Dinas PPKB Kabupaten Gowa": what a binding is for, as the group reads it. */
export function bindingTitle(target: BindTarget, areas: AreaDirectory): string {
  return target.role === 'dinas' ? `Dinas PPKB ${areas.label(areas.kabupaten().code)}` : `PKB ${areas.label(target.areaCode)}`;
}

/** What will arrive in a group bound to this (one line, after a colon). */
function arrives(target: BindTarget): string {
  return target.role === 'dinas'
    ? 'ringkasan mingguan dan bulanan semua kecamatan akan dikirim ke sini'
    : 'ringkasan harian laporan desa dan kasus kecamatan ini akan dikirim ke sini';
}

/** Who receives a binding's messages one by one once no group is bound. */
function fallback(target: BindTarget): string {
  return target.role === 'dinas' ? 'petugas Dinas' : 'PKB dan koordinator kecamatan';
}

/** Who may change a binding, for a refusal. */
function managers(target: BindTarget, areas: AreaDirectory): string {
  return target.role === 'dinas' ? 'petugas Dinas' : `PKB atau koordinator ${areas.label(target.areaCode)} dan petugas Dinas`;
}

/** A group's name for a reply, or null when only its id is known. */
export function shownLabel(binding: Pick<BindingView, 'groupId' | 'label'>): string | null {
  const label = binding.label.trim();
  if (label === '' || label === binding.groupId) return null;
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1).trimEnd()}…` : label;
}

type Person = Extract<Actor, { kind: 'person' }>;

/** The kecamatan whose group this person may manage: 'all' for the Dinas and admins, none for cadres. */
export function kecamatanScope(actor: Actor, areas: AreaDirectory): 'all' | Set<string> {
  if (actor.kind !== 'person') return new Set();
  switch (actor.role) {
    case 'dinas':
    case 'admin':
      return 'all';
    case 'pkb':
    case 'koordinator': {
      const codes = new Set<string>();
      for (const desa of actor.desaCodes) {
        const kec = areas.kecamatanOf(desa);
        if (kec) codes.add(kec.code);
      }
      if (areas.isKecamatan(actor.homeAreaCode)) codes.add(actor.homeAreaCode);
      return codes;
    }
    default:
      return new Set();
  }
}

/** Whether this person may bind a group to, or remove a group from, this role and area. */
export function mayManage(actor: Actor, target: BindTarget, areas: AreaDirectory): boolean {
  const scope = kecamatanScope(actor, areas);
  if (scope === 'all') return true;
  return target.role === 'pkb' && scope.has(target.areaCode);
}

/** May this sender use the group commands that change bindings at all (PKB, koordinator, Dinas, admin)? */
export function managesGroups(actor: Actor): actor is Person {
  return actor.kind === 'person' && (actor.role === 'pkb' || actor.role === 'koordinator' || actor.role === 'dinas' || actor.role === 'admin');
}

function exampleKecamatan(actor: Actor, areas: AreaDirectory): string {
  const scope = kecamatanScope(actor, areas);
  const first = scope === 'all' ? undefined : [...scope].sort()[0];
  return (first && areas.get(first)?.name) ?? EXAMPLE_KECAMATAN;
}

/** Step one of DAFTAR GRUP: the area the sender means, or the one line that says why not. */
export function resolveRegistration(actor: Actor, target: RegisterTarget | null, areas: AreaDirectory): Reply | { kind: 'target'; target: BindTarget } {
  if (!managesGroups(actor)) return { kind: 'reply', text: GROUP_COPY.notAllowed };
  const scope = kecamatanScope(actor, areas);
  if (target?.role === 'dinas') {
    if (scope !== 'all') return { kind: 'reply', text: GROUP_COPY.dinasOnly };
    return { kind: 'target', target: { role: 'dinas', areaCode: areas.kabupaten().code } };
  }
  const name = target?.kecamatan ?? null;
  if (name === null) {
    // A PKB or koordinator of one kecamatan means their own.
    if (scope !== 'all' && scope.size === 1) return { kind: 'target', target: { role: 'pkb', areaCode: [...scope][0]! } };
    return { kind: 'reply', text: GROUP_COPY.usage(exampleKecamatan(actor, areas)) };
  }
  const match = areas.findKecamatan(name);
  const kecName = (a: Area) => `Kec. ${a.name}`;
  if (match.kind === 'not_found') return { kind: 'reply', text: GROUP_COPY.notFound(match.suggestions.map(kecName), exampleKecamatan(actor, areas)) };
  if (match.kind === 'ambiguous') return { kind: 'reply', text: GROUP_COPY.ambiguous(match.candidates.map(kecName)) };
  const areaCode = match.area.code;
  if (scope !== 'all' && !scope.has(areaCode)) {
    const own = [...scope].sort().map((code) => areas.label(code));
    return { kind: 'reply', text: own.length > 0 ? GROUP_COPY.otherKecamatan(own) : GROUP_COPY.notAllowed };
  }
  return { kind: 'target', target: { role: 'pkb', areaCode } };
}

/** What becomes of a DAFTAR GRUP once the target is known. */
export type RegistrationPlan =
  | Reply
  | {
      kind: 'bind';
      target: BindTarget;
      /** To this group. */
      reply: string;
      /** To the group that held the target before, which no longer receives its messages. */
      replaced: { groupId: string; text: string } | null;
    };

/**
 * Step two of DAFTAR GRUP. `ofGroup`: what this group is bound to now; `ofTarget`: the group bound to the target now
 * (possibly this one).
 */
export function planRegistration(
  actor: Actor,
  areas: AreaDirectory,
  group: { id: string; label: string },
  target: BindTarget,
  current: { ofGroup: BindingView | null; ofTarget: BindingView | null },
): RegistrationPlan {
  const title = bindingTitle(target, areas);
  const { ofGroup, ofTarget } = current;
  if (ofGroup && ofGroup.role === target.role && ofGroup.areaCode === target.areaCode) return { kind: 'reply', text: GROUP_COPY.already(title) };
  if (ofGroup && !mayManage(actor, ofGroup, areas)) {
    return { kind: 'reply', text: GROUP_COPY.taken(bindingTitle(ofGroup, areas), managers(ofGroup, areas)) };
  }
  const replaced = ofTarget && ofTarget.groupId !== group.id ? ofTarget : null;
  const head = ofGroup ? GROUP_COPY.moved(title, bindingTitle(ofGroup, areas), arrives(target)) : GROUP_COPY.bound(title, arrives(target));
  return {
    kind: 'bind',
    target,
    reply: `${head}${replaced ? GROUP_COPY.replacing(shownLabel(replaced)) : ''}${GROUP_COPY.commands(target.role)}`,
    replaced: replaced ? { groupId: replaced.groupId, text: GROUP_COPY.replacedNotice(title, shownLabel({ groupId: group.id, label: group.label })) } : null,
  };
}

/** HAPUS GRUP: remove this group's binding, or the one line that says why not. */
export function planRemoval(actor: Actor, areas: AreaDirectory, current: BindingView | null): Reply | { kind: 'unbind'; reply: string } {
  if (!managesGroups(actor)) return { kind: 'reply', text: GROUP_COPY.notAllowed };
  if (!current) return { kind: 'reply', text: GROUP_COPY.notBound };
  const title = bindingTitle(current, areas);
  if (!mayManage(actor, current, areas)) return { kind: 'reply', text: GROUP_COPY.taken(title, managers(current, areas)) };
  return { kind: 'unbind', reply: GROUP_COPY.removed(title, fallback(current)) };
}
