// The banner injected before its page is parsed: it asks the worker what it has cached for the task at once
// (task/cached), and at DOMContentLoaded shows that answer whole if the page shows nothing newer than the
// cached history, while its own ask with the page's facts is still on its way. A page that shows a newer
// transaction never sees the cached state, and no later ask ever goes back to it.
import { afterEach, describe, expect, it } from 'vitest';
import type { ContentRequest, TaskContext } from '../../../src/messages';
import { SEEDED_AT, person, t14 } from '../../fixtures/contexts/task-contexts';
import { ok, runBanner, textOf, waitFor, type Running } from './harness';

let running: Running | null = null;
afterEach(() => {
  running?.stop();
  running = null;
});

const declaredBob = (): TaskContext => ({
  ...t14(),
  processOwner: {
    state: 'declared',
    person: person('bob'),
    declaredAt: SEEDED_AT - 60,
    acknowledgedAt: null,
    lastActivityAt: null,
    problem: null,
  },
});

/** task/cached answers `cached`; task/context waits until released, then answers `context()`. */
function worker(cached: unknown, context: () => TaskContext) {
  let release!: () => void;
  let released = new Promise<void>((done) => (release = done));
  const answer = async (request: ContentRequest) => {
    if (request.type === 'task/cached') return ok(cached);
    if (request.type !== 'task/context') return ok({});
    await released;
    return ok(context());
  };
  return {
    answer,
    release: () => release(),
    /** Later asks wait again until the next release. */
    hold: () => (released = new Promise<void>((done) => (release = done))),
  };
}

const texts = (r: Running) => {
  const seen: string[] = [];
  const observer = new MutationObserver(() => seen.push(textOf(r.banner())));
  observer.observe(r.shadow(), { subtree: true, childList: true, characterData: true, attributes: true });
  return { seen, stop: () => observer.disconnect() };
};

describe('a banner started before its page is parsed', () => {
  it("asks for the cached context at once and is whole at DOMContentLoaded, before its own ask's answer", async () => {
    const w = worker({ context: t14(), newestTransaction: 155 }, t14);
    running = await runBanner('task-T14.alice.html', '/T14', w.answer, undefined, { parsing: true });
    const r = running;
    // Nothing of the page can be read yet: only the cached context was asked for, for this page's task.
    expect(r.requests).toEqual([{ type: 'task/cached', taskId: 14 }]);
    expect(r.host()).toBeNull();
    await new Promise((done) => setTimeout(done, 0)); // the page is still being parsed
    r.finishParsing();
    // The answer came while the page was parsed: the banner's first render is the whole banner, with no
    // placeholder drawn before it.
    expect(r.banner().getAttribute('data-state')).toBe('ready');
    await r.until('ready');
    expect(r.banner().hasAttribute('data-pending')).toBe(false);
    expect(textOf(r.banner())).toContain('Process owner: None');
    // The page's own ask left at DOMContentLoaded with the page's facts, and is still unanswered.
    expect(r.requests[1]).toMatchObject({
      type: 'task/context',
      taskId: 14,
      page: { newestTransaction: 155 },
    });
    const live = r.shadow().querySelector('[data-steward="announcer"]')!;
    await waitFor(() => live.textContent !== '');
    const spoken = live.textContent;
    let mutations = 0;
    const watcher = new MutationObserver((records) => (mutations += records.length));
    watcher.observe(r.shadow(), { subtree: true, childList: true, attributes: true, characterData: true });
    w.release();
    await new Promise((done) => setTimeout(done, 50));
    watcher.disconnect();
    // The same facts again: the banner is not drawn again, and nothing is said twice.
    expect(mutations).toBe(0);
    expect(live.textContent).toBe(spoken);
    expect(r.banner().getAttribute('data-state')).toBe('ready');
  });

  it('shows the cached answer in place of the placeholder when it comes after DOMContentLoaded', async () => {
    const w = worker({ context: t14(), newestTransaction: 155 }, declaredBob);
    let reply!: () => void;
    const late = new Promise<void>((done) => (reply = done));
    const answer = async (request: ContentRequest) => {
      if (request.type === 'task/cached') await late;
      return w.answer(request);
    };
    running = await runBanner('task-T14.alice.html', '/T14', answer, undefined, { parsing: true });
    const r = running;
    r.finishParsing();
    expect(r.banner().getAttribute('data-state')).toBe('loading');
    reply();
    await r.until('ready');
    expect(textOf(r.banner())).toContain('Process owner: None');
    // The page's own answer, newer, replaces it in place.
    w.release();
    await waitFor(() => textOf(r.banner()).includes('Process owner: Bob Brown'));
  });

  it('never shows the cached state on a page that shows a newer transaction', async () => {
    // The cache holds the history up to #150; the page shows #155.
    const w = worker({ context: t14(), newestTransaction: 150 }, declaredBob);
    running = await runBanner('task-T14.alice.html', '/T14', w.answer, undefined, { parsing: true });
    const r = running;
    r.finishParsing();
    await waitFor(() => r.host()?.shadowRoot?.querySelector('[data-steward="banner"]') != null);
    const shown = texts(r);
    await new Promise((done) => setTimeout(done, 50));
    expect(r.banner().getAttribute('data-state')).toBe('loading');
    w.release();
    await r.until('ready');
    shown.stop();
    expect(textOf(r.banner())).toContain('Process owner: Bob Brown');
    expect(shown.seen.some((text) => text.includes('Process owner: None'))).toBe(false);
  });

  it('keeps the placeholder when nothing is cached, and the page is answered as before', async () => {
    const w = worker(null, t14);
    running = await runBanner('task-T14.alice.html', '/T14', w.answer, undefined, { parsing: true });
    const r = running;
    r.finishParsing();
    await waitFor(() => r.requests.length === 2);
    await new Promise((done) => setTimeout(done, 30));
    expect(r.banner().getAttribute('data-state')).toBe('loading');
    w.release();
    await r.until('ready');
  });

  it('never goes back to the cached answer on a later ask', async () => {
    const w = worker({ context: t14(), newestTransaction: 155 }, declaredBob);
    running = await runBanner('task-T14.alice.html', '/T14', w.answer, undefined, { parsing: true });
    const r = running;
    r.finishParsing();
    await r.until('ready');
    w.release();
    await waitFor(() => textOf(r.banner()).includes('Process owner: Bob Brown'));
    const shown = texts(r);
    w.hold();
    r.emitChanged(14);
    await waitFor(() => r.requests.filter((q) => q.type === 'task/context').length === 2);
    await new Promise((done) => setTimeout(done, 30));
    w.release();
    await new Promise((done) => setTimeout(done, 30));
    shown.stop();
    expect(shown.seen.some((text) => text.includes('Process owner: None'))).toBe(false);
    expect(r.requests.filter((q) => q.type === 'task/cached')).toHaveLength(1);
  });
});
