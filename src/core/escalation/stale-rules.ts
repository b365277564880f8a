// DESIGN.md's five staleness rules, in its order. Settings, the message contract and the options page all
// list them; this module imports nothing, so the content script can have the list without the rules' logic.
export const STALE_RULES = [
  'no-process-owner',
  'not-acknowledged',
  'owner-silent',
  'owner-unavailable',
  'escalation-age',
] as const;
export type StaleRule = (typeof STALE_RULES)[number];
