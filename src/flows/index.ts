// The flows the bot runs in production. Add a flow here (and a scenario test) to put it in the menus.
import { DEFAULT_RECAP_SETTINGS, type RecapSettings } from '../domain/recap/fields.js';
import { EMPTY_SMART_BOOK, type SmartBook } from '../domain/smart-book.js';
import { aboutFlow } from './about.js';
import type { FlowDefinition } from './engine/types.js';
import { helpFlow } from './help.js';
import { profileFlow } from './profile.js';
import { buildRecapFlow } from './recap/recap-flow.js';
import { buildReviewFlow } from './recap/review-flow.js';
import { reopenFlow } from './recap/reopen-flow.js';
import { recapStatusFlow } from './recap/recap-status-flow.js';
import { caseStatusFlow } from './cases/case-status-flow.js';
import { caseWorkFlow } from './cases/case-work-flow.js';
import { reportCaseFlow } from './cases/report-case-flow.js';
import { groupHintFlow } from './groups/group-hint-flow.js';
import { onDemandFlow } from './on-demand/on-demand-flow.js';
import { checkinFlow } from './meetings/checkin-flow.js';
import { meetingReportFlow } from './meetings/meeting-report-flow.js';
import { quizFlow } from './quiz/quiz-flow.js';
import { buildPracticeFlow } from './practice/practice-flow.js';
import { createRegistry, type FlowRegistry } from './registry.js';
import { buildSmartBookFlow } from './smart-book/smart-book-flow.js';

/** Content read at start-up outside src/flows and handed to the flows that show it. */
export interface FlowContent {
  /** The Smart Book cards (src/smart-book/load-cards.ts); none: the menu item says there are no cards yet. */
  smartBook?: SmartBook;
}

/** Flows that need no deployment settings. */
export const PRODUCTION_FLOWS: readonly FlowDefinition[] = [aboutFlow, profileFlow, helpFlow, groupHintFlow, onDemandFlow];

export function productionFlows(recap: RecapSettings = DEFAULT_RECAP_SETTINGS, content: FlowContent = {}): FlowDefinition[] {
  return [
    buildRecapFlow(recap), buildReviewFlow(recap), reopenFlow, recapStatusFlow, reportCaseFlow, caseStatusFlow, caseWorkFlow, meetingReportFlow, checkinFlow, quizFlow, buildPracticeFlow(recap), ...PRODUCTION_FLOWS,
    buildSmartBookFlow(content.smartBook ?? EMPTY_SMART_BOOK),
  ];
}

export function productionRegistry(recap: RecapSettings = DEFAULT_RECAP_SETTINGS, content: FlowContent = {}): FlowRegistry {
  return createRegistry(productionFlows(recap, content));
}
