// The popup, options and review pages never run inside a frame (settings and tokens; a review a page could
// overlay). They are not
// web-accessible, but the extension CSP's frame-ancestors (needed by the assign picker) covers them too,
// so this is the check that does not depend on the manifest staying right.
export function isFramed(): boolean {
  try {
    return window.top !== window.self;
  } catch {
    return true;
  }
}
