// Which task a Phorge address shows, for the content script (which page it is on) and the worker (which
// open tabs to tell that their task changed): both must agree on what a task page is.

/** Resolves relative addresses (hrefs on a page); never fetched. */
export const PAGE_BASE = 'https://phorge.invalid/';
// Phorge's route for the task page is '/T(?P<id>[1-9]\d*)', and a leaf route must consume the
// whole path (AphrontRoutingMap), so '/T12/', '/T12/edit' and '/t12' are not task pages.
const TASK_PATH = /^\/T([1-9]\d*)$/;

/** A task id from its digits; null for none, or for more than an id can be. */
export function taskIdFrom(digits: string | undefined): number | null {
  if (digits === undefined) return null;
  const id = Number(digits);
  return Number.isSafeInteger(id) ? id : null;
}

/** The task id of a task page address (`/T123`, with any query or `#anchor`), else null. */
export function taskIdFromUrl(url: URL | string): number | null {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url, PAGE_BASE) : url;
  } catch {
    return null;
  }
  return taskIdFrom(TASK_PATH.exec(parsed.pathname)?.[1]);
}
