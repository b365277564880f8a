// Clickjacking defence for the assign panel inside a web page's frame. The page around the frame can fade
// it (the banner's shadow root is open), move it under the pointer, or lay it over something the user
// meant to click. Like a browser permission prompt, a write needs a fresh, trusted interaction with a
// frame that has been visibly on screen for a moment: the confirm controls arm only after that.
import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** How long the panel must have been visible, uncovered, before a confirmation counts. */
export const CONFIRM_DELAY_MS = 800;

interface VisibilityEntry extends IntersectionObserverEntry {
  /** IntersectionObserver v2: false when the target is covered, faded, transformed or filtered. */
  isVisible?: boolean;
}

/** Whether this browser can tell "painted unobscured and unfaded" (Chromium's IntersectionObserver v2). */
function tracksVisibility(): boolean {
  return (
    typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype
  );
}

/**
 * Armed once `target` has been visible for `delayMs` without interruption; disarmed again whenever it
 * stops being visible (tab hidden, scrolled out, covered or faded where the browser can tell). With
 * `delayMs` null there is no guard: the popup is browser UI no page can overlay.
 */
export function useConfirmGuard(target: RefObject<HTMLElement | null>, delayMs: number | null): boolean {
  const [armed, setArmed] = useState(delayMs === null);
  useEffect(() => {
    if (delayMs === null) return;
    const element = target.current;
    if (!element) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let inView = false;
    const update = () => {
      const visible = inView && document.visibilityState === 'visible';
      if (!visible) {
        if (timer !== null) clearTimeout(timer);
        timer = null;
        setArmed(false);
      } else if (timer === null) {
        timer = setTimeout(() => setArmed(true), delayMs);
      }
    };
    const v2 = tracksVisibility();
    const observer = new IntersectionObserver(
      (entries) => {
        const entry = entries[entries.length - 1] as VisibilityEntry | undefined;
        if (!entry) return;
        inView = v2 ? entry.isVisible === true : entry.isIntersecting && entry.intersectionRatio > 0.5;
        update();
      },
      // trackVisibility needs a delay of at least 100 ms; browsers without it ignore both options.
      {
        threshold: [0, 0.5, 1],
        ...(v2 ? { trackVisibility: true, delay: 100 } : {}),
      } as IntersectionObserverInit,
    );
    observer.observe(element);
    document.addEventListener('visibilitychange', update);
    // Leaving the frame (the pointer or focus going to the page around it) starts the wait again.
    const reset = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      setArmed(false);
      update();
    };
    window.addEventListener('blur', reset);
    return () => {
      observer.disconnect();
      document.removeEventListener('visibilitychange', update);
      window.removeEventListener('blur', reset);
      if (timer !== null) clearTimeout(timer);
    };
  }, [delayMs]);
  return armed;
}
