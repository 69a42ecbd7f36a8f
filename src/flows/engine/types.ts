// The flow engine's data model. Flows are plain typed objects with stable ids; sessions are JSON.
// Pure: nothing here performs I/O or reads the clock (the host passes `now` in).
import type { AreaDirectory } from '../../areas/directory.js';
import type { Role } from '../../domain/roles.js';
import type { RecapSettings } from '../../domain/recap/fields.js';
import type { PracticeKind, PracticeState } from '../practice/practice-model.js';

export type NodeId = string;
export type Category = string;

/** Who is talking to the bot, as the host resolved it from the registry. */
export type Actor =
  | { kind: 'resident' }
  | {
      kind: 'person';
      personId: number;
      name: string;
      role: Role;
      /** The desa the person covers: one for cadres, the binaan for a pkb, every desa of the scope otherwise. */
      desaCodes: readonly string[];
      /** The area as registered: desa (cadres), kecamatan (koordinator), kabupaten (dinas/admin). */
      homeAreaCode: string;
      unitName: string | null;
    };

/** Read-only facts a flow may consult. Everything is already in memory: evaluating a flow never does I/O. */
export interface FlowEnv {
  now: Date;
  actor: Actor;
  areas: AreaDirectory;
  /**
   * Facts the host read from the database for this message (previous recap, open periods…), keyed by feature.
   * Loaded before the engine runs, so flows stay pure.
   */
  facts: Readonly<Record<string, unknown>>;
}

/**
 * One answer as understood (`value`). The text as typed (`raw`) is there only while the message that gave it is
 * handled, for the actions right after the question; the stored session keeps the value alone, because that is all
 * a later step reads (and what was typed may hold a NIK). Everything else about an answer (the node that asked it,
 * when) follows from the flow definition or is never read, so it is not stored. Sessions stored before this carry
 * `category`, `nodeId`, `at` and `raw` too: `compactConversation` drops them when such a session is loaded.
 */
export interface Result {
  value: unknown;
  raw?: string;
}
export type Results = Readonly<Record<string, Result>>;

export interface Scope extends FlowEnv {
  results: Results;
}

/** A user-facing text: fixed, or computed from the answers so far. */
export type Text = string | ((scope: Scope) => string);

/** Where a message goes. `sender` is whoever sent the message being handled. */
export type Recipient =
  | { kind: 'sender' }
  | { kind: 'person'; personId: number }
  | { kind: 'group'; groupId: string };

export interface MessageCreated {
  type: 'message_created';
  to: Recipient;
  text: string;
}

/** A problem inside a flow (limit hit, broken definition): the session ends, the user gets an apology. */
export interface FlowFailed {
  type: 'flow_failed';
  flowId: string;
  nodeId: NodeId;
  reason: string;
}

/** A flow finished and handed its answers to the host, which stores them in the same transaction. */
export interface FlowCompleted {
  type: 'flow_completed';
  flowId: string;
  results: Record<string, unknown>;
}

/** A finished recap handed to the host to store as a new version (src/bot/features/recap.ts). */
export interface RecapSubmitted {
  type: 'recap_submitted';
  desaCode: string;
  period: string;
  unitName: string | null;
  values: Record<string, number>;
  warnings: { rule: string; message: string; answer: 'YA' }[];
}

/** A PKB verified (locks) or returned a recap version; the host checks the binaan and that it is still current. */
export interface RecapReviewed {
  type: 'recap_reviewed';
  recapId: number;
  version: number;
  decision: 'verified' | 'returned';
  reason: string | null;
}

/** A reviewer reopened a month for one desa; `unlockVersion` is the verified version they confirmed unlocking. */
export interface RecapPeriodReopened {
  type: 'recap_period_reopened';
  desaCode: string;
  period: string;
  unlockVersion: number | null;
}

/** A resident or cadre reported a couple with unmet need / not served (docs/domain.md §6.1). No personal data. */
export interface CaseReported {
  type: 'case_reported';
  desaCode: string;
  place: string | null;
  want: 'delay' | 'stop' | 'method_now';
  methodWanted: string;
  reasons: string[];
  stockOutFacility: string | null;
  consentToContact: boolean;
  /** Cadre path only. */
  cadre: { refRegister: string | null; ageBand: string; children: string; postPartum: boolean } | null;
}

/** A PKB, koordinator or the Dinas opened one case (KASUS <kode>): the host writes it to the audit log. */
export interface CaseViewed {
  type: 'case_viewed';
  code: string;
}

/**
 * A PKB, koordinator or the Dinas recorded a step on a case (follow-up, service, decline, referral, invalid, lost),
 * or handed it to another PKB (reassign, `assignTo`). `note`: the decline/invalid reason or the referral place.
 */
