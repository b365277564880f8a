// Talks to Steward's worker the way its own pages do: chrome.runtime.sendMessage from an extension page
// (the worker accepts settings and polls only from extension pages, never from a web page or the
// DevTools protocol).
import type { BrowserContext, Page } from 'playwright-core';
import type { PageRequest, Reply } from '../../src/messages';

export class ExtensionPage {
  private constructor(
    readonly page: Page,
    readonly extensionId: string,
  ) {}

  /** Opens the popup page as a tab: a quiet extension page that can message the worker. */
  static async open(context: BrowserContext, extensionId: string): Promise<ExtensionPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/popup/popup.html`);
    return new ExtensionPage(page, extensionId);
  }

  /** Sends one request and fails with the worker's own message when it says no. */
  async ask<T = unknown>(request: PageRequest, timeoutMs = 120_000): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Steward did not answer "${request.type}" in ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
    });
    const sent = this.page.evaluate(
      (message) =>
        (
          globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
        ).chrome.runtime.sendMessage(message),
      request,
    );
    let reply: Reply<T> | undefined;
    try {
      reply = (await Promise.race([sent, timeout])) as Reply<T> | undefined;
    } finally {
      clearTimeout(timer);
    }
    if (!reply) throw new Error(`Steward sent no reply to "${request.type}"`);
    if (!reply.ok) throw new Error(`Steward refused "${request.type}": ${reply.error.message}`);
    return reply.data;
  }

  close(): Promise<void> {
    return this.page.close();
  }
}
