// The stand-in's remarkup.process against the real reply: the captured request, replayed on the
// captured world, renders exactly what Phorge rendered (header, pipe table with a header row and the
// empty last row, object and person tags with their hovercard numbers, an external link, an embed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Standin } from '../../standin/server';
import { startStandin } from '../../standin/server';
import { call, TOKENS } from './helpers';

const capture = (kind: 'request' | 'response') =>
  JSON.parse(
    readFileSync(
      join(import.meta.dirname, `../../fixtures/conduit/remarkup.process.table.${kind}.json`),
      'utf8',
    ),
  ) as { params: Record<string, unknown>; result: { content: string }[] };

let standin: Standin;
beforeAll(async () => {
  standin = await startStandin();
});
afterAll(async () => {
  await standin.close();
});

describe('remarkup.process', () => {
  it('renders the captured request exactly as the real Phorge did', async () => {
    const reply = await call(standin, 'remarkup.process', capture('request').params, { token: TOKENS.alice });
    expect(reply.error_code).toBeNull();
    expect(reply.result).toEqual(capture('response').result);
  });

  it('keeps a link with a pipe whole inside a table cell, and leaves unknown people and tasks as text', async () => {
    const text = '| a | b |\n| --- | --- |\n| [[ https://example.org/T1 | x ]] | @nobody T99999 |\n';
    const reply = await call(
      standin,
      'remarkup.process',
      { context: 'maniphest', contents: [text] },
      {
        token: TOKENS.alice,
      },
    );
    const html = (reply.result as { content: string }[])[0]!.content;
    expect(html).toContain('<tr><th>a</th><th>b</th></tr>');
    expect(html).toContain(
      '<tr><td><a href="https://example.org/T1" class="remarkup-link remarkup-link-ext" target="_blank" rel="noreferrer">x</a></td><td>@nobody T99999</td></tr>',
    );
  });

  it('refuses a call without contents', async () => {
    const reply = await call(standin, 'remarkup.process', { context: 'maniphest' }, { token: TOKENS.alice });
    expect(reply.error_code).toBe('ERR-CONDUIT-CORE');
  });
});
