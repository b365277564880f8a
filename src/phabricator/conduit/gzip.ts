// Request bodies gzipped the way arcanist sends them to a Phorge that says it reads them
// (`X-Conduit-Capabilities: gzip`; PhabricatorStartup decodes any `Content-Encoding: gzip` body before
// the form is parsed). Worth it only for long bodies: a poll naming a thousand kept tasks sends 6 KB of
// ids, which gzip brings to about a third.

/** Bodies shorter than this go as they are: gzip's own header and the CPU are not worth it. */
export const GZIP_FROM_BYTES = 1024;

/** Whether a reply's X-Conduit-Capabilities header offers gzip request bodies. */
export function offersGzip(capabilities: string | null): boolean {
  if (capabilities === null) return false;
  return capabilities.split(/[\s,]+/).some((word) => word.toLowerCase() === 'gzip');
}

/** The text gzipped by the platform's CompressionStream; null where the platform has none. */
export async function gzipText(text: string): Promise<Uint8Array<ArrayBuffer> | null> {
  if (typeof CompressionStream === 'undefined') return null;
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
