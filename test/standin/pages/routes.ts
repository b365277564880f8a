// Web routes: task pages, home and Maniphest (captured pages), /login/refresh/, the login chooser,
// stylesheets, avatars, and a plain 404 for everything else.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { phorgeHeaders, send } from '../http/respond';
import type { Sent } from '../http/respond';
import { requestData } from '../http/forms';
import type { Exchange } from '../server';
import { el } from './markup';
import type { PageViewer } from './page-common';
import { adjustPage } from './page-common';
import { renderRestrictedPage, renderTaskPage } from './task-page';
import { parseTemplate, serialize } from './templates';
import { parseHTML } from 'linkedom';

const here = dirname(fileURLToPath(import.meta.url));
const LITE_CSS = join(here, '../static/phorge-lite.css');

function viewerOf(exchange: Exchange): PageViewer {
  const { state, session, url } = exchange;
  const user = session?.userPHID ? (state.world.userByPHID(session.userPHID) ?? null) : null;
  const theme = url.searchParams.get('theme');
  const dark = theme === 'dark' || (theme !== 'light' && user?.theme === 'dark');
  const csrf = session ? state.sessions.csrfToken(session, state.clock.now()) : '';
  return { user, csrf, dark };
}

function clear(node: Element): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

function html(exchange: Exchange, status: number, body: string): Sent {
  return send(
    exchange.res,
    status,
    {
      'Content-Type': 'text/html; charset=UTF-8',
      ...(exchange.setCookies.length ? { 'Set-Cookie': exchange.setCookies } : {}),
      ...phorgeHeaders(exchange.origin),
    },
    body,
  );
}

function notFound(exchange: Exchange): Sent {
  const doc = parseTemplate('home.loggedout.html');
  // A bare page: no favicon or stylesheet links, so a 404 never triggers more requests.
  clear(doc.head);
  doc.title = '404 Not Found';
  const body = doc.body;
  clear(body);
  body.appendChild(el(doc, 'h1', {}, '404 Not Found'));
  body.appendChild(el(doc, 'p', {}, `The Phabricator stand-in has nothing at ${exchange.url.pathname}.`));
  return html(exchange, 404, serialize(doc));
}

