// A keystroke in the search box may bring a whole page of rows never drawn before. Drawing them all in
// that keystroke's frame is what made typing lag with 1,000 tasks; so a render mounts at most a few new
// rows (more than the popup shows without scrolling) and the rest follow when the browser is idle, that
// is between keystrokes, or within IDLE_WAIT_MS at the latest. Rows already on screen stay without cost,
// and what is drawn is always the top of the list, in order: a row is never left out above one shown.
// Rows are known by a key, not by object: every answer from the worker brings new objects for the same
// tasks, and counting those as new collapsed the list to a few rows on each refresh, losing the scroll
// position and the keyboard's focus on a lower row.
import { useEffect, useRef, useState } from 'preact/hooks';

/** New rows one render mounts: the popup shows about five at once. */
export const NEW_ROWS_PER_RENDER = 8;
const IDLE_WAIT_MS = 250;

/** The first rows of `rows` to draw now; all of them once the browser has been idle. */
export function useDrawnRows<T>(
  rows: readonly T[],
  keyOf: (row: T) => string,
  perRender = NEW_ROWS_PER_RENDER,
): readonly T[] {
  const drawn = useRef<{ rows: readonly T[] | null; keys: ReadonlySet<string> }>({
    rows: null,
    keys: new Set(),
  });
  // The list drawn whole: until `rows` changes again, every row of it is drawn.
  const [whole, setWhole] = useState<readonly T[] | null>(null);
  let count = rows.length;
  if (whole !== rows) {
    let budget = perRender;
    for (count = 0; count < rows.length; count++) {
      if (drawn.current.keys.has(keyOf(rows[count]!))) continue;
      if (budget === 0) break;
      budget--;
    }
  }
  const complete = count === rows.length;
  const shown = complete ? rows : rows.slice(0, count);
  // A render with the same rows drawn (a panel opened, a notice shown) keeps the set it has.
  if (drawn.current.rows !== shown) {
    const keys = new Set<string>();
    for (const row of shown) keys.add(keyOf(row));
    drawn.current = { rows: shown, keys };
  }
  useEffect(() => {
    if (complete) return;
    const handle = requestIdleCallback(() => setWhole(rows), { timeout: IDLE_WAIT_MS });
    return () => cancelIdleCallback(handle);
  }, [rows, complete]);
  return shown;
}
