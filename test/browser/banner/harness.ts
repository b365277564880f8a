// Runs the content script's banner on a captured Phorge page (in an iframe with a real address and
// history) against a fake worker: every request is recorded and answered by the test.
import { asReply } from '../../../src/message-checks';
import type { ContentRequest, Reply, ReplyError, TaskContext } from '../../../src/messages';
import { startBanner, HOST_ID, type BannerHandle } from '../../../src/content/boot';
import type { BannerDeps } from '../../../src/content/deps';
import { BANNER_STYLESHEET } from '../../../src/content/banner-stylesheet';
import type { BannerStylesheet } from '../../../src/content/stylesheet';
import { SEEDED_AT } from '../../fixtures/contexts/task-contexts';
import { BLANK_SAME_ORIGIN, loadIntoFrame } from '../page/fixtures';

export type Answer = (request: ContentRequest) => unknown | Promise<unknown>;

export interface Running {
  frame: HTMLIFrameElement;
  win: Window;
  doc: Document;
  requests: ContentRequest[];
  /** The worker says a task changed. */
  emitChanged(taskId: number): void;
  /** With `parsing`: the page is parsed (DOMContentLoaded). */
  finishParsing(): void;
  handle: BannerHandle;
  host(): HTMLElement | null;
  shadow(): ShadowRoot;
  banner(): HTMLElement;
  /** Waits until the banner's data-state is `state` and its stylesheet has loaded. */
  until(state: string): Promise<void>;
  stop(): void;
}

export const ok = (data: unknown) => ({ ok: true, data });
export const fail = (error: ReplyError) => ({ ok: false, error });

/** Answers task/context with `context`, task/watch with the new state, anything else with {}. */
export function answering(context: TaskContext | (() => TaskContext)): Answer {
  return (request) => {
    if (request.type === 'task/context') return ok(typeof context === 'function' ? context() : context);
    if (request.type === 'task/watch') return ok({ watched: request.watched });
    return ok({});
  };
}

// banner.css as the build writes it, served from memory in place of the extension's file (for tests that link it).
export const stylesheetUrl = URL.createObjectURL(new Blob([BANNER_STYLESHEET], { type: 'text/css' }));

export const frameBase = () => `${location.origin}${BLANK_SAME_ORIGIN}`;

export async function runBanner(
  page: string,
  path: string,
  answer: Answer,
  prepare?: (doc: Document) => void,
  options: {
    /** The banner's stylesheet; by default the build's sheet, handed over as text as banner-style.js does. */
    stylesheet?: BannerStylesheet;
    /**
     * Starts the banner as the browser injects it, before the page is parsed (document_start): the
     * document says it is loading until `finishParsing()` fires its DOMContentLoaded.
     */
    parsing?: boolean;
  } = {},
) {
  const frame = await loadIntoFrame(page, path);
  frame.style.width = '1200px';
  frame.style.height = '900px';
  const win = frame.contentWindow!;
  const doc = frame.contentDocument!;
  prepare?.(doc);
  const requests: ContentRequest[] = [];
  const listeners = new Set<(taskId: number) => void>();
  // As the content script does: the worker is trusted, its reply is checked for its envelope only.
  const ask = (async (request: ContentRequest) => {
    requests.push(request);
    return (
      asReply(await answer(request)) ?? {
        ok: false,
        error: { kind: 'internal', message: 'Steward received a reply it does not understand.' },
      }
    );
  }) as BannerDeps['ask'];
  const deps: BannerDeps = {
    ask,
    onTaskChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    assignFrameUrl: (query) => `${frameBase()}?${query.toString()}`,
    stylesheet: options.stylesheet ?? { text: BANNER_STYLESHEET, url: stylesheetUrl },
    now: () => SEEDED_AT,
  };
  if (options.parsing) Object.defineProperty(doc, 'readyState', { value: 'loading', configurable: true });
  const handle = startBanner(win, deps);
  const running: Running = {
    frame,
    win,
    doc,
    requests,
    handle,
    emitChanged: (taskId) => listeners.forEach((listener) => listener(taskId)),
    finishParsing() {
      delete (doc as { readyState?: unknown }).readyState;
      doc.dispatchEvent(new Event('DOMContentLoaded'));
    },
    host: () => doc.getElementById(HOST_ID),
    shadow() {
      const shadow = running.host()?.shadowRoot;
      if (!shadow) throw new Error('no banner host with a shadow root');
      return shadow;
    },
    banner() {
      const banner = running.shadow().querySelector<HTMLElement>('[data-steward="banner"]');
      if (!banner) throw new Error('no [data-steward="banner"] in the shadow root');
      return banner;
    },
    until: (state) =>
      waitFor(
        () =>
          running
            .host()
            ?.shadowRoot?.querySelector(`[data-styled] [data-steward="banner"][data-state="${state}"]`) !=
          null,
      ),
    stop() {
      handle.stop();
      frame.remove();
    },
  };
  return running;
}

export async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeoutMs)
      throw new Error(`timed out waiting for ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The banner's text as read in order, whitespace collapsed: screen-reader-only text included, tooltips
 * (shown on hover or focus only) and styles left out.
 */
export function textOf(node: Node): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === Node.TEXT_NODE) parts.push(n.textContent ?? '');
    if (n.nodeType !== Node.ELEMENT_NODE && n.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return;
    if (n.nodeType === Node.ELEMENT_NODE && (n as Element).matches('[role="tooltip"], style')) return;
    n.childNodes.forEach(walk);
  };
  walk(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

export type { Reply };
