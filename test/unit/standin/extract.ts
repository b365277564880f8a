// Reads a task page the way the capture's dom-extract.alice.json did (README §5 selectors), so the
// stand-in's pages can be compared with what the real Phorge pages gave.
import { parseHTML } from 'linkedom';

const text = (node: Element | null | undefined) => node?.textContent ?? '';
const squash = (value: string) => value.replace(/\s+/g, ' ').trim();

export interface ExtractedLine {
  icon: string | null;
  author: string | null;
  values: string[];
  when: string | null;
  text: string;
}

export interface ExtractedShell {
  shellClass: string;
  anchors: string[];
  lines: ExtractedLine[];
  comment: string | null;
}

export function extractTaskPage(html: string) {
  const document = parseHTML(html).document as unknown as Document;
  const panels: Record<
    string,
    { items: { text: string; href: string; class: string }[]; empty: boolean; dates: string[] }
  > = {};
  for (const panel of document.querySelectorAll('.phui-side-column .phui-curtain-panel')) {
    const title = text(panel.querySelector('.phui-curtain-panel-header')).trim();
    const body = panel.querySelector('.phui-curtain-panel-body');
    panels[title] = {
      items: [...(body?.querySelectorAll('a.phui-handle, a.phui-tag-view') ?? [])].map((link) => ({
        text: text(link),
        href: link.getAttribute('href') ?? '',
        class: link.getAttribute('class') ?? '',
      })),
      empty: body?.querySelector('.phui-curtain-object-ref-list-view-empty') !== null,
      dates: [...(body?.querySelectorAll('.phui-curtain-object-ref-view-epoch-cell .screen-only') ?? [])].map(
        text,
      ),
    };
  }
  const timeline: ExtractedShell[] = [
    ...document.querySelectorAll('.phui-timeline-view .phui-timeline-shell'),
  ].map((shell) => ({
    shellClass: shell.getAttribute('class') ?? '',
    anchors: [...shell.querySelectorAll('a.phabricator-anchor-view')].map(
      (anchor) => anchor.getAttribute('name') ?? '',
    ),
    lines: [...shell.querySelectorAll('.phui-timeline-title')].map((line) => ({
      icon:
        [...(line.querySelector('.phui-timeline-icon')?.classList ?? [])].find((name) =>
          name.startsWith('fa-'),
        ) ?? null,
      author: line.querySelector('a.phui-handle') ? text(line.querySelector('a.phui-handle')) : null,
      values: [...line.querySelectorAll('.phui-timeline-value')].map(text),
      when: line.querySelector('.phui-timeline-extra .screen-only')
        ? text(line.querySelector('.phui-timeline-extra .screen-only'))
        : null,
      text: text(line),
    })),
    comment: shell.querySelector('.transaction-comment .phabricator-remarkup')
      ? squash(text(shell.querySelector('.transaction-comment .phabricator-remarkup')))
      : null,
  }));
  const header = document.querySelector('.phui-two-column-header .phui-header-header');
  const tag = document.querySelector('.phui-two-column-header .phui-header-subheader > .phui-tag-view');
  return {
    documentTitle: document.title,
    title: text(header),
    headerIconClass: header?.querySelector('.phui-header-icon')?.getAttribute('class') ?? null,
    statusPriorityTag: text(tag?.querySelector('.phui-tag-core')),
    statusPriorityTagClass: tag?.getAttribute('class') ?? null,
    policy: text(document.querySelector('.phui-header-subheader .policy-header-callout a.policy-link')),
    panels,
    description: squash(
      text(document.querySelector('.phui-main-column .phui-property-list-section .phabricator-remarkup')),
    ),
    timeline,
    csrf: [...document.querySelectorAll('input[name="__csrf__"]')].map((input) =>
      input.getAttribute('value'),
    ),
    stylesheets: [...document.querySelectorAll('link[rel="stylesheet"]')].map((link) =>
      link.getAttribute('href'),
    ),
    crumbs: [...document.querySelectorAll('.phui-crumbs-view .phui-crumb-name')].map((crumb) =>
      text(crumb).trim(),
    ),
  };
}
