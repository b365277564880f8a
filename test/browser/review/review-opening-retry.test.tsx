// The UBN! review page when its opening request fails (the worker restarting, or an older worker after an
// update answering in a shape this page does not read): the error with a way to try again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { ReviewPage } from '../../../src/review/ReviewPage';
import { installReviewStyles } from '../../../src/review/review-css';
import { setTransport } from '../../../src/ui/rpc';

let root: HTMLElement | null = null;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = null;
});

describe('review page opening', () => {
  it('offers a way to try again when the opening request fails, and recovers', async () => {
    installReviewStyles();
    let calls = 0;
    setTransport(async (request) => {
      calls += 1;
      if (calls === 1) throw new Error('Could not establish connection. Receiving end does not exist.');
      if (request.type === 'review/first')
        return { ok: true, data: { instances: [], instance: null, view: null } };
      return { ok: true, data: null };
    });
    root = document.createElement('div');
    document.body.append(root);
    render(<ReviewPage initialInstance={null} />, root);
    await vi.waitFor(() => expect(root!.querySelector('.error')).not.toBeNull());
    expect(root.querySelector('h1')).not.toBeNull();
    const retry = Array.from(root.querySelectorAll('button')).find((b) =>
      /retry|try again/i.test(b.textContent ?? ''),
    );
    expect(retry, 'a Retry button beside the error').toBeDefined();
    retry!.click();
    await vi.waitFor(() => expect(root!.querySelector('.empty')).not.toBeNull());
  });
});
