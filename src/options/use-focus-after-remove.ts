// A removed card or row takes its Remove button, and the keyboard's focus, with it: the focus goes to the
// one now in its place (or the one before, when it was the last), else to where the list is added to.
import { useLayoutEffect, useRef } from 'preact/hooks';

export interface RemovedItemFocus {
  /** The cards or rows as drawn, in order. */
  items(): ArrayLike<HTMLElement>;
  /** What takes the focus in a card or row. */
  field(item: HTMLElement): HTMLElement | null;
  /** Where the focus goes when there is no such field left (an Add button). */
  fallback(): HTMLElement | null;
}

/**
 * Returns what a Remove calls with the removed index; the focus moves once `list` (the state the cards or
 * rows are drawn from) has been drawn without it.
 */
export function useFocusAfterRemove(list: unknown, where: RemovedItemFocus): (index: number) => void {
  const removed = useRef<number | null>(null);
  useLayoutEffect(() => {
    const index = removed.current;
    if (index === null) return;
    removed.current = null;
    const items = where.items();
    const item = items[Math.min(index, items.length - 1)];
    ((item && where.field(item)) ?? where.fallback())?.focus();
  }, [list]);
  return (index) => {
    removed.current = index;
  };
}
