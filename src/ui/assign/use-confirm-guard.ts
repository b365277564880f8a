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
 *
 * Where the browser cannot tell a faded or covered frame from a visible one (no IntersectionObserver v2:
 * Firefox), the wait also starts only from the user's own engagement with the panel: a trusted pointer
 * movement inside it, or keyboard focus within it while the frame has focus. A page can still fade the
 * frame and coax the pointer to move onto it and rest there for the whole wait; README reviewer notes say so.
 */
export function useConfirmGuard(target: RefObject<HTMLElement | null>, delayMs: number | null): boolean {
  const [armed, setArmed] = useState(delayMs === null);
  useEffect(() => {
    if (delayMs === null) return;
    const element = target.current;
    if (!element) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let inView = false;
    const v2 = tracksVisibility();
    // Only needed without v2: the user's pointer or keyboard is on the panel now.
    let pointerIn = false;
    let focusIn = false;
    const update = () => {
      const engaged = v2 || pointerIn || focusIn;
      const visible = inView && engaged && document.visibilityState === 'visible';
      if (!visible) {
        if (timer !== null) clearTimeout(timer);
        timer = null;
        setArmed(false);
      } else if (timer === null) {
        timer = setTimeout(() => setArmed(true), delayMs);
      }
    };
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
    // A real movement: the browser also sends boundary events when the panel appears under a pointer
    // at rest, and a page can make it appear there.
    const pointerMoved = (event: PointerEvent) => {
      if (!event.isTrusted || pointerIn || (event.movementX === 0 && event.movementY === 0)) return;
      pointerIn = true;
      update();
    };
    const pointerLeft = () => {
      pointerIn = false;
      update();
    };
    const focused = (event: FocusEvent) => {
      if (!event.isTrusted || !document.hasFocus()) return;
      focusIn = true;
      update();
    };
    const unfocused = (event: FocusEvent) => {
      if (event.relatedTarget instanceof Node && element.contains(event.relatedTarget)) return;
      focusIn = false;
      update();
    };
    const blurred = () => {
      pointerIn = false;
      focusIn = false;
    };
    if (!v2) {
      element.addEventListener('pointermove', pointerMoved);
      element.addEventListener('pointerleave', pointerLeft);
      element.addEventListener('focusin', focused);
      element.addEventListener('focusout', unfocused);
      window.addEventListener('blur', blurred, { capture: true });
    }
    return () => {
      observer.disconnect();
      document.removeEventListener('visibilitychange', update);
      window.removeEventListener('blur', reset);
      element.removeEventListener('pointermove', pointerMoved);
      element.removeEventListener('pointerleave', pointerLeft);
      element.removeEventListener('focusin', focused);
      element.removeEventListener('focusout', unfocused);
      window.removeEventListener('blur', blurred, { capture: true });
      if (timer !== null) clearTimeout(timer);
    };
  }, [delayMs]);
  return armed;
}
