import { describe, expect, test } from 'vitest';
import { HOST_ATTRIBUTE, findInsertionPoint, mountHost } from '../../../src/phabricator/page/insertion';
import { TASK_IDS, parsePage, quicksandNodes, quicksandT8 } from './fixtures';

const ID = 'steward-banner';

function hosts(doc: Document): Element[] {
  return Array.from(doc.querySelectorAll(`[${HOST_ATTRIBUTE}]`));
}

describe.each(['alice', 'loggedout'] as const)('insertion point on captured task pages (%s)', (session) => {
  const visible = TASK_IDS.filter((id) => !(id === 15 && session === 'loggedout'));

  test.each(visible)('T%i: the banner goes right under the title and tags', (id) => {
    const doc = parsePage(`task-T${id}.${session}.html`);
    const { host, shadow } = mountHost(doc, ID)!;
    const header = doc.querySelector(
      '.phui-two-column-view > .phui-two-column-container > .phui-two-column-header',
    );
    expect(host.parentElement).toBe(header);
    expect(host.previousElementSibling?.matches('.phui-header-shell')).toBe(true);
    expect(host.id).toBe(ID);
    // Named after its place, so the banner's styles line it up with the column around it.
    expect(host.getAttribute(HOST_ATTRIBUTE)).toBe('header');
    // Open, so a later copy of the content script and the end-to-end tests can reach it.
    expect(host.shadowRoot).toBe(shadow);
    expect(hosts(doc)).toEqual([host]);
  });
});

describe('fallbacks', () => {
  test('without the header shell: the start of the main column, above Description', () => {
    const doc = parsePage('task-T14.alice.html');
    doc.querySelector('.phui-two-column-header > .phui-header-shell')!.remove();
    expect(findInsertionPoint(doc)?.place).toBe('main-column');
    const { host } = mountHost(doc, ID)!;
    const main = doc.querySelector('.phui-main-column')!;
    expect(main.firstElementChild).toBe(host);
    expect(host.nextElementSibling?.textContent).toContain('Description');
    expect(host.getAttribute(HOST_ATTRIBUTE)).toBe('main-column');
  });

  test('without header and main column: full width, before the two-column view', () => {
    const doc = parsePage('task-T14.loggedout.html');
    doc.querySelector('.phui-two-column-header > .phui-header-shell')!.remove();
    doc.querySelector('.phui-main-column')!.remove();
    const { host } = mountHost(doc, ID)!;
    expect(host.parentElement?.id).toBe('phabricator-standard-page-body');
    expect(host.nextElementSibling?.matches('.phui-two-column-view')).toBe(true);
    expect(host.previousElementSibling?.matches('.phui-crumbs-view')).toBe(true);
    expect(host.getAttribute(HOST_ATTRIBUTE)).toBe('page-body');
  });

  test.each(['task-T15.loggedout.html', 'task-T15.bob-no-access.html'])(
    '%s has no place for a banner: nothing is mounted',
    (name) => {
      const doc = parsePage(name);
      expect(findInsertionPoint(doc)).toBeNull();
      expect(mountHost(doc, ID)).toBeNull();
      expect(hosts(doc)).toEqual([]);
    },
  );
});

describe('mountHost never duplicates', () => {
  test('mounting again returns the same host and shadow root', () => {
    const doc = parsePage('task-T6.alice.html');
    const first = mountHost(doc, ID)!;
    first.shadow.append(doc.createTextNode('rendered once'));
    const second = mountHost(doc, ID)!;
    expect(second.host).toBe(first.host);
    expect(second.shadow).toBe(first.shadow);
    expect(second.shadow.textContent).toBe('rendered once');
    expect(hosts(doc)).toHaveLength(1);
  });

  test('hosts with different ids coexist', () => {
    const doc = parsePage('task-T6.alice.html');
    const a = mountHost(doc, 'steward-a')!;
    const b = mountHost(doc, 'steward-b')!;
    expect(a.host).not.toBe(b.host);
    expect(hosts(doc)).toHaveLength(2);
  });

  test('after a Quicksand swap the same host goes back in, under the new task header', () => {
    const doc = parsePage('task-T14.alice.html');
    const first = mountHost(doc, ID)!;
    first.shadow.append(doc.createTextNode('banner state'));
    const body = doc.getElementById('phabricator-standard-page-body')!;
    body.replaceChildren(...quicksandNodes(doc, quicksandT8().content));
    expect(first.host.isConnected).toBe(false);

    const again = mountHost(doc, ID)!;
    expect(again.host).toBe(first.host);
    expect(again.shadow.textContent).toBe('banner state');
    expect(again.host.isConnected).toBe(true);
    expect(again.host.previousElementSibling?.textContent).toContain('Login throttle counts failed attempts');
    expect(hosts(doc)).toHaveLength(1);
  });

  test('a host displaced by a redraw is moved back, not copied', () => {
    const doc = parsePage('task-T14.alice.html');
    const { host } = mountHost(doc, ID)!;
    doc.querySelector('.phui-main-column')!.prepend(host);
    mountHost(doc, ID);
    expect(host.previousElementSibling?.matches('.phui-header-shell')).toBe(true);
    expect(hosts(doc)).toHaveLength(1);
  });

  test('hosts left by an earlier copy of the content script: one is adopted, the rest removed', () => {
    const doc = parsePage('task-T14.alice.html');
    const shell = doc.querySelector('.phui-two-column-header > .phui-header-shell')!;
    const leftovers = [0, 1].map(() => {
      const el = doc.createElement('div');
      el.id = ID;
      el.setAttribute(HOST_ATTRIBUTE, '');
      el.attachShadow({ mode: 'open' }).append(doc.createTextNode('old banner'));
      return el;
    });
    shell.after(...leftovers);
    // A clone (as a page redraw would make) carries the attribute but no shadow root.
    doc.querySelector('.phui-main-column')!.prepend(leftovers[0]!.cloneNode(true));

    const { host, shadow } = mountHost(doc, ID)!;
    expect(host).toBe(leftovers[0]);
    expect(shadow.textContent).toBe('old banner');
    expect(hosts(doc)).toEqual([host]);
  });

  test('a page element that happens to use the id is left alone', () => {
    const doc = parsePage('task-T14.alice.html');
    const pageOwn = doc.createElement('span');
    pageOwn.id = ID;
    doc.querySelector('.phui-main-column')!.append(pageOwn);
    mountHost(doc, ID);
    expect(pageOwn.isConnected).toBe(true);
    expect(hosts(doc)).toHaveLength(1);
  });
});
