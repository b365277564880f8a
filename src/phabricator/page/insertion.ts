import { may } from './selectors';

/**
 * Marks every element mountHost created, so the navigation watcher can tell when one is removed. Its
 * value is the InsertionPlace, so the banner's styles can line it up with the column it sits in.
 */
export const HOST_ATTRIBUTE = 'data-steward-host';

export type InsertionPlace = 'header' | 'main-column' | 'page-body';

export type InsertionPoint =
  | { readonly place: 'header'; readonly parent: Element; readonly after: Element }
  | { readonly place: 'main-column'; readonly parent: Element }
  | { readonly place: 'page-body'; readonly parent: Element; readonly before: Element };

export interface MountedHost {
  readonly host: HTMLElement;
  readonly shadow: ShadowRoot;
}

/**
 * Where a banner goes, best first: right under the title and tags (inside the two-column header,
 * after the header shell), else the top of the main column (above Description), else full width
 * in the page body just before the two-column view. Null when the page has none of these.
 */
export function findInsertionPoint(doc: Document): InsertionPoint | null {
  const shell = may(doc, 'headerShell');
  if (shell?.parentElement) return { place: 'header', parent: shell.parentElement, after: shell };
  const main = may(doc, 'mainColumn');
  if (main !== null) return { place: 'main-column', parent: main };
  const body = may(doc, 'pageBody');
  const view = may(doc, 'twoColumnView');
  if (body !== null && view?.parentElement === body) {
    return { place: 'page-body', parent: body, before: view };
  }
  return null;
}

// Hosts this copy of the content script created, kept after Quicksand detaches them so the same
// element (and whatever is rendered in its shadow root) goes back in instead of a new one.
const mounted = new WeakMap<Document, Map<string, MountedHost>>();

/**
 * Puts the host element with this id at the page's insertion point and returns it with its shadow
 * root; null when the page has no such point (login and error pages at a task's address). Calling it
 * again reuses the host (moving it back if a redraw removed or displaced it) and removes any other
 * Steward host with the same id, so there is never more than one.
 *
 * The shadow root is open. A closed root would not protect anything here: the page can still remove
 * or restyle the host and read the rendered text, and its scripts run in another world than ours.
 * What closed would cost: a content script injected again (after an extension update) could not
 * reach the root left by its predecessor and would have to throw the host away, and end-to-end
 * tests and devtools could not look inside.
 */
export function mountHost(doc: Document, id: string): MountedHost | null {
  const point = findInsertionPoint(doc);
  if (point === null) return null;
  let byId = mounted.get(doc);
  if (byId === undefined) {
    byId = new Map();
    mounted.set(doc, byId);
  }
  const leftovers = Array.from(doc.querySelectorAll(`[${HOST_ATTRIBUTE}]`)).filter(
    (el): el is HTMLElement => el.id === id,
  );
  let entry = byId.get(id);
  if (entry === undefined) {
    const adoptable = leftovers.find((el) => el.shadowRoot !== null);
    entry = adoptable ? { host: adoptable, shadow: adoptable.shadowRoot! } : create(doc, id);
    byId.set(id, entry);
  }
  for (const el of leftovers) if (el !== entry.host) el.remove();
  if (!isAt(entry.host, point)) put(entry.host, point);
  return entry;
}

function create(doc: Document, id: string): MountedHost {
  const host = doc.createElement('div');
  host.id = id;
  const shadow = host.attachShadow({ mode: 'open' });
  return { host, shadow };
}

function isAt(host: Element, point: InsertionPoint): boolean {
  if (host.parentNode !== point.parent) return false;
  if (point.place === 'header') return host.previousSibling === point.after;
  if (point.place === 'main-column') return point.parent.firstChild === host;
  return host.nextSibling === point.before;
}

// A new host is put at once, so this is where it gets its mark too.
function put(host: Element, point: InsertionPoint): void {
  host.setAttribute(HOST_ATTRIBUTE, point.place);
  if (point.place === 'header') point.after.after(host);
  else if (point.place === 'main-column') point.parent.prepend(host);
  else point.before.before(host);
}
