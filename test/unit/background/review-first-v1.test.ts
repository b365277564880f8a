// A database written by version 1 (every row and cached task inside the poll record) opens as the current
// version. The version-1 build's CachedTask had no escalatedAt, so the moved records are missing from the
// byEscalation index: until a poll of this build has run (sweptAt), the review page's first screen reads
// the open UBN! tasks from the task records instead of trusting the index to hold them all.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { FakeBrowser } from './fake-browser';
import { HistoryBuilder, fixtureVocabulary } from '../escalation/support';
import { openVersion1Database } from './v1-database';

vi.mock('webextension-polyfill', async () => {
  const { createFakeBrowser } = await import('./fake-browser');
  const fake: FakeBrowser = createFakeBrowser();
  return { default: fake.browser };
});

const { reviewOpen } = await import('../../../src/background/review');
const { parseSettings } = await import('../../../src/shared/settings');

const ORIGIN = 'https://phabricator.example.org';

describe('upgrade from IndexedDB version 1', () => {
  it("the review page's first screen from the cache lists the open UBN! tasks a version-1 poll kept", async () => {
    const vocabulary = fixtureVocabulary();
    const h = new HistoryBuilder().create(0, 'erin', 100);
    const dateModified = h.t0;
    const snapshot = {
      id: 7,
      phid: 'PHID-TASK-handbuilt0000000000',
      title: 'Login broken',
      status: { value: 'open', name: 'Open' },
      priority: { value: 100, name: 'Unbreak Now!' },
      ownerPHID: null,
      authorPHID: null,
      dateCreated: h.t0,
      dateModified,
      projectPHIDs: [],
      subscriberPHIDs: [],
    };
    const v1 = await openVersion1Database();
    await v1.put('instances', {
      origin: ORIGIN,
      vocabulary,
      vocabularyAt: dateModified,
      projects: [],
      projectsAt: dateModified,
      viewer: null,
      viewerAt: null,
    });
    await v1.put('tasks', {
      origin: ORIGIN,
      id: 7,
      snapshot,
      history: h.newestFirst(),
      historyModified: dateModified,
      fetchedAt: dateModified + 60,
    });
    await v1.put('polls', {
      origin: ORIGIN,
      startedAt: dateModified + 60,
      finishedAt: dateModified + 61,
      lastOkAt: dateModified + 61,
      connection: 'ok',
      message: null,
      failures: 0,
      notBefore: 0,
      rows: [],
      gateCount: 1,
      cache: {
        since: dateModified,
        readAt: dateModified + 60,
        fullAt: dateModified + 60,
        basis: 'v1',
        // A version-1 CachedTask: no escalatedAt field existed.
        tasks: [
          {
            id: 7,
            modified: dateModified,
            title: 'Login broken',
            ubnOpen: true,
            projectPHIDs: [],
            phids: [],
            usernames: [],
            dueAt: null,
            gate: true,
            findings: null,
            contact: null,
          },
        ],
        people: {},
      },
    });
    v1.close();

    const parsed = parseSettings({ version: 1, instances: [{ url: ORIGIN }] });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    // Sanity: the whole cached list (no first-screen shortcut) has the task.
    const first = await reviewOpen(parsed.settings, ORIGIN, false, 24);
    const all = await reviewOpen(parsed.settings, ORIGIN, false);
    expect(all.rows.map((r) => r.task.id)).toEqual([7]);
    // The page's first screen (review/first, review/open with `first`) must show it too: an empty one
    // makes the page wait for Phabricator, and with Phabricator unreachable it shows an error.
    expect(first.rows.length + first.pending.length).toBe(1);
  });
});