/** Phorge's Quicksand reply: the inner HTML of #phabricator-standard-page-body as JSON (README §7). */
function quicksand(exchange: Exchange, page: string, viewer: PageViewer, taskPHID: string): Sent {
  const doc = parseHTML(page).document as unknown as Document;
  const frame = doc.querySelector('#phabricator-standard-page-body');
  const stylesheets = [...doc.querySelectorAll('link[rel="stylesheet"]')]
    .map((link) => link.getAttribute('href') ?? '')
    .filter((href) => /^\/res\/[a-z]+X\//.test(href))
    .map((href) => `${exchange.origin}${href}`);
  const payload = {
    error: null,
    payload: {
      content: frame?.innerHTML ?? '',
      title: doc.title,
      bodyClasses: doc.body.getAttribute('class') ?? '',
      aphlictDropdownData: [
        { isInstalled: true, countType: 'notifications', count: 0, rawCount: 0 },
        { isInstalled: true, countType: 'messages', count: 0, rawCount: 0 },
      ],
      globalDragAndDrop: false,
      hisecWarningConfig: {
        show: false,
        uri: '/auth/session/downgrade/',
        message: 'Your session is in high security mode. When you finish using it, click here to leave.',
      },
      consoleConfig: null,
      applicationClass: 'PhabricatorManiphestApplication',
      applicationSearchIcon: 'fa-anchor',
      helpItems: null,
      pageObjects: { [taskPHID]: true },
      subscriptions: viewer.user ? [taskPHID, viewer.user.phid] : [taskPHID],
    },
    // Phorge's JavaScript is not served here, so there are no behaviors to start.
    javelin_metadata: [],
    javelin_behaviors: {},
    javelin_resources: stylesheets,
  };
  return send(
    exchange.res,
    200,
    { 'Content-Type': 'text/plain; charset=UTF-8', ...phorgeHeaders(exchange.origin) },
    `for (;;);${JSON.stringify(payload)}`,
  );
}

function avatar(exchange: Exchange): Sent {
  const letter = /_([A-Z0-9])\.png/.exec(exchange.url.pathname)?.[1] ?? '?';
  const hue = (letter.charCodeAt(0) * 47) % 360;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">` +
    `<rect width="100" height="100" fill="hsl(${hue},45%,55%)"/>` +
    `<text x="50" y="66" font-family="Helvetica,Arial,sans-serif" font-size="52" text-anchor="middle" fill="#fff">${letter}</text></svg>`;
  return send(exchange.res, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=3600' }, svg);
}

function loginChooser(exchange: Exchange): Sent {
  const next = exchange.url.searchParams.get('next') ?? '/';
  const doc = parseTemplate('home.loggedout.html');
  clear(doc.head);
  doc.title = 'Log In (stand-in)';
  const body = doc.body;
  clear(body);
  body.appendChild(el(doc, 'h1', {}, 'Log in to the Phabricator stand-in as:'));
  const list = el(doc, 'ul');
  for (const user of exchange.state.world.users.filter((candidate) => !candidate.isDisabled)) {
    const href = `/__standin/login?user=${encodeURIComponent(user.username)}&next=${encodeURIComponent(next.startsWith('/') ? next : '/')}`;
    list.appendChild(el(doc, 'li', {}, el(doc, 'a', { href }, `${user.username} (${user.realName})`)));
  }
  body.appendChild(list);
  return html(exchange, 200, serialize(doc));
}

function capturedPage(exchange: Exchange, base: string): Sent {
  const viewer = viewerOf(exchange);
  const doc = parseTemplate(`${base}.${viewer.user ? 'alice' : 'loggedout'}.html`);
  adjustPage(doc, exchange.state.world, exchange.state.clock.now(), viewer);
  return html(exchange, 200, serialize(doc));
}

export async function servePage(exchange: Exchange): Promise<Sent> {
  const path = exchange.url.pathname;
  const { state } = exchange;
  const task = /^\/T(\d+)$/.exec(path);
  if (task) {
    const viewer = viewerOf(exchange);
    const found = state.world.taskById(Number(task[1]));
    if (!found) return notFound(exchange);
    const now = state.clock.now();
    const page = state.world.canView(found, viewer.user)
      ? renderTaskPage(state.world, now, found, viewer)
      : renderRestrictedPage(state.world, now, viewer);
    const data = requestData(exchange.url.searchParams, exchange.body, exchange.req.headers['content-type']);
    if (exchange.req.method === 'POST' && data.nested.__quicksand__ === 'true')
      return quicksand(exchange, page, viewer, found.phid);
    return html(exchange, 200, page);
  }
  if (path === '/') return capturedPage(exchange, 'home');
  if (path === '/maniphest/' || path.startsWith('/maniphest/query/'))
    return capturedPage(exchange, 'maniphest');
  if (path === '/login/refresh/') {
    const viewer = viewerOf(exchange);
    return send(
      exchange.res,
      200,
      {
        'Content-Type': 'text/plain; charset=UTF-8',
        ...(exchange.setCookies.length ? { 'Set-Cookie': exchange.setCookies } : {}),
        ...phorgeHeaders(exchange.origin),
      },
      `for (;;);${JSON.stringify({ error: null, payload: { token: viewer.csrf } })}`,
    );
  }
  if (path === '/auth/start/' || path === '/login/') return loginChooser(exchange);
  if (path === '/res/phorge-lite.css') {
    return send(
      exchange.res,
      200,
      { 'Content-Type': 'text/css; charset=UTF-8', 'Cache-Control': 'no-store' },
      readFileSync(LITE_CSS),
    );
  }
  if (/^\/res\/[a-z]+X\/.*\.css$/.test(path)) {
    return send(
      exchange.res,
      200,
      { 'Content-Type': 'text/css; charset=UTF-8' },
      '/* Phorge CSS is not part of the stand-in; see /res/phorge-lite.css. */\n',
    );
  }
  if (path.startsWith('/file/data/')) return avatar(exchange);
  return notFound(exchange);
}
