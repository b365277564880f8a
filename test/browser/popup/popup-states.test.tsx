// What the popup says while loading, when the worker's cache and Phabricator disagree, and in each state
// where there is nothing to list: every one ends in something to do.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { PageRequest, WatchlistView } from '../../../src/messages';
import { fail, fakeWorker, ok } from '../../fixtures/views/fake-worker';
import { NOW } from '../../fixtures/views/people';
import { rowT1, rowT14, rowT7, watchlist } from '../../fixtures/views/watchlist';
import { buttonIn, mountPopup, rowIds, settled, text, unmountPopup } from './harness';

afterEach(unmountPopup);

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('popup opening', () => {
  it('shows a loading state until the first list arrives', async () => {
    const reply = deferred<unknown>();
    const popup = mountPopup(fakeWorker({ 'watchlist/get': () => reply.promise }));
    await vi.waitFor(() => expect(popup.root.querySelector('[data-state="loading"]')).not.toBeNull());
    expect(popup.root.querySelector('main')?.getAttribute('aria-busy')).toBe('true');
    reply.resolve(ok(watchlist()));
    await settled(popup);
    expect(popup.root.querySelector('[data-state="loading"]')).toBeNull();
  });

  it('draws the cached list first, then asks for a fresh one and redraws', async () => {
    const fresh = deferred<unknown>();
    const worker = fakeWorker({
      'watchlist/get': (request: PageRequest) =>
        request.type === 'watchlist/get' && request.refresh
          ? fresh.promise
          : ok(watchlist({ rows: [rowT7] })),
    });
    const popup = mountPopup(worker);
    await vi.waitFor(() => expect(rowIds(popup.root)).toEqual([7]));
    expect(worker.sent('watchlist/get')).toEqual([
      { type: 'watchlist/get' },
      { type: 'watchlist/get', refresh: true },
    ]);
    expect(text(buttonIn(popup.root, /Refresh/))).toBe('Refreshing…');
    fresh.resolve(ok(watchlist({ rows: [rowT1, rowT7] })));
    await vi.waitFor(() => expect(rowIds(popup.root)).toEqual([1, 7]));
  });

  it('keeps the cached list and says why when the refresh fails', async () => {
    const worker = fakeWorker({
      'watchlist/get': (request: PageRequest) =>
        request.type === 'watchlist/get' && request.refresh
          ? fail('network', 'Phabricator did not answer within 20 seconds.', true)
          : ok(watchlist({ rows: [rowT7] })),
    });
    const popup = mountPopup(worker);
    await settled(popup);
    expect(rowIds(popup.root)).toEqual([7]);
    expect(text(popup.root.querySelector('[data-state="refresh-failed"]'))).toBe(
      'Could not refresh; showing the last list. Phabricator did not answer within 20 seconds.',
    );
  });

  it('says the background is not answering and retries on request', async () => {
    const worker = fakeWorker({});
    worker.transport = async (request) => {
      worker.requests.push(request);
      throw new Error('Could not establish connection. Receiving end does not exist.');
    };
    const popup = mountPopup(worker);
    await vi.waitFor(() => expect(popup.root.querySelector('[data-state="error"]')).not.toBeNull());
    expect(text(popup.root.querySelector('[data-state="error"]'))).toContain(
      "Steward's background is not answering: Could not establish connection.",
    );
    const before = worker.requests.length;
    await userEvent.click(buttonIn(popup.root, /Try again/));
    expect(worker.requests.length).toBe(before + 1);
  });

  it('rejects a reply it does not understand instead of drawing half a list', async () => {
    const popup = mountPopup(fakeWorker({ 'watchlist/get': ok({ rows: 'nope' }) }));
    await vi.waitFor(() =>
      expect(text(popup.root.querySelector('[data-state="error"]'))).toContain(
        'reply it does not understand',
      ),
    );
  });
});