export interface CaseActed {
  type: 'case_acted';
  code: string;
  action: 'follow_up' | 'serve' | 'decline' | 'refer' | 'invalid' | 'lost' | 'reassign';
  note: string | null;
  method: string | null;
  date: string | null;
  assignTo?: number | null;
}

/**
 * REKAP, BELUM or GRAFIK written in a private chat; the host decides what the sender may see and answers
 * (bot/features/on-demand.ts).
 */
export interface ReportRequested {
  type: 'report_requested';
  report: 'recap' | 'missing' | 'chart';
  /** The rest of the message as typed: a kecamatan and/or a month, or nothing (also when chosen from the menu). */
  args: string;
}

/** A cadre started a workshop quiz (KUIS <kode>): the host records their attempt (bot/features/quiz.ts). */
export interface QuizJoined {
  type: 'quiz_joined';
  quizId: number;
}

/** A cadre answered one question of a quiz (0-based question and option); the host stores it once. */
export interface QuizAnswered {
  type: 'quiz_answered';
  quizId: number;
  question: number;
  choice: number;
  correct: boolean;
}

/**
 * Something the bot caught in what a person typed: an answer it could not take (`invalid`, from the engine or a
 * fast-entry line), numbers that break a hard rule (`hard`, KIRIM refused or the PUS balance told), a soft warning
 * asked (`soft`). Practice mode counts them for its feedback (flows/practice/); nothing else stores them.
 */
export interface MistakeCaught {
  type: 'mistake_caught';
  kind: 'invalid' | 'hard' | 'soft';
  /** Where it was caught. */
  nodeId: NodeId;
  /** The rules broken or raised (C3, W2, BOUND…); empty for an answer that could not be read. */
  rules: readonly string[];
}

/** A person chose to practise (LATIHAN): the conversation core makes a sheet and enters practice mode. */
export interface PracticeRequested {
  type: 'practice_requested';
  kind: PracticeKind;
  /** The desa's report (PPKBD, officers) or a dusun part (Sub-PPKBD). */
  unit: 'desa' | 'dusun';
  /** The deployment's recap settings: the sheet asks what the real recap asks. */
  settings: RecapSettings;
}

/** A practice round ended with its (made-up) report sent: the host records who practised, how long, what was caught. */
export interface PracticeFinished {
  type: 'practice_finished';
  kind: PracticeKind;
  startedAt: string;
  durationSeconds: number;
  caught: { invalid: number; hard: number; soft: number; differences: number };
  /** What the mistakes concerned (topic keys, see flows/practice/practice-feedback.ts); never typed text. */
  topics: readonly string[];
}

/** Every event the engine emits. Later flows add their domain events here (past tense, snake_case). */
export type FlowEvent =
  | MessageCreated
  | FlowFailed
  | FlowCompleted
  | RecapSubmitted
  | RecapReviewed
  | RecapPeriodReopened
  | CaseReported
  | CaseActed
  | CaseViewed
  | ReportRequested
  | QuizJoined
  | QuizAnswered
  | MistakeCaught
  | PracticeRequested
  | PracticeFinished;

export interface ValidatorSpec {
  name: string;
  /**
   * The validator's arguments, or a function of the scope that computes them when the question is answered
   * (options of a list computed from facts, how many numbers are still missing). Validators whose categories
   * depend on their arguments (`choice`) need them as data, so the definition check can see every route.
   */
  args?: unknown;
}

/** A validator sorts raw input into a category; any category the node does not route is "invalid". */
export interface ValidationResult {
  category: Category;
  value?: unknown;
  /** Why the input was not accepted, in Bahasa Indonesia, shown before the re-prompt. */
  reason?: string;
}

export interface AskNode {
  kind: 'ask';
  prompt: Text;
  validate: ValidatorSpec;
  /** Name the answer is saved under; defaults to the node id. */
  result?: string;
  routes: Readonly<Record<Category, NodeId>>;
  /** What is expected, shown after a wrong answer (falls back to the validator's reason). */
  invalid?: Text;
  /** Longer explanation for BANTUAN and after repeated wrong answers. */
  help?: Text;
  /**
   * Sent as a message of its own before the prompt, when the question is asked or asked again (LANJUT): the first
   * page of something too long for one message (a summary). Empty text sends nothing.
   */
  preface?: Text;
  /**
   * The question in a few words, repeated after a wrong answer and under BANTUAN instead of a long prompt, so
   * those messages stay short; the full prompt comes again with LANJUT.
   */
  brief?: Text;
  /**
   * The answer is read only by the actions that follow it within the same message (they save what it means as
   * other results, e.g. a line of numbers as one result per field), so the session does not keep it afterwards.
   */
  transient?: boolean;
}

