// The banner on the captured task pages, in each state a user can meet: what it says and where it sits.
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { SEEDED_AT, person, t11, t13, t14, t16, t7, t8 } from '../../fixtures/contexts/task-contexts';
import { answering, fail, runBanner, textOf, waitFor, type Running } from './harness';

let running: Running | null = null;
afterEach(() => {
  running?.stop();
  running = null;
});

async function show(page: string, path: string, answer: Parameters<typeof runBanner>[2]) {
  running = await runBanner(page, path, answer);
  return running;
}

function buttons(r: Running): string[] {
  return Array.from(r.shadow().querySelectorAll('button'), (b) => textOf(b));
}

describe('where the banner goes', () => {
  it.each(['task-T14.alice.html', 'task-T14.loggedout.html'])(
    'sits right under the title and tags on %s, once',
    async (page) => {
      const r = await show(page, '/T14', answering(t14()));
      await r.until('ready');
      const host = r.host()!;
      expect(r.doc.querySelectorAll('#steward-banner-host')).toHaveLength(1);
      expect(host.parentElement?.matches('.phui-two-column-header')).toBe(true);
      expect(host.previousElementSibling?.matches('.phui-header-shell')).toBe(true);
      // Drawn above the description, in the page's flow.
      const description = r.doc.querySelector('.phui-main-column')!;
      expect(host.getBoundingClientRect().bottom).toBeLessThanOrEqual(
        description.getBoundingClientRect().top,
      );
      expect(host.getBoundingClientRect().height).toBeGreaterThan(40);
    },
  );

  it('also works with an anchor and a query string in the address', async () => {
    const r = await show('task-T14.alice.html', '/T14?foo=1#comment-5', answering(t14()));
    await r.until('ready');
    // With what the page shows, so the worker can tell from its cache alone whether it is current.
    expect(r.requests[0]).toMatchObject({
      type: 'task/context',
      taskId: 14,
      page: {
        newestTransaction: 155,
        priority: 'Unbreak Now!',
        status: 'Open',
        closed: false,
        assignee: null,
        tags: [
          { name: 'CentralAuth', slug: 'centralauth' },
          { name: 'MediaWiki-Authentication', slug: 'mediawiki-authentication' },
        ],
      },
    });
  });

  it.each([
    ['maniphest.alice.html', '/maniphest/'],
    ['task-T15.bob-no-access.html', '/T15'],
    ['task-T15.loggedout.html', '/T15'],
  ])('stays away from %s', async (page, path) => {
    const r = await show(page, path, answering(t14()));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.host()).toBeNull();
    expect(r.requests).toHaveLength(0);
  });
});

