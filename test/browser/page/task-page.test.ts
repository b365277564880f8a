import { describe, expect, test } from 'vitest';
import { PageStructureError } from '../../../src/phabricator/page/selectors';
import { readTaskPage, taskIdFromUrl } from '../../../src/phabricator/page/task-page';
import type { TaskPageInfo } from '../../../src/phabricator/page/task-page';
import { TASK_IDS, extracted, parsePage, seedTask } from './fixtures';

describe('taskIdFromUrl', () => {
  test.each([
    ['http://127.0.0.1:8081/T14', 14],
    ['http://127.0.0.1:8081/T14#155', 14],
    ['http://127.0.0.1:8081/T14?foo=bar#comment-3', 14],
    ['https://phabricator.wikimedia.org/T123456', 123456],
    ['/T8', 8],
    ['/T16?__quicksand__=true', 16],
  ])('%s is task %i', (url, id) => {
    expect(taskIdFromUrl(url)).toBe(id);
    expect(taskIdFromUrl(new URL(url, 'http://127.0.0.1:8081/'))).toBe(id);
  });

  // Phorge routes '/T(?P<id>[1-9]\d*)' and a leaf route must consume the whole path.
  test.each([
    'http://127.0.0.1:8081/T14/',
    'http://127.0.0.1:8081/T14/edit',
    'http://127.0.0.1:8081/maniphest/task/edit/14/',
    'http://127.0.0.1:8081/t14',
    'http://127.0.0.1:8081/T0',
    'http://127.0.0.1:8081/T014',
    'http://127.0.0.1:8081/T',
    'http://127.0.0.1:8081/T14x',
    'http://127.0.0.1:8081/D14',
    'http://127.0.0.1:8081/maniphest/?ids=14',
    'http://127.0.0.1:8081/tag/echo/#T14',
    'http://127.0.0.1:8081/T99999999999999999999',
    'http://[broken',
  ])('%s is not a task page', (url) => {
    expect(taskIdFromUrl(url)).toBeNull();
  });
});

const SESSIONS = ['alice', 'loggedout'] as const;

/** `/p/bob/` to `bob`, as the extracted panels record hrefs. */
function usernames(items: readonly { href: string }[]): string[] {
  return items.map((item) => /^\/p\/([^/]+)\/$/.exec(item.href)![1]!);
}

describe.each(SESSIONS)('readTaskPage on every captured task page (%s)', (session) => {
  const visible = TASK_IDS.filter((id) => !(id === 15 && session === 'loggedout'));

  test.each(visible)('T%i matches the live-DOM extract and the seeded data', (id) => {
    const info = readTaskPage(parsePage(`task-T${id}.${session}.html`));
    const live = extracted[`T${id}`]!;
    const seed = seedTask(id);
    expect(info).not.toBeNull();
    const page = info as TaskPageInfo;

    expect(page.id).toBe(id);
    expect(page.phid).toBe(seed.phid);
    expect(page.title).toBe(live.title);
    expect(page.title).toBe(seed.title);

    expect(page.closed).toBe(seed.status !== 'open');
    if (page.closed) {
      expect(page.statusName).toBe(live.statusPriorityTag);
      expect(page.statusName.toLowerCase()).toBe(`closed, ${seed.status}`);
      expect(page.priorityName).toBeNull();
    } else {
      expect(`${page.statusName}, ${page.priorityName}`).toBe(live.statusPriorityTag);
      expect(page.statusName).toBe('Open');
      expect(page.priorityName).toBe(seed.priority);
    }
    expect(live.headerIconClass.split(' ')).toContain(page.priorityColor);

    expect(page.assignee).toBe(seed.owner);
    expect(page.assignee === null ? [] : [page.assignee]).toEqual(
      usernames(live.panels['Assigned To']!.items),
    );

    expect(page.tags.map((t) => t.name)).toEqual(live.panels['Project Tags']!.items.map((i) => i.text));
    expect(page.tags.map((t) => `/tag/${t.slug}/`)).toEqual(
      live.panels['Project Tags']!.items.map((i) => i.href),
    );
    expect([...page.tags.map((t) => t.name)].sort()).toEqual([...seed.projects].sort());
    const columns = page.tags.filter((t) => t.column !== null).map((t) => `${t.name}: ${t.column}`);
    expect(columns.sort()).toEqual([...seed.columns].sort());

    // Phorge lists the viewer first, so only alice's pages keep the order of alice's live extract.
    const liveSubscribers = usernames(live.panels['Subscribers']!.items);
    if (session === 'alice') expect(page.subscribers).toEqual(liveSubscribers);
    else expect([...page.subscribers].sort()).toEqual(liveSubscribers.sort());
    expect([...page.subscribers].sort()).toEqual([...seed.subscribers].sort());
    expect(page.subscribersComplete).toBe(true);

    expect(page.viewer).toEqual(
      session === 'alice' ? { loggedIn: true, username: 'alice' } : { loggedIn: false, username: null },
    );
    expect(page.csrfToken).toMatch(/^B@[a-z0-9]+$/);
    expect(page.theme).toEqual({ scheme: 'light', postprocessor: 'default', source: 'stylesheet' });
    expect(page.unread).toEqual([]);
  });
});

