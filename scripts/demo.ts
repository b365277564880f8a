// The demo: builds the extension and says where to load it from.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

execFileSync(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/build.ts'], {
  stdio: 'inherit',
});
console.log(`
Steward is built.
  Chromium: open chrome://extensions, turn on Developer mode, "Load unpacked", choose ${resolve('dist/chrome')}
  Firefox:  open about:debugging#/runtime/this-firefox, "Load Temporary Add-on", choose ${resolve('dist/firefox/manifest.json')}
`);
