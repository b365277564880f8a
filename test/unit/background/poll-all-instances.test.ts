// One Phabricator that hangs (accepts the connection, never answers: an overloaded Phorge or a
// stuck proxy) must not hold up the scheduled polls of the user's other instances. Each Conduit call to it
// takes 4 attempts x 30 s before it fails, about two minutes.
import 'fake-indexeddb/auto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStandin, type Standin } from '../../standin/server';
import { TOKENS } from '../../standin/accounts';
import type { FakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ current: null as FakeBrowser | null }));
vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  fake.current = createFakeBrowser();
  return { default: fake.current.browser };
});

const { setClockOffset } = await import('../../../src/background/clock');
const { writeToken } = await import('../../../src/background/secrets');
const { writeSettings } = await import('../../../src/background/settings-store');

let healthy: Standin;
let hung: Server;
let hungUrl: string;
let hungRequests = 0;

beforeAll(async () => {
  healthy = await startStandin({ port: 0 });
  hung = createServer(() => {
    hungRequests += 1; // never answers
  });
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
  hungUrl = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`;
  for (const url of [hungUrl, healthy.url]) {
    fake.current!.grant(url);
    await writeToken(url, TOKENS.alice);
  }
  setClockOffset(healthy.clock.now() - Math.floor(Date.now() / 1000));
  const saved = await writeSettings({
    version: 1,
    // The hung instance is listed first (say, a staging Phorge), the one the user works on second.
    instances: [
      { url: hungUrl, authMode: 'token' },
      { url: healthy.url, authMode: 'token' },
    ],
    watch: { allUbn: true },
  });
  if (!saved.ok) throw new Error(saved.errors.join('\n'));
});

afterAll(async () => {
  hung.closeAllConnections();
  hung.close();
  await healthy.close();
});

describe('the scheduled poll of several instances', () => {
  it('polls a healthy instance while another one hangs', async () => {
    await import('../../../src/background/index');
    healthy.requests.clear();
    // The poll alarm goes off.
    fake.current!.browser.alarms.onAlarm.fire({ name: 'steward-poll' });
    await vi.waitFor(() => expect(hungRequests).toBeGreaterThan(0), { timeout: 5000 });
    // Polled one after the other, the healthy instance was asked nothing until the hung one's call had
    // timed out four times (about two minutes).
    await vi.waitFor(
      () => expect(healthy.requests.conduitCalls('maniphest.search').length).toBeGreaterThan(0),
      {
        timeout: 5000,
        interval: 100,
      },
    );
  }, 15_000);
});