describe('pages that are not a readable task', () => {
  test.each([
    ['task-T15.loggedout.html', 'the login page served for a restricted task'],
    ['task-T15.bob-no-access.html', '"You Shall Not Pass" for a non-member'],
  ])('%s (%s) gives null', (name) => {
    expect(readTaskPage(parsePage(name))).toBeNull();
  });

  test('a two-column page of another object (crumb D14) gives null', () => {
    const doc = parsePage('task-T14.alice.html');
    doc.querySelector('.phabricator-last-crumb .phui-crumb-name')!.textContent = ' D14';
    expect(readTaskPage(doc)).toBeNull();
  });
});

describe('readTaskPage details', () => {
  test('older Phabricator names the project panel "Tags"', () => {
    const doc = parsePage('task-T16.alice.html');
    const header = Array.from(doc.querySelectorAll('.phui-curtain-panel-header')).find(
      (h) => h.textContent === 'Project Tags',
    )!;
    header.textContent = 'Tags';
    expect(readTaskPage(doc)!.tags).toEqual([
      { slug: 'echo', name: 'Echo', column: 'Backlog' },
      { slug: 'release-engineering-team', name: 'Release-Engineering-Team', column: 'In Progress' },
    ]);
  });

  test('a translated UI still yields the assignee (first panel) and tags, and says what it could not read', () => {
    const doc = parsePage('task-T11.alice.html');
    for (const header of Array.from(doc.querySelectorAll('.phui-curtain-panel-header'))) {
      header.textContent = `« ${header.textContent} »`;
    }
    const page = readTaskPage(doc)!;
    expect(page.tags).toEqual([
      { slug: 'release-engineering-team', name: 'Release-Engineering-Team', column: 'Blocked' },
    ]);
    expect(page.assignee).toBe('carol');
    expect(page.unread.map((u) => u.feature)).toEqual(['subscribers']);
  });

  test('markup in a title stays text', () => {
    const doc = parsePage('task-T14.alice.html');
    const title = doc.querySelector('.phui-two-column-header .phui-header-header')!;
    const bold = doc.createElement('b');
    bold.textContent = '<img src=x onerror=alert(1)>';
    title.append(bold);
    expect(readTaskPage(doc)!.title).toBe(
      'Global login fails with "Session hijacking attempt" error on all wikis<img src=x onerror=alert(1)>',
    );
  });

  test('a task with a hidden tail of subscribers is marked incomplete', () => {
    const doc = parsePage('task-T1.alice.html');
    const list = Array.from(doc.querySelectorAll('.phui-curtain-panel'))
      .find((p) => p.querySelector('.phui-curtain-panel-header')!.textContent === 'Subscribers')!
      .querySelector('.phui-curtain-object-ref-list-view')!;
    const tail = doc.createElement('div');
    tail.className = 'phui-curtain-object-ref-list-view-tail';
    tail.textContent = 'View All 12 Subscriber(s)';
    list.append(tail);
    const page = readTaskPage(doc)!;
    expect(page.subscribersComplete).toBe(false);
    expect(page.subscribers).toEqual(['alice', 'admin', 'bob', 'erin']);
  });

  test('a dark-mode viewer is detected from the Celerity stylesheet URLs', () => {
    const doc = parsePage('task-T14.alice.html');
    for (const link of Array.from(doc.querySelectorAll('link[rel="stylesheet"]'))) {
      link.setAttribute('href', link.getAttribute('href')!.replace('/res/defaultX/', '/res/darkmodeX/'));
    }
    expect(readTaskPage(doc)!.theme).toEqual({
      scheme: 'dark',
      postprocessor: 'darkmode',
      source: 'stylesheet',
    });
  });

  test('an away assignee is read by username, without the availability dot', () => {
    const page = readTaskPage(parsePage('task-T11.alice.html'))!;
    expect(page.assignee).toBe('carol');
    expect(page.subscribers).toEqual(['admin', 'carol', 'erin']);
  });

  test.each([
    ['.policy-header-callout a.policy-link', 'task-phid'],
    ['.phui-header-subheader > .phui-tag-view', 'status'],
    ['.phui-two-column-header .phui-header-header', 'title'],
    ['.phui-side-column', 'curtain'],
  ])('a task page without %s throws a %s error', (css, feature) => {
    const doc = parsePage('task-T14.alice.html');
    for (const el of Array.from(doc.querySelectorAll(css))) el.remove();
    expect(() => readTaskPage(doc)).toThrow(PageStructureError);
    try {
      readTaskPage(doc);
    } catch (error) {
      expect((error as PageStructureError).feature).toBe(feature);
      expect((error as PageStructureError).message).toContain('please report it');
    }
  });

  test('a policy link that names no task PHID is a task-phid error', () => {
    const doc = parsePage('task-T14.alice.html');
    doc.querySelector('a.policy-link')!.setAttribute('href', '/policy/explain/PHID-USER-x/view/');
    expect(() => readTaskPage(doc)).toThrow(/task-phid.*does not name a task PHID/);
  });
});
