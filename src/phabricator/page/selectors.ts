/**
 * Every CSS selector Steward uses on Phorge/Phabricator pages, in one place, so a markup change in a
 * new Phorge release is fixed here and nowhere else. Checked against real captures (Phorge 9060b5cd)
 * by test/browser/page/selectors.test.ts, which also reports any selector that never matches.
 *
 * "must" selectors describe structure every task page has; a failed lookup is a markup change and
 * throws a PageStructureError naming the feature it breaks. "may" selectors describe things that are
 * legitimately absent on some pages (logged out, no tags, another application's page) and return null.
 */

/** What a failed lookup breaks, so an error report says which part of Steward is affected. */
export type PageFeature =
  | 'task-id'
  | 'title'
  | 'status'
  | 'task-phid'
  | 'curtain'
  | 'assignee'
  | 'tags'
  | 'subscribers'
  | 'viewer'
  | 'csrf'
  | 'theme'
  | 'banner-insertion'
  | 'navigation'
  | 'timeline';

export interface SelectorSpec {
  readonly css: string;
  readonly feature: PageFeature;
}

/** Present on every Phorge task detail page; missing means the markup changed. */
export const MUST_SELECTORS = {
  /** `<span class="phui-header-header"><span class="phui-header-icon"/>Title</span>` */
  taskTitle: {
    css: '.phui-two-column-header .phui-header-view .phui-header-header',
    feature: 'title',
  },
  /** Status tag ("Open, Unbreak Now!") and, for some instances, subtype/points tags after it. */
  headerTags: {
    css: '.phui-two-column-header .phui-header-subheader > .phui-tag-view',
    feature: 'status',
  },
  /** The tag's text holder; its icon is an empty child span. */
  tagText: { css: '.phui-tag-core', feature: 'status' },
  /** `href="/policy/explain/<TASK-PHID>/view/"`: the only place the page exposes the task PHID. */
  policyLink: {
    css: '.phui-two-column-header .phui-header-subheader .policy-header-callout a.policy-link',
    feature: 'task-phid',
  },
  /** The right-hand column holding the action list and the panels. */
  curtain: { css: '.phui-two-column-view .phui-side-column', feature: 'curtain' },
} as const satisfies Record<string, SelectorSpec>;

