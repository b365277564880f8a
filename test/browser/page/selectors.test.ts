import { describe, expect, test } from 'vitest';
import {
  MAY_SELECTORS,
  MUST_SELECTORS,
  PageStructureError,
  may,
  must,
  mustAll,
} from '../../../src/phabricator/page/selectors';
import { TASK_IDS, fixtureNames, parseHtml, parsePage, quicksandT8 } from './fixtures';

const taskPages = TASK_IDS.flatMap((id) =>
  id === 15 ? [`task-T15.alice.html`] : [`task-T${id}.alice.html`, `task-T${id}.loggedout.html`],
);

/**
 * Selectors no capture exercises, each with the reason and the test that covers it synthetically.
 * The meta-test fails if this list goes stale in either direction.
 */
const NOT_IN_CAPTURES: Record<string, string> = {
  objectRefTail:
    'no captured task has more than 8 subscribers; task-page.test.ts adds the tail Phorge renders',
};

describe('selector meta-test', () => {
  const documents = new Map<string, Document>(fixtureNames().map((name) => [name, parsePage(name)] as const));
  documents.set(
    'quicksand-T8.alice.response.json (content)',
    parseHtml(`<!doctype html><body>${quicksandT8().content}</body>`),
  );

  test('every exported selector is valid CSS and matches in at least one captured page', () => {
    const all = { ...MUST_SELECTORS, ...MAY_SELECTORS };
    const neverMatched = Object.entries(all)
      .filter(([, spec]) =>
        Array.from(documents.values()).every((doc) => doc.querySelector(spec.css) === null),
      )
      .map(([name, spec]) => `${name} (${spec.css})`);
    expect(neverMatched.map((n) => n.slice(0, n.indexOf(' ')))).toEqual(Object.keys(NOT_IN_CAPTURES));
  });

  test('no name is both a must and a may selector', () => {
    const mustNames = Object.keys(MUST_SELECTORS);
    expect(Object.keys(MAY_SELECTORS).filter((n) => mustNames.includes(n))).toEqual([]);
  });

  test.each(taskPages)('every must selector matches on %s', (name) => {
    const doc = documents.get(name)!;
    for (const key of Object.keys(MUST_SELECTORS) as (keyof typeof MUST_SELECTORS)[]) {
      expect(() => must(doc, key), key).not.toThrow();
    }
  });

  test('the Quicksand content for T8 carries the whole task page structure', () => {
    const doc = documents.get('quicksand-T8.alice.response.json (content)')!;
    for (const key of Object.keys(MUST_SELECTORS) as (keyof typeof MUST_SELECTORS)[]) {
      expect(() => must(doc, key), key).not.toThrow();
    }
    expect(may(doc, 'headerShell')).not.toBeNull();
  });

  test('logged-in and logged-out pages differ where the selectors say', () => {
    const alice = documents.get('task-T14.alice.html')!;
    const out = documents.get('task-T14.loggedout.html')!;
    expect(may(alice, 'viewerProfileLink')?.getAttribute('href')).toBe('/p/alice/');
    expect(may(alice, 'loginButton')).toBeNull();
    expect(may(out, 'viewerProfileLink')).toBeNull();
    expect(may(out, 'loginButton')).not.toBeNull();
    expect(may(out, 'mainMenuAlerts')).toBeNull();
    expect(may(out, 'csrfInput')).not.toBeNull();
  });

  test('a failed must lookup throws an error tagged with the feature it breaks', () => {
    const doc = parsePage('task-T15.bob-no-access.html');
    expect(() => must(doc, 'policyLink')).toThrow(PageStructureError);
    expect(() => mustAll(doc, 'headerTags')).toThrow(PageStructureError);
    try {
      must(doc, 'taskTitle');
      expect.unreachable();
    } catch (error) {
      const e = error as PageStructureError;
      expect(e.feature).toBe('title');
      expect(e.selectorName).toBe('taskTitle');
      expect(e.css).toBe(MUST_SELECTORS.taskTitle.css);
      expect(e.message).toMatch(/could not read the title.*taskTitle/);
    }
  });

  test('a failed may lookup is null', () => {
    const doc = parsePage('task-T15.loggedout.html');
    expect(may(doc, 'twoColumnHeader')).toBeNull();
    expect(may(doc, 'headerShell')).toBeNull();
    expect(may(doc, 'viewerProfileLink')).toBeNull();
  });
});
