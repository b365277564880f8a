// The bounds on what a task page sends with its facts, shared by the content script that reads them and
// the worker's schema that checks them (messages.ts pageFacts). Page text is outside input: anyone who
// can edit a task can make it long. The content script cuts what it can (people, title); the worker
// sets aside facts that are still out of bounds and asks Phabricator, rather than refuse the request,
// which would leave the banner with no answer.

/** At most this many usernames are sent with a page's facts (the rest are left out). */
export const PAGE_PEOPLE_LIMIT = 100;
/** The longest page text sent: title (cut to it), priority, status, tag names. */
export const PAGE_TEXT_LIMIT = 1000;
/** The most tags a page's facts may carry. */
export const PAGE_TAG_LIMIT = 500;
/** The longest tag slug. */
export const PAGE_SLUG_LIMIT = 300;
/** The longest PHID or username. */
export const PAGE_NAME_LIMIT = 100;
