// Task pages: the captured world's pages read like the real ones (compared with what the capture's
// dom-extract.alice.json read from live Phorge), and they follow the state after maniphest.edit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Standin } from '../../standin/server';
import { startStandin } from '../../standin/server';
import { loadBuiltinScenario } from '../../standin/state';
import { extractTaskPage } from './extract';
import type { Reply } from './helpers';

// linkedom (which builds the stand-in's pages) drops the trailing space Phorge leaves in some class
// attributes ("phui-tag-icon-view "), so class strings are compared with trimmed whitespace.
const trimClasses = (value: unknown, key = ''): unknown => {
  if (typeof value === 'string') return /class$/i.test(key) ? value.replace(/\s+/g, ' ').trim() : value;
  if (Array.isArray(value)) return value.map((item) => trimClasses(item));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, trimClasses(item, name)]));
  }
  return value;
};

const domExtract = trimClasses(
  JSON.parse(
    readFileSync(join(import.meta.dirname, '../../fixtures/phorge-html/dom-extract.alice.json'), 'utf8'),
  ),
) as Record<
  string,
  ReturnType<typeof extractTaskPage> & { timeline: ReturnType<typeof extractTaskPage>['timeline'] }
>;

const ADMIN_TOKEN = 'api-nxs33mq3wpyyg7vj3jngfyhrzrcc';
const USERS = {
  alice: 'PHID-USER-xhdgapgwb75vgmayvc6o',
  bob: 'PHID-USER-func4a3darmz3oh2ta3u',
  carol: 'PHID-USER-ferlea3apgikxbpfxohr',
  erin: 'PHID-USER-llw3bphotw3lgqpni64x',
};

let standin: Standin;

async function login(user: string) {
  const response = await fetch(`${standin.url}/__standin/login?user=${user}&format=json`);
  return (await response.json()) as { phsid: string; csrf: string };
}

async function page(path: string, phsid?: string) {
  const response = await fetch(
    `${standin.url}${path}`,
    phsid ? { headers: { Cookie: `phsid=${phsid}` } } : {},
  );
  return { status: response.status, html: await response.text(), headers: response.headers };
}

async function conduit(method: string, params: Record<string, unknown>, token = ADMIN_TOKEN) {
  const body = new URLSearchParams({ params: JSON.stringify({ ...params, __conduit__: { token } }) });
  const response = await fetch(`${standin.url}/api/${method}`, { method: 'POST', body });
  return (await response.json()) as Reply;
}

beforeAll(async () => {
  standin = await startStandin();
});
afterAll(async () => {
  await standin.close();
});
beforeEach(async () => {
  await fetch(`${standin.url}/__standin/scenario/captured`, { method: 'POST' });
});

describe('captured world pages read like the real Phorge pages', () => {
  for (let id = 1; id <= 16; id++) {
    it(`T${id} as alice`, async () => {
      const { phsid } = await login('alice');
      const ours = trimClasses(extractTaskPage((await page(`/T${id}`, phsid)).html)) as ReturnType<
        typeof extractTaskPage
      >;
      const real = domExtract[`T${id}`];
      if (!real) throw new Error(`no dom-extract for T${id}`);
      expect(ours.documentTitle).toBe(real.documentTitle);
      expect(ours.title).toBe(real.title);
      expect(ours.headerIconClass).toBe(real.headerIconClass);
      expect(ours.statusPriorityTag).toBe(real.statusPriorityTag);
      expect(ours.statusPriorityTagClass).toBe(real.statusPriorityTagClass);
      expect(ours.policy).toBe(real.policy);
      expect(ours.panels).toEqual(real.panels);
      expect(ours.description).toBe(real.description);
      expect(ours.timeline).toEqual(real.timeline);
    });
  }
});