describe('ready states on the captured tasks', () => {
  it('T14: UBN! for an hour, no process owner (loud, with the action), CentralAuth unowned', async () => {
    const r = await show('task-T14.alice.html', '/T14', answering(t14()));
    await r.until('ready');
    const banner = r.banner();
    const text = textOf(banner);
    expect(banner.dataset.variant).toBe('ubn');
    expect(banner.dataset.tone).toBe('notice');
    expect(text).toContain('Unbreak Now! for 1 hour');
    expect(text).toContain('Process owner: None. An Unbreak Now! task needs one person to drive it');
    expect(buttons(r)).toEqual(['Assign process owner', 'Watch']);
    const po = r.shadow().querySelector('[data-po]') as HTMLElement;
    expect(po.dataset.po).toBe('none');
    // Owners: the steward team with members and contacts, the unowned critical component flagged.
    const mwAuth = r.shadow().querySelector('[data-component="MediaWiki-Authentication"]')!;
    expect(textOf(mwAuth)).toContain(
      'Stewards: Platform Team (Alice Anderson @alice (available), Bob Brown @bob',
    );
    expect(textOf(mwAuth)).toContain('list: platform@lists.example.org');
    expect(textOf(mwAuth)).toContain('channel: #platform-team');
    const centralAuth = r.shadow().querySelector('[data-component="CentralAuth"]')!;
    expect(textOf(centralAuth)).toContain('critical component');
    expect(centralAuth.querySelector('[data-flag="unassigned"]')?.textContent).toBe('Unassigned');
    expect(textOf(centralAuth)).toContain('Stewards: none');
    expect(textOf(centralAuth)).toMatch(/Maintainers: Carol Chen @carol away until Dec 2/);
    // The dot is not alone: the words say the same thing.
    const carol = centralAuth.querySelector('[data-liveness="away"]')!;
    expect(carol.querySelector('.st-dot-away')?.getAttribute('aria-hidden')).toBe('true');
    const links = Array.from(mwAuth.querySelectorAll('a'), (a) => a.getAttribute('href'));
    expect(links).toContain('mailto:platform@lists.example.org');
    expect(links).toContain('http://127.0.0.1:8081/tag/platform-team/');
    expect(links).toContain('http://127.0.0.1:8081/p/alice/');
  });

  it('T11: 6 days old, stale; the assignee is away and was never declared; manager named', async () => {
    const r = await show('task-T11.alice.html', '/T11', answering(t11()));
    await r.until('ready');
    const banner = r.banner();
    const text = textOf(banner);
    expect(banner.dataset.tone).toBe('warning');
    expect(text).toContain('Unbreak Now! for 6 days');
    expect(r.shadow().querySelector('.st-escalation .st-badge')?.textContent).toBe('stale');
    expect(text).toContain('Process owner: not declared; the assignee is Carol Chen @carol away until Dec 2');
    expect(text).toContain('The assignee is away; nobody is declared.');
    expect(text).not.toContain('hand off');
    expect(buttons(r)[0]).toBe('Assign process owner');
    expect(text).toContain('manager: Ada Admin @admin');
    expect(r.shadow().querySelector('[data-flag="under-covered"]')).not.toBeNull();
    expect(text).toContain('Unwatch');
  });

  it('a released role: nobody drives the task; says who released it and when, offers to assign', async () => {
    const context = t14();
    context.escalation!.escalatedAt = SEEDED_AT - 25 * 3600;
    context.escalation!.ageSeconds = 25 * 3600;
    context.escalation!.severity = 'warning';
    context.processOwner!.released = { by: 'alice', at: SEEDED_AT - 40 * 60 };
    const r = await show('task-T14.alice.html', '/T14', answering(context));
    await r.until('ready');
    const text = textOf(r.banner());
    expect(text).toContain('Process owner: None.');
    expect(textOf(r.shadow().querySelector('[data-po-released]')!)).toBe(
      'Released by @alice 40 minutes ago: needs a new process owner.',
    );
    expect(buttons(r)[0]).toBe('Assign process owner');
  });

  it('an undeclared task whose assignee is disabled: an assignee is no process owner, so assign, not hand off', async () => {
    const context = t11();
    context.processOwner = { ...context.processOwner!, person: person('dave'), problem: 'disabled' };
    const r = await show('task-T11.alice.html', '/T11', answering(context));
    await r.until('ready');
    const text = textOf(r.banner());
    expect(text).toContain("The assignee's account is disabled; nobody is declared.");
    expect(text).not.toContain("process owner's account");
    expect(buttons(r)[0]).toBe('Assign process owner');
  });

  it('T7: 20 days old, critical, recurring; the declared owner is disabled', async () => {
    const r = await show('task-T7.alice.html', '/T7', answering(t7()));
    await r.until('ready');
    const banner = r.banner();
    const text = textOf(banner);
    expect(banner.dataset.tone).toBe('critical');
    expect(text).toContain('Unbreak Now! for 20 days');
    expect(r.shadow().querySelector('.st-escalation .st-badge')?.textContent).toBe('critical');
    expect(text).toContain('UBN! 3 times since 2015');
    expect(text).toMatch(
      /Process owner: Dave Davis @dave account disabled, declared 19 days ago, not acknowledged yet/,
    );
    expect(text).toContain("The process owner's account is disabled: hand off.");
    expect(buttons(r)[0]).toBe('Hand off…');
    expect(text).toContain('No component in the owners registry for: Security');
  });

  it('T16: acknowledged by a busy owner, with last activity; two stewards need a single process owner', async () => {
    const r = await show('task-T16.alice.html', '/T16', answering(t16()));
    await r.until('ready');
    const text = textOf(r.banner());
    expect(r.banner().dataset.tone).toBe('notice');
    expect(text).toContain('Unbreak Now! for 3 hours');
    expect(text).toMatch(
      /Process owner: Erin Evans @erin busy until Nov 26, since 2 hours ago, last activity 1 hour ago/,
    );
    expect(r.shadow().querySelector('[data-po]')?.getAttribute('data-po')).toBe('acknowledged');
    expect(r.shadow().querySelector('[data-flag="single-process-owner"]')?.textContent).toBe(
      'Needs a single process owner',
    );
    expect(buttons(r)[0]).toBe('Hand off…');
  });

  it('T8: a closed UBN! is one compact line with its owners, no actions', async () => {
    const r = await show('task-T8.alice.html', '/T8', answering(t8()));
    await r.until('ready');
    const banner = r.banner();
    expect(banner.dataset.variant).toBe('closed');
    expect(banner.dataset.tone).toBe('neutral');
    expect(textOf(banner)).toContain('Unbreak Now! task (Resolved).');
    expect(textOf(banner)).not.toContain('Unbreak Now! for');
    expect(buttons(r)).toEqual([]);
    expect(r.shadow().querySelector('[data-component="CentralAuth"]')).not.toBeNull();
  });

  it('T13: not UBN!, so owners only, compact', async () => {
    const r = await show('task-T13.alice.html', '/T13', answering(t13()));
    await r.until('ready');
    const banner = r.banner();
    expect(banner.dataset.variant).toBe('compact');
    expect(textOf(banner)).not.toContain('Process owner');
    expect(textOf(banner)).toContain('Owners: MediaWiki-Authentication');
    expect(textOf(banner)).toContain('No component in the owners registry for: Security');
    expect(buttons(r)).toEqual(['Watch']);
    expect(banner.getBoundingClientRect().height).toBeLessThan(90);
  });

  it('says when no registry is set up, with a way to set one up', async () => {
    const context = t13();
    context.ownership.registry.configured = false;
    const r = await show('task-T13.alice.html', '/T13', answering(context));
    await r.until('ready');
    expect(textOf(r.banner())).toContain('No owners registry is set up');
    // The user's own click: the page's scripted ones are ignored (banner-scripted-clicks.test.tsx).
    Array.from(r.shadow().querySelectorAll('button'))
      .find((b) => b.textContent === 'Set up the registry')!
      .focus();
    await userEvent.keyboard('{Enter}');
    expect(r.requests.at(-1)).toEqual({ type: 'ui/open-options', section: 'registry' });
  });

  it('names the owner of last resort and a stale registry source', async () => {
    const context = t14();
    context.ownership.lastResort = {
      name: 'Release Engineering',
      members: [],
      contacts: [
        { kind: 'list', label: 'releng@lists.example.org', href: 'mailto:releng@lists.example.org' },
      ],
      manager: null,
    };
    context.ownership.registry.sources[0] = {
      name: 'Developers/Maintainers',
      fetchedAt: 1,
      stale: true,
      error: 'HTTP 503 from mediawiki.org',
    };
    const r = await show('task-T14.alice.html', '/T14', answering(context));
    await r.until('ready');
    const text = textOf(r.banner());
    expect(text).toContain(
      'No live steward. Owner of last resort: Release Engineering list: releng@lists.example.org',
    );
    expect(text).toContain(
      'Owners data from Developers/Maintainers may be out of date: HTTP 503 from mediawiki.org',
    );
  });
});

