// What the worker reads from a registry source: a body without Content-Length is cut off at the cap
// while it streams, and bytes that are not UTF-8 are refused with their offset, never turned into
// replacement characters.
import { describe, expect, it } from 'vitest';
import { MAX_REGISTRY_BYTES } from '../../../src/core/registry/limits';
import {
  BodyTooLargeError,
  firstInvalidUtf8,
  InvalidUtf8Error,
  readCappedText,
} from '../../../src/shared/capped-body';

function streamed(chunks: Uint8Array[], headers: Record<string, string> = {}) {
  let pulled = 0;
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++];
      if (!chunk) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { response: new Response(body, { headers }), pulled: () => pulled };
}

describe('reading a registry body', () => {
  it('stops at the cap when the server sends no Content-Length', async () => {
    const mb = new Uint8Array(1024 * 1024).fill(0x61);
    const reply = streamed(Array.from({ length: 400 }, () => mb));
    await expect(readCappedText(reply.response, MAX_REGISTRY_BYTES)).rejects.toBeInstanceOf(
      BodyTooLargeError,
    );
    expect(reply.pulled()).toBeLessThanOrEqual(MAX_REGISTRY_BYTES + mb.byteLength);
  });

  it('refuses a declared length over the cap without reading the body', async () => {
    const reply = streamed([new Uint8Array(10)], { 'content-length': String(MAX_REGISTRY_BYTES + 1) });
    await expect(readCappedText(reply.response, MAX_REGISTRY_BYTES)).rejects.toBeInstanceOf(
      BodyTooLargeError,
    );
    expect(reply.pulled()).toBe(0);
  });

  it('refuses invalid UTF-8 and names the byte offset', async () => {
    const text = new TextEncoder().encode('components:\n  - name: Café\n');
    const bytes = new Uint8Array([...text.slice(0, 20), 0xff, ...text.slice(20)]);
    const error = await readCappedText(streamed([bytes]).response, MAX_REGISTRY_BYTES, {
      strictUtf8: true,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidUtf8Error);
    expect((error as InvalidUtf8Error).byteOffset).toBe(20);
    expect((error as Error).message).toBe('the text is not valid UTF-8 (invalid byte at offset 20)');
  });

  it('reads valid UTF-8, split anywhere across chunks', async () => {
    const bytes = new TextEncoder().encode('name: Zoë 😀 Łódź');
    const chunks = Array.from(bytes, (b) => new Uint8Array([b]));
    const read = await readCappedText(streamed(chunks).response, MAX_REGISTRY_BYTES, { strictUtf8: true });
    expect(read).toEqual({ text: 'name: Zoë 😀 Łódź', bytes: bytes.byteLength });
  });

  it.each([
    ['an overlong slash', [0x61, 0xc0, 0xaf], 1],
    ['a UTF-16 surrogate', [0x61, 0x62, 0xed, 0xa0, 0x80], 2],
    ['a truncated sequence', [0xe2, 0x82], 0],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
  ])('finds %s', (_name, bytes, offset) => {
    expect(firstInvalidUtf8(new Uint8Array(bytes))).toBe(offset);
  });
});
