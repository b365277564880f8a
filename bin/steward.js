#!/usr/bin/env node
// The `steward` bin. In a checkout (src/ is here and tsx, a dev dependency, is installed) it runs the
// TypeScript sources, so the command is never older than them; an installed package has no src/ and
// runs build/cli/steward.js, the bundle `npm pack` builds (prepack: scripts/build-cli.ts) with plain node.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/steward.ts', import.meta.url);
const built = new URL('../build/cli/steward.js', import.meta.url);

async function tsx() {
  try {
    return await import('tsx/esm/api');
  } catch {
    return null;
  }
}

const api = existsSync(source) ? await tsx() : null;
if (api !== null) {
  api.register();
  await import('../src/cli/steward.ts');
} else if (existsSync(built)) {
  await import('../build/cli/steward.js');
} else {
  process.stderr.write(
    'steward: the command is not built; run "npm ci" or "npm run build:cli" in the checkout\n',
  );
  process.exitCode = 2;
}
