// Messages are routed by trust: content scripts get a small read-only set, extension pages the rest,
// and anything else is refused before a handler runs.
import { describe, expect, it, vi } from 'vitest';
import { createRouter, type Handlers } from '../../../src/background/router';
import { classifySender } from '../../../src/background/sender';

const ID = 'steward-id';
const BASE = 'chrome-extension://steward-id/';
const contentSender = { id: ID, url: 'https://phabricator.example.org/T14', tab: { id: 7 }, frameId: 0 };
const pageSender = { id: ID, url: `${BASE}popup/popup.html` };

function router() {
  const calls: string[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_target, type: string) => async (request: unknown) => {
      calls.push(type);
      return { echoed: request };
    },
  });
  return { route: createRouter({ extensionId: ID, extensionBaseUrl: BASE, handlers }), calls };
}

describe('sender classification', () => {
  it('knows its own pages, its content scripts in top frames, and nobody else', () => {
    expect(classifySender(pageSender as never, ID, BASE)).toEqual({
      kind: 'extension-page',
      url: pageSender.url,
      framedIn: null,
    });
    expect(classifySender(contentSender as never, ID, BASE)).toMatchObject({
      kind: 'content-script',
      tabId: 7,
      origin: 'https://phabricator.example.org',
    });
    expect(classifySender({ ...contentSender, id: 'other-extension' } as never, ID, BASE)).toBeNull();
    expect(classifySender({ ...contentSender, frameId: 3 } as never, ID, BASE)).toBeNull();
    expect(classifySender({ ...contentSender, url: 'file:///etc/passwd' } as never, ID, BASE)).toBeNull();
  });

  it('treats the assign frame inside a task page as an extension page framed by that page', () => {
    const frame = {
      id: ID,
      url: `${BASE}assign/assign.html?task=14`,
      tab: { id: 7, url: 'https://phabricator.example.org/T14' },
      frameId: 12,
    };
    expect(classifySender(frame as never, ID, BASE)).toMatchObject({
      kind: 'extension-page',
      framedIn: 'https://phabricator.example.org',
    });
  });
});

