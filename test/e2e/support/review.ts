// The demo world for the review page's end-to-end tests: open UBN!s (one busy for a week with no process
// owner) and UBN!s resolved over the last 12 weeks, with the demo's owners registry.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { settingsFor } from './standin';

export const DEMO_WORLD = resolve(import.meta.dirname, '../../standin/scenarios/demo.json');
const DEMO_REGISTRY = readFileSync(
  resolve(import.meta.dirname, '../../standin/scenarios/demo-registry.yaml'),
  'utf8',
);

export function reviewSettings(origin: string) {
  return settingsFor(origin, {
    registry: {
      sources: [{ kind: 'inline', id: 'demo', name: 'Demo registry', text: DEMO_REGISTRY, enabled: true }],
    },
  });
}

/** Open UBN!s of the demo world, and how many UBN!s it resolved in the last 12 weeks. */
export const OPEN_UBN = [1001, 1002, 1003, 1004, 1005];
export const RESOLVED_IN_12_WEEKS = 10;

/** Reads the page's state: table rows, chart rows, busy, errors, resolved weeks. Runs in the page. */
export function reviewState() {
  return {
    rows: [...document.querySelectorAll<HTMLElement>('.review-table tbody tr[data-task]')].map((tr) =>
      Number(tr.dataset.task),
    ),
    chart: document.querySelectorAll('.chart-row').length,
    busy: document.querySelector('[aria-busy="true"]') !== null,
    error: document.querySelector('.error')?.textContent ?? null,
    owner1001: document.querySelector('tr[data-task="1001"] td[data-owner]')?.textContent ?? null,
    resolvedWeeks: document.querySelectorAll('.resolved-table tbody tr').length,
    resolvedCaption: document.querySelector('.resolved-table caption')?.textContent ?? null,
    manualCopy: document.querySelector<HTMLTextAreaElement>('.manual-copy')?.value ?? null,
    status: document.querySelector('.live')?.textContent ?? '',
  };
}
