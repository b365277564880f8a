// `steward report --registry` reads a registry exactly as `steward coverage` does: the same test of
// native registry versus Developers/Maintainers page, and for a URL the same size limit and timeout.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCoverage } from '../../src/cli/coverage';
import { runReport } from '../../src/cli/report';
import { BASE, fakePhorge } from './cli.fake-phorge-fetch';

const tmp = mkdtempSync(join(tmpdir(), 'steward-cli-report-registry-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const EXAMPLE = readFileSync(new URL('../fixtures/registry/example.yaml', import.meta.url), 'utf8');
const REGISTRY_URL = 'https://registry.example.org/owners.yaml';

async function report(registry: string, fetchImpl: typeof fetch = fakePhorge()) {
  let stdout = '';
  let stderr = '';
  const code = await runReport([...BASE, '--json', '--registry', registry], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
    fetch: fetchImpl,
  });
  return { code, stdout, stderr };
}

/** Conduit as captured; the registry URL answered by `registry`, with the request's init seen. */
function withRegistry(registry: (init: RequestInit | undefined) => Response): typeof fetch {
  const conduit = fakePhorge();
  return ((input: string | URL | Request, init?: RequestInit) =>
    String(input) === REGISTRY_URL ? Promise.resolve(registry(init)) : conduit(input, init)) as typeof fetch;
}

describe('report --registry reads the same files as coverage', () => {
  it('takes a native YAML registry whose description mentions <table> as a registry, not a wiki page', async () => {
    const file = join(tmp, 'table-in-description.yaml');
    writeFileSync(
      file,
      EXAMPLE.replace(
        'Global accounts and single sign-on across wikis.',
        'Global accounts; renders the <table> of attached wikis on Special:CentralAuth.',
      ),
    );
    // coverage reads it (exit 1: CentralAuth is critical and unowned, as in the fixture).
    const coverageCode = await runCoverage([file], { stdout: () => undefined, stderr: () => undefined });
    expect(coverageCode).toBe(1);

    const { code, stdout, stderr } = await report(file);
    expect(stderr).not.toMatch(/wikitable/);
    expect(code).toBe(0);
    const t1 = (
      JSON.parse(stdout) as { tasks: { id: number; owners?: { components: { name: string }[] } }[] }
    ).tasks.find((t) => t.id === 1);
    expect(t1?.owners?.components.map((c) => c.name)).toContain('CentralAuth');
  });

  it('fetches a registry URL with a timeout', async () => {
    let signal: AbortSignal | null | undefined;
    const { code } = await report(
      REGISTRY_URL,
      withRegistry((init) => {
        signal = init?.signal;
        return new Response(EXAMPLE, { status: 200 });
      }),
    );
    expect(code).toBe(0);
    expect(signal).toBeInstanceOf(AbortSignal);
  });

  it('refuses a registry URL larger than 5 MB, as coverage does, before asking the instance', async () => {
    let conduitCalls = 0;
    const big = withRegistry(() => new Response('#'.repeat(6 * 1024 * 1024), { status: 200 }));
    const counting = ((input: string | URL | Request, init?: RequestInit) => {
      if (String(input) !== REGISTRY_URL) conduitCalls++;
      return big(input, init);
    }) as typeof fetch;
    const { code, stdout, stderr } = await report(REGISTRY_URL, counting);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `steward report: --registry: ${REGISTRY_URL} is larger than the 5 MB limit for a registry or Maintainers page\n`,
    );
    expect(conduitCalls).toBe(0);
  });
});