describe('a timeline drawn from the history alone matches what Phorge drew', () => {
  // Give every task a new PHID, so no captured page belongs to it and the whole page is drawn.
  it('for every group made of ordinary transactions', async () => {
    const scenario = loadBuiltinScenario();
    for (const task of scenario.tasks) task.phid = `PHID-TASK-redrawn${String(task.id).padStart(4, '0')}x`;
    await fetch(`${standin.url}/__standin/scenario`, { method: 'POST', body: JSON.stringify(scenario) });
    const { phsid } = await login('alice');
    let compared = 0;
    for (let id = 1; id <= 16; id++) {
      const ours = trimClasses(extractTaskPage((await page(`/T${id}`, phsid)).html)) as ReturnType<
        typeof extractTaskPage
      >;
      const real = domExtract[`T${id}`];
      if (!real) continue;
      // Relations, mentions, board moves and policy lines come from type-null transactions the stand-in does
      // not describe, so groups showing them are skipped.
      const ordinary = real.timeline.filter(
        (shell) =>
          !shell.lines.some((line) => ['fa-link', 'fa-columns', 'fa-lock'].includes(line.icon ?? '')),
      );
      for (const shell of ordinary) {
        const mine = ours.timeline.find((candidate) => candidate.anchors[0] === shell.anchors[0]);
        expect({ task: id, ...mine }).toEqual({ task: id, ...shell });
        compared++;
      }
      expect(ours.title).toBe(real.title);
      expect(ours.panels['Assigned To']).toEqual(real.panels['Assigned To']);
      expect(ours.panels.Subscribers).toEqual(real.panels.Subscribers);
    }
    expect(compared).toBeGreaterThan(25);
  });
});

describe('pages follow maniphest.edit', () => {
  it('shows the new owner, comment, subscriber and priority on T14', async () => {
    const edit = await conduit('maniphest.edit', {
      objectIdentifier: 'T14',
      transactions: [
        { type: 'owner', value: USERS.carol },
        { type: 'priority', value: 'high' },
        { type: 'comment', value: 'Process owner: @carol <script>alert(1)</script>' },
        { type: 'subscribers.add', value: [USERS.bob] },
      ],
    });
    expect(edit.error_code).toBeNull();
    const { phsid } = await login('alice');
    const ours = extractTaskPage((await page('/T14', phsid)).html);
    expect(ours.panels['Assigned To']?.items.map((item) => item.text)).toEqual(['• carol']);
    expect(ours.panels['Assigned To']?.items[0]?.class).toBe(
      'phui-handle handle-availability-none phui-link-person',
    );
    expect(ours.statusPriorityTag).toBe('Open, High');
    expect(ours.headerIconClass).toContain('fa-exclamation-circle red');
    // admin commented, so admin got subscribed.
    expect(ours.panels.Subscribers?.items.map((item) => item.text)).toEqual([
      'alice',
      'admin',
      'bob',
      '• carol',
      '• erin',
    ]);
    const last = ours.timeline.at(-1);
    expect(last?.comment).toBe('Process owner: @carol <script>alert(1)</script>');
    expect(last?.lines.map((line) => line.text.replace(/Thu, Nov 26.*$/, ''))).toEqual([
      'admin assigned this task to • carol.',
      'admin lowered the priority of this task from Unbreak Now! to High.',
      'admin subscribed.',
    ]);
    expect(last?.lines[0]?.when).toBe('Thu, Nov 26, 1:48 PM');
    expect(last?.shellClass).toBe('phui-timeline-shell phui-timeline-green');
    // The hostile comment stays text.
    expect((await page('/T14', phsid)).html).not.toContain('<script>alert(1)</script>');
  });

  it('redraws a description changed after the capture, as remarkup', async () => {
    await conduit('maniphest.edit', {
      objectIdentifier: 'T13',
      transactions: [{ type: 'description', value: 'Blocked on T8 and **@carol**.\n\nSee `reset.php`.' }],
    });
    const html = (await page('/T13')).html;
    const ours = extractTaskPage(html);
    expect(ours.description).toBe('Blocked on T8 and @carol. See reset.php.');
    const description = parseHTML(html).document.querySelector(
      '.phui-property-list-section .phabricator-remarkup',
    );
    // T8 is closed: Phorge strikes closed objects through with phui-tag-core-closed.
    expect(
      description?.querySelector('a.phui-tag-type-object[href="/T8"] .phui-tag-core-closed')?.textContent,
    ).toBe('T8');
    expect(description?.querySelector('tt.remarkup-monospaced')?.textContent).toBe('reset.php');
    expect(ours.timeline.at(-1)?.lines[0]?.text).toMatch(/^admin updated the task description\./);
  });

  it('shows a closed task and a comment-only edit', async () => {
    await conduit('maniphest.edit', {
      objectIdentifier: 'T16',
      transactions: [{ type: 'status', value: 'resolved' }],
    });
    await conduit(
      'maniphest.edit',
      { objectIdentifier: 'T16', transactions: [{ type: 'comment', value: 'Fixed in wmf.8.' }] },
      'api-yuzpv4o76i374cu7v6je43orzru7',
    );
    const ours = extractTaskPage((await page('/T16')).html);
    expect(ours.statusPriorityTag).toBe('Closed, Resolved');
    expect(ours.statusPriorityTagClass).toContain('phui-tag-indigo');
    expect(ours.headerIconClass).toContain('fa-check-circle pink');
    const [closed, commented] = ours.timeline.slice(-2);
    expect(closed?.lines[0]?.text).toMatch(/^admin closed this task as Resolved\./);
    expect(closed?.shellClass).toBe('phui-timeline-shell phui-timeline-indigo');
    // As on the real T1: a commenter who was not subscribed gets "subscribed.", not "added a comment.".
    expect(commented?.lines.map((line) => line.text.replace(/Thu, Nov 26.*$/, ''))).toEqual([
      'alice subscribed.',
    ]);
    expect(commented?.comment).toBe('Fixed in wmf.8.');
  });

  it('draws a task created over Conduit into a borrowed page', async () => {
    const created = await conduit('maniphest.edit', {
      transactions: [
        { type: 'title', value: 'New outage' },
        { type: 'priority', value: 'unbreak' },
        { type: 'projects.add', value: ['PHID-PROJ-jct2xu2kwbvrozq3brk6'] },
      ],
    });
    expect(created.error_code).toBeNull();
    const id = created.result.object.id as number;
    expect(id).toBe(17);
    const ours = extractTaskPage((await page(`/T${id}`)).html);
    expect(ours.documentTitle).toBe('⚓ T17 New outage');
    expect(ours.crumbs).toEqual(['Maniphest', 'T17']);
    expect(ours.panels['Project Tags']?.items.map((item) => item.text)).toEqual(['Release-Engineering-Team']);
    expect(ours.timeline[0]?.lines.map((line) => line.icon)).toEqual(['fa-pencil', 'fa-arrow-right']);
  });
});

