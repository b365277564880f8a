// Shows a long list in steps: the first screenful at once, then a chunk per frame, so the first rows
// appear quickly with 1,000 tasks and the page stays responsive while the rest are drawn. Chunks
// already drawn are not diffed again when the next one arrives (see Frozen).
import { Component, type ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';

/**
 * The first screenful: the chart's rows are 40 px tall, so 24 of them fill a 1,200 px window (the table is
 * below them). It is also what the page asks the worker for first.
 */
export const FIRST_ROWS = 24;
const CHUNK = 120;

export function chunksOf<T>(rows: readonly T[]): T[][] {
  const chunks: T[][] = [];
  if (rows.length > 0) chunks.push(rows.slice(0, FIRST_ROWS));
  for (let i = FIRST_ROWS; i < rows.length; i += CHUNK) chunks.push(rows.slice(i, i + CHUNK));
  return chunks;
}

/**
 * The list split into chunks, and how many of them to draw now. Rows only added (a fetch batch landed)
 * keep what is drawn and draw the rest on; a new `order` (another sort or filter) starts again from the
 * first screenful, since every row may have moved.
 */
export function useProgressive<T>(
  rows: readonly T[],
  order: unknown,
): { chunks: T[][]; shown: number; rowsShown: number } {
  const chunks = useMemo(() => chunksOf(rows), [rows]);
  const [drawn, setDrawn] = useState({ order, shown: 1 });
  const current = drawn.order === order ? drawn.shown : 1;
  useEffect(() => {
    let handle = 0;
    const step = () => {
      setDrawn((d) => {
        const next = Math.min(chunks.length, (d.order === order ? d.shown : 1) + 1);
        if (next < chunks.length) handle = requestAnimationFrame(step);
        return { order, shown: next };
      });
    };
    if (current < chunks.length) handle = requestAnimationFrame(step);
    else if (drawn.order !== order) setDrawn({ order, shown: 1 });
    // Printing needs every row: draw the rest at once.
    const all = () => setDrawn({ order, shown: chunks.length });
    window.addEventListener('beforeprint', all);
    return () => {
      cancelAnimationFrame(handle);
      window.removeEventListener('beforeprint', all);
    };
  }, [chunks, order]);
  const shown = Math.min(current, chunks.length);
  const rowsShown = chunks.slice(0, shown).reduce((n, c) => n + c.length, 0);
  return { chunks, shown, rowsShown };
}

/** Renders its children only when one of `deps` changed identity. */
export class Frozen extends Component<{ deps: unknown[]; children: () => ComponentChildren }> {
  override shouldComponentUpdate(next: { deps: unknown[] }): boolean {
    return next.deps.length !== this.props.deps.length || next.deps.some((d, i) => d !== this.props.deps[i]);
  }
  override render() {
    return this.props.children();
  }
}