/** A pure computation between questions: branch on answers, emit events, add derived results. */
export interface ActionNode {
  kind: 'action';
  run: (scope: Scope) => { category: Category; events?: FlowEvent[]; results?: Record<string, unknown> };
  routes: Readonly<Record<Category, NodeId>>;
}

export interface SayNode {
  kind: 'say';
  text: Text;
  next: NodeId;
}

export interface EndNode {
  kind: 'end';
  text?: Text;
  /** Emit a flow_completed event carrying the answers' values. */
  complete?: boolean;
}

export type FlowNode = AskNode | ActionNode | SayNode | EndNode;

/** Who sees a menu entry: a role, or 'resident' for unregistered numbers. */
export type Audience = Role | 'resident';

export interface MenuEntry {
  audience: readonly Audience[];
  /** Label as shown in the numbered menu. */
  label: string;
  /** Words that choose the entry besides its number. */
  words: readonly string[];
  /** Position in the menu; lower comes first. */
  order: number;
}

/** A message that starts a flow directly (see FlowDefinition.entries). */
export interface FlowEntry {
  matches: (text: string) => boolean;
  node: NodeId;
  /**
   * Works even while another flow is open, like MENU or BATAL ("KASUS <kode>", "STATUS <kode>"): the open flow is
   * resumed after a one-message answer, or kept as a draft when this flow asks something.
   */
  global?: boolean;
  /**
   * For senders outside the flow's menu audience only: the flow answers them itself (e.g. "only a registered
   * PPKBD can send this") instead of their message falling through to the menu.
   */
  others?: boolean;
  /**
   * Also while this flow is open: an entry that ends at once (a help page) answers and the open question is asked
   * again; another one restarts the flow at its node with the answers so far. Off by default, so free-text answers
   * that happen to start like an entry are not taken for one. On a `global` entry it means the same inside its own
   * flow (INFO <kata> while browsing the Smart Book), instead of the flow being started over.
   */
  inside?: boolean;
}

export interface FlowDefinition {
  /** Stable snake_case id; node ids are `<flow id>.<name>`. Never derived from text. */
  id: string;
  /** Bumped when a change makes saved sessions meaningless; a mismatched session ends politely. */
  version: number;
  start: NodeId;
  nodes: Readonly<Record<NodeId, FlowNode>>;
  /** Leaving (BATAL, MENU, expiry) keeps the answers as a draft that LANJUT or choosing the flow again resumes. */
  keepsDraft?: boolean;
  /** Help for the flow as a whole, when a node has none. */
  help?: Text;
  menu?: MenuEntry;
  /**
   * Messages that start this flow directly from outside any flow ("LAPOR 11/2026 PUS=480 …"), at a given node.
   * The message is available to that node, and to the nodes after it until the flow waits, as the result `trigger`.
   */
  entries?: readonly FlowEntry[];
}

/** The engine's state for one flow run; stored as JSON between messages. */
export interface FlowSession {
  flowId: string;
  flowVersion: number;
  nodeId: NodeId;
  results: Results;
  /** Wrong answers to the current question so far. */
  attempts: number;
  startedAt: string;
}

/** Everything the bot remembers about one sender's conversation. */
export interface ConversationState {
  active: FlowSession | null;
  drafts: Readonly<Record<string, FlowSession>>;
  /** Last message from the sender, for expiry. */
  lastActivityAt: string | null;
  /** When we last asked the sender to resend a message we could not read (rate-limits that request). */
  resendAskedAt?: string | null;
  /**
   * Set while the sender rehearses (LATIHAN): `active` then runs on a made-up desa and nothing it sends is real
   * (flows/practice/practice-turn.ts). Absent otherwise.
   */
  practice?: PracticeState | null;
  /** How many practices this person started: each gets a new sheet, even within the same second. */
  practicesStarted?: number;
}

export const EMPTY_CONVERSATION: ConversationState = Object.freeze({ active: null, drafts: {}, lastActivityAt: null });

/** What the engine receives: text, or a non-text message (only its kind matters; media is never stored). */
export type ConversationInput =
  | { kind: 'text'; text: string }
  | { kind: 'media'; media: 'image' | 'video' | 'audio' | 'document' | 'sticker' | 'other' }
  /** A message that arrived but could not be decrypted: we only know the sender wrote something. */
  | { kind: 'undecryptable' };

/** One step of the engine: the new state and what happened. */
export interface Sprint<S> {
  state: S;
  events: FlowEvent[];
}
