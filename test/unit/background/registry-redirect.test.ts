// A registry source may not point inside the user's network (localhost, private addresses) unless an
// instance lives there: settings.ts refuses such an address whichever way it arrives. A public address
// that answers 302 to http://192.168.1.1/... must not take the browser there either: the worker does not
// follow a registry's redirects, and says to enter the document's own address.
//
// The fake fetch below behaves as a browser does: it follows a redirect unless told `redirect: 'manual'`
// or `'error'`.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  return { default: createFakeBrowser().browser };
});

const { refreshRegistry, forgetRememberedRegistry } = await import('../../../src/background/registry');
const { parseSettings } = await import('../../../src/shared/settings');

const PUBLIC = 'https://registry.example.org/owners.yaml';
const INTERNAL = 'http://192.168.1.1/admin/config.yaml';

afterEach(() => {
  vi.unstubAllGlobals();
  forgetRememberedRegistry();
});

describe('a registry source that redirects', () => {
  it('does not take the browser inside the network the settings refuse', async () => {
    // The rule itself: the internal address is refused as a source.
    const direct = parseSettings({
      version: 1,
      registry: { sources: [{ kind: 'url', id: 'x', name: 'Owners', url: INTERNAL }] },
    });
    expect(direct.ok).toBe(false);

    const requested: string[] = [];
    const browserFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
      const url = String(input);
      requested.push(url);
      if (url === PUBLIC) {
        const mode = init.redirect ?? 'follow';
        if (mode === 'error') throw new TypeError('Failed to fetch (redirect)');
        if (mode === 'manual') return new Response(null, { status: 302, headers: { location: INTERNAL } });
        return browserFetch(INTERNAL, init);
      }
      return new Response('components: []\n', { status: 200, headers: { 'content-type': 'text/yaml' } });
    };
    vi.stubGlobal('fetch', vi.fn(browserFetch));

    const accepted = parseSettings({
      version: 1,
      registry: { sources: [{ kind: 'url', id: 'x', name: 'Owners', url: PUBLIC }] },
    });
    if (!accepted.ok) throw new Error(accepted.errors.join('\n'));
    const [entry] = await refreshRegistry(accepted.settings, true);
    expect(requested).toContain(PUBLIC);
    expect(requested).not.toContain(INTERNAL);
    expect(entry?.error).toMatch(
      /answered with a redirect, which Steward does not follow: enter the address of the document itself/,
    );
  });
});
