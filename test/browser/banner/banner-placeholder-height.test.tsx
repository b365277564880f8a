// How much the page moves when a late answer replaces the loading placeholder. The worker may be asleep or
// the task not cached yet, so the answer can come after the page has been painted; the placeholder holds
// about the height the banner will have at this width (banner-critical-css.ts), so that the description,
// timeline and comment form below it stay where the reader saw them.
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskContext } from '../../../src/messages';
import { t13, t14, t16, t8 } from '../../fixtures/contexts/task-contexts';
import { runBanner, waitFor, type Running } from './harness';

let running: Running | null = null;
afterEach(() => {
  running?.stop();
  running = null;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How far the content under the banner moved when the (late) answer replaced the placeholder. */
async function shiftWhenAnswered(
  page: string,
  path: string,
  answer: unknown,
  width: number,
  state = 'ready',
) {
  let release: (value: unknown) => void = () => {};
  const r = (running = await runBanner(page, path, (request) =>
    request.type === 'task/context' ? new Promise((resolve) => (release = resolve)) : { ok: true, data: {} },
  ));
  r.frame.style.width = `${width}px`;
  await r.until('loading');
  await waitFor(() => r.requests.length === 1);
  await sleep(30);
  const below = r.doc.querySelector('.phui-two-column-content')!;
  const before = below.getBoundingClientRect().top;
  release(answer);
  await r.until(state);
  await sleep(50);
  return below.getBoundingClientRect().top - before;
}

const answered = (context: TaskContext) => ({ ok: true, data: context });

describe('the page below the banner does not jump when a late answer arrives', () => {
  it.each([
    ['task-T14.alice.html', '/T14', t14],
    ['task-T16.alice.html', '/T16', t16],
  ] as const)('UBN! %s at desktop width (1200px)', async (page, path, context) => {
    expect(Math.abs(await shiftWhenAnswered(page, path, answered(context()), 1200))).toBeLessThanOrEqual(2);
  });

  it.each([
    ['task-T14.alice.html', '/T14', t14],
    ['task-T8.alice.html', '/T8', t8],
  ] as const)(
    '%s at tablet width (800px: Phorge tablet layout, and what headless Chromium gets)',
    async (page, path, context) => {
      expect(Math.abs(await shiftWhenAnswered(page, path, answered(context()), 800))).toBeLessThanOrEqual(2);
    },
  );

  it('a compact (not UBN!) banner on a phone (400px)', async () => {
    expect(
      Math.abs(await shiftWhenAnswered('task-T13.alice.html', '/T13', answered(t13()), 400)),
    ).toBeLessThanOrEqual(2);
  });

  it.each([1200, 800, 400])('an error after a compact placeholder keeps its height (%ipx)', async (width) => {
    const error = { ok: false, error: { kind: 'conduit', message: 'Phorge answered 500.' } };
    expect(
      Math.abs(await shiftWhenAnswered('task-T13.alice.html', '/T13', error, width, 'error')),
    ).toBeLessThanOrEqual(2);
  });
});
