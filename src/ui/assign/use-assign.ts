// Posting the assignment: once per confirm intent, never while a post is in flight, never again after
// success. The requestId lets the worker recognise a repeat (a retry after a lost reply) and not post it.
import { useRef, useState } from 'preact/hooks';
import { assignReply, type AssignReply, type ReplyError } from '../../messages';
import { call } from '../rpc';
import { newRequestId } from './assign-choices';

export type AssignPhase =
  | { kind: 'idle' }
  | { kind: 'posting'; username: string }
  | { kind: 'failed'; error: ReplyError; username: string }
  | { kind: 'done'; username: string };

export interface AssignTarget {
  instance: string;
  taskId: number;
  expectedDateModified: number | null;
}

export interface ConfirmOptions {
  /** After "task changed": a new intent that accepts the task as it is now. */
  acceptChanges?: boolean;
}

export function useAssign(target: AssignTarget, onDone: (reply: AssignReply) => void) {
  const [phase, setPhase] = useState<AssignPhase>({ kind: 'idle' });
  // Refs, not state: two clicks in one frame both run before any re-render.
  const busy = useRef(false);
  const finished = useRef(false);
  const intent = useRef<{ key: string; requestId: string; acceptChanges: boolean } | null>(null);
  // The task's dateModified the worker last refused as changed: once the panel shows the task as read
  // again (a newer one), "Confirm again" is guarded by that one, so a change made after it is not lost.
  const refusedAt = useRef<number | null>(null);

  /** Resolves with where the post ended, or null when this confirm was ignored. */
  async function confirm(
    username: string,
    note: string,
    options: ConfirmOptions = {},
  ): Promise<AssignPhase | null> {
    if (busy.current || finished.current) return null;
    busy.current = true;
    const key = `${username}\u0000${note}`;
    if (intent.current === null || intent.current.key !== key || options.acceptChanges) {
      intent.current = {
        key,
        requestId: newRequestId(),
        // "Confirm again" accepts the changes it was shown, not those of a later choice.
        acceptChanges: options.acceptChanges ?? false,
      };
    }
    const { requestId, acceptChanges } = intent.current;
    const shown = target.expectedDateModified;
    const guard = shown === null || (acceptChanges && shown === refusedAt.current) ? null : shown;
    setPhase({ kind: 'posting', username });
    const reply = await call(
      {
        type: 'process-owner/assign',
        instance: target.instance,
        taskId: target.taskId,
        username,
        note,
        ...(guard !== null ? { expectedDateModified: guard } : {}),
        requestId,
      },
      assignReply,
    );
    busy.current = false;
    if (reply.ok) {
      finished.current = true;
      setPhase({ kind: 'done', username });
      onDone(reply.data);
      return { kind: 'done', username };
    }
    // The worker posted nothing for a task that moved on: the next confirm is a new intent.
    if (reply.error.kind === 'task-changed') {
      intent.current = null;
      refusedAt.current = shown;
    }
    const failed: AssignPhase = { kind: 'failed', error: reply.error, username };
    setPhase(failed);
    return failed;
  }

  return { phase, confirm };
}
