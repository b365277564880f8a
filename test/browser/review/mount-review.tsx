// The review page against a fake worker, as the review tests mount it: `answer` answers the page's
// requests, and the page's opening review/first is made of its own answer to review/open (cached), as the
// worker makes it.
import { render } from 'preact';
import type { PageRequest, ReviewRow, ReviewView } from '../../../src/messages';
import { ReviewPage } from '../../../src/review/ReviewPage';
import { installReviewStyles } from '../../../src/review/review-css';
import { setTransport } from '../../../src/ui/rpc';
import { NOW } from '../../fixtures/review/rows';

export const INSTANCE = 'http://127.0.0.1:8080';
export const ok = (data: unknown) => ({ ok: true, data });

export type Answer = (request: PageRequest) => unknown;

let root: HTMLElement | null = null;

/** Mounts the page; every request it makes is also pushed to `requests`. */
export function mountReview(answer: Answer, requests: PageRequest[] = []): HTMLElement {
  installReviewStyles();
  setTransport(async (request) => {
    requests.push(request);
    if (request.type === 'review/first') {
      const cached = (await answer({
        type: 'review/open',
        instance: INSTANCE,
        refresh: false,
        first: request.first,
      })) as { ok: boolean; data?: unknown };
      return ok({ instances: [INSTANCE], instance: INSTANCE, view: cached.ok ? cached.data : null });
    }
    return answer(request);
  });
  root = document.createElement('div');
  document.body.append(root);
  render(<ReviewPage initialInstance={null} />, root);
  return root;
}

/** For afterEach: the page mounted last goes. */
export function unmountReview(): void {
  if (root) render(null, root);
  root?.remove();
  root = null;
}

export function reviewView(rows: ReviewRow[], pending: number[] = []): ReviewView {
  return { instance: INSTANCE, now: NOW, rows, pending, listedAt: NOW - 60 };
}
