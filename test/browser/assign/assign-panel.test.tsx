// The one-click assign panel against a fake worker (setTransport): what is posted, how often, and what the
// user sees when the worker says no.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'preact';
import type { AssignReply, PageRequest, PersonView, ReplyError } from '../../../src/messages';
import { AssignPanel, type AssignPanelProps } from '../../../src/ui/assign/AssignPanel';
import { setTransport } from '../../../src/ui/rpc';
import { INSTANCE, SEEDED_AT, person, t11, t14, t7 } from '../../fixtures/contexts/task-contexts';
import { RLO_NAME, readsLeftToRight } from '../support/bidi';

let container: HTMLElement | null = null;

afterEach(() => {
  if (container) render(null, container);
  container?.remove();
  container = null;
});

interface Harness {
  posts: PageRequest[];
  done: AssignReply[];
  cancelled: number;
  root: HTMLElement;
}

type Answer = (request: PageRequest) => unknown;

function successFor(request: PageRequest): unknown {
  const context = t14();
  return { ok: true, data: { duplicate: false, context: { ...context, watched: request.type === 'hello' } } };
}

function mount(overrides: Partial<AssignPanelProps> = {}, answer: Answer = successFor): Harness {
  const context = t14();
  const harness: Harness = { posts: [], done: [], cancelled: 0, root: null as unknown as HTMLElement };
  setTransport(async (request) => {
    harness.posts.push(request);
    // A worker reply arrives later than the click: give a second click the chance to race it.
    await new Promise((resolve) => setTimeout(resolve, 30));
    return answer(request);
  });
  container = document.createElement('div');
  document.body.append(container);
  render(
    <AssignPanel
      instance={INSTANCE}
      taskId={14}
      taskTitle={context.task.title}
      expectedDateModified={context.task.dateModified}
      suggestions={context.suggestions}
      viewer={context.viewer}
      currentOwner={null}
      now={SEEDED_AT}
      onDone={(reply) => harness.done.push(reply)}
      onCancel={() => harness.cancelled++}
      {...overrides}
    />,
    container,
  );
  harness.root = container;
  return harness;
}

const failure = (error: ReplyError) => () => ({ ok: false, error });
const tick = (ms = 80) => new Promise((resolve) => setTimeout(resolve, ms));

function button(root: HTMLElement, text: RegExp): HTMLButtonElement {
  const found = Array.from(root.querySelectorAll('button')).find((b) => text.test(b.textContent ?? ''));
  if (!found) throw new Error(`no button ${text}`);
  return found;
}

function options(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>('[role="option"]'));
}

