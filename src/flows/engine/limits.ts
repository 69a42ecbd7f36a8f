// Built-in limits (goflow's habit): a loop in a flow becomes a failure event, not a hung process.

/** Nodes visited in one sprint (one inbound message) before the run is failed. */
export const MAX_STEPS_PER_SPRINT = 100;
/** Wrong answers to one question before the bot explains and offers the menu. */
export const MAX_ATTEMPTS = 3;
/** Longest text the engine reads (a whole LAPOR fast entry fits); longer messages get a polite "too long". */
export const MAX_INPUT_CHARS = 3000;
/** Longest message the bot should send: longer ones are hard to read on a cheap phone (split them instead). */
export const MAX_MESSAGE_CHARS = 1000;
