// The host permission pattern for an instance origin. Ports are left out: Firefox's match patterns
// cannot carry one, and in both browsers a pattern without a port covers every port of the host.
export function hostPermissionPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}
