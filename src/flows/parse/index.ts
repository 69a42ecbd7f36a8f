// The pure input parsers of the flow layer, in one import.
export { normalizeInput, isBlank, keywordOf } from './text.js';
export { parseCount, parseNumberList, readCount, readNumberList, type CountReading, type NumberList } from './number.js';
export { parseYesNo } from './yes-no.js';
export { choiceHint, parseChoice, type ChoiceOption } from './choice.js';
export { isBareNumber, parseMonth, readMonth, formatMonth, monthNamesId, type YearMonth } from './month.js';
