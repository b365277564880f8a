// What the content script tells the worker about the task page, read from captured Phorge pages: the
// newest transaction of the timeline, and the header's and curtain's priority, status, assignee and tags.
import { describe, expect, it } from 'vitest';
import {
  linkedUsernames,
  newestTransactionId,
  readPageFacts,
} from '../../../src/phabricator/page/page-facts';
import { contentRequestSchema } from '../../../src/messages';
import { parseHtml, parsePage } from './fixtures';

describe('readPageFacts on captured pages', () => {
  it('T14 (alice): the newest timeline transaction is #155; open, Unbreak Now!, unassigned, two tags', () => {
    expect(readPageFacts(parsePage('task-T14.alice.html'))).toMatchObject({
      newestTransaction: 155,
      priority: 'Unbreak Now!',
      status: 'Open',
      closed: false,
      assignee: null,
      tags: [
        { name: 'CentralAuth', slug: 'centralauth' },
        { name: 'MediaWiki-Authentication', slug: 'mediawiki-authentication' },
      ],
    });
  });

  it('reads the same facts logged out', () => {
    expect(readPageFacts(parsePage('task-T14.loggedout.html'))).toEqual(
      readPageFacts(parsePage('task-T14.alice.html')),
    );
  });

  it('T8: a closed task has no priority in its header', () => {
    const facts = readPageFacts(parsePage('task-T8.alice.html'));
    expect(facts).toMatchObject({ newestTransaction: 121, closed: true, priority: null });
  });

  it.each([
    ['task-T13.alice.html', 160],
    ['task-T1.alice.html', 17],
  ])('%s: newest transaction #%i', (name, id) => {
    expect(readPageFacts(parsePage(name))?.newestTransaction).toBe(id);
  });

  // Phorge translates the curtain's panel titles into the viewer's UI language (a user setting).
  it.each(['task-T14.alice.html', 'task-T8.alice.html'])(
    '%s in German: the same facts, the assignee read from the first panel',
    (name) => {
      const german = parsePage(name);
      const titles: Record<string, string> = {
        'Assigned To': 'Zugewiesen an',
        'Authored By': 'Erstellt von',
        'Project Tags': 'Projekt-Tags',
        Subscribers: 'Abonnenten',
      };
      for (const header of german.querySelectorAll('.phui-curtain-panel-header'))
        header.textContent = titles[header.textContent?.trim() ?? ''] ?? header.textContent;
      expect(german.body.textContent).not.toContain('Assigned To');
      expect(readPageFacts(german)).toEqual(readPageFacts(parsePage(name)));
    },
  );

  it('is null on pages that are not task pages', () => {
    expect(readPageFacts(parsePage('maniphest.alice.html'))).toBeNull();
    expect(readPageFacts(parsePage('task-T15.bob-no-access.html'))).toBeNull();
  });
});

describe('facts out of bounds', () => {
  /** T14 with `count` more tags, each a copy of its first tag with its own name and address. */
  function taggedPage(count: number, name = (i: number) => `Vandal-${i}`): Document {
    const doc = parsePage('task-T14.alice.html');
    const item = doc.querySelector('.phabricator-handle-tag-list-item')!;
    for (let i = 0; i < count; i++) {
      const copy = item.cloneNode(true) as Element;
      const link = copy.querySelector('a')!;
      link.setAttribute('href', `/tag/vandal-${i}/`);
      const label = copy.querySelector('.phui-tag-core') ?? link;
      label.textContent = name(i);
      item.parentElement!.append(copy);
    }
    return doc;
  }
  /** The page's ask as the worker's router checks it. */
  const ask = (doc: Document) =>
    contentRequestSchema.safeParse({ type: 'task/context', taskId: 14, page: readPageFacts(doc) });

  it('are carried up to the limit: 500 tags', () => {
    const parsed = ask(taggedPage(498));
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ page: { tags: expect.any(Array) } });
    expect((parsed.data as { page: { tags: unknown[] } }).page.tags).toHaveLength(500);
  });

  it('past it, are set aside and the ask still goes through (the worker asks Phabricator)', () => {
    // Anyone who can edit a task can tag it: a refused ask would leave the banner with no answer.
    for (const doc of [taggedPage(499), taggedPage(1, () => 'x'.repeat(1001))]) {
      const parsed = ask(doc);
      expect(parsed.success).toBe(true);
      expect(parsed.data).toEqual({ type: 'task/context', taskId: 14 });
    }
  });
});

describe('newestTransactionId', () => {
  const timeline = (names: string[]) =>
    parseHtml(
      `<div class="phui-timeline-view">${names.map((n) => `<a class="phabricator-anchor-view" name="${n}"></a>`).join('')}</div>`,
    );

  it('takes the largest id, whatever the order', () => {
    expect(newestTransactionId(timeline(['12', '155', '40']))).toBe(155);
  });

  it('ignores names that are not plain transaction ids, and anchors outside the timeline', () => {
    expect(
      newestTransactionId(timeline(['9e99', '0x10', '-5', '007', '1'.repeat(20), ' 12', ''])),
    ).toBeNull();
    const doc = parseHtml(
      '<a class="phabricator-anchor-view" name="999"></a><div class="phui-timeline-view"></div>',
    );
    expect(newestTransactionId(doc)).toBeNull();
  });
});

describe('linkedUsernames: the people a task page names', () => {
  it('T14: timeline authors, mentions and curtain people, once each, in page order', () => {
    const names = linkedUsernames(parsePage('task-T14.alice.html'));
    expect(names).toEqual(expect.arrayContaining(['alice', 'bob', 'carol', 'erin']));
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(readPageFacts(parsePage('task-T14.alice.html'))?.people).toEqual(names);
  });

  it('ignores links that are not a profile, and bounds the list', () => {
    const doc = parsePage('task-T14.alice.html');
    const column = doc.querySelector('.phui-two-column-view')!;
    for (const href of ['/p/', '/p/a b/', '/p/x/feed/', '/p/../admin/', `/p/${'y'.repeat(65)}/`]) {
      const link = doc.createElement('a');
      link.setAttribute('href', href);
      column.append(link);
    }
    for (let i = 0; i < 300; i++) {
      const link = doc.createElement('a');
      link.setAttribute('href', `/p/user${i}/`);
      column.append(link);
    }
    const names = linkedUsernames(doc);
    expect(names).toHaveLength(100);
    expect(names.every((n) => /^[A-Za-z0-9._-]{1,64}$/.test(n))).toBe(true);
  });
});
