// The review page's requests: allowed from Steward's own review tab, refused from content scripts, from
// the assign frame a web page can embed, and when malformed (too many tasks per fetch).
import { describe, expect, it } from 'vitest';
import { createRouter, type Handlers } from '../../../src/background/router';

const ID = 'steward-id';
const BASE = 'chrome-extension://steward-id/';
const reviewTab = {
  id: ID,
  url: `${BASE}review/review.html`,
  tab: { id: 3, url: `${BASE}review/review.html` },
};
const contentSender = { id: ID, url: 'https://phabricator.example.org/T14', tab: { id: 7 }, frameId: 0 };
const assignFrame = {
  id: ID,
  url: `${BASE}assign/assign.html?task=14`,
  tab: { id: 7, url: 'https://phabricator.example.org/T14' },
  frameId: 12,
};
const INSTANCE = 'https://phabricator.example.org';

function router() {
  const calls: string[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_target, type: string) => async () => {
      calls.push(type);
      return {};
    },
  });
  return { route: createRouter({ extensionId: ID, extensionBaseUrl: BASE, handlers }), calls };
}

describe('review page requests', () => {
  it('are answered for the review tab', async () => {
    const { route, calls } = router();
    for (const request of [
      { type: 'review/first', first: 40 },
      { type: 'review/open', instance: INSTANCE, refresh: false, first: 40 },
      { type: 'review/fetch', instance: INSTANCE, ids: [1, 2, 3] },
      { type: 'review/resolved', instance: INSTANCE },
    ])
      expect(await route(request, reviewTab as never)).toMatchObject({ ok: true });
    expect(calls).toEqual(['review/first', 'review/open', 'review/fetch', 'review/resolved']);
  });

  it('the review tab may only read its reviews: no settings, imports, tokens or assignments', async () => {
    const { route, calls } = router();
    for (const request of [
      // review/first gives it the instances' addresses; the settings themselves are not its business.
      { type: 'settings/get' },
      { type: 'settings/save', settings: {} },
      { type: 'settings/import', document: '{}' },
      { type: 'settings/export' },
      { type: 'token/set', instance: INSTANCE, token: 'api-aaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
      { type: 'token/set', instance: INSTANCE, token: null },
      {
        type: 'process-owner/assign',
        instance: INSTANCE,
        taskId: 14,
        username: 'alice',
        note: '',
        requestId: 'request-1',
      },
    ]) {
      const reply = await route(request, reviewTab as never);
      expect(reply, request.type).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    expect(calls).toEqual([]);
  });

  it('are refused from a content script and from the framed assign page, before any handler runs', async () => {
    const { route, calls } = router();
    for (const request of [
      { type: 'review/open', instance: INSTANCE, refresh: true },
      { type: 'review/first', instance: INSTANCE, first: 40 },
    ]) {
      expect(await route(request, contentSender as never)).toMatchObject({
        ok: false,
        error: { kind: 'bad-request' },
      });
      expect(await route(request, assignFrame as never)).toMatchObject({
        ok: false,
        error: { kind: 'forbidden' },
      });
    }
    expect(calls).toEqual([]);
  });

  it('refuse a fetch of more than 25 tasks at once, or of none', async () => {
    const { route, calls } = router();
    const ids = Array.from({ length: 26 }, (_, i) => i + 1);
    expect(await route({ type: 'review/fetch', instance: INSTANCE, ids }, reviewTab as never)).toMatchObject({
      ok: false,
      error: { kind: 'bad-request' },
    });
    expect(
      await route({ type: 'review/fetch', instance: INSTANCE, ids: [] }, reviewTab as never),
    ).toMatchObject({
      ok: false,
    });
    expect(calls).toEqual([]);
  });
});
