// A worker that keeps what the options page sends, as src/background/handlers.ts does: settings/save
// stores the document (and forgets the token of an instance that was saved before and is gone),
// token/set keeps tokens per origin, and connection/test answers only for a saved instance.
import type { PageRequest } from '../../../src/messages';
import type { Settings } from '../../../src/shared/settings';
import { fail, ok } from '../../fixtures/views/fake-worker';
import { registryStatus, settingsViewOf } from '../../fixtures/views/settings';

export function storingWorker(initial: Settings) {
  let stored: Settings = structuredClone(initial);
  const tokens = new Map<string, string>();
  const requests: PageRequest[] = [];
  const view = () =>
    ok(
      settingsViewOf(
        structuredClone(stored),
        Object.fromEntries(stored.instances.map((i) => [i.url, tokens.has(i.url)])),
      ),
    );
  const transport = async (request: PageRequest): Promise<unknown> => {
    requests.push(structuredClone(request));
    switch (request.type) {
      case 'settings/get':
        return view();
      case 'settings/save': {
        const previous = stored;
        stored = structuredClone(request.settings) as Settings;
        const kept = new Set(stored.instances.map((i) => i.url));
        for (const i of previous.instances) if (!kept.has(i.url)) tokens.delete(i.url);
        return view();
      }
      case 'registry/status':
        return ok(registryStatus);
      case 'token/set':
        if (request.token === null) tokens.delete(request.instance);
        else tokens.set(request.instance, request.token);
        return ok({ stored: request.token !== null });
      case 'connection/test': {
        const instance = stored.instances.find((i) => i.url === request.instance);
        if (!instance)
          return fail(
            'not-configured',
            `Steward is not set up for ${request.instance}. Add it on the options page.`,
          );
        return ok({ username: 'alice', realName: 'Alice Liddell', authMode: instance.authMode });
      }
      default:
        return fail('internal', `no answer for ${request.type}`);
    }
  };
  return { transport, requests, tokens, stored: () => stored };
}
