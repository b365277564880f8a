// npm run standin -- --port N [--scenario FILE] [--now EPOCH]
import { startStandin } from './server';

function usage(message: string): never {
  process.stderr.write(`${message}\nUsage: npm run standin -- --port N [--scenario FILE] [--now EPOCH]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const options: { port?: number; scenario?: string; now?: number } = {};
for (let i = 0; i < args.length; i++) {
  const flag = args[i];
  const value = args[i + 1];
  if (flag === '--port' || flag === '--now') {
    if (value === undefined || !/^\d+$/.test(value))
      usage(`${flag} needs a whole number, got ${value ?? 'nothing'}`);
    if (flag === '--port') options.port = Number(value);
    else options.now = Number(value);
    i++;
  } else if (flag === '--scenario') {
    if (!value) usage('--scenario needs a file path');
    options.scenario = value;
    i++;
  } else {
    usage(`unknown argument ${flag}`);
  }
}

try {
  const standin = await startStandin(options);
  process.stdout.write(`Stand-in listening on ${standin.url}\n`);
  for (const warning of standin.state.world.warnings) process.stderr.write(`scenario warning: ${warning}\n`);
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    standin.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  process.stderr.write(
    `Stand-in could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
