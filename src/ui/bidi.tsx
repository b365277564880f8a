// User-supplied text (names, titles, component and team names) may carry right-to-left overrides and
// other bidi controls that would reorder the rest of a line: "Eve \u202E" in a real name reverses the
// sentence around it. On screen each such string is isolated (<bdi>: the override ends with it); in
// plain text that cannot isolate (notifications, tooltips) the controls are removed.
import type { ComponentChildren, VNode } from 'preact';
import { stripBidiControls } from '../shared/bidi-controls';
import { t } from './i18n';

/** For an attribute (aria-label, title) that splices in user text: FSI…PDI, plain text's <bdi>. */
export function isolated(text: string): string {
  return `\u2068${stripBidiControls(text)}\u2069`;
}

/**
 * A catalog sentence whose $1, $2… are user-supplied strings or components: each is rendered inside a
 * <bdi>, so nothing in it can reorder the words around it.
 */
export function tIsolated(key: string, ...parts: ComponentChildren[]): VNode {
  const markers = parts.map((_, i) => String.fromCharCode(0xe000 + i));
  const pieces = t(key, ...markers).split(/([\uE000-\uE00F])/);
  return (
    <>
      {pieces.map((piece) => {
        const index = piece.length === 1 ? piece.charCodeAt(0) - 0xe000 : -1;
        return index >= 0 && index < parts.length ? <bdi>{parts[index]}</bdi> : piece;
      })}
    </>
  );
}

/** "a, b, c" with each item isolated on its own. */
export function isolatedList(items: readonly string[]): VNode {
  return (
    <>
      {items.map((item, i) => (
        <>
          {i > 0 && ', '}
          <bdi>{item}</bdi>
        </>
      ))}
    </>
  );
}
