// One listener, one place that decides what each sender may ask. Handlers never see unvalidated input.
import type { Runtime } from 'webextension-polyfill';
import { contentRequestSchema, pageRequestSchema, type PageRequest, type Reply } from '../messages';
import {
  classifySender,
  isReviewPage,
  isTopLevelPage,
  mayActOn,
  pageTaskId,
  type SenderTrust,
} from './sender';

// Requests a framed extension page (the assign frame) may send, for the instance that frames it.
const FRAME_REQUESTS = new Set<PageRequest['type']>([
  'hello',
  'task/context-on',
  'process-owner/assign',
  'task/watch-on',
]);

// What the review page needs: the instance list, its own reads, and a way to the options page. No
// settings/save, import, token writes or assignments: a page that only reads needs none of them.
const REVIEW_REQUESTS = new Set<PageRequest['type']>([
  'review/first',
  'review/open',
  'review/fetch',
  'review/resolved',
  'ui/open-options',
]);

function scopeProblem(request: PageRequest, trust: SenderTrust): string | null {
  if (trust.kind === 'content-script') {
    // Content requests carry no instance (it is the sender's), and may name only the task the tab shows.
    return 'taskId' in request && request.taskId !== pageTaskId(trust)
      ? 'A page may ask only about its own task.'
      : null;
  }
  if (isTopLevelPage(trust)) return null;
  if (isReviewPage(trust)) return REVIEW_REQUESTS.has(request.type) ? null : 'The review page may only read.';
  if (!FRAME_REQUESTS.has(request.type)) return "Only Steward's own pages may do this.";
  const instance = 'instance' in request ? (request.instance ?? null) : null;
  return instance === null || mayActOn(trust, instance)
    ? null
    : 'This frame may act only for the page that shows it.';
}

export type Handlers = {
  [K in PageRequest['type']]: (
    request: Extract<PageRequest, { type: K }>,
    sender: SenderTrust,
  ) => Promise<unknown>;
};

export interface RouterDeps {
  extensionId: string;
  extensionBaseUrl: string;
  handlers: Handlers;
}

export function createRouter(deps: RouterDeps) {
  return async function route(message: unknown, sender: Runtime.MessageSender): Promise<Reply<unknown>> {
    const trust = classifySender(sender, deps.extensionId, deps.extensionBaseUrl);
    if (trust === null) return fail('forbidden', 'Messages are accepted only from Steward itself.');
    const schema = trust.kind === 'extension-page' ? pageRequestSchema : contentRequestSchema;
    const parsed = schema.safeParse(message);
    if (!parsed.success) {
      const type =
        typeof message === 'object' && message !== null && 'type' in message ? String(message.type) : '?';
      return fail('bad-request', `Request "${type}" is not allowed from here or is malformed.`);
    }
    const request = parsed.data as PageRequest;
    const scope = scopeProblem(request, trust);
    if (scope) return fail('forbidden', scope);
    const handler = deps.handlers[request.type] as (r: PageRequest, s: SenderTrust) => Promise<unknown>;
    try {
      return { ok: true, data: await handler(request, trust) };
    } catch (error) {
      return toFailure(error);
    }
  };
}

export class HandlerError extends Error {
  constructor(
    readonly kind: Exclude<Reply<never>, { ok: true }>['error']['kind'],
    message: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'HandlerError';
  }
}

function fail(kind: HandlerError['kind'], message: string): Reply<never> {
  return { ok: false, error: { kind, message } };
}

function toFailure(error: unknown): Reply<never> {
  if (error instanceof HandlerError)
    return { ok: false, error: { kind: error.kind, message: error.message, retryable: error.retryable } };
  const message = error instanceof Error ? error.message : String(error);
  return fail('internal', `Steward hit an unexpected problem: ${message}`);
}
