// `npm run demo`: builds Steward, starts the local Phabricator stand-in with the demo world (the login
// outage of DESIGN.md and its neighbours), opens Chromium with Steward loaded and configured, logged in as
// alice, on the worst task. With a display it stays open until Ctrl-C; without one (or with --headless)
// it writes screenshots of every banner state, the popup, the options page and the notifications.
import { resolve } from 'node:path';
import { startStandin, type Standin } from '../test/standin/server';
import { parseDemoArgs, USAGE } from './demo/args';
import { buildTestExtension } from './demo/build-extension';
import { launchDemoChromium, type DemoChromium } from './demo/chromium';
import { configureSteward, logIn } from './demo/configure';
import { ExtensionPage } from './demo/extension-page';
import { takeScreenshots } from './demo/screenshots';
import { DEMO_SCENARIO, demoSettings } from './demo/settings';
import { worstTask } from './demo/worst-task';

const DEMO_USER = 'alice';

let args;
try {
  args = parseDemoArgs(process.argv.slice(2), process.env);
} catch (error) {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}

let standin: Promise<Standin> | null = null;
let browser: Promise<DemoChromium> | null = null;
let stopping = false;

/** Closes whatever was started, even when Ctrl-C comes while it is still starting, then exits. */
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await browser
      ?.then((b) => b.close())
      .catch((error: unknown) => console.error(`Could not clean up after Chromium: ${String(error)}`));
    await standin?.then((s) => s.close()).catch(() => undefined);
  }
  process.exit(code);
}
process.on('SIGINT', () => {
  console.log('\nStopping the demo: closing Chromium and the stand-in.');
  void stop(0);
});
process.on('SIGTERM', () => void stop(0));

try {
  const dist = args.build ? buildTestExtension('build/demo') : resolve('build/demo/chrome');
  standin = startStandin({ port: args.port, scenario: DEMO_SCENARIO });
  const { url } = await standin;
  console.log(`Phabricator stand-in with the demo world on ${url}`);
  browser = launchDemoChromium({ dist, headless: args.headless, handleSignals: false });
  const chromium = await browser;
  await logIn(chromium.context, url, DEMO_USER);
  const extension = await ExtensionPage.open(chromium.context, chromium.extensionId ?? '');
  const view = await configureSteward(extension, demoSettings(url));
  await extension.close();
  const worst = worstTask(view);
  console.log(
    `Steward is configured for ${url} (session of ${DEMO_USER}); ${view.rows.length} watched UBN! tasks, ` +
      `${view.deployGate.count} without a process owner.`,
  );

  if (args.headless) {
    const out = resolve(args.outDir);
    const shots = await takeScreenshots(chromium, url, out);
    console.log(`\nWrote ${shots.length} files to ${out}:`);
    for (const shot of shots) console.log(`  ${shot.path}  (${shot.what})`);
    await stop(0);
  }

  const page = await chromium.context.newPage();
  await page.goto(`${url}/T${worst ?? 1001}`);
  await page.bringToFront();
  for (const other of chromium.context.pages())
    if (other !== page && other.url() === 'about:blank') await other.close();
  console.log(`
Chromium is open on T${worst ?? 1001}, the worst watched UBN! task.
  Other tasks: ${url}/T1002 ... ${url}/T1007
  The popup: Steward's toolbar icon (under the puzzle piece), or chrome-extension://${chromium.extensionId}/popup/popup.html
  Logged in as ${DEMO_USER}. Press Ctrl-C here to stop.`);
  chromium.context.on('close', () => {
    if (!stopping) {
      console.log('Chromium was closed: stopping the stand-in.');
      void stop(0);
    }
  });
} catch (error) {
  // Playwright appends the browser's whole log to its errors; the first lines say what went wrong.
  const message = error instanceof Error ? error.message : String(error);
  console.error(`demo failed: ${message.split(/\n(?:Browser logs:|=+ logs =+)/)[0]}`);
  await stop(1);
}
