// Command line of `npm run demo`.
import { parseArgs } from 'node:util';

export interface DemoArgs {
  headless: boolean;
  outDir: string;
  port: number;
  build: boolean;
}

export const USAGE = `Usage: npm run demo [-- --headless] [--out DIR] [--port N] [--no-build]
  --headless   write screenshots instead of opening a window (the default when DISPLAY is not set)
  --out DIR    where screenshots go (default: demo-output)
  --port N     the local Phabricator stand-in's port (default: a free one)
  --no-build   reuse build/demo from an earlier run`;

export function parseDemoArgs(argv: string[], env: NodeJS.ProcessEnv): DemoArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      headless: { type: 'boolean', default: false },
      out: { type: 'string', default: 'demo-output' },
      port: { type: 'string', default: '0' },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) {
    throw new Error(`--port needs a port number (0 to 65535), got "${values.port}"`);
  }
  return {
    headless: values.headless || !env.DISPLAY,
    outDir: values.out,
    port: Number(values.port),
    build: !values['no-build'],
  };
}
