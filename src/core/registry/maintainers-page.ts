// One entry point for a saved or fetched Developers/Maintainers page, whatever form it has:
// an API reply (parse HTML or revision wikitext), raw parser HTML, or raw wikitext.
import type { Epoch } from '../model';
import type { ReadResult } from './errors';
import { extractHtmlTables } from './html-tables';
import { importMaintainersTables } from './maintainers-import';
import { unwrapApiReply } from './mediawiki-api';
import type { RegistryData } from './types';
import { runSteps, type Steps } from './steps';
import { withoutByteOrderMark } from './trim-chars';
import { extractWikitextTables } from './wikitext-tables';

export type PageForm = 'api-json' | 'html' | 'wikitext';

export interface PageOptions {
  /** Label for provenance; defaults to the page title. */
  source?: string;
  /** Revision time when the caller knows it and the input does not carry it. */
  revisionTime?: Epoch | null;
}

const DEFAULT_SOURCE = 'mediawiki.org Developers/Maintainers';

/** Guess the form of page text: JSON object, markup with HTML tags, or wikitext. */
export function detectPageForm(text: string): PageForm {
  const head = text.trimStart();
  if (head.startsWith('{') && !head.startsWith('{|') && !head.startsWith('{{')) return 'api-json';
  if (/<table\b/i.test(text) && !/^\{\|/m.test(text)) return 'html';
  if (/^\s*<(!doctype|html|div|body|head|p|h[1-6])\b/i.test(head)) return 'html';
  return 'wikitext';
}

export function importMaintainersPage(text: string, options: PageOptions = {}): ReadResult<RegistryData> {
  return runSteps(importMaintainersPageSteps(text, options));
}

/** The import in stages: unwrapping the reply, reading the tables, reading the rows. */
export function* importMaintainersPageSteps(
  document: string,
  options: PageOptions = {},
): Steps<ReadResult<RegistryData>> {
  const text = withoutByteOrderMark(document);
  const form = detectPageForm(text);
  if (form === 'api-json') {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      return {
        ok: false,
        errors: [{ message: `the text starts like JSON but is not valid JSON: ${(e as Error).message}` }],
        warnings: [],
      };
    }
    const unwrapped = unwrapApiReply(doc);
    if (!unwrapped.ok) return { ok: false, errors: [unwrapped.problem], warnings: [] };
    const page = unwrapped.page;
    const meta = {
      source: options.source ?? (page.title ? `mediawiki.org ${page.title}` : DEFAULT_SOURCE),
      revisionTime: page.revisionTime ?? options.revisionTime ?? null,
      ...(page.revisionId !== null ? { revisionId: page.revisionId } : {}),
    };
    yield;
    const tables = page.kind === 'html' ? extractHtmlTables(page.html) : extractWikitextTables(page.wikitext);
    yield;
    return importMaintainersTables(tables, {
      ...meta,
      kind: page.kind === 'html' ? 'wiki-html' : 'wikitext',
    });
  }
  const meta = { source: options.source ?? DEFAULT_SOURCE, revisionTime: options.revisionTime ?? null };
  const tables = form === 'html' ? extractHtmlTables(text) : extractWikitextTables(text);
  yield;
  return importMaintainersTables(tables, { ...meta, kind: form === 'html' ? 'wiki-html' : 'wikitext' });
}
