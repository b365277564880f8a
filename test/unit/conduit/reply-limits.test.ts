// A Conduit reply is read with a bound: a server or proxy that streams without end is cut off while
// streaming, and Phorge's error_info (a stack trace, a proxy's page) reaches the user shortened.
import { describe, expect, it } from 'vitest';
import { ConduitClient } from '../../../src/phabricator/conduit';
import { MAX_ERROR_INFO_CHARS } from '../../../src/phabricator/conduit/classify';
import { MAX_CONDUIT_REPLY_BYTES } from '../../../src/phabricator/conduit/transport';
import { conduitError, fakeFetch } from './support/fake-fetch';
import { failure } from './support/failure';

const BASE = 'https://phab.example.org';

function client(fetchImpl: typeof fetch) {
  return new ConduitClient({
    baseUrl: BASE,
    auth: { kind: 'token', token: 'api-nxs33mq3wpyyg7vj3jngfyhrzrcc' },
    fetch: fetchImpl,
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    sleep: async () => undefined,
  });
}

/** A body of `chunks` × 1 MB with no Content-Length, counting how much the client pulled. */
function endlessReply(chunks: number): { fetch: typeof fetch; pulled: () => number } {
  let pulled = 0;
  const mb = new Uint8Array(1024 * 1024).fill(0x20);
  return {
    pulled: () => pulled,
    fetch: async () => {
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ >= chunks) return controller.close();
          pulled += mb.byteLength;
          controller.enqueue(mb);
        },
      });
      return new Response(body, { status: 200 });
    },
  };
}

describe('Conduit reply limits', () => {
  it('stops reading a reply without Content-Length at the cap and says so', async () => {
    const server = endlessReply(200);
    const error = await failure(client(server.fetch).call('conduit.ping', {}));
    expect(error.kind).toBe('malformed');
    expect(error.userMessage).toMatch(/larger than 20 MB/);
    // Cut off within a chunk of the cap, not after the 200 MB the server would send.
    expect(server.pulled()).toBeLessThanOrEqual(MAX_CONDUIT_REPLY_BYTES + 2 * 1024 * 1024);
  });

  it('shortens a long error_info to a readable sentence', async () => {
    const info = `Something failed: ${'at PhabricatorFrame->run() '.repeat(200)}`;
    const fake = fakeFetch(() => conduitError('ERR-CONDUIT-CORE', info));
    const error = await failure(client(fake.fetch).call('maniphest.search', {}));
    expect(info.length).toBeGreaterThan(5000);
    expect(error.userMessage.length).toBeLessThan(MAX_ERROR_INFO_CHARS + 80);
    expect(error.userMessage).toMatch(
      /^Phabricator rejected Steward's maniphest\.search request: Something failed: at .*\u2026\.$/,
    );
    expect(error.info!.length).toBeLessThanOrEqual(MAX_ERROR_INFO_CHARS);
  });
});