describe('page access, tokens and theme', () => {
  it('gives a non-member the captured "You Shall Not Pass" page and a visitor the login page', async () => {
    const { phsid } = await login('bob');
    expect((await page('/T15', phsid)).html).toContain('You Shall Not Pass: Restricted Maniphest Task');
    expect((await page('/T15?foo=bar')).html).toContain('<title>Login</title>');
    const alice = await login('alice');
    expect(extractTaskPage((await page('/T15', alice.phsid)).html).title).toBe(
      'CentralAuth API leaks suppressed usernames via list=globalallusers',
    );
  });

  it("puts the session's CSRF token on the page, and that token works for Conduit", async () => {
    const { phsid } = await login('alice');
    const ours = extractTaskPage((await page('/T14', phsid)).html);
    const token = ours.csrf[0] ?? '';
    expect(ours.csrf.every((value) => value === token)).toBe(true);
    const response = await fetch(`${standin.url}/api/user.whoami`, {
      method: 'POST',
      headers: { Cookie: `phsid=${phsid}`, 'X-Phabricator-Csrf': token },
      body: new URLSearchParams({ params: '{}' }),
    });
    expect(((await response.json()) as { result: { userName: string } }).result.userName).toBe('alice');
  });

  it('marks dark mode the way Phorge does, through the /res/darkmodeX/ stylesheets', async () => {
    const light = extractTaskPage((await page('/T3')).html);
    expect(light.stylesheets).toContain('/res/phorge-lite.css');
    expect(light.stylesheets.filter((href) => href?.startsWith('/res/defaultX/'))).toHaveLength(2);
    const dark = extractTaskPage((await page('/T3?theme=dark')).html);
    expect(dark.stylesheets.filter((href) => href?.startsWith('/res/darkmodeX/'))).toHaveLength(2);
    const css = await fetch(`${standin.url}/res/phorge-lite.css`);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(await css.text()).toContain('darkmodeX');
  });

  it('serves dark mode to a user whose scenario setting says so, and ?theme=light overrides it', async () => {
    const example = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../fixtures/standin/example-scenario.json'), 'utf8'),
    );
    await fetch(`${standin.url}/__standin/scenario`, { method: 'POST', body: JSON.stringify(example) });
    const { phsid } = await login('bot');
    const dark = extractTaskPage((await page('/T123', phsid)).html);
    expect(dark.stylesheets.some((href) => href?.startsWith('/res/darkmodeX/'))).toBe(true);
    const light = extractTaskPage((await page('/T123?theme=light', phsid)).html);
    expect(light.stylesheets.some((href) => href?.startsWith('/res/darkmodeX/'))).toBe(false);
    expect(dark.panels['Project Tags']?.items.map((item) => item.text)).toEqual(['CentralAuth']);
    expect(dark.timeline.at(-1)?.lines[0]?.text).toMatch(
      /^alice raised the priority of this task from Normal to Unbreak Now!\./,
    );
  });

  it('shows availability as of the stand-in clock on every handle', async () => {
    const before = extractTaskPage((await page('/T16')).html);
    expect(before.panels['Assigned To']?.items[0]?.class).toBe(
      'phui-handle handle-availability-partial phui-link-person',
    );
    await fetch(`${standin.url}/__standin/clock`, {
      method: 'POST',
      body: JSON.stringify({ now: 1795707900 }),
    });
    const html = (await page('/T16')).html;
    const after = extractTaskPage(html);
    expect(after.panels['Assigned To']?.items[0]).toEqual({
      text: 'erin',
      href: '/p/erin/',
      class: 'phui-handle phui-link-person',
    });
    expect(html).not.toContain('handle-availability-partial');
  });

  it('serves a bare 404 without favicon links, and 404 for unknown tasks', async () => {
    const missing = await page('/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.html).not.toContain('favicon');
    expect((await page('/T999')).status).toBe(404);
  });

  it('answers a Quicksand navigation like Phorge: the page body as shielded JSON', async () => {
    const { phsid, csrf } = await login('alice');
    const response = await fetch(`${standin.url}/T8`, {
      method: 'POST',
      headers: { Cookie: `phsid=${phsid}`, 'X-Phabricator-Csrf': csrf, 'X-Phabricator-Via': '/T8' },
      body: new URLSearchParams({
        __quicksand__: 'true',
        __wflow__: 'true',
        __ajax__: 'true',
        __metablock__: '5',
      }),
    });
    const text = await response.text();
    expect(text.startsWith('for (;;);')).toBe(true);
    const ours = JSON.parse(text.slice('for (;;);'.length)) as {
      payload: { content: string; title: string };
    };
    const real = JSON.parse(
      readFileSync(
        join(import.meta.dirname, '../../fixtures/phorge-html/quicksand-T8.alice.response.json'),
        'utf8',
      ).slice('for (;;);'.length),
    ) as { payload: Record<string, unknown> };
    expect(Object.keys(ours.payload)).toEqual(Object.keys(real.payload));
    expect(ours.payload.title).toBe(real.payload.title);
    expect(ours.payload.content).toContain(
      'Login throttle counts failed attempts twice when CentralAuth is enabled',
    );
    expect(ours.payload.content.startsWith('<div class="phui-crumbs-view')).toBe(true);
  });

  it('answers /login/refresh/ with a usable token, as Phorge does', async () => {
    const { phsid } = await login('alice');
    const refresh = await page('/login/refresh/', phsid);
    expect(refresh.html).toMatch(
      /^for \(;;\);\{"error":null,"payload":\{"token":"B@[a-z0-9]{8}[0-9a-f]{16}"\}\}$/,
    );
  });
});
