// Extension pages' channel to the worker (popup, options, the in-banner assign frame). Replies are parsed
// against the schema the caller expects, so a reply from an older worker shows an error instead of crashing.
import type * as z from 'zod/mini';
import { receiveReply, type PageRequest, type Reply } from '../messages';
import { sendToWorker } from './page-runtime';

export type Transport = (request: PageRequest) => Promise<unknown>;

let transport: Transport = sendToWorker;

/** Tests replace the worker with a function; the schemas still run on whatever it returns. */
export function setTransport(replacement: Transport): void {
  transport = replacement;
}

export function call<T extends z.core.$ZodType>(request: PageRequest, data: T): Promise<Reply<z.infer<T>>> {
  return receiveReply(() => transport(request), data, "Steward's background is not answering");
}
