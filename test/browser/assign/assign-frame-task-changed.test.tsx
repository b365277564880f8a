// The banner's assign frame, refused because the task changed: it reads the task again from Phabricator,
// so the panel shows the process owner declared meanwhile (a hand-off) before the user confirms again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'preact';
import type { PageRequest, TaskContext } from '../../../src/messages';
import { AssignPage, readParams } from '../../../src/assign/AssignPage';
import { setTransport } from '../../../src/ui/rpc';
import { t14 } from '../../fixtures/contexts/task-contexts';

let container: HTMLElement | null = null;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
  container = null;
});

function withBobDeclared(): TaskContext {
  const context = t14();
  const bob = context.suggestions.find((s) => s.person.username === 'bob')!.person;
  return {
    ...context,
    task: { ...context.task, dateModified: context.task.dateModified + 60 },
    processOwner: {
      state: 'declared',
      person: bob,
      declaredAt: context.task.dateModified + 60,
      acknowledgedAt: null,
      lastActivityAt: null,
      problem: null,
    },
  };
}

describe('assign frame refused because the task changed', () => {
  it('shows the process owner declared meanwhile before "Confirm again" replaces them', async () => {
    let contexts = 0;
    const requests: PageRequest[] = [];
    setTransport(async (request) => {
      requests.push(request);
      if (request.type === 'process-owner/assign') {
        return {
          ok: false,
          error: {
            kind: 'task-changed',
            message: 'T14 changed since you opened it. Check what changed, then confirm again.',
            retryable: true,
          },
        };
      }
      contexts++;
      return { ok: true, data: contexts === 1 ? t14() : withBobDeclared() };
    });
    container = document.createElement('div');
    document.body.append(container);
    render(
      <AssignPage
        params={readParams('?instance=http%3A%2F%2F127.0.0.1%3A8081&task=14')}
        close={() => undefined}
      />,
      container,
    );
    const root = container;
    const confirm = await vi.waitFor(() => {
      const found = Array.from(root.querySelectorAll('button')).find((b) =>
        b.textContent?.endsWith('process owner'),
      );
      if (!found) throw new Error('no confirm button yet');
      return found;
    });
    await vi.waitFor(() => expect(confirm.disabled).toBe(false), { timeout: 5000 });
    await userEvent.click(confirm);
    await vi.waitFor(() => expect(root.textContent).toContain('Confirm again'));

    // What the user needs before confirming again: who is process owner now.
    await vi.waitFor(
      () => {
        expect(root.querySelector('h2')?.textContent).toBe('Hand off the process owner role');
        expect(root.textContent).toContain('Current process owner:');
      },
      { timeout: 2000 },
    );
  });
});
