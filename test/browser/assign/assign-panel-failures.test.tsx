// The assign panel's error wording and keyboard focus, against a fake worker (setTransport): a policy
// refusal is not a missing host permission, and a failed confirm keeps the focus in the panel.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'preact';
import type { AssignReply, PageRequest } from '../../../src/messages';
import { AssignPanel, type AssignPanelProps } from '../../../src/ui/assign/AssignPanel';
import { setTransport } from '../../../src/ui/rpc';
import { INSTANCE, SEEDED_AT, t14 } from '../../fixtures/contexts/task-contexts';

let container: HTMLElement | null = null;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
  container = null;
});

function mount(answer: (request: PageRequest) => unknown, overrides: Partial<AssignPanelProps> = {}) {
  const context = t14();
  const harness = { posts: [] as PageRequest[], done: [] as AssignReply[], cancelled: 0 };
  setTransport(async (request) => {
    harness.posts.push(request);
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
  // The same object the callbacks count into (a copy would keep `cancelled` at 0).
  return Object.assign(harness, { root: container });
}

function confirmButton(root: HTMLElement): HTMLButtonElement {
  return root.querySelector<HTMLButtonElement>('.st-button-primary')!;
}

describe('the account may not edit the task', () => {
  it('says so, instead of telling the user to grant Steward a permission in its options', async () => {
    // What the worker answers when Phorge refuses the edit for policy ("You do not have permission to edit
    // this object"): kind 'forbidden' (assign.ts), not the 'no-permission' of Steward's own host access.
    const harness = mount(() => ({
      ok: false,
      error: {
        kind: 'forbidden',
        message: 'Your account is not allowed to do this on T14; ask someone with access to the task.',
        retryable: false,
      },
    }));
    confirmButton(harness.root).click();
    const alert = await vi.waitFor(() => {
      const shown = harness.root.querySelector('[role="alert"]');
      expect(shown).not.toBeNull();
      return shown!;
    });
    // The panel's headline contradicts the details: granting Steward anything in its options changes nothing.
    expect(alert.textContent).not.toMatch(/Grant it in Steward's options/);
    expect(alert.textContent).toMatch(/may not be allowed to edit this task/);
  });
});

describe('keyboard focus across a failed confirm', () => {
  it('stays in the panel after Enter on the confirm button fails, so Escape still closes it', async () => {
    const harness = mount(() => ({
      ok: false,
      error: { kind: 'network', message: 'timeout', retryable: true },
    }));
    const confirm = confirmButton(harness.root);
    confirm.focus();
    expect(document.activeElement).toBe(confirm);
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(harness.root.querySelector('[role="alert"]')).not.toBeNull());
    // Focus must not have fallen to <body> when the button was disabled during the post.
    expect(harness.root.contains(document.activeElement)).toBe(true);
    await userEvent.keyboard('{Escape}');
    expect(harness.cancelled).toBe(1);
  });
});
