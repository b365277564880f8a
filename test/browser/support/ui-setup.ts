// Every browser test runs as a plain page, not inside an extension: webextension-polyfill refuses to load
// there, the UI reaches the worker through setTransport, and strings come from the catalog the build merges.
import { beforeAll, vi } from 'vitest';
import { installTestCatalog } from './catalog';

vi.mock('webextension-polyfill', () => ({ default: {} }));

beforeAll(() => {
  installTestCatalog();
});
