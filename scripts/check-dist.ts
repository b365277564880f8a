// Store readiness of a build: manifests per browser, a classic content script, packages with the manifest
// at their root, and `web-ext lint` with 0 errors and no warning beyond the documented dependency ones.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { BANNER_STYLE_GLOBAL, BANNER_STYLE_SCRIPT_PATH } from '../src/shared/content-files';

const outDir = resolve(process.argv[2] ?? 'dist');
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const problems: string[] = [];
const check = (ok: boolean, message: string) => ok || problems.push(message);

// Warnings that come from dependencies' code, explained in the README's reviewer notes.
const KNOWN_WARNINGS = new Set([
  'UNSAFE_VAR_ASSIGNMENT assets/', // Preact sets innerHTML only for dangerouslySetInnerHTML, which Steward never uses
  'UNSAFE_VAR_ASSIGNMENT content.js', // the same Preact code, bundled into the content script
  'DANGEROUS_EVAL background.js', // zod's feature probe for `new Function`, disabled by z.config({ jitless: true })
  'DANGEROUS_EVAL content.js',
  'DANGEROUS_EVAL assets/',
  'KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION manifest.json', // data_collection_permissions on Android
]);

for (const browser of ['chrome', 'firefox'] as const) {
  const dir = resolve(outDir, browser);
  const manifest = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8'));
  check(manifest.manifest_version === 3, `${browser}: manifest_version must be 3`);
  check(Array.isArray(manifest.optional_host_permissions), `${browser}: optional_host_permissions missing`);
  check(
    /script-src 'self'/.test(manifest.content_security_policy?.extension_pages ?? ''),
    `${browser}: strict extension CSP missing`,
  );
  // Web pages may load the assign picker and the files it needs, nothing else: not the popup's or the
  // options page's or review page's bundles, and no wildcard that would expose them.
  const exposed = (manifest.web_accessible_resources ?? []).flatMap(
    (entry: { resources: string[]; matches: string[] }) =>
      entry.matches.some((m) => m === 'https://*/*' || m === 'http://*/*') ? entry.resources : [],
  ) as string[];
  check(exposed.includes('assign/assign.html'), `${browser}: the assign page is not web-accessible`);
  check(exposed.includes('banner.css'), `${browser}: the banner's stylesheet is not web-accessible`);
  // Of the files written outside the assign page's folder and its assets, only banner.css is exposed.
  for (const resource of exposed)
    check(
      /^(assign|assets)\//.test(resource) || resource === 'banner.css',
      `${browser}: ${resource} is exposed to web pages`,
    );
  for (const resource of exposed) {
    check(!resource.includes('*'), `${browser}: web-accessible wildcard ${resource}`);
    check(
      !/^(options|popup|review)\//.test(resource) && !/\/(options|popup|review)[-.]/.test(resource),
      `${browser}: ${resource} is exposed to web pages`,
    );
    check(existsSync(resolve(dir, resource)), `${browser}: web-accessible ${resource} is not in the build`);
  }
  if (browser === 'chrome')
    check(manifest.background?.service_worker === 'background.js', 'chrome: no service worker');
  else {
    check(manifest.background?.scripts?.[0] === 'background.js', 'firefox: no background script');
    check(typeof manifest.browser_specific_settings?.gecko?.id === 'string', 'firefox: no gecko id');
  }
  // banner-style.js hands content.js its stylesheet: one statement, setting one string.
  const style = readFileSync(resolve(dir, BANNER_STYLE_SCRIPT_PATH), 'utf8');
  check(
    style.startsWith(`globalThis.${BANNER_STYLE_GLOBAL}="`) && style.trimEnd().endsWith('";'),
    `${browser}: ${BANNER_STYLE_SCRIPT_PATH} is not the stylesheet's one assignment`,
  );
  const content = readFileSync(resolve(dir, 'content.js'), 'utf8');
  check(
    !/^\s*(import|export)\s/m.test(content),
    `${browser}: content.js must be one classic file without imports`,
  );
  const zipPath = resolve(outDir, `steward-${browser}-${version}.zip`);
  check(existsSync(zipPath), `${browser}: store package ${zipPath} missing`);
  if (existsSync(zipPath)) {
    const entries = Object.keys(unzipSync(readFileSync(zipPath)));
    check(entries.includes('manifest.json'), `${browser}: package has no manifest.json at its root`);
  }
}

const lint = JSON.parse(
  execFileSync(
    process.execPath,
    [
      resolve('node_modules/web-ext/bin/web-ext.js'),
      'lint',
      '-s',
      resolve(outDir, 'firefox'),
      '--output',
      'json',
    ],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  ),
) as { summary: { errors: number; warnings: number }; errors: LintMessage[]; warnings: LintMessage[] };
interface LintMessage {
  code: string;
  file?: string;
  message: string;
}
check(
  lint.summary.errors === 0,
  `web-ext lint: ${lint.errors.map((e) => `${e.code} ${e.file}: ${e.message}`).join('; ')}`,
);
const unexpected = lint.warnings.filter(
  (w) => ![...KNOWN_WARNINGS].some((known) => `${w.code} ${w.file ?? ''}`.startsWith(known)),
);
check(
  unexpected.length === 0,
  `web-ext lint: new warnings ${unexpected.map((w) => `${w.code} ${w.file}`).join(', ')}`,
);

if (problems.length > 0) {
  console.error(problems.map((p) => `✗ ${p}`).join('\n'));
  process.exit(1);
}
console.log(
  `store checks passed: chrome and firefox manifests, classic content script, packages; web-ext lint 0 errors, ${lint.summary.warnings} known warnings`,
);
