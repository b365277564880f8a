// Two options tabs open at once: a section saved in one tab does not undo what the other tab saved
// meanwhile (each section replaces its own part of the settings as stored now).
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { OptionsPage } from '../../../src/options/OptionsPage';
import { installOptionsStyles } from '../../../src/options/options-css';
import { setHostPermissions } from '../../../src/options/permissions';
import { setTransport } from '../../../src/ui/rpc';
import type { PageRequest } from '../../../src/messages';
import { ok } from '../../fixtures/views/fake-worker';
import { NOW } from '../../fixtures/views/people';
import { configuredSettings, registryStatus, settingsViewOf } from '../../fixtures/views/settings';
import { buttonIn, field, section, text } from './harness';

const roots: HTMLElement[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) {
    render(null, root);
    root.remove();
  }
});

function mount(): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  render(<OptionsPage now={() => NOW} />, root);
  roots.push(root);
  return root;
}

describe('two options tabs', () => {
  it('a save in one tab keeps what the other tab saved', async () => {
    installOptionsStyles();
    setHostPermissions({
      contains: async () => true,
      request: async () => true,
      remove: async () => true,
      onChanged: () => () => {},
    });
    // A worker that stores what it is given, as settings/save and settings/get do.
    let stored: unknown = configuredSettings();
    setTransport(async (request: PageRequest) => {
      if (request.type === 'settings/get') return ok(settingsViewOf(structuredClone(stored)));
      if (request.type === 'settings/save') {
        stored = structuredClone(request.settings);
        return ok(settingsViewOf(structuredClone(stored)));
      }
      if (request.type === 'registry/status') return ok(registryStatus);
      return ok(null);
    });
    const tabA = mount();
    const tabB = mount();
    await vi.waitFor(() => {
      if (!tabA.querySelector('#watch') || !tabB.querySelector('#notifications'))
        throw new Error('not drawn');
    });

    // Tab A: watch every UBN! task, saved.
    const watchA = section(tabA, 'watch');
    await userEvent.click(field(watchA, /Every Unbreak Now! task/));
    await userEvent.click(buttonIn(watchA, /Save watch rules/));
    await vi.waitFor(() => expect(text(watchA.querySelector('.save-status'))).toBe('Saved'));
    expect((stored as { watch: { allUbn: boolean } }).watch.allUbn).toBe(true);

    // Tab B (opened before): turn notifications off, saved.
    const notificationsB = section(tabB, 'notifications');
    await userEvent.click(field(notificationsB, /Show reminders as browser notifications/));
    await userEvent.click(buttonIn(notificationsB, /Save/));
    await vi.waitFor(() => expect(text(notificationsB.querySelector('.save-status'))).toBe('Saved'));

    // Tab B touched notifications only; tab A's watch rule must still be in force.
    expect((stored as { notifications: { enabled: boolean } }).notifications.enabled).toBe(false);
    expect((stored as { watch: { allUbn: boolean } }).watch.allUbn).toBe(true);
  });
});
