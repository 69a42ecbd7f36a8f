// The pure input parsers of the flow layer, in one import.
export { normalizeInput, isBlank, keywordOf } from './text.js';
export { parseCount, parseNumberList } from './number.js';
export { parseYesNo } from './yes-no.js';
export { parseChoice, type ChoiceOption } from './choice.js';
export { parseMonth, formatMonth, monthNamesId, type YearMonth } from './month.js';
