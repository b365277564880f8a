// An assignment whose edit may have been saved (the reply timed out, or Phorge answered HTTP 5xx during the
// write) is not reported as "nothing was posted": the panel says it may have been, and to look at the task
// before trying again (a second try could post a second declaration, or declare someone else).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import type { PageRequest } from '../../../src/messages';
import { AssignPanel } from '../../../src/ui/assign/AssignPanel';
import { setTransport } from '../../../src/ui/rpc';
import { INSTANCE, SEEDED_AT, t14 } from '../../fixtures/contexts/task-contexts';

let container: HTMLElement | null = null;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
  container = null;
});

function mount(answer: (request: PageRequest) => unknown) {
  const context = t14();
  setTransport(async (request) => answer(request));
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
      onDone={() => undefined}
      onCancel={() => undefined}
    />,
    container,
  );
  return container;
}

// The exact texts the Conduit client produces for these two failures of a non-idempotent call
// (src/phabricator/conduit/transport.ts exchange(), client.ts httpError()), as the worker forwards them
// (src/background/errors.ts maps both 'network' and 'server' to the reply kind 'network').
const AMBIGUOUS = [
  ['the edit timed out', '127.0.0.1 did not answer within 30 seconds; check your connection and try again.'],
  [
    'Phorge answered HTTP 502 during the edit',
    '127.0.0.1:8081 had a server error (HTTP 502) during the change, which may or may not have been saved; check the task before trying again.',
  ],
] as const;

describe('an assign that may have been saved', () => {
  it.each(AMBIGUOUS)('%s: the panel does not claim that nothing was posted', async (_, message) => {
    const root = mount(() => ({ ok: false, error: { kind: 'network', message, retryable: true } }));
    root.querySelector<HTMLButtonElement>('.st-button-primary')!.click();
    const alert = await vi.waitFor(() => {
      const shown = root.querySelector('[role="alert"]');
      expect(shown).not.toBeNull();
      return shown!;
    });
    // The headline and the details must not contradict each other, and must not tell the user that a
    // declaration which may be on the task right now was not posted.
    expect(alert.textContent).not.toMatch(/Nothing was posted/i);
  });
});
