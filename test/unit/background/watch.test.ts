// Watching survives a poll that runs while the user chooses: the poll changes only the rule flag, so an
// unwatch made from the banner during a poll is not written over, nor lost when the poll's read was early.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyRuleMatches, setWatched } from '../../../src/background/watch';
import { db } from '../../../src/background/db';

const ORIGIN = 'https://phab.example.org';

describe('explicit choices and the watch rules', () => {
  it('an unwatch made while a poll records rule matches is kept', async () => {
    await applyRuleMatches(ORIGIN, new Set([1, 2]));
    // The user unwatches T1 while the next poll (T1 no longer matching) writes its rule flags.
    await Promise.all([setWatched(ORIGIN, 1, false), applyRuleMatches(ORIGIN, new Set([2]))]);
    const stored = await (await db()).get('watches', [ORIGIN, 1]);
    expect(stored).toMatchObject({ explicit: false, byRule: false });
    const watched = await applyRuleMatches(ORIGIN, new Set([1, 2]));
    expect(watched.map((w) => w.id)).toEqual([2]);
  });

  it('a choice made while a fresh worker first reads the store is not lost', async () => {
    const origin = 'https://other.example.org';
    await Promise.all([applyRuleMatches(origin, new Set([7])), setWatched(origin, 7, false)]);
    const watched = await applyRuleMatches(origin, new Set([7]));
    expect(watched.map((w) => w.id)).toEqual([]);
    expect(await (await db()).get('watches', [origin, 7])).toMatchObject({ explicit: false, byRule: true });
  });
});
