// Reading an HTTP body with a size bound enforced while it streams: a server that sends no
// Content-Length (or lies in it) is cut off at the bound, instead of being buffered whole first.

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the reply is larger than ${formatBytes(limitBytes)}`);
  }
}

export class InvalidUtf8Error extends Error {
  constructor(readonly byteOffset: number) {
    super(`the text is not valid UTF-8 (invalid byte at offset ${byteOffset})`);
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence; -1 if none. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * The body as text, at most `maxBytes`. `strictUtf8` refuses invalid UTF-8 with its byte offset
 * rather than turning it into U+FFFD without a word.
 */
export async function readCappedText(
  response: Response,
  maxBytes: number,
  options: { strictUtf8?: boolean } = {},
): Promise<{ text: string; bytes: number }> {
  const declared = Number(response.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new BodyTooLargeError(maxBytes);
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  if (!options.strictUtf8) return { text: new TextDecoder().decode(bytes), bytes: total };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), bytes: total };
  } catch {
    throw new InvalidUtf8Error(Math.max(0, firstInvalidUtf8(bytes)));
  }
}
