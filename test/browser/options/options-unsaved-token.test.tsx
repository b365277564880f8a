// A token can be stored for an instance before the Instances section is saved. The worker deletes a
// token only with an instance it had saved, so when such a card is removed, or its address changed,
// before saving, the page asks the worker to delete the token it stored for the old address.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { defaultSettings } from '../../../src/shared/settings';
import { configuredSettings } from '../../fixtures/views/settings';
import { INSTANCE } from '../../fixtures/views/people';
import { buttonIn, field, replaceText, section, text } from './harness';
import { mountPage, unmountPages, useTransport } from './mount-raw';
import { storingWorker } from './storing-worker';

const TOKEN = 'api-nxs33mq3wpyyg7vj3jngfyhrzrcc';

afterEach(unmountPages);

async function newInstanceWithToken(instances: HTMLElement, address: string) {
  await userEvent.click(buttonIn(instances, /Add an instance/));
  const urls = instances.querySelectorAll<HTMLInputElement>('input[inputmode="url"]');
  await userEvent.type(urls[urls.length - 1]!, address);
  const card = urls[urls.length - 1]!.closest('fieldset.card') as HTMLElement;
  await userEvent.click(field(card, /A Conduit API token/));
  await userEvent.type(field(card, /^API token$/), TOKEN);
  await userEvent.click(buttonIn(card, /Store token/));
  return card;
}

describe('a token stored for an instance not saved yet', () => {
  it('is deleted when its card is removed before saving', async () => {
    const w = storingWorker(defaultSettings());
    useTransport(w.transport);
    const instances = section(await mountPage(), 'instances');
    await newInstanceWithToken(instances, 'phab.exmaple.org');
    await vi.waitFor(() => expect(w.tokens.has('https://phab.exmaple.org')).toBe(true));
    await userEvent.click(buttonIn(instances, /Remove https:\/\/phab\.exmaple\.org/));
    await vi.waitFor(() => expect(w.tokens.has('https://phab.exmaple.org')).toBe(false));
    await userEvent.click(buttonIn(instances, /Save instances/));
    await vi.waitFor(() => expect(text(instances.querySelector('.save-status'))).toBe('Saved'));
    expect(w.tokens.size).toBe(0);
  });

  it('is deleted for the old address when the address is corrected before saving', async () => {
    const w = storingWorker(defaultSettings());
    useTransport(w.transport);
    const instances = section(await mountPage(), 'instances');
    const card = await newInstanceWithToken(instances, 'phab.exmaple.org');
    await vi.waitFor(() => expect(w.tokens.has('https://phab.exmaple.org')).toBe(true));
    await replaceText(field(card, /^Address$/), 'phab.example.org');
    await vi.waitFor(() => expect(w.tokens.has('https://phab.exmaple.org')).toBe(false));
    // The corrected address has no token yet: the field asks for one again.
    expect(card.querySelector('[data-token="empty"]')).not.toBeNull();
  });

  it("is kept once the instance is saved: removing it then is the worker's to clean up", async () => {
    const w = storingWorker(defaultSettings());
    useTransport(w.transport);
    const instances = section(await mountPage(), 'instances');
    await newInstanceWithToken(instances, 'phab.example.org');
    await vi.waitFor(() => expect(w.tokens.has('https://phab.example.org')).toBe(true));
    await userEvent.click(buttonIn(instances, /Save instances/));
    await vi.waitFor(() => expect(text(instances.querySelector('.save-status'))).toBe('Saved'));
    await userEvent.click(buttonIn(instances, /Remove https:\/\/phab\.example\.org/));
    expect(w.requests.filter((r) => r.type === 'token/set' && r.token === null)).toHaveLength(0);
  });

  it("a saved instance's token is not deleted by editing its address (Save decides)", async () => {
    const w = storingWorker(configuredSettings());
    w.tokens.set(INSTANCE, TOKEN);
    useTransport(w.transport);
    const instances = section(await mountPage(), 'instances');
    await userEvent.type(field(instances, /^Address$/), '0');
    expect(w.requests.filter((r) => r.type === 'token/set')).toHaveLength(0);
    expect(w.tokens.get(INSTANCE)).toBe(TOKEN);
  });
});
