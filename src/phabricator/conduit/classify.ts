// Turns Phorge's `{error_code, error_info}` replies into errors a user can act on. Codes and texts
// come from the real replies in shared/fixtures/phorge/conduit (error.*, session-05/06/08/15/16).
import { ConduitError } from './errors';
import type { ConduitErrorKind } from './errors';

export interface ReplyContext {
  method: string;
  authKind: 'token' | 'session';
  /** Instance host, to name it in messages. */
  host: string;
  /** The object a call was about (objectIdentifier), to name it in messages. */
  object?: string;
}

// Phorge's CSRF failure is a generic ERR-CONDUIT-CORE; its text is the only way to tell it apart.
const CSRF_TEXT = /CSRF token|included an incorrect token/i;
const PERMISSION_TEXT = /do not have permission|You Shall Not Pass|not permitted to (view|edit)/i;
const INVISIBLE_OBJECT_TEXT = /does not identify a valid object|does not exist/i;
const RATE_TEXT = /too many|rate limit/i;

/**
 * Phorge's words are shown to the user, and a server may send pages of them (a stack trace, a
 * proxy's HTML): at most this many characters are kept, with an ellipsis.
 */
export const MAX_ERROR_INFO_CHARS = 300;

/** The reply's error_info on one line and capped, before any pattern reads it. */
export function capErrorInfo(info: string): string {
  // A generous prefix first, so collapsing spaces never walks a megabyte of text.
  const line = info
    .slice(0, MAX_ERROR_INFO_CHARS * 4)
    .replace(/\s+/g, ' ')
    .trim();
  if (line.length <= MAX_ERROR_INFO_CHARS && info.length <= MAX_ERROR_INFO_CHARS * 4) return line;
  let cut = line.slice(0, MAX_ERROR_INFO_CHARS - 1);
  // Never end on half of a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}\u2026`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** "Phabricator rejected ...: <Phorge's own words>." with exactly one final full stop. */
function rejected(method: string, info: string, code: string): string {
  let said = oneLine(info);
  // Trailing full stops and spaces, counted from the end (a /[.\s]+$/ would rescan runs of dots).
  let end = said.length;
  while (end > 0 && (said[end - 1] === '.' || said[end - 1] === ' ')) end--;
  said = said.slice(0, end) || code;
  return `Phabricator rejected Steward's ${method} request: ${said}.`;
}

function invalidTokenMessage(info: string): string {
  if (/wrong length/i.test(info)) {
    return "The API token has the wrong length; copy it again from Phabricator (Settings > Conduit API Tokens) into Steward's options.";
  }
  if (/not permitted to use the API/i.test(info)) {
    return 'The account that owns this API token is disabled or may not use the API; use a token of an active account.';
  }
  return "Phabricator does not accept this API token (it is wrong or was revoked); create a new one under Settings > Conduit API Tokens and paste it into Steward's options.";
}

/** Maps a Conduit error reply (HTTP 200 with error_code set) to a ConduitError. */
export function errorFromReply(ctx: ReplyContext, code: string, rawInfo: string | null): ConduitError {
  const info = capErrorInfo(rawInfo ?? '');
  const base = {
    method: ctx.method,
    code: code.slice(0, 100),
    info: rawInfo === null ? null : info,
    detail: `${code.slice(0, 100)}: ${info}`,
  };
  const make = (kind: ConduitErrorKind, userMessage: string) =>
    new ConduitError({ ...base, kind, userMessage });
  const object = ctx.object ?? 'The task';

  switch (code) {
    case 'ERR-INVALID-AUTH':
      return make('invalid-token', invalidTokenMessage(info));
    case 'ERR-INVALID-SESSION':
      // Phorge says this whenever it found neither a logged-in session nor a token.
      return ctx.authKind === 'session'
        ? make(
            'session-expired',
            `You are not logged in to ${ctx.host} (the session has expired); log in there and try again.`,
          )
        : make(
            'invalid-token',
            "No API token reached Phabricator; paste your Conduit API token into Steward's options.",
          );
    case 'ERR-INVALID-OBJECT-PHID':
      return make(
        'not-found',
        `${object} does not exist on ${ctx.host}, or your account is not allowed to see it.`,
      );
    case 'ERR-CONDUIT-CALL':
      return make(
        'unknown-method',
        `${ctx.host} does not offer the Conduit method ${ctx.method}; it runs a Phabricator too old for Steward, so ask its administrators to upgrade.`,
      );
    case 'ERR-INVALID-CONSTRAINT':
    case 'ERR-INVALID-ATTACHMENT':
      return make('invalid-request', rejected(ctx.method, info, code));
  }

  if (CSRF_TEXT.test(info)) {
    return make(
      'csrf',
      `${ctx.host} rejected the page's security (CSRF) token; reload the Phabricator page and try again.`,
    );
  }
  if (PERMISSION_TEXT.test(info)) {
    return make(
      'permission',
      `Your account is not allowed to do this on ${object}; ask someone with access to the task.`,
    );
  }
  if (INVISIBLE_OBJECT_TEXT.test(info)) {
    // Phorge hides a task the viewer may not see behind "does not identify a valid object": for an
    // edit that is a missing permission as often as a missing task, and the message says both.
    return ctx.method === 'maniphest.edit'
      ? make(
          'permission',
          `${object} does not exist or your account may not see it, so Steward cannot change it.`,
        )
      : make(
          'not-found',
          `${object} does not exist on ${ctx.host}, or your account is not allowed to see it.`,
        );
  }
  if (RATE_TEXT.test(info)) {
    return make(
      'rate-limited',
      `${ctx.host} is limiting how fast Steward may call it; Steward will try again later.`,
    );
  }
  return make('invalid-request', rejected(ctx.method, info, code));
}
