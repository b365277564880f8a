// Unwraps the two MediaWiki API replies the importer accepts, in both formatversion 1 and 2:
//   action=parse&prop=text            → { parse: { title, revid, text: { "*": html } | html } }
//   action=query&prop=revisions&rvprop=content|timestamp
//                                     → { query: { pages: { id: { revisions: [{ timestamp, "*" | slots.main }] } } } }
import type { Epoch } from '../model';
import type { RegistryProblem } from './errors';

export type ApiPage =
  | {
      kind: 'html';
      title: string | null;
      html: string;
      revisionId: number | null;
      revisionTime: Epoch | null;
    }
  | {
      kind: 'wikitext';
      title: string | null;
      wikitext: string;
      revisionId: number | null;
      revisionTime: Epoch | null;
    };

type Unwrapped = { ok: true; page: ApiPage } | { ok: false; problem: RegistryProblem };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function isoToEpoch(iso: string | null): Epoch | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

export function looksLikeMediaWikiApi(doc: unknown): boolean {
  return (
    isRecord(doc) &&
    ('parse' in doc || 'query' in doc || ('error' in doc && isRecord(doc.error) && 'code' in doc.error))
  );
}

export function unwrapApiReply(doc: unknown): Unwrapped {
  if (!isRecord(doc)) return fail('the reply is not a JSON object');
  if (isRecord(doc.error)) {
    return fail(
      `the MediaWiki API answered with error "${str(doc.error.code) ?? '?'}": ${str(doc.error.info) ?? 'no details'}`,
      'Check the page title and the API parameters',
    );
  }
  if (isRecord(doc.parse)) {
    const p = doc.parse;
    const text = isRecord(p.text) ? str(p.text['*']) : str(p.text);
    if (text === null) {
      const wikitext = isRecord(p.wikitext) ? str(p.wikitext['*']) : str(p.wikitext);
      if (wikitext !== null) {
        return {
          ok: true,
          page: {
            kind: 'wikitext',
            title: str(p.title),
            wikitext,
            revisionId: num(p.revid),
            revisionTime: null,
          },
        };
      }
      return fail('the parse reply has no "text"', 'Request it with prop=text');
    }
    return {
      ok: true,
      page: { kind: 'html', title: str(p.title), html: text, revisionId: num(p.revid), revisionTime: null },
    };
  }
  if (isRecord(doc.query)) {
    const pages = doc.query.pages;
    const list = Array.isArray(pages) ? pages : isRecord(pages) ? Object.values(pages) : [];
    const page = list.find(isRecord);
    if (!page)
      return fail(
        'the query reply lists no page',
        'Request it with prop=revisions&titles=Developers/Maintainers',
      );
    if ('missing' in page || 'invalid' in page) {
      return fail(`the page "${str(page.title) ?? '?'}" does not exist on the wiki`, 'Check the title');
    }
    const rev = Array.isArray(page.revisions) ? page.revisions.find(isRecord) : undefined;
    if (!rev)
      return fail(
        'the query reply has no revision',
        'Request it with prop=revisions&rvprop=content|timestamp',
      );
    const main = isRecord(rev.slots) && isRecord(rev.slots.main) ? rev.slots.main : rev;
    const wikitext = str(main['*']) ?? str(main.content);
    if (wikitext === null)
      return fail(
        'the revision has no content',
        'Request it with rvprop=content|timestamp (and rvslots=main)',
      );
    return {
      ok: true,
      page: {
        kind: 'wikitext',
        title: str(page.title),
        wikitext,
        revisionId: num(rev.revid),
        revisionTime: isoToEpoch(str(rev.timestamp)),
      },
    };
  }
  return fail('the JSON is neither an action=parse nor an action=query reply');

  function fail(message: string, hint?: string): Unwrapped {
    return {
      ok: false,
      problem: {
        message,
        expected:
          'a MediaWiki API reply for action=parse&prop=text or action=query&prop=revisions&rvprop=content|timestamp',
        ...(hint ? { hint } : {}),
      },
    };
  }
}
