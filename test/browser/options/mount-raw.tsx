// Mounts options pages against whatever transport and permissions the test installed, several at once
// (two tabs of the same options page).
import { render } from 'preact';
import { vi } from 'vitest';
import { OptionsPage } from '../../../src/options/OptionsPage';
import { installOptionsStyles } from '../../../src/options/options-css';
import { setHostPermissions } from '../../../src/options/permissions';
import { setTransport } from '../../../src/ui/rpc';
import type { PageRequest } from '../../../src/messages';
import { NOW } from '../../fixtures/views/people';

const roots: HTMLElement[] = [];

/** Every host is granted; the page never hears of a change. */
export function useTransport(transport: (request: PageRequest) => Promise<unknown>): void {
  installOptionsStyles();
  setHostPermissions({
    contains: async () => true,
    request: async () => true,
    remove: async () => true,
    onChanged: () => () => {},
  });
  setTransport(transport);
}

export async function mountPage(): Promise<HTMLElement> {
  const root = document.createElement('div');
  document.body.append(root);
  render(<OptionsPage now={() => NOW} />, root);
  roots.push(root);
  await vi.waitFor(() => {
    if (!root.querySelector('#instances')) throw new Error('not drawn');
  });
  return root;
}

export function unmountPages(): void {
  for (const root of roots.splice(0)) {
    render(null, root);
    root.remove();
  }
}
