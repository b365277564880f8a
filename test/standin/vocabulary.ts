// Default vocabularies of the captured Phorge install (maniphest.priority.search, maniphest.status.search,
// project icons and colours). Scenarios may replace priorities and statuses, e.g. to mimic Wikimedia's
// renamed priorities.

export interface Priority {
  name: string;
  value: number;
  keywords: string[];
  short: string;
  color: string;
}

export interface Status {
  value: string;
  name: string;
  closed: boolean;
  special?: 'default' | 'closed' | 'duplicate';
  /** Header icon of a task in this status (Phorge: fa-exclamation-circle when open). */
  icon?: string;
}

export const DEFAULT_PRIORITIES: Priority[] = [
  { name: 'Unbreak Now!', keywords: ['unbreak'], short: 'Unbreak!', color: 'pink', value: 100 },
  { name: 'Needs Triage', keywords: ['triage'], short: 'Triage', color: 'violet', value: 90 },
  { name: 'High', keywords: ['high'], short: 'High', color: 'red', value: 80 },
  { name: 'Normal', keywords: ['normal'], short: 'Normal', color: 'orange', value: 50 },
  { name: 'Low', keywords: ['low'], short: 'Low', color: 'yellow', value: 25 },
  { name: 'Wishlist', keywords: ['wish', 'wishlist'], short: 'Wish', color: 'sky', value: 0 },
];

/** Priority a task gets when created without one (Phorge's maniphest.default-priority). */
export const DEFAULT_PRIORITY_VALUE = 90;

export const DEFAULT_STATUSES: Status[] = [
  { name: 'Open', value: 'open', closed: false, special: 'default' },
  { name: 'Resolved', value: 'resolved', closed: true, special: 'closed', icon: 'fa-check-circle' },
  { name: 'Wontfix', value: 'wontfix', closed: true, icon: 'fa-ban' },
  { name: 'Invalid', value: 'invalid', closed: true, icon: 'fa-minus-circle' },
  { name: 'Duplicate', value: 'duplicate', closed: true, special: 'duplicate', icon: 'fa-files-o' },
  { name: 'Spite', value: 'spite', closed: true, icon: 'fa-thumbs-o-down' },
];

export const PROJECT_ICONS: Record<string, { name: string; icon: string }> = {
  project: { name: 'Project', icon: 'fa-briefcase' },
  tag: { name: 'Tag', icon: 'fa-tags' },
  policy: { name: 'Policy', icon: 'fa-lock' },
  group: { name: 'Group', icon: 'fa-users' },
  folder: { name: 'Folder', icon: 'fa-folder' },
  timeline: { name: 'Timeline', icon: 'fa-calendar' },
  goal: { name: 'Goal', icon: 'fa-flag-checkered' },
  release: { name: 'Release', icon: 'fa-truck' },
  bugs: { name: 'Bugs', icon: 'fa-bug' },
  cleanup: { name: 'Cleanup', icon: 'fa-trash-o' },
  umbrella: { name: 'Umbrella', icon: 'fa-umbrella' },
  communication: { name: 'Communication', icon: 'fa-envelope' },
  organization: { name: 'Organization', icon: 'fa-building' },
  infrastructure: { name: 'Infrastructure', icon: 'fa-cloud' },
  account: { name: 'Account', icon: 'fa-credit-card' },
  experimental: { name: 'Experimental', icon: 'fa-flask' },
};

export const PROJECT_COLORS: Record<string, string> = {
  red: 'Red',
  orange: 'Orange',
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  indigo: 'Indigo',
  violet: 'Violet',
  pink: 'Pink',
  grey: 'Grey',
  checkered: 'Checkered',
};

export const AVAILABILITY = {
  available: { name: 'Available', color: 'green' },
  busy: { name: 'Busy', color: 'orange' },
  away: { name: 'Away', color: 'red' },
} as const;

export type AvailabilityValue = keyof typeof AVAILABILITY;
