// Adjustments every served page gets: links back to this server, no Phorge JavaScript (not available
// here), the stand-in's stylesheet, Phorge's dark-mode marker, the viewer's CSRF token and user menu, and
// person handles showing current availability.
import type { User } from '../model';
import type { World } from '../world';
import { refreshHandle } from './markup';

const CAPTURED_ORIGIN = 'http://127.0.0.1:8081';

export interface PageViewer {
  user: User | null;
  csrf: string;
  /** Phorge marks dark mode by serving CSS through the "darkmode" postprocessor: /res/darkmodeX/... */
  dark: boolean;
}

export function adjustPage(doc: Document, world: World, now: number, viewer: PageViewer): void {
  // Relative links: the stand-in is not at the captured origin.
  for (const node of doc.querySelectorAll('[href], [src], [style], [action]')) {
    for (const name of ['href', 'src', 'style', 'action']) {
      const value = node.getAttribute(name);
      if (value?.includes(CAPTURED_ORIGIN)) node.setAttribute(name, value.split(CAPTURED_ORIGIN).join(''));
    }
  }
  for (const script of doc.querySelectorAll('script')) script.remove();
  const postprocessor = viewer.dark ? '/res/darkmodeX/' : '/res/defaultX/';
  for (const link of doc.querySelectorAll('link[rel="stylesheet"]')) {
    const href = link.getAttribute('href') ?? '';
    link.setAttribute('href', href.replace(/^\/res\/[a-z]+X\//, postprocessor));
  }
  const lite = doc.createElement('link');
  lite.setAttribute('rel', 'stylesheet');
  lite.setAttribute('type', 'text/css');
  lite.setAttribute('href', '/res/phorge-lite.css');
  doc.head.appendChild(lite);

  for (const input of doc.querySelectorAll('input[name="__csrf__"]'))
    input.setAttribute('value', viewer.csrf);
  for (const data of doc.querySelectorAll('data[data-javelin-init-kind="behaviors"]')) {
    const raw = data.getAttribute('data-javelin-init-data');
    if (!raw?.includes('refresh-csrf')) continue;
    try {
      const behaviors = JSON.parse(raw) as Record<string, { current?: string }[]>;
      for (const entry of behaviors['refresh-csrf'] ?? []) entry.current = viewer.csrf;
      data.setAttribute('data-javelin-init-data', JSON.stringify(behaviors));
    } catch {
      // Leave a behavior block we cannot read as it is; the input fields still carry the token.
    }
  }

  const user = viewer.user;
  if (user) {
    for (const menu of doc.querySelectorAll('a.phabricator-core-user-menu[href^="/p/"]')) {
      menu.setAttribute('href', `/p/${user.username}/`);
      menu.querySelector('span[style]')?.setAttribute('style', `background-image: url(${user.image});`);
    }
    doc.querySelector('.phui-comment-image')?.setAttribute('style', `background-image: url(${user.image})`);
  }

  for (const link of doc.querySelectorAll('a.phui-handle.phui-link-person[href^="/p/"]')) {
    const name = /^\/p\/([^/]+)\//.exec(link.getAttribute('href') ?? '')?.[1];
    const person = name ? world.userByName(name) : undefined;
    if (person) refreshHandle(link, person, world, now);
  }
}