describe('popup states', () => {
  const cases: Array<{
    name: string;
    view: Partial<WatchlistView>;
    says: RegExp;
    button: RegExp;
    section: string;
  }> = [
    {
      name: 'not configured',
      view: { connection: 'not-configured', instance: null, viewer: null, rows: [], lastPollAt: null },
      says: /Steward is not set up yet.*Add your Phabricator or Phorge address/,
      button: /Set up Steward/,
      section: 'instances',
    },
    {
      name: 'no permission',
      view: { connection: 'no-permission', rows: [] },
      says: /Steward may not read http:\/\/127\.0\.0\.1:8081 yet\. Grant access in the options\./,
      button: /Grant access/,
      section: 'instances',
    },
    {
      name: 'signed out',
      view: { connection: 'signed-out', connectionMessage: 'Phorge answered: session expired.' },
      says: /You are signed out.*Sign in to http:\/\/127\.0\.0\.1:8081.*Phorge answered: session expired\./,
      button: /Use an API token/,
      section: 'instances',
    },
    {
      name: 'invalid token',
      view: {
        connection: 'invalid-token',
        connectionMessage: 'ERR-INVALID-AUTH: API token "api-…" has the wrong length.',
      },
      says: /refused Steward's API token\. Store a new one.*ERR-INVALID-AUTH/,
      button: /Replace the token/,
      section: 'instances',
    },
  ];

  it.each(cases)(
    '$name: says what to do and opens the options at $section',
    async ({ view, says, button, section }) => {
      const popup = mountPopup(fakeWorker({ 'watchlist/get': ok(watchlist(view)) }));
      await settled(popup);
      const notice = popup.root.querySelector('section.notice') as HTMLElement;
      expect(text(notice)).toMatch(says);
      await userEvent.click(buttonIn(notice, button));
      expect(popup.opened).toEqual([section]);
    },
  );

  it('signed out: links to the instance login in a new tab and can try again', async () => {
    const popup = mountPopup(fakeWorker({ 'watchlist/get': ok(watchlist({ connection: 'signed-out' })) }));
    await settled(popup);
    const signIn = popup.root.querySelector('section.notice a') as HTMLAnchorElement;
    expect(signIn.href).toBe('http://127.0.0.1:8081/login/');
    expect(signIn.target).toBe('_blank');
    await userEvent.click(buttonIn(popup.root.querySelector('section.notice')!, /Try again/));
    expect(popup.worker.sent('watchlist/get').at(-1)).toEqual({ type: 'watchlist/get', refresh: true });
  });

  it('offline: says since when the list is old, keeps showing it, and retries', async () => {
    const popup = mountPopup(
      fakeWorker({
        'watchlist/get': ok(
          watchlist({
            connection: 'unreachable',
            connectionMessage: 'Failed to fetch',
            lastPollAt: NOW - 600,
          }),
        ),
      }),
    );
    await settled(popup);
    const notice = popup.root.querySelector('[data-state="unreachable"]') as HTMLElement;
    expect(text(notice.querySelector('h2'))).toBe('Cannot reach Phabricator');
    expect(text(notice.querySelector('p'))).toBe(
      'Steward cannot reach http://127.0.0.1:8081. The list below is from 10 minutes ago.',
    );
    expect(text(notice.querySelector('.detail'))).toBe('Failed to fetch');
    expect(rowIds(popup.root)).toEqual([1, 7, 11, 15, 16]);
    const before = popup.worker.sent('watchlist/get').length;
    await userEvent.click(buttonIn(notice, /Try again/));
    expect(popup.worker.sent('watchlist/get').length).toBe(before + 1);
  });

  it('nothing watched: points to the watch rules', async () => {
    const popup = mountPopup(
      fakeWorker({ 'watchlist/get': ok(watchlist({ rows: [], deployGate: { blocked: false, count: 0 } })) }),
    );
    await settled(popup);
    const empty = popup.root.querySelector('[data-state="nothing-watched"]') as HTMLElement;
    expect(text(empty)).toContain('You watch no Unbreak Now! task.');
    expect(popup.root.querySelector('.filters')).toBeNull();
    await userEvent.click(buttonIn(empty, /Set watch rules/));
    expect(popup.opened).toEqual(['watch']);
  });

  it('nothing stale: says the watched tasks are on track', async () => {
    const popup = mountPopup(
      fakeWorker({
        'watchlist/get': ok(watchlist({ rows: [rowT14], deployGate: { blocked: false, count: 0 } })),
      }),
    );
    await settled(popup);
    expect(text(popup.root.querySelector('[data-state="all-fine"]'))).toBe(
      'Nothing is stale: your one watched UBN! task is on track.',
    );
  });

  it('the Options button opens the options page', async () => {
    const popup = mountPopup(fakeWorker({ 'watchlist/get': ok(watchlist()) }));
    await settled(popup);
    await userEvent.click(buttonIn(popup.root.querySelector('header')!, /^Options$/));
    expect(popup.opened).toEqual(['instances']);
  });
});

describe('popup review link', () => {
  it('opens the review page on the instance the popup shows', async () => {
    const popup = mountPopup(
      fakeWorker({
        'watchlist/get': () => ok(watchlist({ instance: 'https://phab.example.org', rows: [rowT7] })),
      }),
    );
    await settled(popup);
    const link = [...popup.root.querySelectorAll('a')].find((a) =>
      a.getAttribute('href')?.includes('review'),
    )!;
    expect(link.getAttribute('href')).toBe('../review/review.html?instance=https%3A%2F%2Fphab.example.org');
  });
});
