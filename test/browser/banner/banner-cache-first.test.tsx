// The banner answered from the worker's cache: a first answer that is not the whole story yet (`pending`)
// is followed by a settle request whose answer replaces it in place; a never-seen task shows its owners at
// once with a placeholder for the lines that need its history; an outage shows the last good state, marked.
import { afterEach, describe, expect, it } from 'vitest';
import type { ContentRequest, TaskContext } from '../../../src/messages';
import { SEEDED_AT, person, t14 } from '../../fixtures/contexts/task-contexts';
import { ok, runBanner, textOf, waitFor, type Running } from './harness';

let running: Running | null = null;
afterEach(() => {
  running?.stop();
  running = null;
});

/** Answers the first ask with `first` and the settle request (once released) with `settled`. */
function twoStep(first: TaskContext, settled: () => TaskContext | Promise<TaskContext>) {
  let release!: () => void;
  const released = new Promise<void>((done) => (release = done));
  const answer = async (request: ContentRequest) => {
    if (request.type !== 'task/context') return ok({});
    if (!request.settle) return ok(first);
    await released;
    return ok(await settled());
  };
  return { answer, release };
}

/** Every change of data-state and of the announcer's text, from now on. */
function recordStates(r: Running) {
  const states: string[] = [];
  const spoken: string[] = [];
  const stateNow = () => r.banner().getAttribute('data-state') ?? '';
  const textNow = () => r.shadow().querySelector('[data-steward="announcer"]')?.textContent ?? '';
  let lastState = stateNow();
  let lastText = textNow();
  const observer = new MutationObserver(() => {
    if (stateNow() !== lastState) states.push((lastState = stateNow()));
    if (textNow() !== lastText) spoken.push((lastText = textNow()));
  });
  observer.observe(r.shadow(), { subtree: true, childList: true, attributes: true, characterData: true });
  return { states, spoken, stop: () => observer.disconnect() };
}

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

describe('answered from the cache, then checked', () => {
  it('shows the cached banner at once and updates it in place when the check brings news', async () => {
    const { answer, release } = twoStep({ ...t14(), pending: 'check' }, declaredBob);
    running = await runBanner('task-T14.alice.html', '/T14', answer);
    const r = running;
    await r.until('ready');
    expect(textOf(r.banner())).toContain('Process owner: None');
    const seen = recordStates(r);
    release();
    await waitFor(() => textOf(r.banner()).includes('Process owner: Bob Brown'));
    await new Promise((done) => setTimeout(done, 30));
    seen.stop();
    // No loading state in between, and the settle request carried the same page facts.
    expect(seen.states).toEqual([]);
    expect(r.requests.map((q) => q.type === 'task/context' && q.settle === true)).toEqual([false, true]);
    expect(r.requests[1]).toMatchObject({ page: { newestTransaction: 155 } });
    expect(r.banner().hasAttribute('data-pending')).toBe(false);
  });

  it('says nothing new to a screen reader when the check finds the task unchanged', async () => {
    const { answer, release } = twoStep({ ...t14(), pending: 'check' }, t14);
    running = await runBanner('task-T14.alice.html', '/T14', answer);
    const r = running;
    await r.until('ready');
    const live = r.shadow().querySelector('[data-steward="announcer"]')!;
    await waitFor(() => live.textContent !== '');
    const seen = recordStates(r);
    release();
    await waitFor(() => r.requests.length === 2);
    await new Promise((done) => setTimeout(done, 50));
    seen.stop();
    expect(seen.spoken).toEqual([]);
    expect(seen.states).toEqual([]);
  });
});

describe('a task never seen before', () => {
  it('shows its owners at once, a placeholder for the escalation and process owner, then the whole banner', async () => {
    const partial: TaskContext = {
      ...t14(),
      escalation: null,
      processOwner: null,
      stale: [],
      suggestions: [],
      pending: 'history',
    };
    const { answer, release } = twoStep(partial, t14);
    running = await runBanner('task-T14.alice.html', '/T14', answer);
    const r = running;
    await r.until('partial');
    const banner = r.banner();
    expect(banner.getAttribute('data-pending')).toBe('history');
    expect(banner.getAttribute('data-expect')).toBe('ubn');
    expect(r.shadow().querySelector('section')?.getAttribute('aria-busy')).toBe('true');
    expect(textOf(banner)).toContain("Reading the task's history");
    expect(textOf(banner)).toContain('CentralAuth');
    expect(textOf(banner)).not.toContain('Process owner');
    // Nothing is spoken until the banner is whole.
    expect(r.shadow().querySelector('[data-steward="announcer"]')?.textContent).toBe('');
    release();
    await r.until('ready');
    expect(textOf(r.banner())).toContain('Process owner: None');
    expect(textOf(r.banner())).not.toContain("Reading the task's history");
    await waitFor(() => r.shadow().querySelector('[data-steward="announcer"]')?.textContent !== '');
  });

  it('keeps its owners with the error when its history cannot be read, still partial, never as whole', async () => {
    const partial: TaskContext = { ...t14(), escalation: null, processOwner: null, pending: 'history' };
    running = await runBanner('task-T14.alice.html', '/T14', (request) =>
      request.type === 'task/context' && request.settle
        ? { ok: false, error: { kind: 'network', message: 'Phabricator did not answer.' } }
        : ok(partial),
    );
    const r = running;
    await waitFor(() => textOf(r.banner()).includes('Phabricator did not answer.'));
    expect(r.banner().getAttribute('data-state')).toBe('partial');
    expect(r.banner().getAttribute('data-pending')).toBe('history');
    expect(textOf(r.banner())).toContain('CentralAuth');
    expect(textOf(r.banner())).not.toContain('Process owner');
  });

  it('asks nothing more after an answer marked with an outage (a settle ask would read Phabricator again)', async () => {
    const partial: TaskContext = { ...t14(), escalation: null, processOwner: null, pending: 'history' };
    const outage = {
      kind: 'network' as const,
      message: 'Steward cannot reach Phabricator.',
      readAt: SEEDED_AT,
    };
    const asks: ContentRequest[] = [];
    running = await runBanner('task-T14.alice.html', '/T14', (request) => {
      asks.push(request);
      return request.type === 'task/context' ? ok({ ...partial, outage }) : ok({});
    });
    const r = running;
    await waitFor(() => r.shadow().querySelector('[data-outage]') !== null);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(asks.filter((a) => a.type === 'task/context' && a.settle === true)).toEqual([]);
  });

  it('shows the owners the worker still knows during an outage, marked with the problem', async () => {
    const partial: TaskContext = { ...t14(), escalation: null, processOwner: null, pending: 'history' };
    const outage = {
      kind: 'network' as const,
      message: 'Steward cannot reach Phabricator.',
      readAt: SEEDED_AT - 600,
    };
    running = await runBanner('task-T14.alice.html', '/T14', (request) =>
      request.type === 'task/context' ? ok(request.settle ? { ...partial, outage } : partial) : ok({}),
    );
    const r = running;
    await waitFor(() => r.shadow().querySelector('[data-outage]') !== null);
    expect(r.banner().getAttribute('data-state')).toBe('partial');
    expect(textOf(r.banner())).toContain('CentralAuth');
    expect(textOf(r.banner())).not.toContain('Process owner');
    // Nothing is being read any more: no promise of a history on its way, and not busy for screen readers.
    expect(textOf(r.banner())).not.toContain("Reading the task's history");
    expect(r.shadow().querySelector('section')?.getAttribute('aria-busy')).toBe('false');
  });
});

