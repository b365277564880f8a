// Who frames the assign page. The worker sees only the tab's top-level address (a message's sender carries
// no parent frame in Chrome or Firefox, and webNavigation would cost a "read your browsing history"
// permission), so the page checks its own ancestry: it acts only as a direct child of the top-level page,
// and, where the browser lists ancestor origins (Chromium's location.ancestorOrigins), only when every
// one is the instance. An iframe of another origin inside the Phabricator page cannot borrow the banner's
// authority by framing this page. Our own code runs here, so a web page cannot fake the answer.
export interface Framing {
  /** This page is framed, and its parent is the top-level page. */
  parentIsTop: boolean;
  /** Origins of every ancestor, parent first; null where the browser does not tell. */
  ancestors: string[] | null;
}

export function readFraming(win: Window): Framing {
  let parentIsTop: boolean;
  try {
    parentIsTop = win.parent !== win && win.parent === win.top;
  } catch {
    parentIsTop = false;
  }
  const list = (win.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  return { parentIsTop, ancestors: list ? Array.from(list) : null };
}

export function framedByInstance(framing: Framing, instance: string): boolean {
  if (!framing.parentIsTop) return false;
  if (framing.ancestors === null) return true;
  return framing.ancestors.length > 0 && framing.ancestors.every((origin) => origin === instance);
}
