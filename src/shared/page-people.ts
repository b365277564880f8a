// The bound on the usernames a task page sends with its facts, shared by the page that reads them and the
// worker's schema that checks them.

/** At most this many usernames are sent with a page's facts. */
export const PAGE_PEOPLE_LIMIT = 100;
