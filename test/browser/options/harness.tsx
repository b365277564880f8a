// Mounts the real options page against a fake worker and a fake browser permission prompt.
import { render } from 'preact';
import { vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { OptionsPage } from '../../../src/options/OptionsPage';
import { installOptionsStyles } from '../../../src/options/options-css';
import { setHostPermissions } from '../../../src/options/permissions';
import { setTransport } from '../../../src/ui/rpc';
import type { FakeWorker } from '../../fixtures/views/fake-worker';
import { NOW } from '../../fixtures/views/people';

export interface FakePermissions {
  granted: Set<string>;
  requested: string[];
  /** What the prompt answers. */
  userAccepts: boolean;
  /** Takes access away as the browser's site-access menu does, and tells the page's listeners. */
  revoke(origin: string): void;
}

export interface MountedOptions {
  root: HTMLElement;
  worker: FakeWorker;
  permissions: FakePermissions;
  unmount(): void;
}

let mounted: MountedOptions | null = null;

export function mountOptions(worker: FakeWorker, granted: string[] = []): MountedOptions {
  mounted?.unmount();
  installOptionsStyles();
  setTransport(worker.transport);
  const listeners = new Set<() => void>();
  const permissions: FakePermissions = {
    granted: new Set(granted),
    requested: [],
    userAccepts: true,
    revoke(origin) {
      permissions.granted.delete(origin);
      for (const listener of listeners) listener();
    },
  };
  setHostPermissions({
    contains: async (origin) => permissions.granted.has(origin),
    request: async (origin) => {
      permissions.requested.push(origin);
      if (permissions.userAccepts) permissions.granted.add(origin);
      return permissions.userAccepts;
    },
    remove: async (origin) => {
      const had = permissions.granted.delete(origin);
      for (const listener of listeners) listener();
      return had;
    },
    onChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  const root = document.createElement('div');
  document.body.append(root);
  render(<OptionsPage now={() => NOW} />, root);
  mounted = {
    root,
    worker,
    permissions,
    unmount() {
      render(null, root);
      root.remove();
      mounted = null;
    },
  };
  return mounted;
}

export function unmountOptions(): void {
  mounted?.unmount();
}

export async function loaded(options: MountedOptions): Promise<void> {
  await vi.waitFor(() => {
    if (!options.root.querySelector('#instances')) throw new Error('settings not drawn yet');
  });
}

export function section(root: HTMLElement, id: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(`section#${id}`);
  if (!found) throw new Error(`no section #${id}`);
  return found;
}

export function buttonIn(scope: Element, text: RegExp): HTMLButtonElement {
  const found = Array.from(scope.querySelectorAll('button')).find((b) => text.test(b.textContent ?? ''));
  if (!found) throw new Error(`no button matching ${text}`);
  return found;
}

/** The form control whose <label> (or aria-label) reads `label`. */
export function field<T extends HTMLElement = HTMLInputElement>(scope: Element, label: RegExp): T {
  for (const l of Array.from(scope.querySelectorAll('label'))) {
    if (!label.test((l.textContent ?? '').trim())) continue;
    const control = l.htmlFor
      ? scope.querySelector(`#${CSS.escape(l.htmlFor)}`)
      : l.querySelector('input, select, textarea');
    if (control) return control as T;
  }
  for (const c of Array.from(scope.querySelectorAll('[aria-label]'))) {
    if (label.test(c.getAttribute('aria-label') ?? '')) return c as T;
  }
  throw new Error(`no field labelled ${label}`);
}

/** The error shown beside a field (through aria-describedby). */
export function errorOf(control: HTMLElement): string | null {
  const ids = (control.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter((id) => id.endsWith('-error'));
  const element = ids.length ? document.getElementById(ids[0]!) : null;
  return element ? text(element) : null;
}

export function text(element: Element | null): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export async function replaceText(control: HTMLElement, value: string): Promise<void> {
  await userEvent.clear(control);
  if (value !== '')
    await userEvent.type(
      control,
      value.replace(/[{[]/g, (c) => c + c),
    );
}

export function savedSettings(worker: FakeWorker): Record<string, unknown> {
  const saves = worker.sent('settings/save');
  const last = saves.at(-1);
  if (!last) throw new Error('nothing was saved');
  return last.settings as Record<string, unknown>;
}
