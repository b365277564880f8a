// Sets Steward up the way a user would end up after the options page: logged in to the instance in the
// browser (session mode needs the phsid cookie), settings saved through the worker, and a first poll done.
import type { BrowserContext } from 'playwright-core';
import type { WatchlistView } from '../../src/messages';
import type { Settings } from '../../src/shared/settings';
import type { ExtensionPage } from './extension-page';

/** Logs the browser in on the stand-in (its /__standin/login control sets the phsid cookie). */
export async function logIn(context: BrowserContext, origin: string, username: string): Promise<void> {
  const page = await context.newPage();
  const response = await page.goto(`${origin}/__standin/login?user=${encodeURIComponent(username)}&next=/`);
  const cookies = await context.cookies(origin);
  await page.close();
  if (!cookies.some((c) => c.name === 'phsid')) {
    throw new Error(
      `logging in as ${username} on ${origin} set no phsid cookie (HTTP ${response?.status() ?? 'no reply'})`,
    );
  }
}

/** Saves settings through the worker (which also refreshes the registry) and waits for a full poll. */
export async function configureSteward(extension: ExtensionPage, settings: Settings): Promise<WatchlistView> {
  await extension.ask({ type: 'settings/save', settings });
  const view = await extension.ask<WatchlistView>({ type: 'poll/now' });
  if (view.connection !== 'ok') {
    throw new Error(
      `Steward's first poll of ${view.instance ?? 'the instance'} failed (${view.connection}): ` +
        `${view.connectionMessage ?? 'no message'}`,
    );
  }
  return view;
}
