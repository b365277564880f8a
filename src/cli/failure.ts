// One line for a failure the commands cannot turn into a verdict (exit status 2).
import { isConduitError, TLS_CERTIFICATE } from '../phabricator/conduit';

/** The user can fix it; its message is printed as is. */
export class UsageError extends Error {}

/** `tokenFrom` names where the token came from ("--token", "CONDUIT_TOKEN", "~/.arcrc (…)"). */
export function describeFailure(error: unknown, tokenFrom: string): string {
  if (error instanceof UsageError) return error.message;
  if (isConduitError(error)) {
    switch (error.kind) {
      case 'invalid-token':
        return `the instance refused the API token from ${tokenFrom} (${(error.info ?? error.code ?? 'no details').replace(/\.$/, '')}). Use the token of an active account; create one under Settings > Conduit API Tokens.`;
      case 'network':
        if (error.code === TLS_CERTIFICATE)
          return `${error.userMessage} If the instance's certificate comes from your organisation's own authority, point NODE_EXTRA_CA_CERTS at that authority's certificate (a PEM file).`;
        return `${error.userMessage.replace(/ and the instance address in Steward's options/, '')} Check --instance and that the server is running.`;
      case 'moved':
        return `the instance redirects to ${error.info ?? 'another address'}; use that as --instance.`;
      case 'session-expired':
        return `the instance sent the request to a sign-in page instead of answering it (a single sign-on proxy in front of /api/?). The command needs /api/ reachable with an API token alone; ask the instance's administrators to let token requests through.`;
      case 'rate-limited': {
        // The extension's sentence promises a later poll; a command that has exited makes none.
        const limited = error.userMessage.replace(/; Steward will try again later\.$/, '');
        const wait = error.retryAfterMs;
        const when = wait === null ? 'later' : `in ${waitText(wait)} (the instance asked to wait that long)`;
        return `${limited}. Run the command again ${when}.`;
      }
      case 'malformed': {
        const said = error.userMessage.replace(/; check the instance address in Steward's options\.$/, '.');
        // A proxy or firewall in front of /api/ answers this way, with a page of its own.
        if (error.status === 401 || error.status === 403)
          return `${said} Something in front of /api/ refused the request: ask the instance's administrators to let API token requests through.`;
        return `${said} Is --instance the address of a Phabricator or Phorge?`;
      }
      default:
        return error.userMessage;
    }
  }
  // One line: CI shows the first line of a failure, and a stack trace helps no pipeline.
  const message = error instanceof Error ? error.message : String(error);
  return `unexpected failure: ${message.split('\n')[0] ?? ''}`;
}

/** "45 s", "10 minutes", "2 hours": a wait a person schedules a re-run by. */
function waitText(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 120 ? `${minutes} minutes` : `${Math.ceil(minutes / 60)} hours`;
}