describe('AssignPanel', () => {
  it('lists live people first, merges roles, and puts unavailable people last, marked', () => {
    const { root } = mount();
    const rows = options(root).map((o) => o.textContent);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('Alice Anderson');
    expect(rows[0]).toContain('steward of MediaWiki-Authentication, you');
    expect(rows[1]).toContain('Bob Brown');
    expect(rows[1]).toContain('steward of MediaWiki-Authentication, maintainer of MediaWiki-Authentication');
    expect(rows[2]).toContain('Carol Chen');
    expect(rows[2]).toContain('away until');
    expect(rows[2]).toContain('(unavailable)');
    expect(root.querySelector('h2')?.textContent).toBe('Assign a process owner');
    expect(root.textContent).toContain('T14: Global login fails');
  });

  it('offers the team manager after the live stewards and before unavailable people', () => {
    const context = t11();
    const { root } = mount({ suggestions: context.suggestions, currentOwner: null });
    const rows = options(root).map((o) => o.textContent ?? '');
    expect(rows[0]).toContain('Erin Evans');
    expect(rows[2]).toContain('Ada Admin');
    expect(rows[2]).toContain('team manager of Release Engineering: escalate');
    expect(rows[3]).toContain('Carol Chen');
  });

  it('says "hand off" and leaves the current owner out when there is one', () => {
    const context = t7();
    const { root } = mount({ suggestions: context.suggestions, currentOwner: person('dave') });
    expect(root.querySelector('h2')?.textContent).toBe('Hand off the process owner role');
    expect(root.textContent).toContain('Current process owner:');
    expect(options(root).map((o) => o.dataset.username)).toEqual(['bob', 'erin', 'alice']);
    expect(button(root, /^Hand off to @bob$/)).toBeTruthy();
  });

  it('posts once with the note and expectedDateModified, even on a double click', async () => {
    const harness = mount();
    const confirm = button(harness.root, /process owner$/);
    expect(confirm.textContent).toBe('Make @alice process owner');
    await userEvent.dblClick(confirm);
    confirm.click();
    await vi.waitFor(() => expect(harness.done).toHaveLength(1));
    expect(harness.posts).toHaveLength(1);
    const post = harness.posts[0]!;
    expect(post).toMatchObject({
      type: 'process-owner/assign',
      instance: INSTANCE,
      taskId: 14,
      username: 'alice',
      expectedDateModified: 1795697068,
    });
    if (post.type !== 'process-owner/assign') throw new Error('wrong request');
    expect(post.note).toContain('report the production impact');
    expect(post.requestId.length).toBeGreaterThanOrEqual(8);
    // After success nothing can post again.
    button(harness.root, /process owner$/).click();
    await tick();
    expect(harness.posts).toHaveLength(1);
  });

  it('marks the confirm button busy while posting, keeping it focusable', async () => {
    let reply: (value: unknown) => void = () => {};
    const harness = mount(
      {},
      (request) => new Promise((resolve) => (reply = () => resolve(successFor(request)))),
    );
    const confirm = button(harness.root, /process owner$/);
    confirm.click();
    await vi.waitFor(() => expect(confirm.textContent).toBe('Posting…'));
    expect(confirm.getAttribute('aria-disabled')).toBe('true');
    expect(confirm.disabled).toBe(false);
    reply(undefined);
    await vi.waitFor(() => expect(harness.done).toHaveLength(1));
  });

  it('"I\'ll drive this" chooses the viewer and moves focus to confirm', async () => {
    const harness = mount({ suggestions: t7().suggestions.filter((s) => s.role !== 'viewer') });
    await userEvent.click(button(harness.root, /I'll drive this/));
    const confirm = button(harness.root, /process owner$/);
    expect(confirm.textContent).toBe('Make @alice process owner');
    expect(document.activeElement).toBe(confirm);
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(harness.posts).toHaveLength(1));
    expect(harness.posts[0]).toMatchObject({ username: 'alice' });
  });

  it('takes a typed username, and refuses one that cannot be a username', async () => {
    const harness = mount();
    const input = harness.root.querySelector<HTMLInputElement>('input[type="text"]')!;
    await userEvent.click(input);
    await userEvent.keyboard('not a user!');
    await userEvent.keyboard('{Enter}');
    await tick();
    expect(harness.posts).toHaveLength(0);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(harness.root.textContent).toContain('is not a Phabricator username');
    await userEvent.clear(input);
    await userEvent.keyboard('@erin');
    expect(harness.root.textContent).toContain('Process owner: @erin');
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(harness.posts).toHaveLength(1));
    expect(harness.posts[0]).toMatchObject({ username: 'erin' });
  });

  it('moves through the list with the arrow keys and confirms with Enter', async () => {
    const harness = mount();
    const [first, second] = options(harness.root);
    expect(document.activeElement).toBe(first);
    expect(first!.getAttribute('aria-selected')).toBe('true');
    expect(second!.tabIndex).toBe(-1);
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(second);
    expect(second!.getAttribute('aria-selected')).toBe('true');
    expect(first!.getAttribute('aria-selected')).toBe('false');
    await userEvent.keyboard('{End}');
    expect(document.activeElement?.getAttribute('data-username')).toBe('carol');
    await userEvent.keyboard('{Home}{ArrowDown}{Enter}');
    await vi.waitFor(() => expect(harness.posts).toHaveLength(1));
    expect(harness.posts[0]).toMatchObject({ username: 'bob' });
  });

  it('cancels on Escape and on the Cancel button without posting', async () => {
    const harness = mount();
    await userEvent.keyboard('{Escape}');
    expect(harness.cancelled).toBe(1);
    await userEvent.click(button(harness.root, /^Cancel$/));
    expect(harness.cancelled).toBe(2);
    expect(harness.posts).toHaveLength(0);
  });

  it.each([
    ['no-permission', /Grant it in Steward's options/],
    ['session-expired', /session has expired/],
    ['forbidden', /refused the edit/],
    ['invalid-token', /API token/],
    ['network', /could not be reached/],
  ] as const)('shows what happened when the worker answers %s', async (kind, text) => {
    const harness = mount({}, failure({ kind, message: `worker says ${kind}` }));
    button(harness.root, /process owner$/).click();
    const alert = await vi.waitFor(() => {
      const shown = harness.root.querySelector('[role="alert"]');
      expect(shown?.textContent).toMatch(text);
      return shown;
    });
    expect(alert?.textContent).toContain(`worker says ${kind}`);
    expect(harness.done).toHaveLength(0);
    expect(harness.posts).toHaveLength(1);
  });

  it('retries a network failure with the same requestId, so the worker can tell it is a repeat', async () => {
    let first = true;
    const harness = mount({}, (request) => {
      if (first) {
        first = false;
        return { ok: false, error: { kind: 'network', message: 'timeout', retryable: true } };
      }
      return successFor(request);
    });
    button(harness.root, /process owner$/).click();
    await userEvent.click(await vi.waitFor(() => button(harness.root, /^Try again$/)));
    await vi.waitFor(() => expect(harness.done).toHaveLength(1));
    expect(harness.posts).toHaveLength(2);
    const [a, b] = harness.posts as Array<Extract<PageRequest, { type: 'process-owner/assign' }>>;
    expect(b!.requestId).toBe(a!.requestId);
  });

  it('offers to confirm again when the task changed, as a new intent that accepts the change', async () => {
    let first = true;
    const harness = mount({}, (request) => {
      if (first) {
        first = false;
        return { ok: false, error: { kind: 'task-changed', message: 'T14 was edited at 13:50' } };
      }
      return successFor(request);
    });
    button(harness.root, /process owner$/).click();
    await vi.waitFor(() =>
      expect(harness.root.querySelector('[role="alert"]')?.textContent).toContain('The task changed'),
    );
    await userEvent.click(button(harness.root, /^Confirm again$/));
    await vi.waitFor(() => expect(harness.done).toHaveLength(1));
    expect(harness.posts).toHaveLength(2);
    const [a, b] = harness.posts as Array<Extract<PageRequest, { type: 'process-owner/assign' }>>;
    expect(a!.expectedDateModified).toBe(1795697068);
    expect(b!.expectedDateModified).toBeUndefined();
    expect(b!.requestId).not.toBe(a!.requestId);
  });

  it('shows an unreadable worker reply as an error instead of crashing', async () => {
    const harness = mount({}, () => ({ ok: true, data: { nonsense: true } }));
    button(harness.root, /process owner$/).click();
    await vi.waitFor(() =>
      expect(harness.root.querySelector('[role="alert"]')?.textContent).toContain('does not understand'),
    );
  });

  it('renders names and titles with markup as text', () => {
    const evil: PersonView = { ...person('bob'), realName: '<img src=x onerror="window.__pwned=1">' };
    const harness = mount({
      taskTitle: '<b>bold</b>',
      suggestions: [{ person: evil, role: 'steward', component: '<i>x</i>', available: true }],
    });
    expect(harness.root.querySelector('img, b, i')).toBeNull();
    expect(harness.root.textContent).toContain('<img src=x onerror="window.__pwned=1">');
    expect(harness.root.textContent).toContain('<b>bold</b>');
  });

  it('starts in the username field when there is nobody to suggest', () => {
    const harness = mount({ suggestions: [], viewer: null });
    expect(harness.root.textContent).toContain('No suggestions');
    expect(document.activeElement).toBe(harness.root.querySelector('input[type="text"]'));
    expect(button(harness.root, /Choose someone first/).disabled).toBe(true);
  });
});

describe('AssignPanel with bidi controls in names', () => {
  it('keeps each suggestion and the task line reading left to right', () => {
    const context = t14();
    const suggestions = context.suggestions.map((s) => ({
      ...s,
      person: { ...s.person, realName: RLO_NAME },
      component: s.component === null ? null : `${s.component} \u202E`,
    }));
    const { root } = mount({ suggestions, taskTitle: `Login ${'\u202E'}broken` });
    const first = options(root)[0]!;
    expect(readsLeftToRight(first, 'steward')).toBe(true);
    expect(first.textContent).not.toMatch(/[\u202A-\u202E]\s*,/);
    const confirm = button(root, /process owner$/);
    expect(readsLeftToRight(confirm, 'process')).toBe(true);
  });
});