describe('during an outage', () => {
  it('shows the last good state, marked with its age and the problem', async () => {
    const lastGood: TaskContext = {
      ...t14(),
      outage: { kind: 'network', message: 'Steward cannot reach Phabricator.', readAt: SEEDED_AT - 2 * 3600 },
    };
    running = await runBanner('task-T14.alice.html', '/T14', (request) =>
      request.type === 'task/context' ? ok(lastGood) : ok({}),
    );
    await running.until('ready');
    const notice = running.shadow().querySelector('[data-outage]');
    expect(notice?.getAttribute('data-outage')).toBe('network');
    expect(textOf(notice!)).toBe(
      'Phabricator could not be asked; this is what Steward read 2 hours ago. Steward cannot reach Phabricator. Retry',
    );
    // The last good content is still there, with its action.
    expect(textOf(running.banner())).toContain('Process owner: None');
    expect(running.shadow().querySelector('[data-action="assign"]')).not.toBeNull();
  });

  it('offers to log in when the session expired', async () => {
    const lastGood: TaskContext = {
      ...t14(),
      outage: { kind: 'session-expired', message: 'Your session expired.', readAt: SEEDED_AT - 600 },
    };
    running = await runBanner('task-T14.alice.html', '/T14', (request) =>
      request.type === 'task/context' ? ok(lastGood) : ok({}),
    );
    await running.until('ready');
    const link = running.shadow().querySelector<HTMLAnchorElement>('[data-outage] a');
    expect(link?.textContent).toBe('Log in');
    expect(link?.getAttribute('href')).toContain('/auth/start/?next=');
  });
});

describe('Retry over an outage or a failed refresh', () => {
  const lastGood = (): TaskContext => ({
    ...t14(),
    outage: { kind: 'network', message: 'Steward cannot reach Phabricator.', readAt: SEEDED_AT - 600 },
  });

  it('asks Phabricator again and keeps the last good state on screen meanwhile; a recovery clears the notice', async () => {
    const asks: ContentRequest[] = [];
    running = await runBanner('task-T14.alice.html', '/T14', (request) => {
      asks.push(request);
      if (request.type !== 'task/context') return ok({});
      return ok(request.refresh ? declaredBob() : lastGood());
    });
    const r = running;
    await r.until('ready');
    const seen = recordStates(r);
    const retry = [...r.shadow().querySelectorAll<HTMLButtonElement>('[data-outage] button')];
    expect(retry.map((b) => b.textContent)).toEqual(['Retry']);
    retry[0]!.click();
    await waitFor(() => r.shadow().querySelector('[data-outage]') === null);
    seen.stop();
    expect(asks.some((a) => a.type === 'task/context' && a.refresh === true)).toBe(true);
    // Never back to the loading placeholder: the content stayed while Phabricator was asked.
    expect(seen.states).not.toContain('loading');
    expect(textOf(r.banner())).toContain('bob');
  });

  it('a Retry that fails again keeps what is shown, says so, and can be tried again', async () => {
    running = await runBanner('task-T14.alice.html', '/T14', (request) => {
      if (request.type !== 'task/context') return ok({});
      return request.refresh
        ? { ok: false, error: { kind: 'network', message: 'Phabricator did not answer.' } }
        : ok(lastGood());
    });
    const r = running;
    await r.until('ready');
    r.shadow().querySelector<HTMLButtonElement>('[data-outage] button')!.click();
    await waitFor(() => textOf(r.banner()).includes('Could not refresh'));
    expect(r.banner().getAttribute('data-state')).toBe('ready');
    expect(textOf(r.banner())).toContain('Process owner: None');
    const again = [...r.shadow().querySelectorAll<HTMLButtonElement>('button')].filter(
      (b) => b.textContent === 'Retry',
    );
    expect(again.length).toBeGreaterThan(0);
    // Keyboard focus stays in the banner when the button it was on goes away.
    again[again.length - 1]!.click();
    expect(r.shadow().activeElement).toBe(r.banner());
  });
});
