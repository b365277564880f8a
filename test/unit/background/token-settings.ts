// The settings most worker tests run with: one instance signed in by API token, every UBN! watched, and
// `registry`, when given, as the one inline registry source.
import { parseSettings, type Settings } from '../../../src/shared/settings';

export function tokenSettings(origin: string, registry?: string): Settings {
  const parsed = parseSettings({
    version: 1,
    instances: [{ url: origin, authMode: 'token' }],
    ...(registry === undefined
      ? {}
      : {
          registry: {
            sources: [{ kind: 'inline', id: 'example', name: 'Example registry', text: registry }],
          },
        }),
    watch: { allUbn: true },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.settings;
}
