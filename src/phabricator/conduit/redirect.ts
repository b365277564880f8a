// What a redirect of a Conduit call means. The same path on another scheme or host (http → https, a
// renamed host) is the instance at another address: the user should configure that address, and
// signing in would not help. A sign-in page (a path under /auth/ or /login/, or anywhere else, as a
// single sign-on proxy sends a signed-out browser) is "signed out". Where the redirect points is unknown
// in a browser (an opaque response hides Location) unless it can be followed; then it is read as
// signed out, the common case, and the message says how to tell the other.

export type RedirectVerdict = { kind: 'moved'; to: string } | { kind: 'sign-in'; to: string | null };

const SIGN_IN_PATH = /^\/(?:auth|login|logout|oauth2?|sso|saml|cas|idp|signin|sign-in)(?:\/|$)/i;

/** `from`: the Conduit URL asked (…/api/method); `location`: where the answer pointed, if known. */
export function judgeRedirect(from: string, location: string | null): RedirectVerdict {
  if (location === null || location === '') return { kind: 'sign-in', to: null };
  let source: URL;
  let target: URL;
  try {
    source = new URL(from);
    target = new URL(location, from);
  } catch {
    return { kind: 'sign-in', to: null };
  }
  const api = source.pathname.lastIndexOf('/api/');
  if (
    target.origin !== source.origin &&
    target.pathname === source.pathname &&
    api >= 0 &&
    !SIGN_IN_PATH.test(target.pathname)
  ) {
    return { kind: 'moved', to: `${target.origin}${source.pathname.slice(0, api)}` };
  }
  return { kind: 'sign-in', to: target.href };
}
