// Mounts the real popup against a fake worker and a fixed clock, with the popup's own styles.
import { render } from 'preact';
import { vi } from 'vitest';
import { Popup } from '../../../src/popup/Popup';
import type { OptionsSection, PopupEnv } from '../../../src/popup/popup-env';
import { installPopupStyles } from '../../../src/popup/popup-css';
import { setTransport } from '../../../src/ui/rpc';
import type { FakeWorker } from '../../fixtures/views/fake-worker';
import { NOW } from '../../fixtures/views/people';

export interface MountedPopup {
  root: HTMLElement;
  worker: FakeWorker;
  opened: OptionsSection[];
  unmount(): void;
}

let mounted: MountedPopup | null = null;

export function mountPopup(worker: FakeWorker, now = NOW): MountedPopup {
  mounted?.unmount();
  installPopupStyles();
  setTransport(worker.transport);
  const root = document.createElement('div');
  document.body.append(root);
  const opened: OptionsSection[] = [];
  const env: PopupEnv = { now: () => now, timeZone: 'UTC', openOptions: (section) => opened.push(section) };
  render(<Popup env={env} />, root);
  mounted = {
    root,
    worker,
    opened,
    unmount() {
      render(null, root);
      root.remove();
      mounted = null;
    },
  };
  return mounted;
}

export function unmountPopup(): void {
  mounted?.unmount();
}

/** Waits until the worker's opening pair of requests (cache, then refresh) has been answered and drawn. */
export async function settled(popup: MountedPopup): Promise<void> {
  await vi.waitFor(() => {
    if (popup.worker.sent('watchlist/get').length < 2) throw new Error('refresh not requested yet');
    if (popup.root.querySelector('[aria-busy="true"]')) throw new Error('still loading');
  });
}

export function rowIds(root: HTMLElement, scope = '.rows'): number[] {
  const list = root.querySelector(scope);
  return Array.from(list?.querySelectorAll(':scope > li.row') ?? []).map((li) =>
    Number((li as HTMLElement).dataset.task),
  );
}

export function rowOf(root: HTMLElement, taskId: number): HTMLElement {
  const row = root.querySelector<HTMLElement>(`li.row[data-task="${taskId}"]`);
  if (!row) throw new Error(`no row for T${taskId}`);
  return row;
}

export function buttonIn(scope: HTMLElement, text: RegExp): HTMLButtonElement {
  const found = Array.from(scope.querySelectorAll('button')).find((b) => text.test(b.textContent ?? ''));
  if (!found) throw new Error(`no button matching ${text} in ${scope.className || scope.tagName}`);
  return found;
}

export function text(element: Element | null): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