describe('router', () => {
  it("lets a content script ask what is cached for its own page's task, and no other", async () => {
    const { route, calls } = router();
    expect((await route({ type: 'task/cached', taskId: 14 }, contentSender as never)).ok).toBe(true);
    const other = await route({ type: 'task/cached', taskId: 15 }, contentSender as never);
    expect(other).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(calls).toEqual(['task/cached']);
  });

  it('sets aside page facts naming people that are not usernames, or too many: the ask goes on without them', async () => {
    const { route, calls } = router();
    const facts = (people: string[]) => ({
      type: 'task/context',
      taskId: 14,
      page: {
        phid: 'PHID-TASK-14',
        title: 'Login broken',
        newestTransaction: 155,
        priority: 'Unbreak Now!',
        status: 'Open',
        closed: false,
        assignee: null,
        tags: [],
        people,
      },
    });
    expect((await route(facts(['alice', 'bob.smith', 'carol_1']), contentSender as never)).ok).toBe(true);
    for (const people of [['<img src=x>'], ['a b'], ['x'.repeat(65)], [''], Array(101).fill('alice')]) {
      const reply = await route(facts(people), contentSender as never);
      // The handler echoes what reached it: the ask, without the facts the worker cannot trust.
      expect(reply).toEqual({ ok: true, data: { echoed: { type: 'task/context', taskId: 14 } } });
    }
    expect(calls).toEqual(Array(6).fill('task/context'));
  });

  it('lets a content script read its task context', async () => {
    const { route, calls } = router();
    const reply = await route({ type: 'task/context', taskId: 14 }, contentSender as never);
    expect(reply.ok).toBe(true);
    expect(calls).toEqual(['task/context']);
  });

  it('lets a content script ask only about the task its page shows', async () => {
    const { route, calls } = router();
    expect(await route({ type: 'task/context', taskId: 15 }, contentSender as never)).toEqual({
      ok: false,
      error: { kind: 'forbidden', message: 'A page may ask only about its own task.' },
    });
    const anchored = { ...contentSender, url: 'https://phabricator.example.org/T14?x=1#comment-3' };
    expect((await route({ type: 'task/watch', taskId: 14, watched: true }, anchored as never)).ok).toBe(true);
    expect(calls).toEqual(['task/watch']);
  });

  it('refuses writes and settings from a content script, without running a handler', async () => {
    const { route, calls } = router();
    for (const message of [
      {
        type: 'process-owner/assign',
        instance: 'https://x.org',
        taskId: 1,
        username: 'bob',
        note: '',
        requestId: '12345678',
      },
      { type: 'settings/save', settings: {} },
      { type: 'token/set', instance: 'https://x.org', token: 'api-x' },
    ]) {
      const reply = await route(message, contentSender as never);
      expect(reply).toEqual({ ok: false, error: expect.objectContaining({ kind: 'bad-request' }) });
    }
    expect(calls).toEqual([]);
  });

  it('refuses malformed requests with a clear message', async () => {
    const { route } = router();
    const reply = await route({ type: 'task/context', taskId: -3 }, contentSender as never);
    expect(reply).toEqual({
      ok: false,
      error: {
        kind: 'bad-request',
        message: 'Request "task/context" is not allowed from here or is malformed.',
      },
    });
    expect((await route('hello', pageSender as never)).ok).toBe(false);
  });

  it('refuses other extensions entirely', async () => {
    const { route } = router();
    const reply = await route({ type: 'hello' }, {
      id: 'evil',
      url: 'chrome-extension://evil/x.html',
    } as never);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('lets extension pages write', async () => {
    const { route, calls } = router();
    const reply = await route(
      {
        type: 'process-owner/assign',
        instance: 'https://x.org',
        taskId: 1,
        username: 'bob',
        note: 'drive it',
        requestId: 'abcdefgh',
      },
      pageSender as never,
    );
    expect(reply.ok).toBe(true);
    expect(calls).toEqual(['process-owner/assign']);
  });

  it('lets the assign frame write only for the instance that frames it, and never touch settings', async () => {
    const { route, calls } = router();
    const framed = (pageUrl: string) => ({
      id: ID,
      url: `${BASE}assign/assign.html`,
      tab: { id: 3, url: pageUrl },
      frameId: 5,
    });
    const assign = {
      type: 'process-owner/assign',
      instance: 'https://phabricator.example.org',
      taskId: 14,
      username: 'bob',
      note: '',
      requestId: 'abcdefgh',
    };
    expect((await route(assign, framed('https://phabricator.example.org/T14') as never)).ok).toBe(true);
    expect(await route(assign, framed('https://evil.example.com/') as never)).toEqual({
      ok: false,
      error: { kind: 'forbidden', message: 'This frame may act only for the page that shows it.' },
    });
    expect(
      await route(
        { type: 'settings/save', settings: {} },
        framed('https://phabricator.example.org/T14') as never,
      ),
    ).toEqual({
      ok: false,
      error: { kind: 'forbidden', message: "Only Steward's own pages may do this." },
    });
    expect(calls).toEqual(['process-owner/assign']);
  });

  it('gives the assign page opened on its own (a web page could open it) no power at all', async () => {
    const { route, calls } = router();
    const alone = {
      id: ID,
      url: `${BASE}assign/assign.html?instance=https://phabricator.example.org&task=1`,
    };
    const assign = {
      type: 'process-owner/assign',
      instance: 'https://phabricator.example.org',
      taskId: 1,
      username: 'bob',
      note: '',
      requestId: 'abcdefgh',
    };
    expect(await route(assign, alone as never)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await route({ type: 'settings/get' }, alone as never)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    expect(calls).toEqual([]);
  });

  it('turns a handler failure into an error reply, never a thrown exception', async () => {
    const route = createRouter({
      extensionId: ID,
      extensionBaseUrl: BASE,
      handlers: new Proxy({} as Handlers, {
        get: () => async () => {
          throw new Error('disk full');
        },
      }),
    });
    expect(await route({ type: 'hello' }, pageSender as never)).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'Steward hit an unexpected problem: disk full' },
    });
  });
  void vi;
});
