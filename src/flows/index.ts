// The flows the bot runs in production. Add a flow here (and a scenario test) to put it in the menus.
import { DEFAULT_RECAP_SETTINGS, type RecapSettings } from '../domain/recap/fields.js';
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
import { buildPracticeFlow } from './practice/practice-flow.js';
import { createRegistry, type FlowRegistry } from './registry.js';

/** Flows that need no deployment settings. */
export const PRODUCTION_FLOWS: readonly FlowDefinition[] = [aboutFlow, profileFlow, helpFlow, groupHintFlow, onDemandFlow];

export function productionFlows(recap: RecapSettings = DEFAULT_RECAP_SETTINGS): FlowDefinition[] {
  return [buildRecapFlow(recap), buildReviewFlow(recap), reopenFlow, recapStatusFlow, reportCaseFlow, caseStatusFlow, caseWorkFlow, meetingReportFlow, checkinFlow, buildPracticeFlow(recap), ...PRODUCTION_FLOWS];
}

export function productionRegistry(recap: RecapSettings = DEFAULT_RECAP_SETTINGS): FlowRegistry {
  return createRegistry(productionFlows(recap));
}
