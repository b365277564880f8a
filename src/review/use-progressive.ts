// Shows a long list in steps: the first screenful at once, the rest a chunk per frame, so the first
// rows appear quickly with 1,000 tasks and the page stays responsive while the others are drawn.
import { useEffect, useState } from 'preact/hooks';

export const FIRST_ROWS = 40;
const CHUNK = 150;

export function useProgressive(total: number, key: unknown): number {
  const [shown, setShown] = useState(Math.min(total, FIRST_ROWS));
  useEffect(() => {
    setShown(Math.min(total, FIRST_ROWS));
    if (total <= FIRST_ROWS) return;
    let handle = 0;
    const step = () => {
      setShown((n) => {
        const next = Math.min(total, n + CHUNK);
        if (next < total) handle = requestAnimationFrame(step);
        return next;
      });
    };
    handle = requestAnimationFrame(step);
    // Printing needs every row: draw the rest at once.
    const all = () => setShown(total);
    window.addEventListener('beforeprint', all);
    return () => {
      cancelAnimationFrame(handle);
      window.removeEventListener('beforeprint', all);
    };
  }, [total, key]);
  return Math.min(shown, total);
}
