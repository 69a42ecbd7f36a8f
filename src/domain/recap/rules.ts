// Consistency rules of the monthly village recap (docs/domain.md §5.7, with the nesting of §5.2–§5.6).
//
// Hard rules block submission; soft rules ask the cadre to confirm. Every message names the numbers that disagree
// and what to look at again, in plain Bahasa Indonesia. No function here ever proposes or computes a "corrected"
// number: the anti-pattern in §5.7 (inventing drop-outs, pushing the rest into IAT so PUS balances) is exactly
// what the bot must not do. The cadre fixes her own numbers, or confirms them and the warning is stored.
//
// Principles shared by all checks:
// * A rule is only evaluated once every field it needs is answered (absent = unanswered), so a partial recap
//   during entry is only blocked by what it can already be judged on.
// * Only fields active under the settings are looked at. A field of a switched-off part cannot be asked or fixed
//   in the flow (UBAH shows active groups only), so a stale value there must not block anything.
// * Output is deterministic: violations are sorted by rule id (letters, then number, then suffix: BOUND, C1, C2,
//   C3, C3_PRIME, C5, …, S1, …, W1, W2, …, W10), then by the catalogue position of their first field.
//
// C4 (unmet need = IAT + TIAL) is structural rather than checked: unmet need is never an input. derive.ts computes
// it, nothing in this module accepts it, and a stray `unmet_need` or `bukan_peserta` key in the values is ignored.

export { TYPED_PA_TOTAL, type RuleViolation } from './rule-support.js';
export { checkDusunSum, checkHard } from './hard-rules.js';
export { checkSoft, type SoftContext } from './soft-rules.js';
