// One write to the worker at a time per control: a second click while the first is on its way is ignored,
// and a failure is kept for the control to show in place.
import { useCallback, useRef, useState } from 'preact/hooks';
import * as z from 'zod/mini';
import type { PageRequest, Reply, ReplyError } from '../messages';
import { call } from '../ui/rpc';

export function useSend() {
  const busy = useRef(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ReplyError | null>(null);

  /** The reply, or null when an earlier send is still on its way and this one was dropped. */
  const send = useCallback(async (request: PageRequest): Promise<Reply<unknown> | null> => {
    if (busy.current) return null;
    busy.current = true;
    setPending(true);
    setError(null);
    const reply = await call(request, z.unknown());
    busy.current = false;
    setPending(false);
    if (!reply.ok) setError(reply.error);
    return reply;
  }, []);

  return { send, pending, error, clearError: () => setError(null) };
}
