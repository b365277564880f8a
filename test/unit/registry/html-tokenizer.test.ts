import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../../../src/core/registry/html-entities';
import { tokenizeHtml } from '../../../src/core/registry/html-tokenizer';

describe('tokenizeHtml', () => {
  it('reads tags with quoted, unquoted and bare attributes', () => {
    const tokens = tokenizeHtml(`<td rowspan=2 class="a b" title='It&#39;s' hidden>x</td>`);
    expect(tokens).toEqual([
      {
        type: 'start',
        name: 'td',
        attrs: { rowspan: '2', class: 'a b', title: "It's", hidden: '' },
        selfClosing: false,
      },
      { type: 'text', text: 'x' },
      { type: 'end', name: 'td' },
    ]);
  });

  it('lower-cases names, keeps the first of duplicate attributes and reads self-closing tags', () => {
    const tokens = tokenizeHtml('<BR/><A HREF="/a" href="/b">');
    expect(tokens[0]).toMatchObject({ type: 'start', name: 'br', selfClosing: true });
    expect(tokens[1]).toMatchObject({ type: 'start', name: 'a', attrs: { href: '/a' } });
  });

  it('skips comments, doctype and script/style content', () => {
    const tokens = tokenizeHtml(
      '<!DOCTYPE html><!-- <td>no</td> --><script>if (a<b) "</td>"</script><style>td{}</style>ok',
    );
    expect(tokens.filter((t) => t.type === 'text')).toEqual([{ type: 'text', text: 'ok' }]);
    expect(tokens.some((t) => t.type === 'start' && t.name === 'td')).toBe(false);
  });

  it('treats a stray "<" as text and survives truncated markup', () => {
    expect(tokenizeHtml('a < b <3')).toEqual([{ type: 'text', text: 'a < b <3' }]);
    expect(() => tokenizeHtml('<td class="x')).not.toThrow();
    expect(() => tokenizeHtml('<!-- never closed')).not.toThrow();
    expect(tokenizeHtml('<td class="x')[0]).toMatchObject({ type: 'start', name: 'td' });
  });
});

describe('decodeEntities', () => {
  it.each([
    ['&amp;&lt;&gt;&quot;&apos;', `&<>"'`],
    ['Gerg&#337; Tisza', 'Gergő Tisza'],
    ['&#x5B;1&#x5d;', '[1]'],
    ['a&nbsp;b', 'a\u00a0b'],
    ['&madeup; &amp', '&madeup; &'],
    ['&#0; &#xD800; &#x110000;', '\ufffd \ufffd \ufffd'],
  ])('%s', (input, output) => {
    expect(decodeEntities(input)).toBe(output);
  });
});