describe('states without ownership', () => {
  it('reserves its space while loading', async () => {
    let release: (value: unknown) => void = () => {};
    const r = await show('task-T13.alice.html', '/T13', () => new Promise((resolve) => (release = resolve)));
    await r.until('loading');
    await waitFor(() => r.requests.length === 1);
    const below = r.doc.querySelector('.phui-two-column-content')!;
    const loadingTop = below.getBoundingClientRect().top;
    expect(textOf(r.banner())).toContain('Steward is loading who owns this task');
    expect(r.banner().querySelector('[aria-busy="true"]')).not.toBeNull();
    release({ ok: true, data: t13() });
    await r.until('ready');
    // The compact banner takes the space the placeholder held: the page below does not jump.
    expect(Math.abs(below.getBoundingClientRect().top - loadingTop)).toBeLessThanOrEqual(2);
  });

  it.each([
    ['not-configured', 'Steward is not set up for this Phabricator.', 'Open Steward options', {}],
    [
      'no-permission',
      'does not have permission to read this Phabricator',
      'Grant access in Steward options',
      { section: 'instances' },
    ],
    ['invalid-token', "rejected Steward's API token", 'Open Steward options', { section: 'instances' }],
  ] as const)('%s: says so, and its button opens the options', async (kind, text, button, request) => {
    const r = await show('task-T14.alice.html', '/T14', () => fail({ kind, message: 'x' }));
    await r.until(kind);
    expect(textOf(r.banner())).toContain(text);
    const target = Array.from(r.shadow().querySelectorAll('button')).find((b) => b.textContent === button)!;
    // The user's own press: the page's scripted clicks are ignored (banner-scripted-clicks.test.tsx).
    target.focus();
    await userEvent.keyboard('{Enter}');
    expect(r.requests.at(-1)).toEqual({ type: 'ui/open-options', ...request });
  });

  it('session expired (logged out): says what to do, links to the login page, and retries', async () => {
    const r = await show('task-T14.loggedout.html', '/T14', () =>
      fail({ kind: 'session-expired', message: 'Session expired' }),
    );
    await r.until('session-expired');
    expect(textOf(r.banner())).toContain('Log in, then Steward shows who owns this task');
    const login = r.shadow().querySelector('a')!;
    expect(login.href).toBe(`${location.origin}/auth/start/?next=%2FT14`);
  });

  it('not found: names the task', async () => {
    const r = await show('task-T14.alice.html', '/T14', () =>
      fail({ kind: 'not-found', message: 'No such task' }),
    );
    await r.until('not-found');
    expect(textOf(r.banner())).toContain('Steward could not read T14 through Conduit');
  });

  it('a Conduit error shows its message, and Retry asks Phabricator again', async () => {
    let calls = 0;
    const r = await show('task-T14.alice.html', '/T14', (request) =>
      request.type === 'task/context' && calls++ === 0
        ? fail({ kind: 'conduit', message: 'ERR-CONDUIT-CORE: Unknown method', retryable: true })
        : { ok: true, data: t14() },
    );
    await r.until('error');
    expect(textOf(r.banner())).toContain('Details: ERR-CONDUIT-CORE: Unknown method');
    const retry = Array.from(r.shadow().querySelectorAll('button')).find((b) => b.textContent === 'Retry')!;
    retry.click();
    await r.until('ready');
    expect(r.requests.at(-1)).toMatchObject({ type: 'task/context', taskId: 14, refresh: true });
    // Focus stayed in the banner instead of falling back to the page.
    expect(r.shadow().activeElement).toBe(r.banner());
  });

  it('a reply it cannot read is an error, not a crash', async () => {
    const r = await show('task-T14.alice.html', '/T14', () => ({ ok: true, data: { task: 'nope' } }));
    await r.until('error');
    expect(textOf(r.banner())).toContain('does not understand');
  });
});
