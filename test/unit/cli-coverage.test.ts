// The coverage command as a user runs it: a real process, real files, a real local HTTP server.
import { execFile } from 'node:child_process';
import {
  closeSync,
  ftruncateSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCoverage } from '../../src/cli/coverage';

const ROOT = new URL('../../', import.meta.url).pathname;
const fixture = (p: string) => join(ROOT, 'test/fixtures', p);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], command: 'node' | 'npm' = 'node'): Promise<Run> {
  const [file, argv] =
    command === 'node'
      ? [process.execPath, ['--import', 'tsx', 'src/cli/steward.ts', 'coverage', ...args]]
      : ['npm', ['run', '--silent', 'coverage', '--', ...args]];
  return new Promise((resolve) => {
    execFile(
      file,
      argv,
      { cwd: ROOT, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let server: Server;
let base: string;
let closedUrl: string;
const tmp = mkdtempSync(join(tmpdir(), 'steward-coverage-'));

beforeAll(async () => {
  const page = readFileSync(fixture('maintainers/api-parse.json'));
  server = createServer((req, res) => {
    if (req.url === '/w/api.php?action=parse&page=Developers/Maintainers&prop=text&format=json') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(page);
    } else if (req.url === '/huge') {
      // No content-length: the limit must hold while streaming too.
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 12 && res.write(chunk)) sent++;
        if (sent >= 12) res.end();
        else res.once('drain', pump);
      };
      pump();
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port that was just free: nothing listens there any more.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/nothing`;
  await new Promise((r) => probe.close(r));
});

afterAll(() => {
  server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('npm run coverage', { timeout: 60_000 }, () => {
  it('prints components, flags and a summary for a native registry, exiting 1 for under-covered critical components', async () => {
    const r = await run([fixture('registry/example.yaml')], 'npm');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      [
        'CentralAuth  [critical]',
        '  stewards:    -',
        '  maintainers: Carol Chen (carol)',
        '  flags:       unassigned, under-covered',
      ].join('\n'),
    );
    expect(r.stdout).toContain(
      'Gadgets\n  stewards:    Frank Fischer (frank)\n  maintainers: -\n  flags:       volunteer-only',
    );
    expect(r.stdout.trim().split('\n').at(-1)).toBe(
      'Summary: 7 components, 6 owned, 1 unassigned, 2 critical under-covered (0 departed, 1 volunteer-only)',
    );
  });

  it('prints one JSON object with --json', async () => {
    const r = await run([fixture('registry/example.yaml'), '--json']);
    const out = JSON.parse(r.stdout);
    expect(r.code).toBe(1);
    expect(Object.keys(out)).toEqual(['components', 'summary']);
    expect(out.components[1]).toEqual({
      name: 'CentralAuth',
      stewards: [],
      maintainers: ['Carol Chen (carol)'],
      flags: ['unassigned', 'under-covered'],
    });
    expect(out.summary).toMatchObject({ components: 7, owned: 6, unassigned: 1, criticalUnderCovered: 2 });
  });

  it('reads a saved wikitext page and exits 0 when nothing critical is under-covered', async () => {
    const r = await run([fixture('maintainers/page.wikitext'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.components.find((c: { name: string }) => c.name === 'Categories')).toEqual({
      name: 'Categories',
      stewards: [],
      maintainers: ['Bawolff'],
      flags: ['unassigned', 'volunteer-only'],
    });
    expect(out.summary).toMatchObject({ components: 18, owned: 13, unassigned: 5, criticalUnderCovered: 0 });
    expect(r.stderr).toMatch(
      /warning: .*page\.wikitext:96: table 1 \(MediaWiki core\), row 13 has no Component name/,
    );
  });

  it('fetches the page from a URL (MediaWiki API reply)', async () => {
    const r = await run([
      `${base}/w/api.php?action=parse&page=Developers/Maintainers&prop=text&format=json`,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.components).toBe(18);
  });

  it('merges a team registry with the wiki page and lists the conflicts', async () => {
    const r = await run([fixture('registry/example.yaml'), fixture('maintainers/api-parse.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'Conflict: Authentication and Authorization stewards: "Platform Team, Security Team" ' +
        `(${fixture('registry/example.yaml')}, components[0]) vs "MediaWiki Platform Team" ` +
        '(mediawiki.org Developers/Maintainers, table 2 (MediaWiki core), row 2)',
    );
    expect(r.stdout).toMatch(/^Summary: 22 components, 17 owned, 5 unassigned, 2 critical under-covered/m);
  });

  const tenMb = join(tmp, 'ten-mb.json');
  const empty = join(tmp, 'empty.yaml');
  const badYaml = join(tmp, 'bad.yaml');
  beforeAll(() => {
    const fd = openSync(tenMb, 'w');
    ftruncateSync(fd, 10 * 1024 * 1024);
    closeSync(fd);
    writeFileSync(empty, '\n\n');
    writeFileSync(badYaml, 'components:\n  - name: Login\n    critical: maybe\n');
  });

  it.each([
    [
      'an unreachable URL',
      () => [closedUrl],
      /^coverage: cannot reach http:\/\/127\.0\.0\.1:\d+\/nothing: connection refused \(ECONNREFUSED\)$/,
    ],
    [
      'an HTTP error',
      () => [`${base}/missing`],
      /^coverage: http:\/\/127\.0\.0\.1:\d+\/missing answered HTTP 404 Not Found$/,
    ],
    [
      'a page with no tables',
      () => [fixture('maintainers/no-tables.api-parse.json')],
      /^coverage: invalid Maintainers page: .*no-tables\.api-parse\.json: the page has no tables/,
    ],
    [
      'a table with unknown columns',
      () => [fixture('maintainers/unknown-columns.html')],
      /^coverage: invalid Maintainers page: .*unknown-columns\.html: table 1 \(under "Skins"\) has columns "Component \| Owner \| Notes": unknown columns "Owner", "Notes"/,
    ],
    ['an empty file', () => [empty], /^coverage: .*empty\.yaml: the file is empty$/],
    [
      'a 10 MB file',
      () => [tenMb],
      /^coverage: .*ten-mb\.json is 10\.0 MB, over the 5 MB limit for a registry or Maintainers page$/,
    ],
    [
      'a 12 MB download',
      () => [`${base}/huge`],
      /^coverage: http:\/\/127\.0\.0\.1:\d+\/huge is larger than the 5 MB limit for a registry or Maintainers page$/,
    ],
    [
      'an invalid registry',
      () => [badYaml],
      /^coverage: invalid registry: .*bad\.yaml:3:15: components\[0\]\.critical: Invalid input: expected boolean, received string$/,
    ],
    ['a missing file', () => ['no/such/registry.yaml'], /^coverage: no\/such\/registry\.yaml: no such file$/],
    ['no input', () => [], /^coverage: no input given\nusage: /],
    ['an unknown option', () => ['--jsn', 'x.yaml'], /^coverage: unknown option --jsn\nusage: /],
  ])('refuses %s with one clear message and exit 2', async (_label, args, message) => {
    const r = await run(args());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toMatch(message);
    if (!/usage/.test(r.stderr)) expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

// eslint-disable-next-line no-control-regex -- the characters a terminal acts on are the point here
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

describe('coverage output is safe for a terminal and its exit codes stay apart', { timeout: 60_000 }, () => {
  const hostile = join(tmp, 'hostile.yaml');
  beforeAll(() => {
    // A registry anyone can edit: an ANSI colour, a cursor move, a C1 CSI and a right-to-left override.
    writeFileSync(
      hostile,
      [
        'people:',
        '  - username: eve',
        '    name: "Eve \\e[2J\\e[31mRed\\u202e"',
        'components:',
        '  - name: "Login\\e[1A\\u009b31m"',
        '    critical: true',
        '    stewards: [eve]',
        '',
      ].join('\n'),
    );
  });

  it('replaces control characters from registry names in the text output', async () => {
    const r = await run([hostile]);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(UNPRINTABLE);
    expect(r.stdout).toContain('Login\uFFFD[1A\uFFFD31m  [critical]');
    expect(r.stdout).toContain('stewards:    Eve \uFFFD[2J\uFFFD[31mRed\uFFFD (eve)');
    expect(r.code).toBe(1);
  });

  it('keeps the names exact in --json, escaped so a terminal does not act on them', async () => {
    const r = await run([hostile, '--json']);
    expect(r.stdout).not.toMatch(UNPRINTABLE);
    expect(JSON.parse(r.stdout).components[0].name).toBe('Login\u001b[1A\u009b31m');
  });

  it('exits 2 with one line when it crashes, never 1 (under-covered)', async () => {
    const err: string[] = [];
    const code = await runCoverage([fixture('registry/example.yaml')], {
      stdout: () => {
        throw new Error(
          'write EPIPE\n    at afterWriteDispatched (node:internal/stream_base_commons:161:15)',
        );
      },
      stderr: (t) => err.push(t),
    });
    expect(code).toBe(2);
    expect(err).toEqual(['coverage: unexpected failure: write EPIPE\n']);
  });
});
