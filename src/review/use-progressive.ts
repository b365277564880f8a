// Shows a long list in steps: the first screenful at once, then a chunk per frame, so the first rows
// appear quickly with 1,000 tasks and the page stays responsive while the rest are drawn. Chunks
// already drawn are not diffed again when the next one arrives (see Frozen).
import { Component, type ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';

export const FIRST_ROWS = 40;
const CHUNK = 120;

export function chunksOf<T>(rows: readonly T[]): T[][] {
  const chunks: T[][] = [];
  if (rows.length > 0) chunks.push(rows.slice(0, FIRST_ROWS));
  for (let i = FIRST_ROWS; i < rows.length; i += CHUNK) chunks.push(rows.slice(i, i + CHUNK));
  return chunks;
}

/** The list split into chunks, and how many of them to draw now. */
export function useProgressive<T>(rows: readonly T[]): { chunks: T[][]; shown: number; rowsShown: number } {
  const chunks = useMemo(() => chunksOf(rows), [rows]);
  const [shown, setShown] = useState(1);
  useEffect(() => {
    setShown(1);
    if (chunks.length <= 1) return;
    let handle = 0;
    const step = () => {
      setShown((n) => {
        if (n + 1 < chunks.length) handle = requestAnimationFrame(step);
        return Math.min(chunks.length, n + 1);
      });
    };
    handle = requestAnimationFrame(step);
    // Printing needs every row: draw the rest at once.
    const all = () => setShown(chunks.length);
    window.addEventListener('beforeprint', all);
    return () => {
      cancelAnimationFrame(handle);
      window.removeEventListener('beforeprint', all);
    };
  }, [chunks]);
  const drawn = Math.min(shown, chunks.length);
  const rowsShown = chunks.slice(0, drawn).reduce((n, c) => n + c.length, 0);
  return { chunks, shown: drawn, rowsShown };
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
