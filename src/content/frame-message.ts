// Messages from the assign frame. The page can post to our window too, and can even navigate the frame,
// so a message counts only if it comes from our frame's window and origin and has exactly this shape;
// even then it is trusted for one thing: closing the frame.

export interface FrameMessageCheck {
  frame: HTMLIFrameElement | null;
  /** Origin of the frame's extension page; "null" or empty skips the origin check (opaque origins). */
  origin: string;
}

export function isAssignClosed(event: MessageEvent, check: FrameMessageCheck): boolean {
  if (check.frame === null || event.source === null || event.source !== check.frame.contentWindow)
    return false;
  if (check.origin !== '' && check.origin !== 'null' && event.origin !== check.origin) return false;
  const data: unknown = event.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const keys = Object.keys(data);
  return (
    keys.length === 1 && keys[0] === 'steward' && (data as { steward: unknown }).steward === 'assign-closed'
  );
}

export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
