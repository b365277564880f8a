// Two options tabs open at once, both editing a list the section replaces whole. A tab whose list is
// older than the stored one refuses to save it and says so: saving would delete what the other tab
// added (an instance, and with it its token and everything kept for it).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { configuredSettings } from '../../fixtures/views/settings';
import { buttonIn, field, replaceText, section, text } from './harness';
import { mountPage, unmountPages, useTransport } from './mount-raw';
import { storingWorker } from './storing-worker';

const TOKEN = 'api-nxs33mq3wpyyg7vj3jngfyhrzrcc';

afterEach(unmountPages);

describe('two options tabs, the same list', () => {
  it('a stale tab refuses to save its instances, and the instance and token the other tab added stay', async () => {
    const w = storingWorker(configuredSettings());
    useTransport(w.transport);
    const tabA = await mountPage();
    const tabB = await mountPage();

    // Tab A: add a second instance with a token, and save.
    const a = section(tabA, 'instances');
    await userEvent.click(buttonIn(a, /Add an instance/));
    const urls = a.querySelectorAll<HTMLInputElement>('input[inputmode="url"]');
    await userEvent.type(urls[1]!, 'https://phorge.example.org');
    await userEvent.click(buttonIn(a, /Save instances/));
    await vi.waitFor(() => expect(text(a.querySelector('.save-status'))).toBe('Saved'));
    w.tokens.set('https://phorge.example.org', TOKEN);

    // Tab B, opened before: switch the first instance to the browser session and save.
    const b = section(tabB, 'instances');
    await userEvent.click(field(b, /My browser session/));
    await userEvent.click(buttonIn(b, /Save instances/));
    await vi.waitFor(() => expect(b.querySelector('.save-errors')).not.toBeNull());

    expect(text(b.querySelector('.save-errors'))).toContain('changed in another tab');
    expect(text(b.querySelector('.save-errors'))).toContain('reload');
    expect(w.stored().instances.map((i) => i.url)).toContain('https://phorge.example.org');
    expect(w.tokens.get('https://phorge.example.org')).toBe(TOKEN);
    // Tab B's own edit is still on screen, for the user to make again after reloading.
    expect(field<HTMLInputElement>(b, /My browser session/).checked).toBe(true);
  });

  it('a tab saves its instances again after its own save (its list is the stored one)', async () => {
    const w = storingWorker(configuredSettings());
    useTransport(w.transport);
    const tab = section(await mountPage(), 'instances');
    await userEvent.click(buttonIn(tab, /Add an instance/));
    await userEvent.type(
      tab.querySelectorAll<HTMLInputElement>('input[inputmode="url"]')[1]!,
      'phorge.example.org',
    );
    await userEvent.click(buttonIn(tab, /Save instances/));
    await vi.waitFor(() => expect(text(tab.querySelector('.save-status'))).toBe('Saved'));
    await userEvent.click(field(tab, /My browser session/));
    await userEvent.click(buttonIn(tab, /Save instances/));
    await vi.waitFor(() => expect(text(tab.querySelector('.save-status'))).toBe('Saved'));
    expect(w.stored().instances).toEqual([
      { url: 'http://127.0.0.1:8081', authMode: 'session' },
      { url: 'https://phorge.example.org', authMode: 'session' },
    ]);
  });

  it('a stale tab refuses to save its watched projects over the ones the other tab saved', async () => {
    const w = storingWorker(configuredSettings());
    useTransport(w.transport);
    const tabA = await mountPage();
    const tabB = await mountPage();

    const a = section(tabA, 'watch');
    await replaceText(field(a, /tagged with these projects/), 'CentralAuth');
    await userEvent.click(buttonIn(a, /Save watch rules/));
    await vi.waitFor(() => expect(text(a.querySelector('.save-status'))).toBe('Saved'));

    const b = section(tabB, 'watch');
    await replaceText(field(b, /tagged with these projects/), 'Echo');
    await userEvent.click(buttonIn(b, /Save watch rules/));
    await vi.waitFor(() => expect(b.querySelector('.save-errors')).not.toBeNull());
    expect(text(b.querySelector('.save-errors'))).toContain('changed in another tab');
    expect(w.stored().watch.projects).toEqual(['CentralAuth']);
  });
});
