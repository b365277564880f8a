// Installs the same merged string catalog the build writes to _locales, for UI tests outside an extension.
import { installCatalog, type Catalog } from '../../../src/ui/i18n';
import base from '../../../public/_locales/en/messages.json';

const fragments = import.meta.glob<Catalog>('../../../src/**/*.messages.json', {
  eager: true,
  import: 'default',
});

export function installTestCatalog(): Catalog {
  const catalog: Catalog = { ...(base as Catalog) };
  for (const fragment of Object.values(fragments)) Object.assign(catalog, fragment);
  installCatalog(catalog);
  return catalog;
}
