// A redirected Conduit call: the same path at another address is an instance that moved (configure that
// address), a sign-in page is "signed out", and the CLI says each in its own terms (no browser tab).
import { describe, expect, it } from 'vitest';
import { ConduitClient, isConduitError } from '../../../src/phabricator/conduit';
import { judgeRedirect } from '../../../src/phabricator/conduit/redirect';
import { describeFailure } from '../../../src/cli/failure';

const API = 'http://phab.example.org/api/user.whoami';

/** A client whose every call is answered with one redirect to `location`. */
async function redirectedTo(location: string, status = 301) {
  const client = new ConduitClient({
    baseUrl: 'http://phab.example.org',
    auth: { kind: 'token', token: 'api-aaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
    fetch: async () => new Response(null, { status, headers: { Location: location } }),
    sleep: async () => {},
  });
  try {
    await client.whoami();
  } catch (error) {
    if (isConduitError(error)) return error;
    throw error;
  }
  throw new Error('no failure');
}

describe('a redirected Conduit call', () => {
  it('to the same path over https or on a renamed host: the instance moved', () => {
    expect(judgeRedirect(API, 'https://phab.example.org/api/user.whoami')).toEqual({
      kind: 'moved',
      to: 'https://phab.example.org',
    });
    expect(judgeRedirect(API, 'https://phorge.example.org/api/user.whoami')).toEqual({
      kind: 'moved',
      to: 'https://phorge.example.org',
    });
    // An instance under a path keeps it.
    expect(judgeRedirect('http://x.org/phab/api/a.b', 'https://x.org/phab/api/a.b')).toEqual({
      kind: 'moved',
      to: 'https://x.org/phab',
    });
  });

  it('to a sign-in page, or anywhere else: signed out', () => {
    expect(judgeRedirect(API, '/auth/sso/start/?next=%2Fapi%2Fuser.whoami').kind).toBe('sign-in');
    expect(judgeRedirect(API, 'https://idp.example.org/login/?service=x').kind).toBe('sign-in');
    expect(judgeRedirect(API, 'https://sso.example.org/cas/login').kind).toBe('sign-in');
    // The browser hides where it points: the common case, signed out.
    expect(judgeRedirect(API, null)).toEqual({ kind: 'sign-in', to: null });
  });

  it('says which address to use, in the options and on the command line', async () => {
    const moved = await redirectedTo('https://phab.example.org/api/user.whoami');
    expect(moved.kind).toBe('moved');
    expect(moved.userMessage).toBe(
      "phab.example.org redirects to https://phab.example.org: use that address for the instance in Steward's options.",
    );
    expect(describeFailure(moved, '--token')).toBe(
      'the instance redirects to https://phab.example.org; use that as --instance.',
    );
  });

  it('a sign-in page: the extension says log in, the command line does not talk of browser tabs', async () => {
    const signIn = await redirectedTo('http://phab.example.org/auth/sso/start/', 302);
    expect(signIn.kind).toBe('session-expired');
    expect(signIn.userMessage).toMatch(/log in to phab\.example\.org in a tab/);
    const cli = describeFailure(signIn, '--token');
    expect(cli).toMatch(/sign-in page/);
    expect(cli).not.toMatch(/tab|browser|log in/i);
  });
});
