// Two failures a CI runner meets, named for what they are: an instance behind a certificate authority Node
// does not trust (NODE_EXTRA_CA_CERTS is the fix; it is not a network outage, and trying again changes
// nothing), and a proxy or firewall in front of /api/ answering 401/403 with a page of its own (the CLI has
// no "Steward's options").
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runGate } from '../../src/cli/gate';
import { TOKEN, gate } from './cli.fake-phorge-fetch';

// A self-signed certificate for 127.0.0.1 (valid until 2126), generated for this test.
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgeG0tDKQPqPcih7Qd
SBqWvmyzOI0tlGx1zubc6VdQ4QChRANCAAQjddIcSlL4FKqo6aVl+KXDLnu5fOSp
HBgCCrc4bq0alBrXdEAwgi5p+sl738CoEi1W5Gf38MPm/ysBKnR7oBRD
-----END PRIVATE KEY-----
`;
const CERT = `-----BEGIN CERTIFICATE-----
MIIBkDCCATagAwIBAgIUaXgS2kHURUzhjIVe3jzB6fk8JVIwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwMjIzMzk0MFoYDzIxMjYxMTA4
MjMzOTQwWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQjddIcSlL4FKqo6aVl+KXDLnu5fOSpHBgCCrc4bq0alBrXdEAwgi5p
+sl738CoEi1W5Gf38MPm/ysBKnR7oBRDo2QwYjAdBgNVHQ4EFgQUbVjDm55iBnOh
xdkzFuxt73Fs07UwHwYDVR0jBBgwFoAUbVjDm55iBnOhxdkzFuxt73Fs07UwDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC
ICBaVk9P4hpSvYKEbJ67p/Y8VM+yB5lq9tu/k2pgUX7GAiEAxyOC5gOFAks02kQl
donwCGKX5A1lXyQoqSm/1B97Ijg=
-----END CERTIFICATE-----
`;

describe('gate failure messages', () => {
  it('names an untrusted TLS certificate instead of "Could not reach … the server is running"', async () => {
    let requests = 0;
    const server = createServer({ key: KEY, cert: CERT }, (_req, res) => {
      requests++;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      let stderr = '';
      const code = await runGate(['--instance', `https://127.0.0.1:${port}`, '--token', TOKEN], {
        stdout: () => undefined,
        stderr: (t) => (stderr += t),
        env: {},
      });
      expect(code).toBe(2);
      expect(requests).toBe(0); // no request ever got through the handshake
      expect(stderr).toMatch(/certificate|TLS|SSL/i);
      expect(stderr).not.toMatch(/that the server is running/);
    } finally {
      server.close();
    }
  });

  it('does not point a CLI user at "Steward\'s options" when a proxy answers 403 with HTML', async () => {
    const forbidden = (async () =>
      new Response('<html><body><h1>403 Forbidden</h1></body></html>', {
        status: 403,
        headers: { 'content-type': 'text/html' },
      })) as typeof fetch;
    const { code, stderr } = await gate(
      ['--instance', 'https://phab.example.org', '--token', TOKEN],
      forbidden,
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/403/);
    expect(stderr).not.toMatch(/Steward's options/);
  });
});
