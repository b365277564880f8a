// Links leave the popup only for the configured instance over http(s): a task URL from anywhere else is
// shown as text, never as a link.
export function safeTaskHref(url: string, instance: string | null): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    if (instance !== null && parsed.origin !== new URL(instance).origin) return null;
    return parsed.href;
  } catch {
    return null;
  }
}
