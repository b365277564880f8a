// Loads the captured Phorge pages (test/fixtures/phorge-html, see PROVENANCE.md) as inert documents.
import quicksandRaw from '../../fixtures/phorge-html/quicksand-T8.alice.response.json?raw';
import extractRaw from '../../fixtures/phorge-html/dom-extract.alice.json?raw';
import seedRaw from '../../fixtures/phorge-html/seed-summary.json?raw';

const pages = import.meta.glob<string>('../../fixtures/phorge-html/*.html', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const TASK_IDS = Array.from({ length: 16 }, (_, i) => i + 1);

/** A same-origin address with no scripts, for iframes that need their own history. */
export const BLANK_SAME_ORIGIN = '/test/fixtures/phorge-html/PROVENANCE.md';

export function fixtureNames(): string[] {
  return Object.keys(pages).map((path) => path.slice(path.lastIndexOf('/') + 1));
}

export function pageHtml(name: string): string {
  const html = pages[`../../fixtures/phorge-html/${name}`];
  if (html === undefined) throw new Error(`no fixture ${name} in test/fixtures/phorge-html`);
  return html;
}

/** Parsed with DOMParser: nothing runs and nothing loads. Scripts are dropped all the same. */
export function parsePage(name: string): Document {
  return parseHtml(pageHtml(name));
}

export function parseHtml(html: string): Document {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const script of Array.from(doc.querySelectorAll('script'))) script.remove();
  return doc;
}

export interface QuicksandPayload {
  readonly content: string;
  readonly title: string;
}

/** The real Quicksand reply for a click to /T8 (`for (;;);` + JSON). */
export function quicksandT8(): QuicksandPayload {
  const body = JSON.parse(quicksandRaw.replace(/^for \(;;\);/, '')) as {
    payload: QuicksandPayload;
  };
  return body.payload;
}

/** Nodes of the Quicksand content, ready to go into `doc`, built without innerHTML. */
export function quicksandNodes(doc: Document, content: string): Node[] {
  const parsed = parseHtml(`<!doctype html><body>${content}</body>`);
  return Array.from(parsed.body.childNodes, (node) => doc.importNode(node, true));
}

export interface ExtractedItem {
  readonly text: string;
  readonly href: string;
  readonly class: string;
}
export interface ExtractedTask {
  readonly path: string;
  readonly documentTitle: string;
  readonly title: string;
  readonly headerIconClass: string;
  readonly statusPriorityTag: string;
  readonly statusPriorityTagClass: string;
  readonly panels: Record<string, { items: ExtractedItem[]; empty: boolean }>;
}
export const extracted = JSON.parse(extractRaw) as Record<string, ExtractedTask>;

export interface SeedTask {
  readonly id: string;
  readonly phid: string;
  readonly title: string;
  readonly status: string;
  readonly priority: string;
  readonly owner: string | null;
  readonly projects: string[];
  readonly subscribers: string[];
  readonly columns: string[];
}
export const seedTasks = (JSON.parse(seedRaw) as { tasks: SeedTask[] }).tasks;

export function seedTask(id: number): SeedTask {
  const task = seedTasks.find((t) => t.id === `T${id}`);
  if (task === undefined) throw new Error(`T${id} is not in seed-summary.json`);
  return task;
}

/**
 * An iframe on a same-origin address, its document replaced by the captured page, so it has a real
 * location and history for pushState and popstate while the test page stays untouched.
 */
export async function loadIntoFrame(name: string, path: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.src = BLANK_SAME_ORIGIN;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const doc = frame.contentDocument!;
  const page = parsePage(name);
  doc.replaceChild(doc.importNode(page.documentElement, true), doc.documentElement);
  frame.contentWindow!.history.replaceState(null, '', path);
  return frame;
}
