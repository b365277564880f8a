// The facts a content script would send for one of the stand-in's task pages, read from its HTML as the
// content script reads it (linkedom stands in for the page's document in node).
import { parseHTML } from 'linkedom';
import type { PageFacts } from '../../../src/messages';
import { readPageFacts } from '../../../src/phabricator/page/page-facts';
import type { Standin } from '../../standin/server';

export async function pageFactsOf(site: Standin, task: number): Promise<PageFacts> {
  const html = await (await fetch(`${site.url}/T${task}`)).text();
  const facts = readPageFacts(parseHTML(html).document as unknown as Document);
  if (!facts) throw new Error(`the stand-in's T${task} page could not be read`);
  return facts;
}