/** Legitimately absent on some pages; lookups return null. */
export const MAY_SELECTORS = {
  /** The Quicksand frame: everything under the top bar; its children are swapped on navigation. */
  pageBody: { css: '#phabricator-standard-page-body', feature: 'navigation' },
  twoColumnView: { css: '.phui-two-column-view', feature: 'banner-insertion' },
  twoColumnHeader: { css: '.phui-two-column-view .phui-two-column-header', feature: 'banner-insertion' },
  headerShell: {
    css: '.phui-two-column-view .phui-two-column-header > .phui-header-shell',
    feature: 'banner-insertion',
  },
  mainColumn: { css: '.phui-two-column-view .phui-main-column', feature: 'banner-insertion' },
  /** " T14": the monogram of the object the page shows (absent on login and error pages). */
  lastCrumb: {
    css: '.phui-crumbs-view .phabricator-last-crumb .phui-crumb-name',
    feature: 'task-id',
  },
  /** Classes carry the status icon and the priority colour (`fa-exclamation-circle pink`). */
  headerIcon: {
    css: '.phui-two-column-header .phui-header-header > .phui-header-icon',
    feature: 'status',
  },
  /** Icon inside the status tag: `fa-square-o` open, `fa-check-square-o` closed. */
  tagIcon: { css: '.phui-tag-core > .phui-icon-view', feature: 'status' },
  curtainPanel: { css: '.phui-curtain-panel', feature: 'curtain' },
  curtainPanelHeader: { css: '.phui-curtain-panel-header', feature: 'curtain' },
  /** A person, project or package in a curtain panel ("Assigned To", "Subscribers"). */
  objectRefHandle: { css: '.phui-curtain-object-ref-view a.phui-handle', feature: 'assignee' },
  /** "None" in an empty object list. */
  objectRefEmpty: { css: '.phui-curtain-object-ref-list-view-empty', feature: 'assignee' },
  /** "View All N Subscribers": only 7 of more than 8 subscribers are listed. */
  objectRefTail: { css: '.phui-curtain-object-ref-list-view-tail', feature: 'subscribers' },
  /** One project tag, optionally followed by its workboard column link. */
  projectTagItem: {
    css: 'ul.phabricator-handle-tag-list > li.phabricator-handle-tag-list-item',
    feature: 'tags',
  },
  projectTagLink: { css: 'a.phui-tag-view', feature: 'tags' },
  /** `(Blocked)`: the task's column on that project's workboard. */
  boardColumnLink: { css: 'a.maniphest-board-link', feature: 'tags' },
  /** Logged in only: the account menu links to the viewer's profile `/p/<username>/`. */
  viewerProfileLink: {
    css: '.phabricator-main-menu a.phabricator-core-user-menu[href^="/p/"]',
    feature: 'viewer',
  },
  /** Logged out only. */
  loginButton: { css: '.phabricator-main-menu a.phabricator-core-login-button', feature: 'viewer' },
  /** Logged in only: notification and chat counters. */
  mainMenuAlerts: { css: '.phabricator-main-menu .phabricator-main-menu-alerts', feature: 'viewer' },
  /**
   * One per transaction group in the timeline, named with the id of the group's strongest transaction
   * (the `#155` date links point at it). Absent when the timeline is empty or not shown.
   */
  timelineAnchor: { css: '.phui-timeline-view a.phabricator-anchor-view[name]', feature: 'timeline' },
  /**
   * People the task's page links by their profile `/p/<username>/`: timeline authors, `@mentions` (shown as
   * person tags), the assignee and subscribers.
   */
  personLink: { css: '.phui-two-column-view a[href^="/p/"]', feature: 'timeline' },
  /** On every page, logged in or out (the global search form). */
  csrfInput: { css: 'input[name="__csrf__"]', feature: 'csrf' },
  /** Celerity resources; the URL carries the viewer's Accessibility setting: `/res/darkmodeX/...`. */
  celerityStylesheet: { css: 'link[rel~="stylesheet"][href*="/res/"]', feature: 'theme' },
} as const satisfies Record<string, SelectorSpec>;

export type MustSelectorName = keyof typeof MUST_SELECTORS;
export type MaySelectorName = keyof typeof MAY_SELECTORS;

/**
 * Curtain panel titles, as English UI strings (Phorge renders them through pht()). Older Phabricator
 * titled the project panel "Tags".
 */
export const PANEL_TITLES = {
  assignedTo: ['Assigned To'],
  tags: ['Project Tags', 'Tags'],
  subscribers: ['Subscribers'],
} as const satisfies Record<string, readonly string[]>;

export class PageStructureError extends Error {
  override readonly name = 'PageStructureError';
  constructor(
    readonly feature: PageFeature,
    readonly selectorName: string,
    readonly css: string,
    detail?: string,
  ) {
    super(
      `Steward could not read the ${feature} of this Phorge page: ` +
        (detail ?? `nothing matches "${selectorName}" (${css})`) +
        '. The instance probably runs a Phorge/Phabricator version with different markup; ' +
        'please report it with the Phorge version and the page address.',
    );
  }
}

/** Looks up structure every task page has; throws a feature-tagged error when it is missing. */
export function must(root: ParentNode, name: MustSelectorName): Element {
  const spec = MUST_SELECTORS[name];
  const found = root.querySelector(spec.css);
  if (found === null) throw new PageStructureError(spec.feature, name, spec.css);
  return found;
}

/** All matches of a must-exist selector; throws when there is none. */
export function mustAll(root: ParentNode, name: MustSelectorName): Element[] {
  const spec = MUST_SELECTORS[name];
  const found = Array.from(root.querySelectorAll(spec.css));
  if (found.length === 0) throw new PageStructureError(spec.feature, name, spec.css);
  return found;
}

/** Looks up something that may be absent; null when it is. */
export function may(root: ParentNode, name: MaySelectorName): Element | null {
  return root.querySelector(MAY_SELECTORS[name].css);
}

export function mayAll(root: ParentNode, name: MaySelectorName): Element[] {
  return Array.from(root.querySelectorAll(MAY_SELECTORS[name].css));
}
