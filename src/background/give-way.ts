// Long work in the worker (a first poll of a thousand tasks) gives way to queued messages, a page
// view's question first of all, so that no stretch of it runs much longer than SLICE_MS.
//
// The way back is a MessageChannel message, not setTimeout(0), which browsers stretch to 4 ms once
// timers nest (a poll yielding a thousand times would wait four seconds), and not scheduler.yield(),
// whose continuation runs ahead of tasks already queued: the very messages it should let through.

/** The longest the worker keeps at one stretch of long work before it lets other messages run. */
export const SLICE_MS = 8;

let sliceStart = 0;

/** Resolves after every task queued before it (messages, IndexedDB events) has had its turn. */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      sliceStart = performance.now();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Gives way when the work has run SLICE_MS since it last did; otherwise goes on at once. */
export function giveWay(): Promise<void> | undefined {
  return performance.now() - sliceStart >= SLICE_MS ? yieldToEvents() : undefined;
}

/**
 * Runs `write` for each item inside one IndexedDB transaction, giving way between slices by awaiting
 * the transaction's own latest request: a transaction stays open while its requests run, so the writes
 * stay one atomic whole, while messages queued meanwhile get their turn.
 */
export async function slicedWrites<T>(
  items: Iterable<T>,
  write: (item: T) => Promise<unknown>,
): Promise<void> {
  let start = performance.now();
  for (const item of items) {
    const request = write(item);
    if (performance.now() - start >= SLICE_MS) {
      await request;
      start = performance.now();
    }
  }
}
