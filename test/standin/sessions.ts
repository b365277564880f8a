// Web sessions (the phsid cookie) and CSRF tokens, checked the way Phorge's PhabricatorAuthCSRFEngine does:
// a token is "B@" + an 8-character salt + 16 hex digits of a hash over the salt, the session and the hour;
// tokens from the last 6 hours (and the next one) are accepted, so a page's token lasts about 6-7 hours.
import { createHmac, randomBytes } from 'node:crypto';
import { random } from './ids';

export interface Session {
  key: string;
  /** Null for the anonymous session Phorge gives logged-out visitors. */
  userPHID: string | null;
  created: number;
  /** Tokens accepted in addition to computed ones (tokens seen in captured requests). */
  pinnedCsrf: string[];
}

const HOUR = 3600;
const WINDOW_PAST = 6;
const WINDOW_FUTURE = 1;

export type CsrfCheck = 'ok' | 'missing' | 'invalid';

export class Sessions {
  private readonly byKey = new Map<string, Session>();
  private readonly secret = randomBytes(32);

  /** Creates a logged-in session; the key is the phsid cookie value. */
  login(userPHID: string, now: number, key = random(40)): Session {
    const session: Session = { key, userPHID, created: now, pinnedCsrf: [] };
    this.byKey.set(key, session);
    return session;
  }

  /**
   * Phorge gives every cookie-less visitor an anonymous session ("A/..."). They are not stored: any "A/" key
   * stands for one, which keeps memory flat when benchmarks send thousands of cookie-less calls.
   */
  anonymous(now: number, key = `A/${random(40)}`): Session {
    return { key, userPHID: null, created: now, pinnedCsrf: [] };
  }

  /** The session named by a phsid cookie value (URL-encoded or not), if it exists. */
  fromCookie(value: string | undefined): Session | undefined {
    if (!value) return undefined;
    let key: string;
    try {
      key = decodeURIComponent(value);
    } catch {
      return undefined;
    }
    return this.byKey.get(key) ?? (key.startsWith('A/') ? this.anonymous(0, key) : undefined);
  }

  logout(key: string): void {
    this.byKey.delete(key);
  }

  /** Ends every logged-in session, as if they had all expired; returns how many ended. */
  expireAll(): number {
    let count = 0;
    for (const [key, session] of this.byKey) {
      if (session.userPHID !== null) {
        this.byKey.delete(key);
        count++;
      }
    }
    return count;
  }

  list(): Session[] {
    return [...this.byKey.values()];
  }

  csrfToken(session: Session, now: number): string {
    return this.tokenFor(session, random(8), Math.floor(now / HOUR));
  }

  checkCsrf(session: Session, token: string | undefined, now: number): CsrfCheck {
    if (!token) return 'missing';
    if (session.pinnedCsrf.includes(token)) return 'ok';
    const match = /^B@([a-z0-9]{8})[0-9a-f]{16}$/.exec(token);
    if (!match?.[1]) return 'invalid';
    const bucket = Math.floor(now / HOUR);
    for (let offset = -WINDOW_PAST; offset <= WINDOW_FUTURE; offset++) {
      if (this.tokenFor(session, match[1], bucket + offset) === token) return 'ok';
    }
    return 'invalid';
  }

  private tokenFor(session: Session, salt: string, bucket: number): string {
    const digest = createHmac('sha256', this.secret).update(`${salt}:${session.key}:${bucket}`).digest('hex');
    return `B@${salt}${digest.slice(0, 16)}`;
  }
}
