// The browser layer runs in real Chromium: Preact renders into a real shadow root and IndexedDB is real.
import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { openDB } from 'idb';

describe('real browser', () => {
  it('renders Preact into a shadow root', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    render(<p role="status">Unbreak Now! for 6 days</p>, shadow);
    expect(shadow.querySelector('[role="status"]')?.textContent).toBe('Unbreak Now! for 6 days');
    host.remove();
  });

  it('stores and reads back through IndexedDB', async () => {
    const db = await openDB('steward-smoke', 1, { upgrade: (d) => d.createObjectStore('kv') });
    await db.put('kv', { id: 14 }, 'task');
    expect(await db.get('kv', 'task')).toEqual({ id: 14 });
    db.close();
  });
});
