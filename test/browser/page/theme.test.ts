import { afterEach, describe, expect, test } from 'vitest';
import { postprocessorFromHref, readPageTheme } from '../../../src/phabricator/page/theme';
import { loadIntoFrame, parsePage } from './fixtures';

describe('postprocessorFromHref', () => {
  test.each([
    ['http://127.0.0.1:8081/res/defaultX/phabricator/0e210e30/core.pkg.css', 'default'],
    ['/res/darkmodeX/phabricator/0e210e30/core.pkg.css', 'darkmode'],
    // Developer mode puts the file time in front: '/res/<mtime>T/' after the postprocessor key.
    ['/res/1795700668T/darkmodeX/phabricator/0e210e30/core.pkg.css', 'darkmode'],
    ['https://cdn.example.org/res/fontlargeX/phabricator/0e210e30/core.pkg.css', 'fontlarge'],
    ['/res/phabricator/0e210e30/core.pkg.css', null],
    ['/rsrc/css/core.css', null],
    [null, null],
  ])('%s -> %s', (href, key) => {
    expect(postprocessorFromHref(href)).toBe(key);
  });
});

describe('readPageTheme without Celerity stylesheet URLs', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  function stripStylesheets(doc: Document): void {
    for (const link of Array.from(doc.querySelectorAll('link[rel="stylesheet"]'))) link.remove();
  }

  test('an inert document with nothing to go on is light by default', () => {
    const doc = parsePage('task-T14.alice.html');
    stripStylesheets(doc);
    expect(readPageTheme(doc)).toEqual({ scheme: 'light', postprocessor: null, source: 'default' });
  });

  test.each([
    ['#223246', 'dark'],
    ['#f3f5f7', 'light'],
  ])('a live page painted %s is %s', async (background, scheme) => {
    frame = await loadIntoFrame('task-T14.alice.html', '/T14');
    const doc = frame.contentDocument!;
    stripStylesheets(doc);
    doc.body.style.backgroundColor = background;
    expect(readPageTheme(doc)).toEqual({ scheme, postprocessor: null, source: 'computed' });
  });
});
